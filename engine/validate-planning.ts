import { transitionsOf, type Definition, type Field, type FieldType, type Planning } from './definition';
import { isHalfDay } from './halfdays';
import { problem, type Problem } from './problem';
import { indexStates, kind, type StateEntry } from './tree';

/**
 * The validator's part on planning: the fields `planning` names exist and hold what the planning
 * reads (half-days as `ma-ochtend` … `vr-middag`, a phone number as text, a wish as a choice), a
 * matching rule's count is a number, and the steps' `takesClients` and `atSite` are said where a
 * student can stay and where the workflow has a planning to read them.
 */

const wants: Record<keyof Planning, { types: FieldType[]; nl: string; en: string }> = {
  halfDaysField: { types: ['list'], nl: 'een lijst met dagdelen', en: 'a list of half-days' },
  phoneField: { types: ['string'], nl: 'een tekst (telefoonnummer)', en: 'a text (phone number)' },
  emergencyField: { types: ['string', 'text'], nl: 'een tekst', en: 'a text' },
  addressField: { types: ['string', 'text'], nl: 'een tekst', en: 'a text' },
  wishField: { types: ['enum'], nl: 'een keuze', en: 'a choice' },
  helpField: { types: ['enum', 'list'], nl: 'een keuze of lijst', en: 'a choice or a list' },
};

function fieldOf(
  def: Definition,
  name: string,
  path: string,
  types: FieldType[],
  nl: string,
  en: string,
  out: Problem[],
) {
  const field: Field | undefined = def.fields[name];
  if (!field) out.push(problem(path, `Onbekend veld '${name}'`, `Unknown field '${name}'`));
  else if (!types.includes(field.type))
    out.push(problem(path, `Veld '${field.label.nl}' moet ${nl} zijn`, `Field '${name}' must be ${en}`));
  return field;
}

export function planningProblems(def: Definition, statePath: (e: StateEntry) => string, out: Problem[]) {
  const p = def.planning;
  if (p) {
    for (const key of Object.keys(wants) as (keyof Planning)[]) {
      const name = p[key];
      if (!name) continue;
      const w = wants[key];
      const field = fieldOf(def, name, `planning.${key}`, w.types, w.nl, w.en, out);
      if (key === 'halfDaysField' && field?.type === 'list') {
        const odd = (field.options ?? []).map((o) => o.value).filter((v) => !isHalfDay(v));
        if (!field.options?.length || odd.length)
          out.push(
            problem(
              `planning.${key}`,
              `De keuzes van '${field.label.nl}' moeten dagdelen zijn (ma-ochtend … vr-middag)${odd.length ? `, niet: ${odd.join(', ')}` : ''}`,
              `The options of '${name}' must be half-days (ma-ochtend … vr-middag)${odd.length ? `, not: ${odd.join(', ')}` : ''}`,
            ),
          );
      }
    }
  }
  const index = indexStates(def);
  for (const entry of index.byPath.values()) {
    const at = statePath(entry);
    for (const flag of ['takesClients', 'atSite'] as const) {
      if (entry.config.meta?.[flag] === undefined) continue;
      const k = kind(entry.config);
      if (k === 'final' || k === 'history')
        out.push(
          problem(
            `${at}.meta.${flag}`,
            'Alleen een stap waarin een student kan blijven, zegt waar de student is',
            'Only a step a student can stay in says where the student is',
          ),
        );
      else if (!p)
        out.push(
          problem(
            `${at}.meta.${flag}`,
            'Deze stap zegt waar de student is, maar de workflow heeft geen planning (planning)',
            'This step says where the student is, but the workflow has no planning (planning)',
            'warning',
          ),
        );
    }
    for (const [type, t] of Object.entries(entry.config.on ?? {})) {
      transitionsOf(t).forEach((tr, i) => {
        const count = tr.meta?.exclusive?.count;
        if (!count) return;
        const path = `${at}.on.${type}${Array.isArray(t) ? `.${i}` : ''}.meta.exclusive.count`;
        const field = fieldOf(def, count, path, ['number', 'enum'], 'een getal', 'a number', out);
        if (field?.type === 'enum' && field.options?.some((o) => !/^[1-9][0-9]?$/.test(o.value)))
          out.push(
            problem(
              path,
              `De keuzes van '${field.label.nl}' moeten aantallen zijn (1, 2, 3 …)`,
              `The options of '${count}' must be numbers (1, 2, 3 …)`,
            ),
          );
      });
    }
  }
  def.reports?.care?.activeIn?.forEach((path, i) => {
    if (!index.byPath.has(path))
      out.push(problem(`reports.care.activeIn.${i}`, `Onbekende stap '${path}'`, `Unknown step '${path}'`));
  });
}
