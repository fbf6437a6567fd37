/**
 * 异常处理 (/incidents): the incidents that stopped cases, for administrators to fix and retry
 * (supervisors read them), the workers waiting for tasks, and the webhook deliveries that failed
 * for good. Everything goes through the API; the server decides who may.
 */
import './incidents.css';
import { h, render } from 'preact';
import { hasRole } from '../shared/session.js';
import { startPage } from '../shared/shell.js';
import { IncidentsPage } from './incidents-page.js';

startPage('异常处理', (shell) => {
  render(
    h(IncidentsPage, {
      admin: hasRole(shell.session?.user, 'admin'),
      notify: shell.notify,
      showError: shell.showError,
    }),
    shell.main,
  );
});
