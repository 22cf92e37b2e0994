import { noteHidden, say, sortByShownName, stateLabel, titleFor, type Locale, type Viewer } from '../../engine';
import type { PresenceRecord } from '../commands/presence';
import type { PresenceEntryT, PresenceStatusT, PresenceViewT } from '../contract';
import { nameOf, type Names } from './users';

/** One student on one day, as the API shows it; the note only to whoever may see the student's data. */
export function presentEntry(
  { student: s, attendance: a }: PresenceRecord,
  who: Viewer,
  locale: Locale,
  names: Names,
): PresenceEntryT {
  const note = a?.note ? (noteHidden(s.def, who) ? { hidden: ['note' as const] } : { note: a.note }) : {};
  return {
    caseId: s.c.id,
    name: titleFor(s.def, s.c, who, locale),
    state: s.c.state,
    stateLabel: say(stateLabel(s.def, s.c.state), locale),
    ...(a
      ? {
          status: a.status as PresenceStatusT,
          ...note,
          recordedBy: a.recordedBy,
          recordedByName: nameOf(names, a.recordedBy, locale),
          recordedAt: a.recordedAt.toISOString(),
          ...(a.calledAt
            ? {
                calledAt: a.calledAt.toISOString(),
                calledBy: a.calledBy ?? '',
                calledByName: nameOf(names, a.calledBy ?? '', locale),
              }
            : {}),
        }
      : {}),
  };
}

/** The day's list by the name the caller sees, with its counts, and who to phone: absent without notice and not called yet. */
export function presentPresence(
  list: { day: string; students: PresenceRecord[] },
  who: Viewer,
  locale: Locale,
  names: Names,
): PresenceViewT {
  const entries = sortByShownName(
    list.students.map((r) => presentEntry(r, who, locale, names)),
    (e) => ({ name: e.name, id: e.caseId }),
    locale,
  );
  const count = (status: PresenceStatusT) => entries.filter((e) => e.status === status).length;
  return {
    day: list.day,
    students: entries,
    counts: {
      total: entries.length,
      present: count('aanwezig') + count('te-laat'),
      aanwezig: count('aanwezig'),
      'te-laat': count('te-laat'),
      afgemeld: count('afgemeld'),
      afwezig: count('afwezig'),
      open: entries.filter((e) => !e.status).length,
    },
    calls: entries.filter((e) => e.status === 'afwezig' && !e.calledAt),
  };
}
