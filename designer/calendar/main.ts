/**
 * 工作日历 (/calendar): the years of the working-day calendar — official (a notice imported),
 * provisional, or missing with the cases whose due dates depend on it — and, for administrators,
 * the import of a State Council notice (holiday-cn or chinese-days JSON), after which every
 * provisional due date is recomputed by the server.
 */
import './calendar.css';
import { h, render } from 'preact';
import { hasRole } from '../shared/session.js';
import { startPage } from '../shared/shell.js';
import { CalendarPage } from './calendar-page.js';

startPage('工作日历', (shell) => {
  render(
    h(CalendarPage, {
      canImport: hasRole(shell.session?.user, 'admin'),
      notify: shell.notify,
      showError: shell.showError,
    }),
    shell.main,
  );
});
