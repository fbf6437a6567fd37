/**
 * 审计查询 (/audit): cases by matter, department, officer who acted, 办件状态, 收件 dates, overrun,
 * and one time limit's kind, unit, finish dates, on-time or late and highest open signal; each
 * result opens its replay, downloads its history as JSON, or opens the printable history. The
 * address is the audit search API's query (contract.ts), so the supervision board links here. Read-only.
 */
import './audit.css';
import { h, render } from 'preact';
import { api } from '../shared/api.js';
import { startPage } from '../shared/shell.js';
import { AuditSearch } from './audit-search.js';

startPage('审计查询', async (shell) => {
  const [matters, departments] = await Promise.all([
    api<Array<{ matterCode: string; name: string }>>('/api/matters').catch(() => []),
    api<Array<{ name: string }>>('/api/departments').catch(() => []),
  ]);
  render(
    h(AuditSearch, {
      matters,
      departments: departments.map((d) => d.name),
      notify: shell.notify,
      showError: shell.showError,
    }),
    shell.main,
  );
});
