import { useMemo } from 'react';
import { keepPreviousData, useQueries } from '@tanstack/react-query';
import { diffDefinitions, indexStates, say, type Change, type Definition } from '../../../engine';
import type { Locale } from '../../../engine/text';
import { errorText } from '../lib/api';
import { versionQuery } from './queries';
import type { Mark } from './Graph';
import {
  refId,
  selectionOfPath,
  toGraph,
  transitionsOfDefinition,
  type StepNode,
  type TransitionEdge,
} from './model/model';
import type { DesignerWords } from './model/words';

/** The newer side of a comparison as drawn: its definition, the colours, and what the older side had more. */
export interface Shown {
  def: Definition;
  marks: Map<string, Mark>;
  ghosts: { nodes: StepNode[]; edges: TransitionEdge[] };
}

/** Changes as colours on the drawn (newer) definition: steps and arrows by their ids. */
export function marksFor(def: Definition, changes: Change[]): Map<string, Mark> {
  const marks = new Map<string, Mark>();
  let arrows: ReturnType<typeof transitionsOfDefinition> | undefined;
  for (const c of changes) {
    const sel = selectionOfPath(def, c.path);
    if (!sel || 'global' in sel) continue;
    if ('state' in sel && c.kind === 'added' && c.element === 'state') {
      // A new step's own actions and timers are new with it, and so is every step inside it.
      arrows ??= transitionsOfDefinition(def);
      const inside = (p: string) => p === sel.state || p.startsWith(`${sel.state}.`);
      for (const t of arrows) if (inside(t.ref.source)) marks.set(refId(t.ref), 'added');
      for (const path of indexStates(def).byPath.keys()) if (inside(path)) marks.set(path, 'added');
      continue;
    }
    if ('state' in sel) {
      // A step that lost something is changed; the step itself is there.
      const mark: Mark = c.element === 'state' && c.kind === 'added' ? 'added' : 'changed';
      if (c.element === 'state' || !marks.has(sel.state))
        marks.set(sel.state, c.element === 'state' ? mark : (marks.get(sel.state) ?? 'changed'));
      continue;
    }
    const t = sel.transition;
    const mark: Mark = c.kind === 'added' && c.element === 'transition' ? 'added' : 'changed';
    marks.set(refId(t), mark);
    if (c.kind === 'removed') marks.set(t.source || '*', marks.get(t.source || '*') ?? 'changed');
  }
  return marks;
}

/**
 * What the older side had and the newer lacks, to draw as ghosts on the newer graph: removed
 * steps (with what was inside them) and removed arrows between steps that are drawn.
 */
export function removedGhosts(
  older: Definition,
  newer: Definition,
  changes: Change[],
): { nodes: StepNode[]; edges: TransitionEdge[] } {
  const before = toGraph(older);
  const now = toGraph(newer);
  const present = new Set(now.nodes.map((n) => n.id));
  const gone = new Set<string>();
  for (const c of changes) {
    if (c.kind !== 'removed' || c.element !== 'state') continue;
    const sel = selectionOfPath(older, c.path);
    if (sel && 'state' in sel)
      for (const n of before.nodes) if (n.id === sel.state || n.id.startsWith(`${sel.state}.`)) gone.add(n.id);
  }
  const nodes = before.nodes.filter((n) => gone.has(n.id) && !present.has(n.id)).map((n) => ({ ...n, initial: false }));
  const drawn = new Set([...present, ...nodes.map((n) => n.id)]);
  const kept = new Set(now.edges.map((e) => `${e.source}>${e.target}>${e.ref.key}`));
  const edges = before.edges
    .filter((e) => drawn.has(e.source) && drawn.has(e.target) && !kept.has(`${e.source}>${e.target}>${e.ref.key}`))
    .filter(
      (e) =>
        gone.has(e.source) ||
        gone.has(e.target) ||
        changes.some((c) => c.kind === 'removed' && c.element === 'transition' && c.path.endsWith(`.${e.ref.key}`)),
    )
    .map((e) => ({ ...e, id: `removed:${e.id}` }));
  return { nodes, edges };
}

export type Side = number | 'draft';
export interface Sides {
  left: number;
  right: Side;
}

/** What comparing shows first: the draft against the published version, or the last two versions. */
export const firstSides = (editing: boolean, latest: number): Sides =>
  editing ? { left: latest, right: 'draft' } : { left: Math.max(1, latest - 1), right: latest };

