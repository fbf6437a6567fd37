/**
 * Calendar import in either layout the domain names (DOMAIN.md, Time limits), told apart by
 * shape.
 */
import { CalendarImportError } from './errors.js';
import { parseChineseDays, type ParsedCalendar } from './import-chinese-days.js';
import { parseHolidayCn } from './import-holiday-cn.js';
import { isRecord } from './import-validate.js';

/** The layouts calendar data can be imported in. */
export type CalendarLayout = ParsedCalendar['layout'];

/**
 * Parse calendar data: a `days` array means holiday-cn, a `holidays` object chinese-days; or
 * say which with `layout`. Throws CalendarImportError naming the bad field.
 */
export function parseCalendarImport(input: unknown, layout?: CalendarLayout): ParsedCalendar {
  const detected =
    layout ??
    (isRecord(input) && Array.isArray(input['days'])
      ? 'holiday-cn'
      : isRecord(input) && 'holidays' in input
        ? 'chinese-days'
        : null);
  if (detected === 'holiday-cn') return parseHolidayCn(input);
  if (detected === 'chinese-days') return parseChineseDays(input);
  throw new CalendarImportError(
    '(root)',
    'Expected the chinese-days layout {holidays, workdays} or the holiday-cn layout {year, papers, days}',
  );
}
