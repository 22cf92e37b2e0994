import { say, sortByShownName, stateLabel, titleFor, type Definition, type Locale, type Viewer } from '../../engine';
import type { CaseLinks } from '../commands/links';
import type { CaseLinksT } from '../contract';

function optionLabels(def: Definition, field: string, values: unknown, locale: Locale): string[] {
  const options = def.fields[field]?.options ?? [];
  return (Array.isArray(values) ? values : []).map((v) =>
    say(options.find((o) => o.value === v)?.label, locale, String(v)),
  );
}

const overlapValues = (data: Record<string, unknown>, field: string): string[] =>
  Array.isArray(data[field]) ? (data[field] as string[]) : [];

/** The linked cases by name (as the caller may see it, and sorted so), step, and the half-days that bind them. */
export function presentLinks({ c, def, references, referencedBy }: CaseLinks, who: Viewer, locale: Locale): CaseLinksT {
  const data = c.snapshot.context.data;
  return {
    references: references.map(({ ex, c: ref, def: refDef }) => ({
      field: ex.field,
      label: say(def.fields[ex.field]?.label, locale, ex.field),
      case: {
        id: ref.id,
        title: titleFor(refDef, ref, who, locale),
        stateLabel: say(stateLabel(refDef, ref.state), locale),
      },
      overlap: optionLabels(def, ex.overlap, data[ex.overlap], locale),
      overlapValues: overlapValues(data, ex.overlap),
    })),
    referencedBy: sortByShownName(
      referencedBy.map(({ ex, c: o, def: oDef }) => {
        const od = o.snapshot.context.data;
        return {
          id: o.id,
          title: titleFor(oDef, o, who, locale),
          workflow: say(oDef.title, locale),
          stateLabel: say(stateLabel(oDef, o.state), locale),
          overlap: optionLabels(oDef, ex.overlap, od[ex.overlap], locale),
          overlapValues: overlapValues(od, ex.overlap),
        };
      }),
      (r) => ({ name: r.title, id: r.id }),
      locale,
    ),
  };
}
