import { transitionsOf, type Definition } from './definition';
import { problem, type Problem } from './problem';
import { indexStates, kind, stateLabel } from './tree';

const statePath = (path: string) => (path ? `machine.states.${path.split('.').join('.states.')}` : 'machine');

/** The ordinal of a repeat, so that the problems about the same name still differ: "2e", "3e". */
const nth = (n: number) => ({ nl: `${n}e`, en: n === 2 ? '2nd' : n === 3 ? '3rd' : `${n}th` });

/**
 * Names a person tells things apart by, given twice: two steps with the same full name, two
 * actions of one step with the same name, two fields or two sign-off items of one step alike.
 * Each repeat is a problem at the name to change, saying which repeat it is.
 */
export function duplicateNames(def: Definition, out: Problem[]) {
  const repeats = <T>(items: T[], name: (t: T) => string | undefined, report: (t: T, n: number) => void) => {
    const seen = new Map<string, number>();
    for (const item of items) {
      const key = name(item)?.trim().toLowerCase();
      if (!key) continue;
      const n = (seen.get(key) ?? 0) + 1;
      seen.set(key, n);
      if (n > 1) report(item, n);
    }
  };
  const index = indexStates(def);
  const steps = [...index.byPath.values()].filter((e) => kind(e.config) !== 'history' && e.config.meta?.label?.nl);
  repeats(
    steps,
    (e) => stateLabel(def, e.path).nl,
    (e, n) => {
      const name = stateLabel(def, e.path);
      out.push(
        problem(
          `${statePath(e.path)}.meta.label.nl`,
          `Twee stappen heten '${name.nl.trim()}' (dit is de ${nth(n).nl}): geef elke stap een eigen naam`,
          `Two steps are called '${name.en.trim()}' (this is the ${nth(n).en}): give each step a name of its own`,
        ),
      );
    },
  );
  for (const entry of [index.root, ...index.byPath.values()]) {
    const actions = Object.entries(entry.config.on ?? {}).map(([event, t]) => ({
      event,
      label: transitionsOf(t)[0]?.meta?.label?.nl,
      listed: Array.isArray(t),
    }));
    const where = entry.path ? `stap '${stateLabel(def, entry.path).nl}'` : 'elke stap';
    const whereEn = entry.path ? `step '${stateLabel(def, entry.path).en}'` : 'every step';
    repeats(
      actions,
      (a) => a.label,
      (a, n) =>
        out.push(
          problem(
            `${statePath(entry.path)}.on.${a.event}${a.listed ? '.0' : ''}.meta.label.nl`,
            `Twee acties in ${where} heten '${a.label}' (dit is de ${nth(n).nl}): geef elke actie een eigen naam`,
            `Two actions in ${whereEn} are called '${a.label}' (this is the ${nth(n).en}): give each action a name of its own`,
          ),
        ),
    );
    const items = (entry.config.meta?.checklist ?? []).map((item, i) => ({ label: item.label.nl, i }));
    repeats(
      items,
      (x) => x.label,
      (x, n) =>
        out.push(
          problem(
            `${statePath(entry.path)}.meta.checklist.${x.i}.label.nl`,
            `Twee aftekenpunten in ${where} heten '${x.label}' (dit is de ${nth(n).nl})`,
            `Two sign-off items in ${whereEn} are called '${x.label}' (this is the ${nth(n).en})`,
          ),
        ),
    );
  }
  repeats(
    Object.entries(def.fields),
    ([, f]) => f.label.nl,
    ([name, f], n) =>
      out.push(
        problem(
          `fields.${name}.label.nl`,
          `Twee velden heten '${f.label.nl}' (dit is de ${nth(n).nl}): een formulier zou ze niet uit elkaar houden`,
          `Two fields are called '${f.label.en || f.label.nl}' (this is the ${nth(n).en}): a form could not tell them apart`,
        ),
      ),
  );
}
