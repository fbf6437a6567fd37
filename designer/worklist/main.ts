/**
 * The worklist bundle: /worklist (待办事项), /worklist/tasks/:taskId (办理), /worklist/handled
 * (已办事项), /worklist/cases/:caseId (办件详情) and /reception (窗口收件), one bundle routing on
 * location.pathname.
 */
import { h, render } from 'preact';
import { startPage } from '../shared/shell.js';
import { CasePage } from './case-page.js';
import { Handled } from './handled.js';
import { Reception } from './reception.js';
import { TaskPage } from './task.js';
import { Worklist } from './worklist.js';
import './worklist.css';

const path = location.pathname.replace(/\/+$/, '');
const task = /^\/worklist\/tasks\/([^/]+)$/.exec(path);
const oneCase = /^\/worklist\/cases\/([^/]+)$/.exec(path);
const handled = path === '/worklist/handled';
const title = task
  ? '办理'
  : oneCase
    ? '办件详情'
    : handled
      ? '已办事项'
      : path === '/reception'
        ? '窗口收件'
        : '待办事项';

startPage(title, (shell) => {
  const notice = sessionStorage.getItem('worklist.notice');
  if (notice) {
    sessionStorage.removeItem('worklist.notice');
    shell.notify(notice, 'success');
  }
  if (task) render(h(TaskPage, { shell, taskId: decodeURIComponent(task[1]!) }), shell.main);
  else if (oneCase) render(h(CasePage, { shell, caseId: decodeURIComponent(oneCase[1]!) }), shell.main);
  else if (handled) render(h(Handled, { shell }), shell.main);
  else if (path === '/reception') render(h(Reception, { shell }), shell.main);
  else render(h(Worklist, { shell }), shell.main);
});
