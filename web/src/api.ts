// The one way the app talks to the services: JSON over the gateway, the session's bearer token,
// one refresh when the access token has run out, and refusals as Problems (RFC 9457 + our codes).

export interface Session {
  userId: string;
  name: string;
  displayName: string;
  accessToken: string;
  refreshToken: string;
  roles: string[];
}

export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
    readonly field?: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(detail);
  }
}

const SESSION_KEY = 'pai.session';
type Listener = (session: Session | null) => void;
const listeners = new Set<Listener>();

export function currentSession(): Session | null {
  const stored = localStorage.getItem(SESSION_KEY);
  return stored ? (JSON.parse(stored) as Session) : null;
}

export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function storeSession(session: Session | null) {
  if (session) localStorage.setItem(SESSION_KEY, JSON.stringify(session));
  else localStorage.removeItem(SESSION_KEY);
  listeners.forEach((listener) => listener(session));
}

/** A token's claims as the app needs them (the services check the signature, not us); {} if unreadable. */
function claimsOf(accessToken: string): { groups?: string[]; exp?: number } {
  try {
    return JSON.parse(atob(accessToken.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
  } catch {
    return {};
  }
}

interface TokenAnswer {
  userId: string;
  name: string;
  displayName: string;
  accessToken: string;
  refreshToken: string;
}

function sessionOf(answer: TokenAnswer): Session {
  const groups = claimsOf(answer.accessToken).groups;
  return { ...answer, displayName: answer.displayName || answer.name, roles: Array.isArray(groups) ? groups : [] };
}

async function problemOf(response: Response): Promise<Problem> {
  let body: Record<string, unknown> = {};
  try {
    body = await response.json();
  } catch {
    // a body that is not JSON says nothing more than its status
  }
  const retryAfter = Number(response.headers.get('Retry-After'));
  return new Problem(
    response.status,
    String(body.code ?? `HTTP_${response.status}`),
    String(body.detail ?? body.title ?? response.statusText),
    typeof body.field === 'string' ? body.field : undefined,
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
  );
}

async function send(method: string, path: string, body: unknown, token?: string): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined && !(body instanceof FormData)) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  return fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body),
  });
}

let refreshing: Promise<Session | null> | null = null;

/** Runs `task` while no other tab of the app runs one under the same name (where the browser has Web Locks). */
function exclusive<T>(name: string, task: () => Promise<T>): Promise<T> {
  return navigator.locks ? (navigator.locks.request(name, task) as Promise<T>) : task();
}

/**
 * One refresh at a time, however many calls found the token expired together, in this tab and in the
 * others: they share the session in localStorage, and a refresh token shown twice revokes the session,
 * so a tab that waited for another's refresh takes the session it left instead of refreshing again.
 */
function refreshSession(expired: string): Promise<Session | null> {
  refreshing ??= exclusive('pai.refresh', async () => {
    const session = currentSession();
    if (!session) return null;
    if (session.accessToken !== expired) return session;
    const response = await send('POST', '/api/auth/refresh', { refreshToken: session.refreshToken });
    if (!response.ok) {
      storeSession(null);
      return null;
    }
    const renewed = sessionOf(await response.json());
    storeSession(renewed);
    return renewed;
  }).finally(() => (refreshing = null));
  return refreshing;
}

// A sign-in, refresh or sign-out in another tab reaches this one's screens too.
window.addEventListener('storage', (event) => {
  if (event.key === SESSION_KEY) listeners.forEach((listener) => listener(currentSession()));
});

/** A call as the signed-in user; a 401 refreshes the session once and tries again. */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  let session = currentSession();
  let response = await send(method, path, body, session?.accessToken);
  if (response.status === 401 && session) {
    session = await refreshSession(session.accessToken);
    if (session) response = await send(method, path, body, session.accessToken);
  }
  if (!response.ok) throw await problemOf(response);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

/** A fresh access token for the WebSocket, refreshed when it is close to its expiry. */
export async function liveToken(): Promise<string | null> {
  const session = currentSession();
  if (!session) return null;
  const expiry = claimsOf(session.accessToken).exp;
  if (typeof expiry === 'number' && expiry * 1000 - Date.now() < 30_000) {
    return (await refreshSession(session.accessToken))?.accessToken ?? null;
  }
  return session.accessToken;
}

export async function signUp(name: string, password: string, displayName?: string): Promise<Session> {
  const response = await send('POST', '/api/auth/signup', { name, password, displayName: displayName || undefined });
  if (!response.ok) throw await problemOf(response);
  const session = sessionOf(await response.json());
  storeSession(session);
  return session;
}

export async function signIn(name: string, password: string): Promise<Session> {
  const response = await send('POST', '/api/auth/signin', { name, password });
  if (!response.ok) throw await problemOf(response);
  const session = sessionOf(await response.json());
  storeSession(session);
  return session;
}

export async function signOut(): Promise<void> {
  const session = currentSession();
  storeSession(null);
  if (session) await send('POST', '/api/auth/signout', { refreshToken: session.refreshToken }).catch(() => undefined);
}

export function newClientMsgId(): string {
  return crypto.randomUUID();
}
