import { useState } from 'react';
import type { SaveState } from './model/draft';
import type { DesignerWords } from './model/words';
import { SaveStatus } from './SaveState';
import { Link } from '../components/Link';
import type { Panel } from './useSelection';

/** The bar over the diagram: the draft's controls while editing, the export, and the side panels' tabs. */
export function Toolbar({
  title,
  workflowKey,
  version,
  saveState,
  canUndo,
  canRedo,
  panel,
  mayPublish,
  w,
  onUndo,
  onRedo,
  onAddStep,
  onArrange,
  onEdit,
  onPanel,
}: {
  title: string;
  workflowKey: string;
  /** The published version shown, and exported. */
  version: number;
  /** Only while editing. */
  saveState?: SaveState;
  canUndo: boolean;
  canRedo: boolean;
  panel: Panel;
  mayPublish: boolean;
  w: DesignerWords;
  onUndo: () => void;
  onRedo: () => void;
  onAddStep: (label: string) => void;
  onArrange: () => void;
  onEdit: () => void;
  onPanel: (p: Panel) => void;
}) {
  const editing = saveState !== undefined;
  const [newStep, setNewStep] = useState('');
  const tab = (p: Panel, label: string, to: Panel = p) => (
    <button type="button" role="tab" aria-selected={panel === p} onClick={() => onPanel(to)}>
      {label}
    </button>
  );
  return (
    <div className="designer-bar">
      <h1>
        {title} <span className="muted">{editing ? w.draft : `${w.viewOnly} · v${version}`}</span>
      </h1>
      {editing ? (
        <>
          <button type="button" onClick={onUndo} disabled={!canUndo} aria-keyshortcuts="Control+Z" title="Ctrl+Z">
            ↶ {w.undo}
          </button>
          <button
            type="button"
            onClick={onRedo}
            disabled={!canRedo}
            aria-keyshortcuts="Control+Shift+Z"
            title="Ctrl+Shift+Z"
          >
            ↷ {w.redo}
          </button>
          <form
            className="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              if (!newStep.trim()) return;
              onAddStep(newStep.trim());
              setNewStep('');
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
          <button type="button" onClick={onArrange}>
            {w.arrange}
          </button>
          <SaveStatus state={saveState} w={w} />
        </>
      ) : (
        <button type="button" onClick={onEdit}>
          {w.edit}
        </button>
      )}
      <span className="spacer" />
      {mayPublish && (
        <Link to={`/processen/${workflowKey}/versies`} className="button-link">
          {w.versionsLink}
        </Link>
      )}
      <a
        className="button-link"
        href={`/api/workflows/${encodeURIComponent(workflowKey)}/export?version=${version}`}
        download
        title={w.exportHint(version)}
      >
        {w.export}
      </a>
      <div className="tabs" role="tablist" aria-label={w.graph}>
        {editing && tab('inspect', w.step)}
        {tab('fields', w.fields)}
        {tab('simulate', w.simulate, panel === 'simulate' ? 'inspect' : 'simulate')}
        {mayPublish && editing && tab('replay', w.replay)}
        {tab('compare', w.compare)}
        {mayPublish && tab('publish', w.publish)}
      </div>
    </div>
  );
}
