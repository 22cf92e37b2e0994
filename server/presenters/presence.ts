import {
  halfDayLabel,
  hiddenFields,
  noteHidden,
  say,
  sortByShownName,
  stateLabel,
  titleFor,
  type Definition,
  type Locale,
  type PlanCase,
  type Viewer,
  type WeekCell,
} from '../../engine';
import type { PresenceList, PresenceRecord } from '../commands/presence';
import type { IPresenceCall } from '../db/entities';
import type {
  AbsenceReasonT,
  CallEntryT,
  CallOutcomeT,
  CallRecordT,
  PresenceEntryT,
  PresenceStatusT,
  PresenceViewT,
} from '../contract';
import { nameOf as personName, type Names } from './users';

/** A case's name as the caller may see it. */
const caseName = (c: PlanCase, who: Viewer, locale: Locale) => titleFor(c.def, c, who, locale);

/** A personal field of a case's planning (phone, address), left out for whoever may not see it. */
export function plannedValue(
  c: { def: Definition; data: Readonly<Record<string, unknown>> },
  field: string | undefined,
  who: Viewer,
): string | undefined {
  if (!field || hiddenFields(c.def, who).has(field)) return undefined;
  const v = c.data[field];
  return typeof v === 'string' && v.trim() ? v : undefined;
}

/** Where the planning puts a student in a part of the day, in words. */
function whereIs(cells: WeekCell[], part: 'ochtend' | 'middag', who: Viewer, locale: Locale): string | undefined {
  const cell = cells.find((c) => c.halfDay.endsWith(`-${part}`));
  if (!cell) return undefined;
  switch (cell.kind) {
    case 'klant': {
      const names = cell.clients.map((s) => caseName(s.client, who, locale)).join(', ');
      return locale === 'en' ? `in the neighbourhood with ${names}` : `in de wijk bij ${names}`;
    }
    case 'les':
      return say(cell.lesson!, locale);
    case 'vrij':
      return locale === 'en' ? 'in the neighbourhood, no client' : 'in de wijk, geen klant';
    case 'gesloten':
      return say(cell.closed!, locale);
    default:
      return undefined;
  }
}

/** One student at one moment of a day, as the API shows it; staff who recorded or phoned by name. */
export function presentEntry(
  r: PresenceRecord,
  who: Viewer,
  locale: Locale,
  names: Names,
  momentAt?: string,
): PresenceEntryT {
  const { student: s, attendance: a } = r;
  const where = whereIs(r.cells, momentAt && momentAt >= '12:00' ? 'middag' : 'ochtend', who, locale);
  // The note is about the student: only to whoever may see the student's data.
  const note = a?.note ? (noteHidden(s.def, who) ? { hidden: ['note' as const] } : { note: a.note }) : {};
  return {
    caseId: s.id,
    name: caseName(s, who, locale),
    state: s.state,
    stateLabel: say(stateLabel(s.def, s.state), locale),
    moment: r.moment,
    expected: r.expected,
    ...(where ? { where } : {}),
    ...(a
      ? {
          status: a.status as PresenceStatusT,
          ...(a.reason ? { reason: a.reason as AbsenceReasonT } : {}),
          ...note,
          recordedBy: a.recordedBy,
          recordedByName: personName(names, a.recordedBy, locale),
          recordedAt: a.recordedAt.toISOString(),
          ...(a.calledAt
            ? {
                calledAt: a.calledAt.toISOString(),
                calledBy: a.calledBy ?? '',
                calledByName: personName(names, a.calledBy ?? '', locale),
              }
            : {}),
        }
      : {}),
    moments: r.rows.length ? r.rows.map((x) => ({ moment: x.moment, status: x.status as PresenceStatusT })) : [],
  };
}

/** A call to a student, with who made it (and who undid it) by name. */
export function presentCall(c: IPresenceCall, names: Names, locale: Locale): CallRecordT {
  return {
    id: c.id,
    caseId: c.case.id,
    day: c.day,
    moment: c.moment,
    outcome: c.outcome as CallOutcomeT,
    by: c.by,
    byName: personName(names, c.by, locale),
    at: c.at.toISOString(),
    undone: !!c.undoneAt,
    ...(c.undoneBy ? { undoneBy: c.undoneBy, undoneByName: personName(names, c.undoneBy, locale) } : {}),
  };
}

/** Rows by the name the caller sees (the engine's screening), for the entries of a list. */
export const byShownName = sortByShownName;
const byEntry = <T extends { name: string; caseId: string }>(rows: T[], locale: Locale) =>
  sortByShownName(rows, (r) => ({ name: r.name, id: r.caseId }), locale);

/** The day's list at a moment with its counts, who to phone (with their numbers) and who waits in vain. */
export function presentPresence(list: PresenceList, who: Viewer, locale: Locale, names: Names): PresenceViewT {
  const at = (key: string) => list.schedule.moments.find((m) => m.key === key);
  const entries = byEntry(
    list.students.map((r) => presentEntry(r, who, locale, names, at(list.moment)?.at)),
    locale,
  );
  const count = (status: PresenceStatusT) => entries.filter((e) => e.status === status).length;
  const calls = list.calls.map((c): CallEntryT => {
    const planning = c.record.student.def.planning;
    const phone = plannedValue(c.record.student, planning?.phoneField, who);
    const emergency = plannedValue(c.record.student, planning?.emergencyField, who);
    const m = at(c.moment);
    return {
      ...presentEntry(c.record, who, locale, names, m?.at),
      why: c.why,
      momentLabel: m ? say(m.label, locale) : c.moment,
      ...(phone ? { phone } : {}),
      ...(emergency ? { emergency } : {}),
      attempts: c.attempts.map((x) => presentCall(x, names, locale)),
    };
  });
  return {
    day: list.day,
    moment: list.moment,
    moments: list.schedule.moments.map((m) => ({
      key: m.key,
      label: say(m.label, locale),
      at: m.at,
      callAfter: m.callAfter,
    })),
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
    calls: byEntry(calls, locale),
    waiting: list.waiting.map((w) => {
      const planning = w.client.def.planning;
      const phone = plannedValue(w.client, planning?.phoneField, who);
      const address = plannedValue(w.client, planning?.addressField, who);
      return {
        caseId: w.client.id,
        name: caseName(w.client, who, locale),
        ...(phone ? { phone } : {}),
        ...(address ? { address } : {}),
        halfDay: w.halfDay,
        halfDayLabel: say(halfDayLabel(w.halfDay), locale),
        student: { caseId: w.student.id, name: caseName(w.student, who, locale) },
        cover: byEntry(
          w.cover.map((s) => ({ caseId: s.id, name: caseName(s, who, locale) })),
          locale,
        ),
      };
    }),
  };
}
