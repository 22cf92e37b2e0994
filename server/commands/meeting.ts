import type { EntityManager } from '@mikro-orm/core';
import { hiddenFields, noteEvent, progress, say, stateLabel, titleFor, type Locale, type Viewer } from '../../engine';
import { Case, HistoryRow, WorkflowVersion } from '../db/entities';
import type { MeetingRowT } from '../contract';
import type { DefinitionCache } from './definitions';

/**
 * The list for the fortnightly progress meeting of docenten, coördinatoren and projectleider:
 * every running student with phase, progress against the plan, the catch-up plan, and the note
 * made at the last meeting.
 */
export async function meetingList(
  em: EntityManager,
  cache: DefinitionCache,
  who: Viewer & { site: string },
  locale: Locale,
  now: Date,
): Promise<MeetingRowT[]> {
  const site = who.site;
  const versions = await em.find(WorkflowVersion, { site, subject: 'student' }, { fields: ['key'] });
  const keys = [...new Set(versions.map((v) => v.key))];
  if (!keys.length) return [];
  const cases = await em.find(
    Case,
    { site, workflowKey: { $in: keys }, outcome: null },
    { orderBy: { title: 'asc', id: 'asc' } },
  );
  const notes = await em.find(
    HistoryRow,
    { site, event: noteEvent, case: { $in: cases.map((c) => c.id) } },
    { orderBy: { at: 'desc', id: 'desc' } },
  );
  const lastMeetingNote = new Map<string, (typeof notes)[number]>();
  for (const n of notes)
    if (n.data.meeting === true && !lastMeetingNote.has(n.case.id)) lastMeetingNote.set(n.case.id, n);
  const rows: MeetingRowT[] = [];
  for (const c of cases) {
    const def = await cache.get(em, c.workflow.id);
    if (c.snapshot.status !== 'active') continue;
    const p = progress(def, c.snapshot, now);
    const catchUpField = def.reports?.catchUpField;
    const catchUpHidden = !!catchUpField && hiddenFields(def, who).has(catchUpField);
    const catchUp = catchUpField && !catchUpHidden ? c.snapshot.context.data[catchUpField] : undefined;
    const note = lastMeetingNote.get(c.id);
    rows.push({
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
      ...(note ? { lastNote: { text: String(note.data.text), at: note.at.toISOString(), by: note.actor } } : {}),
    });
  }
  return rows;
}
