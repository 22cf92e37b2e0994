import { useEffect, useMemo, useState } from 'react';
import { errorsOnly, say, validateDefinition, type Definition, type Problem } from '../../../engine';
import type { Locale } from '../../../engine/text';
import { pathOfSelection, refId, selectionOfPath, type Selection } from './model/model';
import type { DesignerWords } from './model/words';
import type { Impact } from './model/impact';

/**
 * The engine's own check of the draft, with the steps and arrows that have an error. Checking a
 * large workflow takes a few milliseconds: it runs right after the edit is painted, and until
 * then the last answer stays.
 */
export function useProblems(def: Definition | undefined, editing: boolean) {
  const [checked, setChecked] = useState<Problem[]>([]);
  useEffect(() => {
    if (!def || !editing) return;
    const timer = setTimeout(() => setChecked(validateDefinition(def)), 0);
    return () => clearTimeout(timer);
  }, [def, editing]);
  const problems = editing ? checked : none;
  const errors = useMemo(() => errorsOnly(problems), [problems]);
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
  return { problems, errors, faulty };
}

const none: Problem[] = [];

/** The problems in words; choosing one chooses what it is about and brings it into view. */
export function ProblemList({
  def,
  problems,
  errors,
  impact,
  selection,
  locale,
  w,
  onShow,
  onPoint,
  onImpact,
}: {
  def: Definition;
  problems: Problem[];
  errors: Problem[];
  /** What publishing would do to running cases: a step they wait in that is gone, a start that moved. */
  impact?: Impact;
  selection: Selection;
  locale: Locale;
  w: DesignerWords;
  onShow: (s: NonNullable<Selection>) => void;
  /** Points at the exact place of a problem (the input for that step, action, item or field, and language). */
  onPoint: (path: string) => void;
  /** Shows where the impact is solved (publishing). */
  onImpact: () => void;
}) {
  const chosen = pathOfSelection(selection);
  const gone = impact?.steps.filter((s) => s.fate === 'gone') ?? [];
  return (
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
                aria-current={chosen !== undefined && p.path.startsWith(chosen) ? 'true' : undefined}
                onClick={() => {
                  const sel = selectionOfPath(def, p.path);
                  if (sel) onShow(sel);
                  onPoint(p.path);
                }}
              >
                {say(p.message, locale)}
              </button>
            </li>
          ))}
        </ul>
      )}
      {(gone.length > 0 || impact?.start) && (
        <>
          <h4>{w.impactHeading}</h4>
          <ul className="plain">
            {gone.map((g) => (
              <li key={`${g.version}:${g.state}`} className="problem warning">
                <button type="button" className="link" onClick={onImpact}>
                  {w.goneWarning(g.cases, g.label, g.version)}
                </button>
              </li>
            ))}
            {impact?.start && (
              <li className="problem warning">
                <button type="button" className="link" onClick={() => onShow({ state: def.machine.initial })}>
                  {w.startMoved(say(impact.start.from, locale), say(impact.start.to, locale))}
                </button>
              </li>
            )}
          </ul>
        </>
      )}
    </section>
  );
}
