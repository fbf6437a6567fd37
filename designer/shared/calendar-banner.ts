/**
 * The banner that tells administrators and supervisors that next year's holiday notice is not
 * imported (GET /api/calendar/years: a year of status `missing`), with how many cases have due
 * dates that are provisional because of it and a link to the calendar import (/calendar). Shown
 * on every page until the year is imported; window and department officers do not get it.
 */
import { api } from './api.js';
import { el } from './dom.js';
import { hasRole, type SessionUser } from './session.js';

/** A year as GET /api/calendar/years answers it (engine/calendar-store CalendarYear). */
export interface CalendarYear {
  readonly year: number;
  readonly status: 'official' | 'provisional' | 'missing';
  readonly caseCount?: number;
  readonly cases?: ReadonlyArray<{ readonly caseId: string; readonly number: string | null; readonly dueAt: string }>;
}

/** Who is warned: the roles that can import the calendar or must watch the deadlines it moves. */
export const warnsAboutCalendar = (user: SessionUser | null): boolean => hasRole(user, 'admin', 'supervisor');

/** The banner's text for the missing years, or null when none is missing. */
export function calendarWarning(years: readonly CalendarYear[]): string | null {
  const missing = years.filter((year) => year.status === 'missing');
  if (missing.length === 0) return null;
  const names = missing.map((year) => `${year.year} 年`).join('、');
  const cases = Math.max(...missing.map((year) => year.caseCount ?? 0));
  return `${names}节假日安排尚未导入：${
    cases > 0 ? `${cases} 件办件的到期日按法定节假日暂定` : '跨年的到期日将按法定节假日暂定'
  }，导入国务院办公厅通知后自动重新计算。`;
}

/** Put the banner before `before` when the user is warned and a year is missing (errors stay silent). */
export async function showCalendarBanner(user: SessionUser | null, before: Element): Promise<void> {
  if (!warnsAboutCalendar(user)) return;
  const years = await api<CalendarYear[]>('/api/calendar/years').catch(() => null);
  const text = years && calendarWarning(years);
  if (!text) return;
  before.before(
    el(
      'div',
      { class: 'mf-calendar-banner', role: 'alert', 'data-testid': 'calendar-banner' },
      el('span', {}, text),
      el('a', { href: hasRole(user, 'admin') ? '/calendar#import' : '/calendar' }, '导入节假日安排'),
    ),
  );
}
