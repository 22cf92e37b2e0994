import { groupActivityKinds, say, titleFor, type GroupActivityKind, type PlanCase, type Viewer } from '../../engine';
import type { Locale } from '../../engine/text';
import type { GroupActivityViewT } from '../contract';
import type { IGroupActivity } from '../db/entities';
import type { ActivityCase } from '../commands/activities';
import { nameOf, type Names } from './users';

/** A group activity with its participants named as the caller may see them, in the order recorded. */
export function presentGroupActivity(
  a: IGroupActivity,
  cases: ReadonlyMap<string, ActivityCase>,
  who: Viewer,
  locale: Locale,
  names: Names,
): GroupActivityViewT {
  return {
    id: a.id,
    kind: a.kind as GroupActivityKind,
    kindLabel: say(groupActivityKinds[a.kind as GroupActivityKind], locale, a.kind),
    title: a.title,
    date: a.date,
    evaluation: a.evaluation,
    participants: a.participants.map((id) => {
      const c = cases.get(id);
      return { caseId: id, name: c ? titleFor(c.def, c, who, locale) : `#${id.slice(0, 8)}` };
    }),
    by: a.by,
    byName: nameOf(names, a.by, locale),
    at: a.at.toISOString(),
  };
}

/** The students to choose from, by the name the caller sees: sorted by it, so a hidden name's order tells nothing. */
export function presentParticipants(students: PlanCase[], who: Viewer, locale: Locale) {
  return students
    .map((s) => ({ caseId: s.id, name: titleFor(s.def, s, who, locale) }))
    .sort((a, b) => a.name.localeCompare(b.name, 'nl') || (a.caseId < b.caseId ? -1 : 1));
}
