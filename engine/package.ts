import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { sha256Hex, utf8Length } from './bytes';
import { canonicalJson } from './canonical';
import { DefinitionSchema, type Definition } from './definition';
import { definitionLimits, sizeProblem, unsafeValues } from './limits';
import { problem, type Problem } from './problem';
import { structureProblems, validateDefinition } from './validate';

/**
 * A workflow package: one workflow definition as one site hands it to another, with where it
 * came from and a checksum. docs/sharing.md explains it for people; docs/package.schema.json is
 * generated from the schema below.
 */
export const packageFormat = 'wlb-workflow-package';
export const packageFormatVersion = 1;

const SiteKeyVersion = {
  site: Type.String({
    pattern: '^[a-z0-9][a-z0-9-]*$',
    maxLength: 60,
    description: 'The WijkLeerbedrijf (site id), e.g. "venray"',
  }),
  key: Type.String({ pattern: '^[a-z][a-z0-9-]*$', maxLength: 60, description: 'The workflow key at that site' }),
  version: Type.Integer({ minimum: 1, description: 'The published version at that site' }),
};

export const BasedOnSchema = Type.Object(SiteKeyVersion, {
  additionalProperties: false,
  description: 'The package this workflow was derived from',
});
export type BasedOn = Static<typeof BasedOnSchema>;

/** What a site keeps of the package its variant came from: the base of a later three-way merge. */
export type Upstream = BasedOn & { sha256: string; definition: Definition };

export const ProvenanceSchema = Type.Object(
  {
    ...SiteKeyVersion,
    exportedAt: Type.String({
      maxLength: 40,
      pattern: '^\\d{4}-\\d{2}-\\d{2}T',
      description: 'When the package was made (ISO 8601)',
    }),
    basedOn: Type.Union([BasedOnSchema, Type.Null()]),
  },
  { additionalProperties: false },
);
export type Provenance = Static<typeof ProvenanceSchema>;

function packageSchemaWith<D extends TSchema>(definition: D) {
  return Type.Object(
    {
      format: Type.Literal(packageFormat),
      formatVersion: Type.Literal(packageFormatVersion),
      provenance: ProvenanceSchema,
      sha256: Type.String({
        pattern: '^[0-9a-f]{64}$',
        description: 'SHA-256 (hex) of the canonical JSON of `definition`',
      }),
      definition,
    },
    { additionalProperties: false },
  );
}

/** The whole package, definition included: what docs/package.schema.json says. */
export const PackageSchema = packageSchemaWith(DefinitionSchema);
/** The envelope alone; the definition is judged by the engine's validator, with its own messages. */
const EnvelopeSchema = packageSchemaWith(Type.Unknown());
export type WorkflowPackage = Static<typeof PackageSchema>;

/** The JSON Schema document of a package, for docs/package.schema.json. */
export function packageJsonSchema(): Record<string, unknown> {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://wijkleerbedrijf.nl/schemas/workflow-package-1.json',
    title: 'WijkLeerbedrijf workflow package, format version 1',
    ...(JSON.parse(JSON.stringify(PackageSchema)) as Record<string, unknown>),
  };
}

/** What a package carries: the definition without its site-local version number. */
export function portableDefinition(def: Definition): Definition {
  const { version: _version, ...rest } = def;
  return rest as Definition;
}

export function definitionChecksum(def: Definition): string {
  return sha256Hex(canonicalJson(portableDefinition(def)));
}

export function makePackage(def: Definition, provenance: Omit<Provenance, 'key'>): WorkflowPackage {
  const definition = portableDefinition(def);
  return {
    format: packageFormat,
    formatVersion: packageFormatVersion,
    provenance: {
      site: provenance.site,
      key: def.key,
      version: provenance.version,
      exportedAt: provenance.exportedAt,
      basedOn: provenance.basedOn,
    },
    sha256: definitionChecksum(definition),
    definition,
  };
}

/** The deepest nesting of arrays and objects in a JSON text, found without parsing it. */
function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) max = Math.max(max, ++depth);
    else if (c === 125 || c === 93) depth--;
  }
  return max;
}

/** Keys that would reach an object's prototype if a later step copied the object carelessly. */
const forbiddenKeys = new Set(['__proto__', 'constructor', 'prototype']);

