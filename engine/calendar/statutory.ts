/**
 * The statutory holidays fixed by law, for a year without an official notice yet:
 * 全国年节及纪念日放假办法 as amended in 2024 (in force from 2025) — 元旦 1 day, 春节 4 days from
 * 除夕, 清明 1, 劳动节 2 from 1 May, 端午 1, 中秋 1, 国庆 3 from 1 October. Its article 6 gives a
 * weekday in lieu (补假) when a holiday falls on a Saturday or Sunday: the next weekdays after
 * the festival that are not already off. Make-up working days (调休补班) are not law but each
 * year's notice, so a provisional year has none. Every day is marked `provisional`.
 */
import { solarDateOfLunar, qingmingDate } from './lunar.js';
import { addDays, weekday, type DateText } from './shanghai.js';
import type { CalendarDay } from './types.js';

/** One festival: its name and the dates the law gives off. */
interface Festival {
  readonly name: string;
  readonly dates: readonly DateText[];
}

/** The statutory days off of `year` (festivals plus 补假), all with source `provisional`. */
export function statutoryHolidays(year: number): Map<DateText, CalendarDay> {
  const days = new Map<DateText, CalendarDay>();
  const festivals = festivalsOf(year);
  for (const festival of festivals) {
    for (const date of festival.dates) days.set(date, day(festival.name));
  }
  for (const festival of festivals) {
    const onWeekend = festival.dates.filter(isWeekend).length;
    let candidate = festival.dates[festival.dates.length - 1] ?? `${year}-01-01`;
    for (let given = 0; given < onWeekend;) {
      candidate = addDays(candidate, 1);
      if (isWeekend(candidate) || days.has(candidate)) continue;
      days.set(candidate, day(`${festival.name}(补假)`));
      given += 1;
    }
  }
  return days;
}

function festivalsOf(year: number): Festival[] {
  const lunarNewYear = solarDateOfLunar(year, 1, 1);
  return [
    { name: '元旦', dates: run(`${year}-01-01`, 1) },
    { name: '春节', dates: run(addDays(lunarNewYear, -1), 4) },
    { name: '清明', dates: [qingmingDate(year)] },
    { name: '劳动节', dates: run(`${year}-05-01`, 2) },
    { name: '端午', dates: [solarDateOfLunar(year, 5, 5)] },
    { name: '中秋', dates: [solarDateOfLunar(year, 8, 15)] },
    { name: '国庆', dates: run(`${year}-10-01`, 3) },
  ];
}

function run(first: DateText, length: number): DateText[] {
  return Array.from({ length }, (_, i) => addDays(first, i));
}

function isWeekend(date: DateText): boolean {
  const dow = weekday(date);
  return dow === 0 || dow === 6;
}

function day(name: string): CalendarDay {
  return { off: true, name, source: 'provisional' };
}
