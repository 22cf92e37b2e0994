import type { EntityManager } from '@mikro-orm/core';
import { noteEvent, progress, type Definition, type Progress, type TimeOptions } from '../../engine';
import { Case, HistoryRow, WorkflowVersion, type ICase, type IHistoryRow } from '../db/entities';
import type { DefinitionCache } from './definitions';

/** A running student for the meeting: their case, its definition, progress against the plan, the last meeting's note. */
export interface MeetingEntry {
  c: ICase;
  def: Definition;
  progress: Progress;
  lastNote?: IHistoryRow;
}

/**
 * The list for the fortnightly progress meeting of docenten, coördinatoren and projectleider:
 * every running student with phase, progress against the plan, the catch-up plan, and the note
 * made at the last meeting.
 */
export async function meetingList(
  em: EntityManager,
  cache: DefinitionCache,
  site: string,
  now: Date,
  options: TimeOptions = {},
): Promise<MeetingEntry[]> {
  const versions = await em.find(WorkflowVersion, { site, subject: 'student' }, { fields: ['key'] });
  const keys = [...new Set(versions.map((v) => v.key))];
  if (!keys.length) return [];
  const cases = await em.find(
    Case,
    { site, workflowKey: { $in: keys }, outcome: null },
    // Not by name: the list is sorted by the name its reader sees (presenters/meeting.ts).
    { orderBy: { id: 'asc' } },
  );
  const notes = await em.find(
    HistoryRow,
    { site, event: noteEvent, case: { $in: cases.map((c) => c.id) } },
    { orderBy: { at: 'desc', id: 'desc' } },
  );
  const lastMeetingNote = new Map<string, (typeof notes)[number]>();
  for (const n of notes)
    if (n.data.meeting === true && !lastMeetingNote.has(n.case.id)) lastMeetingNote.set(n.case.id, n);
  const entries: MeetingEntry[] = [];
  for (const c of cases) {
    const def = await cache.get(em, c.workflow.id);
    if (c.snapshot.status !== 'active') continue;
    const note = lastMeetingNote.get(c.id);
    entries.push({
      c,
      def,
      progress: progress(def, c.snapshot, now, undefined, options.calendar),
      ...(note ? { lastNote: note } : {}),
    });
  }
  return entries;
}
