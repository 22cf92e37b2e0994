import { Type, type Static } from '@sinclair/typebox';
import { subjects, type Definition, type Field, type FormField } from './definition';
import { problem, type Problem } from './problem';
import { TextSchema } from './text';

const Option = Type.Object({ value: Type.String(), label: TextSchema });

/**
 * One field of a form as JSON Schema, with the `x-` keys a client needs to draw it. Every key the
 * engine emits is named here: the server serializes answers with this schema, so an unnamed key
 * would be dropped on the way out.
 */
export const FormProperty = Type.Object(
  {
    type: Type.Union([Type.Literal('string'), Type.Literal('number'), Type.Literal('boolean'), Type.Literal('array')]),
    title: Type.String({ description: "The field's label in the language asked for" }),
    description: Type.Optional(Type.String()),
    format: Type.Optional(Type.String({ description: '`date` for a calendar day (an app form may add `password`)' })),
    maxLength: Type.Optional(Type.Integer()),
    minimum: Type.Optional(Type.Number()),
    maximum: Type.Optional(Type.Number()),
    enum: Type.Optional(Type.Array(Type.String())),
    items: Type.Optional(
      Type.Object({
        type: Type.Literal('string'),
        enum: Type.Optional(Type.Array(Type.String())),
        maxLength: Type.Optional(Type.Integer()),
      }),
    ),
    uniqueItems: Type.Optional(Type.Boolean()),
    'x-label': Type.Optional(TextSchema),
    'x-personal': Type.Optional(Type.Boolean({ description: 'Holds personal data (AVG)' })),
    'x-multiline': Type.Optional(Type.Boolean({ description: 'A longer text: drawn as a text area' })),
    'x-options': Type.Optional(Type.Array(Option, { description: 'The choices with their labels in both languages' })),
    'x-case-of': Type.Optional(
      Type.Union(
        subjects.map((s) => Type.Literal(s)),
        { description: 'The value is the id of a running case about this subject (e.g. the matched student)' },
      ),
    ),
  },
  { additionalProperties: false },
);
export type FormProperty = Static<typeof FormProperty>;

/** JSON Schema of a form: what a client needs to draw and pre-check it. */
export const FormSchema = Type.Object(
  {
    type: Type.Literal('object'),
    properties: Type.Record(Type.String(), FormProperty),
    required: Type.Array(Type.String()),
    additionalProperties: Type.Literal(false),
  },
  { additionalProperties: false, description: 'JSON Schema of a form, with the x- keys a client draws it by' },
);
export type FormSchema = Static<typeof FormSchema>;

function fieldSchema(field: Field): FormProperty {
  const base = {
    title: field.label.nl,
    'x-label': field.label,
    ...(field.description && { description: field.description.nl }),
    ...(field.personal && { 'x-personal': true }),
  };
  const options = field.options?.map((o) => o.value);
  switch (field.type) {
    case 'string':
      return { ...base, type: 'string', maxLength: 500 };
    case 'text':
      return { ...base, type: 'string', maxLength: 5000, 'x-multiline': true };
    case 'number':
      return {
        ...base,
        type: 'number',
        ...(field.min !== undefined && { minimum: field.min }),
        ...(field.max !== undefined && { maximum: field.max }),
      };
    case 'boolean':
      return { ...base, type: 'boolean' };
    case 'date':
      return { ...base, type: 'string', format: 'date' };
    case 'enum':
      return { ...base, type: 'string', enum: options, 'x-options': field.options };
    case 'list':
      return options
        ? {
            ...base,
            type: 'array',
            items: { type: 'string', enum: options },
            uniqueItems: true,
            'x-options': field.options,
          }
        : { ...base, type: 'array', items: { type: 'string', maxLength: 500 } };
  }
}

const schemas = new WeakMap<Definition, WeakMap<readonly FormField[], FormSchema>>();
const noForm: readonly FormField[] = [];

/** The JSON Schema of a form; computed once per definition and form, as definitions never change. */
export function formSchema(def: Definition, form: readonly FormField[] = noForm): FormSchema {
  let perDef = schemas.get(def);
  if (!perDef) schemas.set(def, (perDef = new WeakMap()));
  let schema = perDef.get(form);
  if (!schema) perDef.set(form, (schema = buildFormSchema(def, form)));
  return schema;
}