/**
 * The comparison of two sides (published versions or the draft): the changes in words, and the
 * newer side as drawn, with colours and the ghosts of what it lost. Nothing while not comparing.
 */
export function useComparison(workflowKey: string, sides: Sides | undefined, draft: Definition | undefined) {
  const numbered = sides ? [sides.left, sides.right].filter((s): s is number => s !== 'draft') : [];
  // While another version is asked for, the last comparison stays drawn.
  const answers = useQueries({
    queries: numbered.map((v) => ({ ...versionQuery(workflowKey, v), placeholderData: keepPreviousData })),
  });
  const defOf = (s: Side) => (s === 'draft' ? draft : answers[numbered.indexOf(s)]?.data?.definition);
  const older = sides && defOf(sides.left);
  const newer = sides && defOf(sides.right);
  const comparison = useMemo(() => {
    if (!older || !newer) return undefined;
    const changes = diffDefinitions(older, newer);
    const ghosts = removedGhosts(older, newer, changes);
    const marks = marksFor(newer, changes);
    for (const g of [...ghosts.nodes, ...ghosts.edges]) marks.set(g.id, 'removed');
    return { changes, shown: { def: newer, marks, ghosts } satisfies Shown };
  }, [older, newer]);
  return { ...comparison, error: answers.find((q) => q.isError)?.error };
}

/**
 * The draft against a published version, or any two versions: listed in plain words and
 * coloured on the graph, which then shows the newer side.
 */
export function ComparePanel({
  sides,
  latest,
  hasDraft,
  changes,
  error,
  locale,
  w,
  onSides,
  onLook,
}: {
  sides: Sides;
  latest: number;
  hasDraft: boolean;
  changes?: Change[];
  error?: unknown;
  locale: Locale;
  w: DesignerWords;
  onSides: (sides: Sides) => void;
  /** Brings the step or arrow a change is about into view. */
  onLook?: (c: Change) => void;
}) {
  const versions = Array.from({ length: latest }, (_, i) => latest - i);
  const { left, right } = sides;
  const sideName = (s: Side) => (s === 'draft' ? w.draft : `v${s}`);
  return (
    <section aria-label={w.compareTitle} className="compare">
      <h3>{w.compareTitle}</h3>
      <div className="inline-form">
        <label htmlFor="compare-left">{w.compareWith}</label>
        <select id="compare-left" value={left} onChange={(e) => onSides({ left: Number(e.target.value), right })}>
          {versions.map((v) => (
            <option key={v} value={v}>
              v{v}
            </option>
          ))}
        </select>
        <label htmlFor="compare-right">{w.with}</label>
        <select
          id="compare-right"
          value={String(right)}
          onChange={(e) => onSides({ left, right: e.target.value === 'draft' ? 'draft' : Number(e.target.value) })}
        >
          {hasDraft && <option value="draft">{w.draft}</option>}
          {versions.map((v) => (
            <option key={v} value={v}>
              v{v}
            </option>
          ))}
        </select>
      </div>
      {error !== undefined && (
        <p className="error" role="alert">
          {errorText(error)}
        </p>
      )}
      {changes &&
        (changes.length === 0 ? (
          <p className="muted">{w.noChanges}</p>
        ) : (
          <ChangeList changes={changes} locale={locale} w={w} onLook={onLook} />
        ))}
      <p className="muted legend">
        <span className="swatch mark-added" /> {w.added} <span className="swatch mark-changed" /> {w.changed}{' '}
        <span className="swatch mark-removed" /> {w.removedWord} ({sideName(right)})
      </p>
    </section>
  );
}

export function ChangeList({
  changes,
  locale,
  w,
  onLook,
}: {
  changes: Change[];
  locale: Locale;
  w: DesignerWords;
  onLook?: (c: Change) => void;
}) {
  const word = { added: w.added, changed: w.changed, removed: w.removedWord };
  return (
    <ul className="plain changes">
      {changes.map((c, i) => (
        <li key={i} className={`change change-${c.kind}`}>
          <span className={`badge mark-${c.kind}`}>{word[c.kind]}</span>{' '}
          {onLook ? (
            <button type="button" className="link" onClick={() => onLook(c)}>
              {say(c.text, locale)}
            </button>
          ) : (
            say(c.text, locale)
          )}
          {c.parts && (
            <ul className="change-parts">
              {c.parts.map((p, j) => (
                <li key={j}>{say(p, locale)}</li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ul>
  );
}
