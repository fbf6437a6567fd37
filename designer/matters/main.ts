/** 事项管理 (administrators): the list (/matters), the editor (/matters/:code) and a new matter (/matters?new[&from=CODE]). */
import { el } from '../shared/dom.js';
import { hasRole } from '../shared/session.js';
import { startPage } from '../shared/shell.js';
import { renderEditor } from './editor-page.js';
import { renderList } from './matters-list.js';
import './matters.css';

const code = /^\/matters\/([^/]+)\/?$/.exec(location.pathname)?.[1];
const query = new URLSearchParams(location.search);

startPage(code ? '事项编辑' : '事项管理', async (shell) => {
  if (!hasRole(shell.session?.user, 'admin')) {
    shell.main.replaceChildren(
      el(
        'section',
        { class: 'mf-card', role: 'alert' },
        el('h1', {}, '无权访问'),
        el('p', {}, '事项管理仅限系统管理员。如需查看事项，请阅读'),
        el('p', {}, el('a', { href: '/guide' }, '办事指南')),
      ),
    );
    return;
  }
  if (code) await renderEditor(shell, decodeURIComponent(code), null);
  else if (query.has('new')) await renderEditor(shell, null, query.get('from'));
  else await renderList(shell);
});
