import {
  addDays,
  halfDayCodes,
  halfDayLabel,
  isoWeek,
  say,
  stateLabel,
  studentGone,
  titleFor,
  nameInMessage,
  weekdayName,
  weekdays,
  type Locale,
  type PlanCase,
  type SessionRecord,
  type Viewer,
  type WeekPlan,
} from '../../engine';
import type { IHelpSession } from '../db/entities';
import type { SessionStatusT, SessionViewT, WeekViewT } from '../contract';
import { byShownName, plannedValue } from './presence';

const nameOf = (c: PlanCase, who: Viewer, locale: Locale) => titleFor(c.def, c, who, locale);
const ref = (c: PlanCase, who: Viewer, locale: Locale) => ({ caseId: c.id, name: nameOf(c, who, locale) });

/** What matching weighs for this case (a client's wish, a student's need), in words, screened for the caller. */
function wishOf(c: PlanCase, who: Viewer, locale: Locale): { wish: string } | Record<string, never> {
  const field = c.def.planning?.wishField;
  const value = plannedValue(c, field, who);
  const option = field && c.def.fields[field]?.options?.find((o) => o.value === value);
  return option ? { wish: say(option.label, locale) } : {};
}

export function presentSession(s: IHelpSession | SessionRecord): SessionViewT {
  if ('recordedAt' in s)
    return {
      clientId: s.client.id,
      day: s.day,
      halfDay: s.halfDay,
      status: s.status as SessionStatusT,
      hours: Number(s.hours),
      ...(s.student ? { studentId: s.student.id } : {}),
      recordedBy: s.recordedBy,
      recordedAt: s.recordedAt.toISOString(),
    };
  return {
    clientId: s.client,
    day: s.day,
    halfDay: s.halfDay,
    status: s.status,
    hours: s.hours,
    ...(s.student ? { studentId: s.student } : {}),
  };
}

/** The week's board as the API shows it: names, addresses and wishes screened for the caller. */
export function presentWeek(plan: WeekPlan, who: Viewer, locale: Locale): WeekViewT {
  const rows = byShownName(plan.rows, (r) => ({ name: nameOf(r.student, who, locale), id: r.student.id }), locale);
  return {
    monday: plan.monday,
    week: isoWeek(plan.monday).week,
    previous: addDays(plan.monday, -7),
    next: addDays(plan.monday, 7),
    days: plan.days.map((d, i) => ({
      date: d.date,
      label: say(weekdayName(weekdays[i]), locale),
      ...(d.closed ? { closed: say(d.closed, locale) } : {}),
    })),
    halfDays: halfDayCodes.map((code) => ({ code, label: say(halfDayLabel(code), locale) })),
    rows: rows.map((r) => ({
      student: {
        ...ref(r.student, who, locale),
        stateLabel: say(stateLabel(r.student.def, r.student.state), locale),
        takesClients: r.takesClients,
        ...wishOf(r.student, who, locale),
      },
      wijk: r.wijk,
      free: r.free,
      cells: r.cells.map((c) => ({
        halfDay: c.halfDay,
        date: c.date,
        kind: c.kind,
        ...(c.lesson ? { label: say(c.lesson, locale) } : c.closed ? { label: say(c.closed, locale) } : {}),
        ...(c.absent ? { absent: c.absent } : {}),
        ...(c.clash ? { clash: say(c.clash, locale) } : {}),
        clients: c.clients.map((slot) => {
          const address = plannedValue(slot.client, slot.client.def.planning?.addressField, who);
          return {
            ...ref(slot.client, who, locale),
            ...(address ? { address } : {}),
            paused: slot.paused,
            ...(slot.session ? { session: presentSession(slot.session) } : {}),
          };
        }),
      })),
    })),
    waiting: byShownName(plan.waiting, (w) => ({ name: nameOf(w.client, who, locale), id: w.client.id }), locale).map(
      (w) => ({ ...ref(w.client, who, locale), perWeek: w.perWeek, ...wishOf(w.client, who, locale) }),
    ),
    orphaned: byShownName(plan.orphaned, (o) => ({ name: nameOf(o.client, who, locale), id: o.client.id }), locale).map(
      (o) => {
        const name = o.student && nameInMessage(o.student.def, o.student, who);
        return {
          ...ref(o.client, who, locale),
          ...(o.student ? { student: ref(o.student, who, locale) } : {}),
          reason: say(studentGone(o.student, name ?? '')!, locale),
        };
      },
    ),
    totals: plan.totals,
  };
}
