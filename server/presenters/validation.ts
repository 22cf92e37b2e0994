import type { Message } from '../../engine';

/** What ajv says about one value that does not fit the schema (its ErrorObject, the parts we read). */
export interface SchemaError {
  keyword: string;
  instancePath: string;
  schemaPath: string;
  params: Record<string, unknown>;
}

const typeNames: Record<string, Message> = {
  string: { nl: 'tekst', en: 'text' },
  integer: { nl: 'een geheel getal', en: 'a whole number' },
  number: { nl: 'een getal', en: 'a number' },
  boolean: { nl: 'true of false', en: 'true or false' },
  object: { nl: 'een object', en: 'an object' },
  array: { nl: 'een lijst', en: 'a list' },
  null: { nl: 'null', en: 'null' },
};

const formatNames: Record<string, Message> = {
  date: { nl: 'een datum (jjjj-mm-dd)', en: 'a date (yyyy-mm-dd)' },
  'date-time': { nl: 'een datum met tijd (ISO 8601)', en: 'a date with time (ISO 8601)' },
  email: { nl: 'een e-mailadres', en: 'an e-mail address' },
  uri: { nl: 'een webadres', en: 'a web address' },
};

const either = (names: Message[]): Message => ({
  nl: names.map((n) => n.nl).join(' of '),
  en: names.map((n) => n.en).join(' or '),
});

const typesOf = (type: unknown): Message =>
  either(
    String(type)
      .split(',')
      .map((t) => typeNames[t] ?? { nl: t, en: t }),
  );

/** One schema error in words; what it names (a missing or unknown property) joins the path. */
function inWords(e: SchemaError): { name?: string; message: Message } {
  const p = e.params;
  const n = p.limit as number;
  switch (e.keyword) {
    case 'required':
      return {
        name: String(p.missingProperty),
        message: {
          nl: `verplicht veld '${p.missingProperty}' ontbreekt`,
          en: `required field '${p.missingProperty}' is missing`,
        },
      };
    case 'additionalProperties':
      return {
        name: String(p.additionalProperty),
        message: { nl: `onbekend veld '${p.additionalProperty}'`, en: `unknown field '${p.additionalProperty}'` },
      };
    case 'type': {
      const t = typesOf(p.type);
      return { message: { nl: `moet ${t.nl} zijn`, en: `must be ${t.en}` } };
    }
    case 'minLength':
      return {
        message:
          n === 1
            ? { nl: 'mag niet leeg zijn', en: 'must not be empty' }
            : { nl: `moet minstens ${n} tekens lang zijn`, en: `must be at least ${n} characters long` },
      };
    case 'maxLength':
      return { message: { nl: `mag hoogstens ${n} tekens lang zijn`, en: `must be at most ${n} characters long` } };
    case 'minimum':
      return { message: { nl: `moet minstens ${n} zijn`, en: `must be at least ${n}` } };
    case 'maximum':
      return { message: { nl: `mag hoogstens ${n} zijn`, en: `must be at most ${n}` } };
    case 'exclusiveMinimum':
      return { message: { nl: `moet groter dan ${n} zijn`, en: `must be greater than ${n}` } };
    case 'exclusiveMaximum':
      return { message: { nl: `moet kleiner dan ${n} zijn`, en: `must be less than ${n}` } };
    case 'minItems':
      return { message: { nl: `moet minstens ${n} items hebben`, en: `must have at least ${n} items` } };
    case 'maxItems':
      return { message: { nl: `mag hoogstens ${n} items hebben`, en: `must have at most ${n} items` } };
    case 'minProperties':
      return { message: { nl: `moet minstens ${n} velden hebben`, en: `must have at least ${n} fields` } };
    case 'maxProperties':
      return { message: { nl: `mag hoogstens ${n} velden hebben`, en: `must have at most ${n} fields` } };
    case 'pattern':
      return {
        message: {
          nl: `heeft niet de verwachte vorm (${p.pattern})`,
          en: `does not have the expected form (${p.pattern})`,
        },
      };
    case 'format': {
      const f = formatNames[String(p.format)] ?? { nl: String(p.format), en: String(p.format) };
      return { message: { nl: `moet ${f.nl} zijn`, en: `must be ${f.en}` } };
    }
    case 'enum':
    case 'const': {
      const values = (p.allowedValues as unknown[] | undefined) ?? [p.allowedValue];
      return { message: choose(values) };
    }
    default:
      return { message: { nl: `ongeldige waarde (${e.keyword})`, en: `invalid value (${e.keyword})` } };
  }
}

const choose = (values: unknown[]): Message => {
  const list = values.map((v) => String(v)).join(', ');
  return { nl: `kies uit: ${list}`, en: `choose from: ${list}` };
};

/**
 * One union (anyOf) that no alternative fits, said once: the values to choose from when its
 * alternatives are values (a TypeBox union of literals), else the types it takes ("tekst of
 * null"), else that the value fits none of its forms.
 */
function unionInWords(alternatives: SchemaError[]): Message {
  const own = alternatives.filter((a) => a.keyword !== 'anyOf');
  if (own.length && own.every((a) => a.keyword === 'const' || a.keyword === 'enum'))
    return choose(own.flatMap((a) => (a.params.allowedValues as unknown[] | undefined) ?? [a.params.allowedValue]));
  if (own.length && own.every((a) => a.keyword === 'type')) {
    const t = either(own.map((a) => typesOf(a.params.type)));
    return { nl: `moet ${t.nl} zijn`, en: `must be ${t.en}` };
  }
  return { nl: 'past bij geen van de toegestane vormen', en: 'fits none of the allowed forms' };
}

/**
 * What ajv found, as the details of a 400: one per property, with its path under the part of the
 * request (`body.foo`, `querystring.limit`) and a message in both languages, so every client
 * reads Dutch unless it asks for English. ajv's own text is English and, for an unknown property,
 * does not name it.
 */
export function validationDetails(errors: SchemaError[], part: string): { path: string; message: Message }[] {
  const unions = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  const inUnion = (e: SchemaError) => unions.some((u) => e !== u && e.schemaPath.startsWith(`${u.schemaPath}/`));
  const out: { path: string; message: Message }[] = [];
  for (const e of errors) {
    // An alternative of a union is said with its union; a union inside one with the outer one.
    if (inUnion(e)) continue;
    const said = unions.includes(e)
      ? { message: unionInWords(errors.filter((a) => a.schemaPath.startsWith(`${e.schemaPath}/`))) }
      : inWords(e);
    const inner = e.instancePath
      .split('/')
      .filter(Boolean)
      .map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
    const at = [part, ...inner, ...(said.name ? [said.name] : [])].join('.');
    if (!out.some((d) => d.path === at && d.message.nl === said.message.nl))
      out.push({ path: at, message: said.message });
  }
  return out;
}
