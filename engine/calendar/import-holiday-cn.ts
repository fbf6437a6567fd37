/**
 * Importer for the holiday-cn layout (NateScarlet/holiday-cn, one file per year):
 * `{year, papers: [url…], days: [{name, date, isOffDay}]}`. `papers` cites the State Council's
 * notice; every imported day keeps the first paper's URL as its notice (later papers amend it
 * and are returned too). The file's year is covered officially; days it lists in a neighbouring
 * year (a holiday spanning New Year) are imported without covering that year.
 */
import { CalendarImportError } from './errors.js';
import type { ParsedCalendar } from './import-chinese-days.js';
import { importDate, importText, importUrl, isRecord } from './import-validate.js';
import type { DateText } from './shanghai.js';
import type { CalendarDay } from './types.js';

/** A parsed holiday-cn file, with the notice URLs it cites. */
export interface ParsedHolidayCn extends ParsedCalendar {
  readonly layout: 'holiday-cn';
  readonly year: number;
  readonly papers: readonly string[];
}

/** Parse one holiday-cn year file. */
export function parseHolidayCn(input: unknown): ParsedHolidayCn {
  if (!isRecord(input)) throw new CalendarImportError('(root)', 'Expected the holiday-cn object {year, papers, days}');
  const year = input['year'];
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 1949 || year > 2200) {
    throw new CalendarImportError('year', `Expected a year such as 2027, but got ${JSON.stringify(year)}`);
  }
  const papersInput = input['papers'];
  if (!Array.isArray(papersInput)) throw new CalendarImportError('papers', 'Expected an array of notice URLs');
  const papers = papersInput.map((paper, i) => importUrl(paper, `papers[${i}]`));
  const notice = papers[0];
  const daysInput = input['days'];
  if (!Array.isArray(daysInput)) throw new CalendarImportError('days', 'Expected an array of {name, date, isOffDay}');
  const days = new Map<DateText, CalendarDay>();
  daysInput.forEach((entry: unknown, i) => {
    const field = `days[${i}]`;
    if (!isRecord(entry)) throw new CalendarImportError(field, 'Expected an object {name, date, isOffDay}');
    const name = importText(entry['name'], `${field}.name`);
    const date = importDate(entry['date'], `${field}.date`);
    const off = entry['isOffDay'];
    if (typeof off !== 'boolean')
      throw new CalendarImportError(`${field}.isOffDay`, `Expected true or false, but got ${JSON.stringify(off)}`);
    if (days.has(date))
      throw new CalendarImportError(`${field}.date`, `Expected each date once, but ${date} is listed again`);
    days.set(date, { off, name, source: 'holiday-cn', ...(notice ? { notice } : {}) });
  });
  return { layout: 'holiday-cn', year, papers, days, officialYears: new Set([year]) };
}
