import type { Definition, Field } from './definition';
import { correctionEvent, groupActivityCorrectedEvent, groupActivityEvent, noteEvent, voidEvent } from './history';

/**
 * Pseudonymisation (AVG art. 17 on request, or when the retention period has ended): what names
 * or describes the person is replaced, what reports count stays. Text fields marked personal
 * (name, address, phone, the help asked for, reasons in words) get the case's pseudonym; a
 * personal date (a birth date) is removed; a personal choice (an enum, a number, a yes/no, a list
 * of options) is kept, since the report's groups count it and alone it names nobody. Free text of
 * the history (a note, the reason of a correction or a void) is replaced too.
 */
export function pseudonymOf(caseId: string): string {
  // The case's id is random: the pseudonym tells nothing of the person.
  return `Pseudoniem ${caseId.slice(0, 8)}`;
}

export const erasedText = '[gepseudonimiseerd]';

type Kept = { keep: true } | { keep: false; value?: unknown };

function replace(field: Field | undefined, value: unknown, pseudonym: string): Kept {
  if (!field?.personal || value === undefined) return { keep: true };
  switch (field.type) {
    case 'string':
      return { keep: false, value: pseudonym };
    case 'text':
      return { keep: false, value: erasedText };
    case 'date':
      return { keep: false };
    case 'list':
      return field.options ? { keep: true } : { keep: false, value: [erasedText] };
    default:
      return { keep: true };
  }
}

/** A case's data with its personal fields pseudonymised. */
export function pseudonymiseData(
  def: Definition,
  data: Record<string, unknown>,
  pseudonym: string,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) {
    const r = replace(def.fields[k], v, pseudonym);
    if (r.keep) out[k] = v;
    else if (r.value !== undefined) out[k] = r.value;
  }
  return out;
}

/**
 * The personal fields a pseudonymised case's data holds anew: those pseudonymisation would
 * change again. A pseudonymised case's data is its own pseudonymisation, so any such field was
 * written after it (a correction, a form), and would bring back what was erased.
 */
export function personalFieldsWritten(def: Definition, data: Record<string, unknown>, pseudonym: string): string[] {
  const erased = pseudonymiseData(def, data, pseudonym);
  return Object.keys(data).filter((k) => JSON.stringify(erased[k]) !== JSON.stringify(data[k]));
}

// Parts of a surname that are words of the language too ("van" in "Sanne van Dijk").
const nameParticles = new Set([
  'van',
  'der',
  'den',
  'ter',
  'ten',
  'het',
  'des',
  'von',
  'bin',
  'ben',
  'dos',
  'das',
  'del',
]);

/**
 * Free text about several people (a group activity's evaluation) with one person's words taken
 * out: each personal value of their case, and each word of it of three letters or more (a
 * docent writes "Sanne", not "Sanne de Vries"), becomes their pseudonym. The rest stays, since
 * it is about the others too.
 */
export function withoutPersonOf(
  def: Definition,
  data: Record<string, unknown>,
  text: string,
  pseudonym: string,
): string {
  const words = new Set<string>();
  for (const [k, v] of Object.entries(data)) {
    const field = def.fields[k];
    if (!field?.personal || typeof v !== 'string' || !v.trim()) continue;
    words.add(v.trim());
    // A name's or address's words; a long text's words are the language itself.
    if (field.type === 'string')
      for (const w of v.split(/[^\p{L}\p{N}'-]+/u))
        if (w.length >= 3 && !nameParticles.has(w.toLowerCase())) words.add(w);
  }
  // Longest first, so a whole name goes before its parts.
  const escaped = [...words].sort((a, b) => b.length - a.length).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  if (!escaped.length) return text;
  return text.replace(new RegExp(`(?<![\\p{L}\\p{N}])(?:${escaped.join('|')})(?![\\p{L}\\p{N}])`, 'giu'), pseudonym);
}

/** One history row's data pseudonymised like the case's (its values, a correction's before and after, free text). */
export function pseudonymiseHistoryData(
  def: Definition,
  row: { event: string; data: Record<string, unknown> },
  pseudonym: string,
): Record<string, unknown> {
  if (row.event === correctionEvent || row.event === voidEvent) {
    const out: Record<string, unknown> = { ...row.data };
    if ('reason' in out) out.reason = erasedText;
    const field = def.fields[String(row.data.field)];
    for (const side of ['from', 'to'] as const) {
      if (!(side in out)) continue;
      const r = replace(field, out[side], pseudonym);
      if (r.keep) continue;
      if (r.value === undefined) delete out[side];
      else out[side] = r.value;
    }
    return out;
  }
  const out = pseudonymiseData(def, row.data, pseudonym);
  if (row.event === noteEvent && 'text' in out) out.text = erasedText;
  // The group's record keeps its evaluation (withoutPersonOf); their own history needs none.
  if (row.event === groupActivityEvent || row.event === groupActivityCorrectedEvent)
    for (const text of ['evaluation', 'reason'] as const) if (text in out) out[text] = erasedText;
  return out;
}
