import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import { errorsOnly, say, validateDefinition, type Definition, type Problem } from '../../../engine';
import { api, ApiError, errorText, type User, type WorkflowSummary } from '../lib/api';
import { useI18n } from '../lib/i18n';
import { PageHead } from '../components/PageHead';
import { navigate } from '../lib/router';
import { Graph } from './Graph';
import { Inspector } from './Inspector';
import { FieldsPanel } from './Fields';
import { autoLayout, placeBoxes, positionsOf, prewarmLayout, type Box } from './model/layout';
import {
  childKeys,
  eventFor,
  keyFor,
  parseRefId,
  pathOfSelection,
  record,
  redo,
  refId,
  selectionOfPath,
  startHistory,
  structureKey,
  toGraph,
  undo,
  type Edit,
  type EditHistory,
  type Selection,
} from './model/model';
import { PublishPanel } from './Publish';
import { ComparePanel, type Shown } from './Compare';
import { Simulator } from './Simulator';
import { designerWords } from './model/words';

/**
 * The process list and the designer as one lazily loaded page: once the list is shown, opening a
 * process does not wait for a second lazy boundary (React holds a revealed fallback ~300 ms).
 */
export function ProcessPages({ workflowKey, user }: { workflowKey?: string; user: User }) {
  return workflowKey ? <DesignerPage key={workflowKey} workflowKey={workflowKey} user={user} /> : <Processes />;
}

