import {
  hiddenFields,
  noteHidden,
  say,
  sortByShownName,
  stateLabel,
  titleFor,
  type Locale,
  type Viewer,
} from '../../engine';
import type { MeetingEntry } from '../commands/meeting';
import type { MeetingRowT } from '../contract';
import { nameOf, type Names } from './users';

/**
 * One student of the progress meeting; the catch-up plan only for whoever may see that field,
 * the last note's text only for whoever may see the student's personal data.
 */
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
            ...(noteHidden(def, who) ? { hidden: ['text' as const] } : { text: String(lastNote.data.text) }),
            at: lastNote.at.toISOString(),
            by: lastNote.actor,
            byName: nameOf(names, lastNote.actor, locale),
          },
        }
      : {}),
  };
}

/** The meeting's list, by the name the caller sees. */
export function presentMeeting(
  entries: MeetingEntry[],
  who: Viewer,
  locale: Locale,
  names: Names,
): { items: MeetingRowT[] } {
  return {
    items: sortByShownName(
      entries.map((e) => presentMeetingRow(e, who, locale, names)),
      (r) => ({ name: r.title, id: r.id }),
      locale,
    ),
  };
}
