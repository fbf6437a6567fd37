/**
 * A date field in Chinese order whatever the browser's locale: text in 年-月-日 (2026-11-02; also
 * 2026/11/2, 2026年11月2日, 20261102, written back as 2026-11-02 when the field is left), a
 * Chinese message when it is not a date. `withTime` takes 年-月-日 时:分 (Beijing time).
 */
import { parseDate, parseDateTime } from './format.js';

interface DateInputProps {
  readonly value: string;
  /** The text as typed; once the field is left, a date written YYYY-MM-DD (with ` HH:mm` when withTime). */
  readonly onValue: (value: string) => void;
  readonly withTime?: boolean;
  readonly required?: boolean;
  readonly 'aria-label'?: string;
}

export function DateInput({ value, onValue, withTime = false, required = false, ...rest }: DateInputProps) {
  const parse = withTime ? parseDateTime : parseDate;
  const example = withTime ? '2026-11-02 09:30' : '2026-11-02';
  // An instant a link brought (2026-11-02T01:30:00Z) is kept as it is.
  const instant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}.*(Z|[+-]\d{2}:\d{2})$/.test(value.trim());
  const problem =
    value.trim() && !instant && !parse(value) ? `请按 年-月-日${withTime ? ' 时:分' : ''} 填写，如 ${example}` : '';
  return (
    <input
      type="text"
      inputMode="numeric"
      class="mf-date"
      size={withTime ? 16 : 10}
      placeholder={withTime ? '年-月-日 时:分' : '年-月-日'}
      title={`格式：年-月-日${withTime ? ' 时:分' : ''}，如 ${example}`}
      value={value}
      required={required}
      aria-label={rest['aria-label']}
      aria-invalid={problem ? 'true' : undefined}
      ref={(element) => element?.setCustomValidity(problem)}
      onInput={(event) => onValue(event.currentTarget.value)}
      onBlur={(event) => {
        const parsed = parse(event.currentTarget.value);
        if (parsed && parsed !== event.currentTarget.value) onValue(parsed);
      }}
    />
  );
}