/** The site's workflows, each opening in the designer. */
export function Processes() {
  const { locale } = useI18n();
  const w = designerWords[locale];
  const [items, setItems] = useState<WorkflowSummary[]>();
  useEffect(() => {
    void api.workflows().then((r) => setItems(r.items));
    prewarmLayout();
  }, []);
  return (
    <main className="page">
      <PageHead title={w.processes} intro={w.processesIntro} />
      {!items ? (
        <p>{w.loading}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>{w.processes}</th>
              <th>{w.versions}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {items.map((wf) => (
              <tr key={wf.key}>
                <td>
                  {wf.title} <span className="muted mono">{wf.key}</span>
                </td>
                <td>
                  {wf.versions
                    .slice()
                    .sort((a, b) => a - b)
                    .join(', ')}
                  {wf.hasDraft && <span className="badge">{w.hasDraft}</span>}
                </td>
                <td>
                  <a
                    href={`/processen/${wf.key}`}
                    onClick={(e) => {
                      e.preventDefault();
                      navigate(`/processen/${wf.key}`);
                    }}
                  >
                    {w.open}
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}

type SaveState = 'saved' | 'dirty' | 'saving' | 'failed' | 'conflict';
type Panel = 'inspect' | 'fields' | 'simulate' | 'compare' | 'publish';

const typing = (el: EventTarget | null) =>
  el instanceof HTMLElement &&
  (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);

/** The designer for one workflow: its draft as a graph, edited, checked, tried out and published. */
export function DesignerPage({ workflowKey, user }: { workflowKey: string; user: User }) {
  const { locale } = useI18n();
  const w = designerWords[locale];
  const [published, setPublished] = useState<{ version: number; definition: Definition }>();
  const [loadError, setLoadError] = useState('');
  const [editing, setEditing] = useState(false);
  const [forbidden, setForbidden] = useState('');
  const [history, setHistory] = useState<EditHistory>();
  const [revision, setRevision] = useState<number>();
  const [saveState, setSaveState] = useState<SaveState>('saved');
  const [saveMessage, setSaveMessage] = useState('');
  const [selection, setSelection] = useState<Selection>(null);
  const [focus, setFocus] = useState<{ id: string; n: number }>();
  const [panel, setPanel] = useState<Panel>('inspect');
  const [simActive, setSimActive] = useState<Set<string>>(new Set());
  const [shown, setShown] = useState<Shown>();
  const [autoBoxes, setAutoBoxes] = useState<Record<string, Box>>();
  const [pendingConnect, setPendingConnect] = useState<{ source: string; target: string }>();
  const [connectLabel, setConnectLabel] = useState('');
  const [newStep, setNewStep] = useState('');
  const saved = useRef<Definition | undefined>(undefined);

  const def = history?.current ?? published?.definition;
  // Comparing draws the newer side of the comparison, which need not be the draft.
  const drawn = panel === 'compare' && shown ? shown.def : def;

  type DraftAnswer = { draft: Awaited<ReturnType<typeof api.draft>> } | { error: unknown };
  /** Editing starts from the saved draft, or, without one, from the published version. */
  const startEditing = useCallback(
    (answer: DraftAnswer, base: Definition) => {
      if ('draft' in answer) {
        saved.current = answer.draft.definition as Definition;
        setHistory(startHistory(answer.draft.definition as Definition));
        setRevision(answer.draft.revision);
        setEditing(true);
        return;
      }
      const err = answer.error;
      if (err instanceof ApiError && err.status === 404) {
        // No draft yet: the published version is where editing starts; saved on the first edit.
        const { version: _v, ...rest } = base;
        saved.current = rest as Definition;
        setHistory(startHistory(rest as Definition));
        setRevision(undefined);
        setEditing(true);
      } else if (err instanceof ApiError && err.status === 403) {
        setForbidden(w.forbidden);
      } else {
        setLoadError(err instanceof Error ? err.message : String(err));
      }
    },
    [w.forbidden],
  );
  const askDraft = useCallback(
    (): Promise<DraftAnswer> =>
      api.draft(workflowKey).then(
        (draft) => ({ draft }),
        (error) => ({ error }),
      ),
    [workflowKey],
  );
  const enterEdit = useCallback(
    async (base: Definition) => startEditing(await askDraft(), base),
    [askDraft, startEditing],
  );

  useEffect(() => {
    // The published version and the draft are asked for together; the page is drawn once both are in.
    performance.mark('designer-open');
    const draft = user.role !== 'staff' ? askDraft() : undefined;
    api.workflow(workflowKey).then(
      async (wf) => {
        const answer = draft && (await draft);
        performance.mark('designer-data');
        setPublished({ version: wf.version, definition: wf.definition });
        if (answer) startEditing(answer, wf.definition);
      },
      (err) => setLoadError(err instanceof Error ? err.message : String(err)),
    );
  }, [workflowKey, user.role, askDraft, startEditing]);

  const ghosts = panel === 'compare' && shown ? shown.ghosts : undefined;
  const graph = useMemo(() => {
    if (!drawn) return undefined;
    const g = toGraph(drawn);
    return ghosts ? { nodes: [...g.nodes, ...ghosts.nodes], edges: [...g.edges, ...ghosts.edges] } : g;
  }, [drawn, ghosts]);
  const structure = useMemo(
    () => (drawn ? structureKey(drawn) + (ghosts?.nodes.map((n) => `\n-${n.id}`).join('') ?? '') : ''),
    [drawn, ghosts],
  );
  useEffect(() => {
    if (!graph) return;
    let live = true;
    const started = performance.now();
    autoLayout(graph.nodes, graph.edges).then((boxes) => {
      if (!live) return;
      setAutoBoxes(boxes);
      performance.measure('designer-layout', { start: started });
    });
    return () => {
      live = false;
    };
    // Only a change of structure moves steps; a new label or rule keeps the layout.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [structure]);
  const boxes = useMemo(
    () => (graph && autoBoxes ? placeBoxes(graph.nodes, autoBoxes, drawn?.layout?.positions) : undefined),
    [graph, autoBoxes, drawn],
  );

  // Checking a large workflow takes a few milliseconds: done right after the edit is painted.
  const [problems, setProblems] = useState<Problem[]>([]);
  useEffect(() => {
    if (!def || !editing) return setProblems([]);
    const timer = setTimeout(() => setProblems(validateDefinition(def)), 0);
    return () => clearTimeout(timer);
  }, [def, editing]);
  const errors = errorsOnly(problems);
  const faulty = useMemo(() => {
    const out = new Set<string>();
    if (!def) return out;
    for (const p of errors) {
      const sel = selectionOfPath(def, p.path);
      if (sel && 'state' in sel) out.add(sel.state);
      if (sel && 'transition' in sel) out.add(refId(sel.transition));
    }
    return out;
  }, [def, errors]);

  const edit = useCallback((e: Edit) => {
    setHistory((h) => {
      if (!h) return h;
      try {
        return record(h, e);
      } catch {
        return h;
      }
    });
  }, []);

  // Autosave: a moment after the last edit, the draft goes to the server with its revision.
  // One save at a time; edits made during a save are sent right after it.
  const saving = useRef(false);
  const latest = useRef<Definition | undefined>(undefined);
  latest.current = history?.current;
  const revisionRef = useRef<number | undefined>(undefined);
  revisionRef.current = revision;
  const flush = useCallback(async () => {
    if (saving.current) return;
    saving.current = true;
    setSaveState('saving');
    try {
      while (latest.current && latest.current !== saved.current) {
        const sending = latest.current;
        const d = await api.saveDraft(workflowKey, sending, revisionRef.current);
        saved.current = sending;
        revisionRef.current = d.revision;
        setRevision(d.revision);
      }
      setSaveState('saved');
      setSaveMessage('');
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) setSaveState('conflict');
      else {
        setSaveState('failed');
        setSaveMessage(errorText(err));
      }
    } finally {
      saving.current = false;
    }
  }, [workflowKey]);
  useEffect(() => {
    if (!history || !editing || history.current === saved.current || saveState === 'conflict') return;
    if (!saving.current) setSaveState('dirty');
    const timer = setTimeout(() => void flush(), 600);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [history?.current, editing, flush]);

  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (saveState === 'dirty' || saveState === 'saving') e.preventDefault();
    };
    addEventListener('beforeunload', warn);
    return () => removeEventListener('beforeunload', warn);
  }, [saveState]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!editing || typing(e.target) || !(e.ctrlKey || e.metaKey)) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) setHistory((h) => h && undo(h));
      else if ((key === 'z' && e.shiftKey) || key === 'y') setHistory((h) => h && redo(h));
      else return;
      e.preventDefault();
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [editing]);

  useEffect(() => {
    if (boxes && graph) {
      document.documentElement.dataset.designerReady = String(graph.nodes.length);
      performance.mark('designer-ready');
    }
  }, [boxes, graph]);

  const addState = useCallback(
    (parent: string, label: string) => {
      if (!def || !boxes) return;
      const key = keyFor(label, childKeys(def, parent));
      const path = parent ? `${parent}.${key}` : key;
      const near =
        selection &&
        'state' in selection &&
        boxes[selection.state] &&
        (parent ? selection.state.startsWith(`${parent}.`) : !selection.state.includes('.'))
          ? boxes[selection.state]
          : undefined;
      const peers = Object.entries(boxes).filter(([id]) =>
        parent ? id.startsWith(`${parent}.`) && !id.slice(parent.length + 1).includes('.') : !id.includes('.'),
      );
      // Beside the chosen step, or to the right of everything at the top: where the eye already is.
      const rightmost = Math.max(0, ...peers.map(([, b]) => b.x + b.width));
      const at = near
        ? { x: Math.round(near.x + near.width + 40), y: Math.round(near.y) }
        : { x: Math.round(rightmost + 60), y: parent ? 48 : 16 };
      // Every step's place as drawn now goes with it, so a new step does not reshuffle the rest.
      edit({ kind: 'addState', parent, key, label: { nl: label }, positions: { ...positionsOf(boxes), [path]: at } });
      setSelection({ state: path });
      setFocus((f) => ({ id: path, n: (f?.n ?? 0) + 1 }));
      setPanel('inspect');
    },
    [def, boxes, selection, edit],
  );

  const select = useCallback((s: Selection) => {
    setSelection(s);
    if (s) setPanel((p) => (p === 'simulate' ? p : 'inspect'));
  }, []);

  if (loadError)
    return (
      <main className="page">
        <p className="error" role="alert">
          {loadError}
        </p>
      </main>
    );
  if (!def || !graph || !published)
    return (
      <main className="page">
        <p>{w.loading}</p>
      </main>
    );

  const readOnly = !editing || drawn !== def;
  const saveWords: Record<SaveState, string> = {
    saved: w.saved,
    dirty: w.unsaved,
    saving: w.savingNow,
    failed: w.saveFailed,
    conflict: w.conflict,
  };

  return (
    <main className="designer" aria-label={`${w.graph}: ${say(def.title, locale)}`}>
      <div className="designer-bar">
        <h1>
          {say(def.title, locale)}{' '}
          <span className="muted">{editing ? w.draft : `${w.viewOnly} · v${published.version}`}</span>
        </h1>
        {editing ? (
          <>
            <button
              type="button"
              onClick={() => setHistory((h) => h && undo(h))}
              disabled={!history?.past.length}
              aria-keyshortcuts="Control+Z"
              title="Ctrl+Z"
            >
              ↶ {w.undo}
            </button>
            <button
              type="button"
              onClick={() => setHistory((h) => h && redo(h))}
              disabled={!history?.future.length}
              aria-keyshortcuts="Control+Shift+Z"
              title="Ctrl+Shift+Z"
            >
              ↷ {w.redo}
            </button>
            <form
              className="inline-form"
              onSubmit={(e) => {
                e.preventDefault();
                if (newStep.trim()) {
                  addState('', newStep.trim());
                  setNewStep('');
                }
              }}
            >
              <label className="sr-only" htmlFor="new-step">
                {w.addState}
              </label>
              <input
                id="new-step"
                placeholder={w.addState}
                value={newStep}
                onChange={(e) => setNewStep(e.target.value)}
              />
              <button type="submit">+ {w.addState}</button>
            </form>
            <button
              type="button"
              onClick={() =>
                autoLayout(graph.nodes, graph.edges).then((b) => edit({ kind: 'move', positions: positionsOf(b) }))
              }
            >
              {w.arrange}
            </button>
            <span className={`save-state save-${saveState}`} role="status" aria-live="polite">
              {saveWords[saveState]}
              {saveState === 'conflict' && (
                <button
                  type="button"
                  className="link"
                  onClick={() => {
                    setSaveState('saved');
                    void enterEdit(published.definition);
                  }}
                >
                  {w.reload}
                </button>
              )}
            </span>
          </>
        ) : (
          <button type="button" onClick={() => void enterEdit(published.definition)}>
            {w.edit}
          </button>
        )}
        <span className="spacer" />
        <a
          className="button-link"
          href={`/api/workflows/${encodeURIComponent(workflowKey)}/export?version=${published.version}`}
          download
          title={w.exportHint(published.version)}
        >
          {w.export}
        </a>
        <div className="tabs" role="tablist" aria-label={w.graph}>
          {editing && (
            <button type="button" role="tab" aria-selected={panel === 'inspect'} onClick={() => setPanel('inspect')}>
              {w.step}
            </button>
          )}
          <button type="button" role="tab" aria-selected={panel === 'fields'} onClick={() => setPanel('fields')}>
            {w.fields}
          </button>
          <button
            type="button"
            role="tab"
            aria-selected={panel === 'simulate'}
            onClick={() => setPanel(panel === 'simulate' ? 'inspect' : 'simulate')}
          >
            {w.simulate}
          </button>
          <button type="button" role="tab" aria-selected={panel === 'compare'} onClick={() => setPanel('compare')}>
            {w.compare}
          </button>
          {user.role !== 'staff' && (
            <button type="button" role="tab" aria-selected={panel === 'publish'} onClick={() => setPanel('publish')}>
              {w.publish}
            </button>
          )}
        </div>
      </div>
      {forbidden && (
        <p className="error" role="alert">
          {forbidden}
        </p>
      )}
      {saveState === 'failed' && saveMessage && (
        <p className="error" role="alert">
          {saveMessage}
        </p>
      )}
      <div className="designer-body">
        <div className="designer-graph">
          {boxes ? (
            <ReactFlowProvider>
              <Graph
                nodes={graph.nodes}
                edges={graph.edges}
                boxes={boxes}
                locale={locale}
                selection={selection}
                active={panel === 'simulate' ? simActive : undefined}
                marks={panel === 'compare' ? shown?.marks : undefined}
                faulty={editing ? faulty : undefined}
                readOnly={readOnly}
                focus={focus}
                onSelect={select}
                onMove={(positions) => edit({ kind: 'move', positions })}
                onDelete={({ steps, transitions }) => {
                  // Deepest first, so removing a parent does not leave its children's edits dangling.
                  for (const path of [...steps].sort((a, b) => b.split('.').length - a.split('.').length))
                    edit({ kind: 'deleteState', path });
                  // Last first, so the indexes of the others in one event's list stay right.
                  const refs = transitions
                    .map(parseRefId)
                    .filter((r) => r !== undefined)
                    .sort((a, b) => b.index - a.index);
                  for (const ref of refs) edit({ kind: 'deleteTransition', ref });
                  setSelection(null);
                }}
                onConnect={(source, target) => {
                  setPendingConnect({ source: source === '*' ? '' : source, target });
                  setConnectLabel('');
                }}
              />
            </ReactFlowProvider>
          ) : (
            <p className="page">{w.loading}</p>
          )}
        </div>
        <aside className="designer-side">
          {pendingConnect && (
            <form
              className="stack-form connect"
              aria-label={w.newAction}
              onSubmit={(e) => {
                e.preventDefault();
                if (!connectLabel.trim()) return;
                const events = graph.edges.map((x) => x.ref.key);
                edit({
                  kind: 'addTransition',
                  source: pendingConnect.source,
                  target: pendingConnect.target,
                  event: eventFor(connectLabel, events),
                  label: { nl: connectLabel.trim() },
                });
                setPendingConnect(undefined);
              }}
            >
              <div className="field">
                <label htmlFor="connect-label">{w.connectPrompt}</label>
                <input
                  id="connect-label"
                  autoFocus
                  value={connectLabel}
                  onChange={(e) => setConnectLabel(e.target.value)}
                />
              </div>
              <div className="button-row">
                <button type="submit">{w.add}</button>
                <button type="button" onClick={() => setPendingConnect(undefined)}>
                  {w.cancel}
                </button>
              </div>
            </form>
          )}
          {panel === 'inspect' && (
            <Inspector
              def={def}
              selection={selection}
              locale={locale}
              w={w}
              readOnly={readOnly}
              onEdit={edit}
              onSelect={select}
              onAddState={addState}
            />
          )}
          {panel === 'fields' && <FieldsPanel def={def} locale={locale} w={w} readOnly={readOnly} onEdit={edit} />}
          {panel === 'simulate' && <Simulator def={def} locale={locale} w={w} onActive={setSimActive} />}
          {panel === 'compare' && (
            <ComparePanel
              workflowKey={workflowKey}
              draft={editing ? def : undefined}
              latest={published.version}
              locale={locale}
              w={w}
              onShow={setShown}
            />
          )}
          {panel === 'publish' && (
            <PublishPanel
              editing={editing}
              workflowKey={workflowKey}
              draft={def}
              published={published}
              errors={errors.length}
              saved={saveState === 'saved' && history?.current === saved.current}
              revision={revision}
              locale={locale}
              w={w}
              onPublished={(version, definition) => {
                setPublished({ version, definition });
                setHistory(undefined);
                setEditing(false);
                setRevision(undefined);
              }}
            />
          )}
          {editing && (
            <section className="problems" aria-label={w.problems}>
              <h3>
                {w.problems} <span className={errors.length ? 'badge bad' : 'badge'}>{w.errors(errors.length)}</span>{' '}
                {problems.length > errors.length && (
                  <span className="badge">{w.warnings(problems.length - errors.length)}</span>
                )}
              </h3>
              {problems.length === 0 ? (
                <p className="muted">{w.noProblems}</p>
              ) : (
                <ul className="plain">
                  {problems.map((p, i) => (
                    <li key={i} className={`problem ${p.severity}`}>
                      <button
                        type="button"
                        className="link"
                        aria-current={
                          pathOfSelection(selection) !== undefined && p.path.startsWith(pathOfSelection(selection)!)
                            ? 'true'
                            : undefined
                        }
                        onClick={() => {
                          const sel = selectionOfPath(def, p.path);
                          if (!sel) return;
                          select(sel);
                          const id =
                            'state' in sel ? sel.state : 'transition' in sel ? sel.transition.source || '*' : '*';
                          setFocus((f) => ({ id, n: (f?.n ?? 0) + 1 }));
                        }}
                      >
                        {say(p.message, locale)}
                      </button>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          )}
        </aside>
      </div>
    </main>
  );
}
