/**
 * The login session in the browser: the session token from POST /api/auth/login and the user it
 * belongs to, kept in localStorage (so that a task opened in a new tab is still signed in) until
 * it expires or the user logs out.
 */
export type Role = 'admin' | 'window' | 'department' | 'auditor' | 'supervisor' | 'applicant';

export interface SessionUser {
  readonly id: string;
  readonly name: string;
  readonly roles: readonly Role[];
  readonly department?: string;
}

export interface Session {
  readonly token: string;
  readonly expiresAt: string;
  readonly user: SessionUser;
}

const KEY = 'matterflow.session';

export function currentSession(): Session | null {
  const raw = localStorage.getItem(KEY);
  if (!raw) return null;
  try {
    const session = JSON.parse(raw) as Session;
    if (!session.token || Date.parse(session.expiresAt) <= Date.now()) {
      localStorage.removeItem(KEY);
      return null;
    }
    return session;
  } catch {
    localStorage.removeItem(KEY);
    return null;
  }
}

export function saveSession(session: Session): void {
  localStorage.setItem(KEY, JSON.stringify(session));
}

export function clearSession(): void {
  localStorage.removeItem(KEY);
}

/** Send the browser to the login page, coming back here afterwards. */
export function redirectToLogin(): void {
  const next = location.pathname + location.search + location.hash;
  location.assign(`/login?next=${encodeURIComponent(next)}`);
}

export const hasRole = (user: SessionUser | undefined | null, ...roles: readonly Role[]): boolean =>
  Boolean(user && user.roles.some((role) => roles.includes(role)));
