import {
  helpAnswer,
  helpModes,
  noteHidden,
  say,
  signalKinds,
  titleFor,
  type HelpMode,
  type SignalKind,
  type Viewer,
} from '../../engine';
import type { Locale } from '../../engine/text';
import type { HelpViewT, SignalViewT } from '../contract';
import type { ISignal } from '../db/entities';
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
    ...(signal.mode
      ? { mode: signal.mode as HelpMode, modeLabel: say(helpModes[signal.mode as HelpMode], locale, signal.mode) }
      : {}),
    ...(signal.forUser ? { forUser: signal.forUser, forName: nameOf(names, signal.forUser, locale) } : {}),
    ...(signal.acknowledgedAt
      ? {
          acknowledged: {
            by: signal.acknowledgedBy!,
            byName: nameOf(names, signal.acknowledgedBy!, locale),
            at: signal.acknowledgedAt.toISOString(),
          },
        }
      : {}),
    escalated: !!signal.escalatedAt,
  };
}

/**
 * A call for help as the student who made it sees it: their own text, whether it was answered
 * and by whom ("Ahmed komt eraan"); never the coördinator's closing note, which is about them.
 */
export function presentHelp(signal: ISignal, locale: Locale, names: Names): HelpViewT {
  const mode = (signal.mode ?? 'kom-nu') as HelpMode;
  const status = signal.closedAt ? 'closed' : signal.acknowledgedAt ? 'acknowledged' : 'open';
  const answerer = signal.acknowledgedBy ?? signal.closedBy;
  return {
    id: signal.id,
    mode,
    modeLabel: say(helpModes[mode], locale, mode),
    ...(signal.text ? { text: signal.text } : {}),
    at: signal.at.toISOString(),
    status,
    ...(answerer ? { answer: say(helpAnswer(mode, nameOf(names, answerer, locale)), locale) } : {}),
    ...(signal.forUser
      ? { onCall: { username: signal.forUser, displayName: nameOf(names, signal.forUser, locale) } }
      : {}),
  };
}
