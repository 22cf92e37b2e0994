import { endsCase, say, stateLabel, titleFor, visibleHistoryData, type Locale, type Viewer } from '../../engine';
import type { ReplayHistory } from '../commands/replay';
import type { HistoriesPageT } from '../contract';

/**
 * Recorded histories for replaying, screened as every history is (`visibleHistoryData`, `titleFor`):
 * personal fields the caller may not see are left out and named, a screened name is not sent,
 * and people are named by role and function only.
 */
export function presentHistories(
  page: { total: number; items: ReplayHistory[] },
  who: Viewer,
  locale: Locale,
): HistoriesPageT {
  return {
    total: page.total,
    items: page.items.map(({ c, def, rows }) => ({
      id: c.id,
      title: titleFor(def, c, who, locale),
      version: def.version ?? 1,
      state: c.state,
      stateLabel: say(stateLabel(def, c.state), locale),
      done: c.outcome !== null || endsCase(def, c.state),
      events: rows.map((r) => {
        const { data, hidden } = visibleHistoryData(def, r, who);
        return {
          event: r.event,
          at: r.at.toISOString(),
          data,
          ...(r.by ? { by: r.by } : {}),
          ...(r.timer ? { timer: true } : {}),
          ...(hidden.length ? { hidden } : {}),
        };
      }),
    })),
  };
}
