/**
 * 用户管理 (/users, administrators): users listed with search and paging; create one (the API token
 * is shown once), change roles, department, name or bound 证件号码, deactivate and reactivate,
 * reset a password. Everything goes through /api/users; the server decides who may.
 */
import './users.css';
import { h, render } from 'preact';
import { api } from '../shared/api.js';
import { el } from '../shared/dom.js';
import { hasRole } from '../shared/session.js';
import { startPage } from '../shared/shell.js';
import { UsersPage } from './users-page.js';

startPage('用户管理', async (shell) => {
  if (!hasRole(shell.session?.user, 'admin')) {
    shell.main.replaceChildren(
      el(
        'section',
        { class: 'mf-card', role: 'alert' },
        el('h1', {}, '无权访问'),
        el('p', {}, '用户管理仅限系统管理员。'),
      ),
    );
    return;
  }
  const departments = await api<Array<{ name: string }>>('/api/departments').catch(() => []);
  render(
    h(UsersPage, {
      departments: departments.map((d) => d.name),
      self: shell.session?.user.id ?? '',
      notify: shell.notify,
      showError: shell.showError,
    }),
    shell.main,
  );
});
