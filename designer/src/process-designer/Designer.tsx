import { useCallback, useEffect, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { ReactFlowProvider } from '@xyflow/react';
import { indexStates, say } from '../../../engine';
import { errorText, type User } from '../lib/api';
import { useI18n } from '../lib/i18n';
import type { Route } from '../lib/router';
import { ComparePanel, firstSides, useComparison, type Sides } from './Compare';
import { ConnectForm } from './Connect';
import { FieldsPanel } from './Fields';
import { Graph } from './Graph';
import { Inspector } from './Inspector';
import { newStep } from './model/layout';
import { eventFor, fieldOfPath, removalOf, selectionOfPath } from './model/model';
import { designerWords } from './model/words';
import { ProblemList, useProblems } from './Problems';
import { Processes } from './Processes';
import { PublishPanel } from './Publish';
import { MigrationPage } from './Migration';
import { WorkflowPage } from './Workflow';
import { useImpact } from './useImpact';
import { usePointer } from './usePointer';
import { latestQuery } from './queries';
import { Refusals } from './SaveState';
import { ReplayPanel } from './Replay';
import { Simulator } from './Simulator';
import { AllPaths } from './AllPaths';
import { StepSearch } from './StepSearch';
import { Toolbar } from './Toolbar';
import { useDraft } from './useDraft';
import { useLayout } from './useLayout';
import { useSelection, type Panel } from './useSelection';
import { useShortcuts } from './useShortcuts';

/**
 * The process list and the designer as one lazily loaded page: once the list is shown, opening a
 * process does not wait for a second lazy boundary (React holds a revealed fallback ~300 ms).
 */
export function ProcessPages({ route, user }: { route: ProcessRoute; user: User }) {
  switch (route.page) {
    case 'processes':
      return <Processes user={user} />;
    case 'workflow':
      return <WorkflowPage key={route.key} workflowKey={route.key} />;
    case 'migration':
      return <MigrationPage key={`${route.key}/${route.from}`} workflowKey={route.key} from={route.from} />;
    case 'designer':
      return <DesignerPage key={route.key} workflowKey={route.key} user={user} />;
  }
}

type ProcessRoute = Extract<Route, { page: 'processes' | 'designer' | 'workflow' | 'migration' }>;

/** The designer for one workflow: its draft as a graph, edited, checked, tried out and published. */
export function DesignerPage({ workflowKey, user }: { workflowKey: string; user: User }) {
  const { locale } = useI18n();
  const w = designerWords[locale];
  useEffect(() => {
    performance.mark('designer-open');
  }, []);
  const latest = useQuery(latestQuery(workflowKey));
  const draft = useDraft(workflowKey, user.role !== 'staff');
  const { selection, select, show, look, panel, setPanel, focus } = useSelection();
  const [compared, setCompared] = useState<Sides>();
  const [simActive, setSimActive] = useState<Set<string>>(new Set());
  const [connecting, setConnecting] = useState<{ source: string; target: string }>();
  const side = useRef<HTMLElement>(null);
  const pointer = usePointer(side);

  const published = latest.data;
  const { editing } = draft;
  const def = draft.history?.current ?? published?.definition;
  const sides = panel === 'compare' && published ? (compared ?? firstSides(editing, published.version)) : undefined;
  const comparison = useComparison(workflowKey, sides, editing ? def : undefined);
  // Comparing draws the newer side of the comparison, which need not be the draft.
  const shown = panel === 'compare' ? comparison.shown : undefined;
  const drawn = shown?.def ?? def;
  const { graph, boxes, arrange } = useLayout(drawn, shown?.ghosts);
  const { problems, errors, faulty } = useProblems(def, editing);
  const { impact } = useImpact(workflowKey, published?.definition, editing && user.role !== 'staff' ? def : undefined);
  const readOnly = !editing || drawn !== def;
  const pointedField = pointer.target && def && fieldOfPath(def, pointer.target.path);

  // A step named in the address is chosen when the page opens, and the diagram opens there.
  const addressed = useRef(false);
  useEffect(() => {
    if (addressed.current || !def) return;
    addressed.current = true;
    const step = new URLSearchParams(location.search).get('stap');
    if (step && indexStates(def).byPath.has(step)) select({ state: step });
  }, [def, select]);

  const { edit } = draft;
  const remove = useCallback(() => {
    const removal = removalOf(selection);
    if (!removal) return false;
    edit(removal);
    select(null);
    return true;
  }, [selection, edit, select]);
  useShortcuts({ enabled: editing, undo: draft.undo, redo: draft.redo, remove: readOnly ? undefined : remove });

  const addStep = useCallback(
    (parent: string, label: string) => {
      if (!def || !boxes) return;
      const added = newStep(def, boxes, selection, parent, label);
      edit(added.edit);
      show({ state: added.path });
      setPanel('inspect');
    },
    [def, boxes, selection, edit, show, setPanel],
  );
  const [replayOpened, setReplayOpened] = useState(false);
  const openPanel = (p: Panel) => {
    if (p === 'replay') setReplayOpened(true);
    // Comparing starts from the usual two sides each time it is opened.
    if (p === 'compare' && panel !== 'compare') setCompared(undefined);
    setPanel(p);
  };

  if (latest.isError)
    return (
      <main className="page">
        <p className="error" role="alert">
          {errorText(latest.error)}
        </p>
      </main>
    );
  if (!published || !def || !graph || draft.opening)
    return (
      <main className="page">
        <p>{w.loading}</p>
      </main>
    );

  return (
    <main className="designer" aria-label={`${w.graph}: ${say(def.title, locale)}`}>
      <Toolbar
        title={say(def.title, locale)}
        workflowKey={workflowKey}
        version={published.version}
        saveState={draft.saveState}
        canUndo={!!draft.history?.past.length}
        canRedo={!!draft.history?.future.length}
        panel={panel}
        mayPublish={user.role !== 'staff'}
        w={w}
        onUndo={draft.undo}
        onRedo={draft.redo}
        onAddStep={(label) => addStep('', label)}
        onArrange={() => void arrange().then((positions) => edit({ kind: 'move', positions }))}
        onEdit={draft.load}
        onPanel={openPanel}
      />
      <Refusals
        refusal={draft.refusal}
        editRefusal={draft.editRefusal}
        saveState={draft.saveState}
        locale={locale}
        w={w}
        onReload={draft.load}
        onRetry={draft.retry}
      />
      <div className="designer-body">
        <div className="designer-graph">
          <StepSearch def={drawn ?? def} locale={locale} w={w} onFind={(path) => show({ state: path })} />
          {boxes ? (
            <ReactFlowProvider>
              <Graph
                nodes={graph.nodes}
                edges={graph.edges}
                boxes={boxes}
                locale={locale}
                selection={selection}
                active={panel === 'simulate' ? simActive : undefined}
                marks={shown?.marks}
                faulty={editing ? faulty : undefined}
                readOnly={readOnly}
                focus={focus}
                onSelect={select}
                onMove={(positions) => edit({ kind: 'move', positions })}
                onConnect={(source, target) => setConnecting({ source: source === '*' ? '' : source, target })}
              />
            </ReactFlowProvider>
          ) : (
            <p className="page">{w.loading}</p>
          )}
        </div>
        <aside className="designer-side" ref={side}>
          {connecting && (
            <ConnectForm
              key={`${connecting.source}>${connecting.target}`}
              w={w}
              onAdd={(label) => {
                edit({
                  kind: 'addTransition',
                  ...connecting,
                  event: eventFor(
                    label,
                    graph.edges.map((x) => x.ref.key),
                  ),
                  label: { nl: label },
                });
                setConnecting(undefined);
              }}
              onCancel={() => setConnecting(undefined)}
            />
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
              onAddState={addStep}
            />
          )}
          {panel === 'fields' && (
            <FieldsPanel
              // A problem about a field opens that field, each time it is chosen.
              key={pointedField ? `${pointedField}:${pointer.target!.n}` : 'fields'}
              initial={pointedField}
              def={def}
              locale={locale}
              w={w}
              readOnly={readOnly}
              onEdit={edit}
            />
          )}
          {panel === 'simulate' && (
            <>
              <Simulator def={def} locale={locale} w={w} onActive={setSimActive} onEdit={readOnly ? undefined : edit} />
              <AllPaths def={def} locale={locale} w={w} onShow={show} />
            </>
          )}
          {replayOpened && editing && (
            // Kept while other panels are open: a replay of thousands of cases is not redone for a look elsewhere.
            <div hidden={panel !== 'replay'}>
              <ReplayPanel workflowKey={workflowKey} def={def} locale={locale} w={w} onShow={show} />
            </div>
          )}
          {sides && (
            <ComparePanel
              sides={sides}
              latest={published.version}
              hasDraft={editing}
              changes={comparison.changes}
              error={comparison.error}
              locale={locale}
              w={w}
              onSides={setCompared}
              onLook={(c) => {
                const sel = shown && selectionOfPath(shown.def, c.path);
                if (sel) look(sel);
              }}
            />
          )}
          {panel === 'publish' && (
            <PublishPanel
              editing={editing}
              workflowKey={workflowKey}
              draft={def}
              published={published}
              impact={impact}
              errors={errors.length}
              saved={draft.saveState === 'saved'}
              revision={draft.revision}
              locale={locale}
              w={w}
              onPublished={draft.published}
            />
          )}
          {editing && (
            <ProblemList
              def={def}
              problems={problems}
              errors={errors}
              impact={impact}
              selection={selection}
              locale={locale}
              w={w}
              onShow={show}
              onPoint={(path) => {
                if (fieldOfPath(def, path)) setPanel('fields');
                pointer.point(path);
              }}
              onImpact={() => openPanel('publish')}
            />
          )}
        </aside>
      </div>
    </main>
  );
}
