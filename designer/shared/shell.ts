/**
 * The frame of every page: the top bar (product, the navigation the user's roles are offered,
 * who is signed in, 退出), a notice area for the server's answers in Chinese, the banner of a
 * missing holiday notice (administrators and supervisors, calendar-banner.ts), and the page's
 * main element. `startPage` requires a login (unless the page is public) and reports any
 * failure of the page in the notice area instead of leaving a blank screen.
 */
import { PAGES, type PageAudience } from '../pages.js';
import { api, ApiFailure } from './api.js';
import { showCalendarBanner } from './calendar-banner.js';
import { el } from './dom.js';
import { ROLE_LABELS } from './format.js';
import { clearSession, currentSession, redirectToLogin, type Role, type Session, type SessionUser } from './session.js';
import './base.css';

export interface Shell {
  /** The page's own content goes here. */
  readonly main: HTMLElement;
  /** Null on a public page visited without logging in. */
  readonly session: Session | null;
  notify(message: string, kind?: 'info' | 'success' | 'error'): void;
  /** Show an error (an ApiFailure's Chinese message, or a generic one). */
  showError(error: unknown): void;
}

const offeredTo = (audience: PageAudience, user: SessionUser | null): boolean =>
  audience === 'public' ||
  (user !== null &&
    (audience === 'authenticated' || user.roles.some((role) => (audience as readonly Role[]).includes(role))));

/** The page each role works on all day (a supervisor watches 电子监察, not the audit search). */
const LANDING: Readonly<Partial<Record<Role, string>>> = {
  window: '/worklist',
  department: '/worklist',
  supervisor: '/supervision',
  auditor: '/audit',
};

/** Where a user lands after logging in: their first role's own page, else the first page their roles are offered. */
export function homeFor(user: SessionUser): string {
  for (const role of user.roles) {
    const landing = LANDING[role];
    if (landing && PAGES.some((page) => page.route === landing && offeredTo(page.audience, user))) return landing;
  }
  return (
    PAGES.find((page) => page.nav && page.audience !== 'public' && offeredTo(page.audience, user))?.route ?? '/guide'
  );
}

export function messageOf(error: unknown): string {
  if (error instanceof ApiFailure) return error.zh;
  return '页面出错，请刷新后重试';
}

export function mountShell(title: string, session: Session | null): Shell {
  document.title = `${title} · Matterflow 政务服务`;
  const user = session?.user ?? null;
  const nav = el('nav', { class: 'mf-nav', 'aria-label': '主导航' });
  const offered = PAGES.filter((page) => page.nav && offeredTo(page.audience, user));
  // The page this is, or the nearest one above it (/worklist/handled is 已办, not 待办).
  const here = offered
    .filter((page) => location.pathname === page.route || location.pathname.startsWith(`${page.route}/`))
    .sort((a, b) => b.route.length - a.route.length)[0];
  for (const page of offered) {
    const active = page === here;
    nav.append(
      el('a', { href: page.route, class: active ? 'active' : null, 'aria-current': active ? 'page' : null }, page.nav),
    );
  }
  const account = user
    ? el(
        'div',
        { class: 'mf-account' },
        el('span', { class: 'mf-user', title: user.department ?? '' }, accountLabel(user)),
        el('button', { type: 'button', class: 'mf-link', onclick: () => void logout() }, '退出'),
      )
    : el(
        'div',
        { class: 'mf-account' },
        el('a', { href: `/login?next=${encodeURIComponent(location.pathname)}` }, '登录'),
      );
  const header = el(
    'header',
    { class: 'mf-header' },
    el('a', { class: 'mf-brand', href: '/' }, 'Matterflow', el('small', {}, ' 政务服务流程平台')),
    nav,
    account,
  );
  const notices = el('div', { class: 'mf-notices', role: 'status', 'aria-live': 'polite' });
  const main = el('main', { class: 'mf-main', id: 'main' });
  const app = document.getElementById('app') ?? document.body;
  app.replaceChildren(header, notices, main);
  void showCalendarBanner(user, main);

  const notify = (message: string, kind: 'info' | 'success' | 'error' = 'info') => {
    const notice = el(
      'div',
      { class: `mf-notice mf-notice-${kind}`, role: kind === 'error' ? 'alert' : null },
      el('span', {}, message),
      el('button', { type: 'button', class: 'mf-link', 'aria-label': '关闭', onclick: () => notice.remove() }, '×'),
    );
    notices.append(notice);
    if (kind !== 'error') setTimeout(() => notice.remove(), 6000);
  };
  return { main, session, notify, showError: (error) => notify(messageOf(error), 'error') };
}

/** 林局（部门审批人员）; a name that is its role's own label (系统管理员) is not said twice. */
export function accountLabel(user: Pick<SessionUser, 'name' | 'roles'>): string {
  const roles = user.roles.map((role) => ROLE_LABELS[role] ?? role).filter((label) => label !== user.name.trim());
  return roles.length > 0 ? `${user.name}（${roles.join('、')}）` : user.name;
}

async function logout(): Promise<void> {
  await api('/api/auth/logout', { method: 'POST' }).catch(() => undefined);
  clearSession();
  location.assign('/login');
}

/**
 * Run a page: login first (unless `public`), then the shell, then `render`. A failure anywhere
 * in the page, now or later, is shown in Chinese in the notice area.
 */
export function startPage(
  title: string,
  render: (shell: Shell) => Promise<void> | void,
  options: { public?: boolean } = {},
): void {
  const session = currentSession();
  if (!session && !options.public) {
    redirectToLogin();
    return;
  }
  const shell = mountShell(title, session);
  window.addEventListener('unhandledrejection', (event) => {
    shell.showError(event.reason);
    console.error(event.reason);
  });
  Promise.resolve()
    .then(() => render(shell))
    .catch((error: unknown) => {
      shell.showError(error);
      console.error(error);
    });
}
