import { useId, useMemo, useState } from 'react';
import { indexStates, say, stateLabel, type Definition } from '../../../engine';
import type { Locale } from '../../../engine/text';
import type { DesignerWords } from './model/words';

/**
 * Finds a step by its name in a large diagram: typing offers the steps whose full name holds the
 * text, and choosing one (or Enter on the only one) selects it and brings it into view.
 */
export function StepSearch({
  def,
  locale,
  w,
  onFind,
}: {
  def: Definition;
  locale: Locale;
  w: DesignerWords;
  onFind: (path: string) => void;
}) {
  const id = useId();
  const [text, setText] = useState('');
  const steps = useMemo(
    () =>
      [...indexStates(def).byPath.values()]
        .filter((e) => e.config.type !== 'history')
        .map((e) => ({ path: e.path, name: say(stateLabel(def, e.path), locale) })),
    [def, locale],
  );
  const wanted = text.trim().toLowerCase();
  const found = wanted ? steps.filter((s) => s.name.toLowerCase().includes(wanted)) : [];
  const choose = (value: string) => {
    const step = steps.find((s) => s.name === value) ?? (found.length === 1 ? found[0] : undefined);
    if (!step) return false;
    onFind(step.path);
    setText('');
    return true;
  };
  return (
    <form
      className="step-search"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        choose(text);
      }}
    >
      <label className="sr-only" htmlFor={id}>
        {w.findStep}
      </label>
      <input
        id={id}
        type="search"
        list={`${id}-steps`}
        placeholder={w.findStep}
        value={text}
        onChange={(e) => {
          // A name picked from the list arrives as the whole value: it is chosen at once.
          if (!choose(e.target.value) || !steps.some((s) => s.name === e.target.value)) setText(e.target.value);
        }}
      />
      <datalist id={`${id}-steps`}>
        {found.slice(0, 30).map((s) => (
          <option key={s.path} value={s.name} />
        ))}
      </datalist>
      {wanted && found.length === 0 && <span className="muted">{w.noStepFound}</span>}
    </form>
  );
}
