import { noteHidden, say, signalKinds, titleFor, type SignalKind, type Viewer } from '../../engine';
import type { Locale } from '../../engine/text';
import type { SignalViewT } from '../contract';
import type { SignalFacts } from '../commands/signals';
import { nameOf, type Names } from './users';

/**
 * A signal as the caller may see it: the student's name and the free texts are personal, shown
 * only to whoever may see the case's personal fields (engine/screening.ts), like a note.
 */
export function presentSignal(s: SignalFacts, who: Viewer, locale: Locale, names: Names): SignalViewT {
  const { signal, def } = s;
  const hidden = noteHidden(def, who);
  return {
    id: signal.id,
    caseId: signal.case.id,
    caseTitle: titleFor(def, { id: signal.case.id, title: s.title }, who, locale),
    kind: signal.kind as SignalKind,
    kindLabel: say(signalKinds[signal.kind as SignalKind], locale, signal.kind),
    ...(signal.text && !hidden ? { text: signal.text } : {}),
    textHidden: hidden && !!signal.text,
    by: signal.by,
    byName: nameOf(names, signal.by, locale),
    at: signal.at.toISOString(),
    day: signal.day,
    late: s.late,
    ...(signal.closedAt
      ? {
          closed: {
            by: signal.closedBy!,
            byName: nameOf(names, signal.closedBy!, locale),
            at: signal.closedAt.toISOString(),
            ...(signal.closedText && !hidden ? { text: signal.closedText } : {}),
          },
        }
      : {}),
  };
}
