/**
 * What publishing a draft would do to the cases running now, worked out in the browser before the
 * manager confirms: per version and step with open cases, whether the draft keeps that step as
 * it is, changes it, knows it under another path, or no longer has it (then the manager chooses
 * where those cases go, or leaves them on their version); and whether new cases start elsewhere.
 */
import { diffDefinitions, indexStates, stateLabel, suggestStateMap, type Definition } from '../../../../engine';
import type { Message } from '../../../../engine/text';

/** Open cases in one step of one version, as the version list counts them. */
export interface RunningStep {
  version: number;
  state: string;
  label: string;
  cases: number;
}

export type StepFate = 'same' | 'changed' | 'moved' | 'gone';

export interface StepImpact extends RunningStep {
  fate: StepFate;
  /** Where the draft would take these cases by default (same path or same name); absent when gone. */
  to?: string;
  toLabel?: Message;
}

export interface Impact {
  steps: StepImpact[];
  /** New cases start in another step than they do now. */
  start?: { from: Message; to: Message };
}

const docPath = (state: string) => `machine.states.${state.split('.').join('.states.')}`;

export function publishImpact(
  published: Definition,
  draft: Definition,
  running: RunningStep[],
  versions: ReadonlyMap<number, Definition>,
): Impact {
  const steps: StepImpact[] = [];
  const byVersion = new Map<number, RunningStep[]>();
  for (const r of running) byVersion.set(r.version, [...(byVersion.get(r.version) ?? []), r]);
  for (const [version, list] of byVersion) {
    const def = versions.get(version);
    if (!def) continue;
    const map = suggestStateMap(def, draft);
    const changed = diffDefinitions(def, draft).map((c) => c.path);
    for (const r of list) {
      const to = map[r.state];
      const own = docPath(r.state);
      const fate: StepFate = !to
        ? 'gone'
        : to !== r.state
          ? 'moved'
          : changed.some((p) => p === own || p.startsWith(`${own}.`))
            ? 'changed'
            : 'same';
      steps.push({ ...r, fate, ...(to ? { to, toLabel: stateLabel(draft, to) } : {}) });
    }
  }
  const before = published.machine.initial;
  const after = draft.machine.initial;
  const start =
    before !== after && indexStates(draft).byPath.has(after)
      ? { from: stateLabel(published, before), to: stateLabel(draft, after) }
      : undefined;
  return { steps, ...(start ? { start } : {}) };
}
