/**
 * A select of the audit form: "any" ('') first, then the options, and a value a link brought
 * which the options lack is offered too (kept, not lost: the search shows every filter it set).
 */
export function Choice({
  label,
  any,
  value,
  options,
  onChange,
}: {
  label: string;
  /** The text of '' (no filter). */
  any: string;
  value: string;
  /** [value, text] pairs. */
  options: ReadonlyArray<readonly [string, string]>;
  onChange: (event: Event) => void;
}) {
  return (
    <label>
      {label}
      <select value={value} onChange={onChange}>
        <option value="">{any}</option>
        {withValue(options, value).map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Options whose text is their value. */
export function plain(values: readonly string[]): ReadonlyArray<readonly [string, string]> {
  return values.map((v) => [v, v] as const);
}

function withValue(
  options: ReadonlyArray<readonly [string, string]>,
  value: string,
): ReadonlyArray<readonly [string, string]> {
  return value && !options.some(([v]) => v === value) ? [...options, [value, value] as const] : options;
}
