/** 登录: user id and password; back to where the user came from (`?next=`), else their home page. */
import { api, ApiFailure } from '../shared/api.js';
import { el } from '../shared/dom.js';
import { saveSession, type Session } from '../shared/session.js';
import { homeFor, mountShell } from '../shared/shell.js';

const shell = mountShell('登录', null);
const user = el('input', { name: 'user', autocomplete: 'username', required: true, autofocus: true });
const password = el('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
const submit = el('button', { type: 'submit', class: 'primary' }, '登录');
const error = el('p', { class: 'mf-login-error', role: 'alert' });
const form = el(
  'form',
  { class: 'mf-card mf-login', 'aria-label': '登录' },
  el('h1', {}, '登录 Matterflow 政务服务流程平台'),
  el('label', {}, '用户名', user),
  el('label', {}, '密码', password),
  error,
  submit,
);
shell.main.append(form);

/** Only a path on this site: `?next=https://elsewhere` must not send a fresh login away. */
function safeNext(): string | null {
  const next = new URLSearchParams(location.search).get('next');
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : null;
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  submit.disabled = true;
  error.textContent = '';
  api<Session>('/api/auth/login', { body: { user: user.value.trim(), password: password.value }, anonymous: true })
    .then((session) => {
      saveSession(session);
      location.assign(safeNext() ?? homeFor(session.user));
    })
    .catch((failure: unknown) => {
      error.textContent = failure instanceof ApiFailure ? failure.zh : '登录失败，请重试';
      password.select();
    })
    .finally(() => {
      submit.disabled = false;
    });
});
