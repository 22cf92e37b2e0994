import { formatMonthDay } from './calendar';
import type { Definition } from './definition';
import { describeDuration, parseDuration, type DurationParts } from './duration';
import type { Message } from './text';

/** What a step's `after` key says: a duration, a date field (moved by a duration), or dates in the year. */
export type TimerSpec =
  | { kind: 'duration'; duration: DurationParts; text: string }
  | { kind: 'field'; field: string; offset?: { sign: 1 | -1; duration: string } }
  | { kind: 'dates'; dates: string[] };

/** Reads a timer key ("10w", "@geplandEinde-6mo", "@09-01,02-01"); undefined when it is none. */
export function parseTimerKey(key: string): TimerSpec | undefined {
  const duration = parseDuration(key);
  if (duration) return { kind: 'duration', duration, text: key };
  const dates = /^@(\d{2}-\d{2}(?:,\d{2}-\d{2})*)$/.exec(key);
  if (dates) return { kind: 'dates', dates: dates[1].split(',') };
  const field = /^@([A-Za-z][A-Za-z0-9_-]*?)(?:([+-])(\d[0-9a-z]*))?$/.exec(key);
  if (!field) return undefined;
  if (field[3] === undefined) return { kind: 'field', field: field[1] };
  if (!parseDuration(field[3])) return undefined;
  return { kind: 'field', field: field[1], offset: { sign: field[2] === '-' ? -1 : 1, duration: field[3] } };
}

type Fields = Definition['fields'];

function fieldName(fields: Fields, name: string, lang: 'nl' | 'en'): string {
  const f = fields[name];
  return `'${f ? (lang === 'en' && f.label.en) || f.label.nl : name}'`;
}

/** When a timer fires, in words: "na 10 weken", "6 maanden vóór 'Geplande einddatum'", "op de eerstvolgende 1 september of 1 februari". */
export function describeTimer(def: Pick<Definition, 'fields'>, key: string): Message {
  const spec = parseTimerKey(key);
  if (!spec) return { nl: key, en: key };
  if (spec.kind === 'duration') {
    const d = describeDuration(spec.duration);
    return { nl: `na ${d.nl}`, en: `after ${d.en}` };
  }
  if (spec.kind === 'dates') {
    const list = (lang: 'nl' | 'en', or: string) => {
      const items = spec.dates.map((d) => formatMonthDay(d, lang));
      return items.length > 1 ? `${items.slice(0, -1).join(', ')} ${or} ${items.at(-1)}` : items[0];
    };
    return { nl: `op de eerstvolgende ${list('nl', 'of')}`, en: `on the next ${list('en', 'or')}` };
  }
  const name = { nl: fieldName(def.fields, spec.field, 'nl'), en: fieldName(def.fields, spec.field, 'en') };
  if (!spec.offset) return { nl: `op de datum in ${name.nl}`, en: `on the date in ${name.en}` };
  const d = describeDuration(spec.offset.duration);
  return spec.offset.sign < 0
    ? { nl: `${d.nl} vóór ${name.nl}`, en: `${d.en} before ${name.en}` }
    : { nl: `${d.nl} na ${name.nl}`, en: `${d.en} after ${name.en}` };
}