function forbiddenKeyProblems(value: unknown, path: string, out: Problem[]) {
  if (out.length >= 50 || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    value.forEach((v, i) => forbiddenKeyProblems(v, path ? `${path}.${i}` : String(i), out));
    return;
  }
  for (const key of Object.keys(value)) {
    const at = path ? `${path}.${key}` : key;
    if (forbiddenKeys.has(key))
      out.push(problem(at, `De naam '${key}' is niet toegestaan`, `The name '${key}' is not allowed`));
    else forbiddenKeyProblems((value as Record<string, unknown>)[key], at, out);
  }
}

function envelopeProblems(input: unknown): Problem[] {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return [problem('(root)', 'Een pakket is een JSON-object', 'A package is a JSON object')];
  }
  const o = input as Record<string, unknown>;
  if (o.format !== packageFormat) {
    return [
      problem(
        'format',
        `Dit is geen workflowpakket (verwacht format '${packageFormat}')`,
        `This is not a workflow package (expected format '${packageFormat}')`,
      ),
    ];
  }
  if (o.formatVersion !== packageFormatVersion) {
    return [
      problem(
        'formatVersion',
        `Onbekende formaatversie ${JSON.stringify(o.formatVersion)}; deze server leest versie ${packageFormatVersion}`,
        `Unknown format version ${JSON.stringify(o.formatVersion)}; this server reads version ${packageFormatVersion}`,
      ),
    ];
  }
  const out: Problem[] = [];
  for (const e of Value.Errors(EnvelopeSchema, input)) {
    const path = e.path.split('/').slice(1).join('.') || '(root)';
    if (out.some((p) => p.path === path)) continue;
    out.push(problem(path, `Ongeldige waarde: ${e.message}`, `Invalid value: ${e.message}`));
    if (out.length >= 50) break;
  }
  return out;
}

const under = (prefix: string, problems: Problem[]) =>
  problems.map((p) => ({ ...p, path: p.path === '(root)' ? prefix : `${prefix}.${p.path}` }));

export type ReadPackage =
  { ok: true; package: WorkflowPackage; warnings: Problem[] } | { ok: false; problems: Problem[] };

/**
 * Reads a package from its text, refusing at the first layer that is wrong: size, nesting,
 * JSON, forbidden names, the envelope, the definition's structure, the checksum, and finally
 * the definition's meaning as the engine's validator sees it. Every problem has a path.
 */
export function readPackage(text: string): ReadPackage {
  const fail = (problems: Problem[]): ReadPackage => ({ ok: false, problems });
  const size = sizeProblem(utf8Length(text), { nl: 'Het pakket', en: 'The package' });
  if (size) return fail([size]);
  const depth = nestingDepth(text);
  if (depth > definitionLimits.depth) {
    return fail([
      problem(
        '(root)',
        `Het pakket is ${depth} lagen diep genest; meer dan ${definitionLimits.depth} wordt niet gelezen`,
        `The package nests ${depth} levels deep; more than ${definitionLimits.depth} is not read`,
      ),
    ]);
  }
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (err) {
    return fail([
      problem('(root)', `Geen geldige JSON: ${(err as Error).message}`, `Not valid JSON: ${(err as Error).message}`),
    ]);
  }
  const names: Problem[] = [];
  forbiddenKeyProblems(input, '', names);
  if (names.length) return fail(names);
  const unsafe = unsafeValues(input);
  if (unsafe.length) return fail(unsafe);
  return checkPackage(input);
}

/** The same checks on a value already parsed (and known to be free of forbidden names). */
export function checkPackage(input: unknown): ReadPackage {
  const fail = (problems: Problem[]): ReadPackage => ({ ok: false, problems });
  const envelope = envelopeProblems(input);
  if (envelope.length) return fail(envelope);
  const pkg = input as WorkflowPackage;
  const shape = structureProblems(pkg.definition);
  if (shape.length) return fail(under('definition', shape));
  if (pkg.provenance.key !== pkg.definition.key) {
    return fail([
      problem(
        'provenance.key',
        `De herkomst noemt '${pkg.provenance.key}', de workflow heet '${pkg.definition.key}'`,
        `Provenance names '${pkg.provenance.key}', the workflow is '${pkg.definition.key}'`,
      ),
    ]);
  }
  const sum = definitionChecksum(pkg.definition);
  if (sum !== pkg.sha256) {
    return fail([
      problem(
        'sha256',
        'De controlesom klopt niet: het pakket is na het exporteren veranderd of beschadigd',
        'The checksum does not match: the package was changed or damaged after export',
      ),
    ]);
  }
  const problems = validateDefinition(pkg.definition);
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length) return fail(under('definition', errors));
  return {
    ok: true,
    package: pkg,
    warnings: under(
      'definition',
      problems.filter((p) => p.severity === 'warning'),
    ),
  };
}