function buildFormSchema(def: Definition, form: readonly FormField[]): FormSchema {
  const properties: FormSchema['properties'] = {};
  const required: string[] = [];
  for (const f of form) {
    const field = def.fields[f.field];
    if (!field) continue;
    properties[f.field] = fieldSchema(field);
    if (f.required) required.push(f.field);
  }
  return { type: 'object', properties, required, additionalProperties: false };
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

function checkValue(field: Field, value: unknown): { nl: string; en: string } | undefined {
  const options = field.options?.map((o) => o.value);
  switch (field.type) {
    case 'string':
    case 'text': {
      const max = field.type === 'string' ? 500 : 5000;
      if (typeof value !== 'string') return { nl: 'moet tekst zijn', en: 'must be text' };
      if (value.length > max)
        return { nl: `mag hoogstens ${max} tekens zijn`, en: `must be at most ${max} characters` };
      return undefined;
    }
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value))
        return { nl: 'moet een getal zijn', en: 'must be a number' };
      if (field.min !== undefined && value < field.min)
        return { nl: `moet minstens ${field.min} zijn`, en: `must be at least ${field.min}` };
      if (field.max !== undefined && value > field.max)
        return { nl: `mag hoogstens ${field.max} zijn`, en: `must be at most ${field.max}` };
      return undefined;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : { nl: 'moet ja of nee zijn', en: 'must be yes or no' };
    case 'date':
      return typeof value === 'string' && isoDate.test(value) && !Number.isNaN(Date.parse(value))
        ? undefined
        : { nl: 'moet een datum zijn (jjjj-mm-dd)', en: 'must be a date (yyyy-mm-dd)' };
    case 'enum':
      return typeof value === 'string' && options?.includes(value)
        ? undefined
        : { nl: `moet een van de keuzes zijn: ${options?.join(', ')}`, en: `must be one of: ${options?.join(', ')}` };
    case 'list':
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
        return { nl: 'moet een lijst zijn', en: 'must be a list' };
      if (options && value.some((v) => !options.includes(v)))
        return {
          nl: `bevat een onbekende keuze (kies uit: ${options.join(', ')})`,
          en: `contains an unknown choice (choose from: ${options.join(', ')})`,
        };
      return undefined;
  }
}

function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
}

/**
 * Checks submitted form data against the form's fields. Returns the cleaned values
 * (empty optional fields dropped) and every problem, each with its path (`data.<field>`).
 */
export function validateForm(
  def: Definition,
  form: readonly FormField[] = [],
  data: Readonly<Record<string, unknown>> = {},
): { values: Record<string, unknown>; problems: Problem[] } {
  const problems: Problem[] = [];
  const values: Record<string, unknown> = {};
  const allowed = new Set(form.map((f) => f.field));
  for (const key of Object.keys(data)) {
    if (!allowed.has(key))
      problems.push(
        problem(`data.${key}`, 'Dit veld hoort niet bij dit formulier', 'This field is not part of this form'),
      );
  }
  for (const f of form) {
    const field = def.fields[f.field];
    if (!field) continue;
    const v = data[f.field];
    const name = { nl: field.label.nl, en: field.label.en || field.label.nl };
    if (isEmpty(v)) {
      if (f.required) problems.push(problem(`data.${f.field}`, `${name.nl} is verplicht`, `${name.en} is required`));
      continue;
    }
    const wrong = checkValue(field, v);
    if (wrong) problems.push(problem(`data.${f.field}`, `${name.nl} ${wrong.nl}`, `${name.en} ${wrong.en}`));
    else values[f.field] = typeof v === 'string' ? v.trim() : v;
  }
  return { values, problems };
}

/** A plausible valid value for a field: for filling a form in a simulation or a test. */
export function sampleValue(field: Field): unknown {
  switch (field.type) {
    case 'number':
      return field.min ?? 1;
    case 'boolean':
      return true;
    case 'date':
      return '2026-09-01';
    case 'enum':
      return field.options![0].value;
    case 'list':
      return field.options ? [field.options[0].value] : ['voorbeeld'];
    default:
      return 'voorbeeld';
  }
}
