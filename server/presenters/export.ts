import { noteHidden, type Locale, type TimeOptions, type Viewer } from '../../engine';
import type { personRecords } from '../commands/export';
import type { PersonExportT } from '../contract';
import { presentCase, presentHistory } from './cases';
import { presentAccess } from './access-log';
import type { Names } from './users';

type Records = Awaited<ReturnType<typeof personRecords>>;

/** A person's export, screened like every answer; other people appear by case id only. */
export function presentExport(
  r: Records,
  who: Viewer & { username: string },
  locale: Locale,
  now: Date,
  names: Names,
  options: TimeOptions,
): PersonExportT {
  const { c, def } = r;
  const view = presentCase(c, def, who, locale, now, names, options);
  const notes = !noteHidden(def, who);
  return {
    exportedAt: now.toISOString(),
    exportedBy: who.username,
    case: view,
    createdBy: c.createdBy,
    history: r.history.map((h) => presentHistory(h, def, who, locale, names)),
    signatures: view.checklist.flatMap((i) => (i.signed ? [{ item: i.id, label: i.label, ...i.signed }] : [])),
    presence: r.presence.map((p) => ({
      day: p.day,
      moment: p.moment,
      status: p.status,
      ...(p.reason ? { reason: p.reason } : {}),
      ...(p.note && notes ? { note: p.note } : {}),
      recordedBy: p.recordedBy,
      recordedAt: p.recordedAt.toISOString(),
      ...(p.calledAt ? { calledAt: p.calledAt.toISOString() } : {}),
    })),
    calls: r.calls.map((x) => ({
      day: x.day,
      moment: x.moment,
      outcome: x.outcome,
      by: x.by,
      at: x.at.toISOString(),
      undone: !!x.undoneAt,
    })),
    helpSessions: [
      ...r.asClient.map((s) => ({ s, as: 'client' as const, other: s.student?.id })),
      ...r.asStudent.map((s) => ({ s, as: 'student' as const, other: s.client.id })),
    ].map(({ s, as, other }) => ({
      day: s.day,
      halfDay: s.halfDay,
      status: s.status,
      hours: Number(s.hours),
      as,
      ...(other ? { otherCase: other } : {}),
    })),
    linked: [
      ...r.references.map((l) => ({
        caseId: l.c.id,
        workflow: l.def.key,
        field: l.ex.field,
        direction: 'names' as const,
      })),
      ...r.referencedBy.map((l) => ({
        caseId: l.c.id,
        workflow: l.def.key,
        field: l.ex.field,
        direction: 'namedBy' as const,
      })),
    ],
    access: r.access.map((a) => presentAccess(a, who, locale)),
  };
}
