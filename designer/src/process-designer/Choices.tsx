/** A set of checkboxes for a list of choices (roles, functions); `none` says what an empty choice means. */
export function Choices<T extends string>({
  legend,
  options,
  chosen,
  disabled,
  none,
  onChange,
  path,
}: {
  legend: string;
  options: { value: T; label: string }[];
  chosen: readonly T[];
  disabled: boolean;
  none?: string;
  onChange: (next: T[]) => void;
  path?: string;
}) {
  return (
    <fieldset className="field choices" data-path={path}>
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.value} className="inline">
          <input
            type="checkbox"
            disabled={disabled}
            checked={chosen.includes(o.value)}
            onChange={(e) => onChange(e.target.checked ? [...chosen, o.value] : chosen.filter((x) => x !== o.value))}
          />
          {o.label}
        </label>
      ))}
      {none && chosen.length === 0 && <span className="muted"> ({none})</span>}
    </fieldset>
  );
}
