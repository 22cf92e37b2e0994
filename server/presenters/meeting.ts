import { hiddenFields, say, stateLabel, titleFor, type Locale, type Viewer } from '../../engine';
import type { MeetingEntry } from '../commands/meeting';
import type { MeetingRowT } from '../contract';
import { nameOf, type Names } from './users';

/** One student of the progress meeting; the catch-up plan only for whoever may see that field. */
export function presentMeetingRow(
  { c, def, progress: p, lastNote }: MeetingEntry,
  who: Viewer,
  locale: Locale,
  names: Names,
): MeetingRowT {
  const catchUpField = def.reports?.catchUpField;
  const catchUpHidden = !!catchUpField && hiddenFields(def, who).has(catchUpField);
  const catchUp = catchUpField && !catchUpHidden ? c.snapshot.context.data[catchUpField] : undefined;
  return {
    id: c.id,
    title: titleFor(def, c, who, locale),
    workflow: say(def.title, locale),
    stateLabel: say(stateLabel(def, c.state), locale),
    since: c.snapshot.context.enteredAt,
    progress: {
      signed: p.signed,
      total: p.total,
      behind: p.behind,
      ...(p.plannedEnd ? { plannedEnd: p.plannedEnd } : {}),
      ...(p.elapsed !== undefined ? { elapsed: p.elapsed } : {}),
    },
    ...(typeof catchUp === 'string' && catchUp ? { catchUp } : {}),
    ...(catchUpHidden && c.snapshot.context.data[catchUpField] ? { hidden: [catchUpField] } : {}),
    ...(lastNote
      ? {
          lastNote: {
            text: String(lastNote.data.text),
            at: lastNote.at.toISOString(),
            by: lastNote.actor,
            byName: nameOf(names, lastNote.actor, locale),
          },
        }
      : {}),
  };
}
