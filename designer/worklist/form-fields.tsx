/**
 * The plain fields of an operation's form (operation-form.tsx), each a labelled control that
 * hands what the officer typed or picked to the form: free text (a line or a box) and a pick from
 * a list of words (请选择 first, meaning none).
 */
import type { ComponentChildren } from 'preact';

/** A line of text, or a box of `rows` lines. */
export function TextField({
  label,
  rows,
  defaultValue,
  onValue,
}: {
  label: ComponentChildren;
  rows?: number;
  defaultValue?: string;
  onValue(value: string): void;
}) {
  return (
    <label class="wl-field">
      {label}
      {rows === undefined ? (
        <input defaultValue={defaultValue} onInput={(e) => onValue(e.currentTarget.value)} />
      ) : (
        <textarea rows={rows} onInput={(e) => onValue(e.currentTarget.value)} />
      )}
    </label>
  );
}

/** One of `values` ('' until one is picked). */
export function PickField({
  label,
  values,
  onValue,
}: {
  label: ComponentChildren;
  values: readonly string[];
  onValue(value: string): void;
}) {
  return (
    <label class="wl-field">
      {label}
      <select onChange={(e) => onValue(e.currentTarget.value)}>
        <option value="">请选择</option>
        {values.map((value) => (
          <option key={value} value={value}>
            {value}
          </option>
        ))}
      </select>
    </label>
  );
}
