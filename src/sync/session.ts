/**
 * Signing in to CouchDB: POST /_session sets the AuthSession cookie (8 hours by default, server/couchdb/README.md);
 * the password goes to the server once and is never stored. The unit of a database is its design document's unitId.
 */
export type SignInResult = { ok: true; roles: string[] } | { ok: false; reason: 'unauthorized' | 'network' | 'server' };
export type UnitResult = { ok: true; unitId: string } | { ok: false; reason: 'unauthorized' | 'notMember' | 'noRules' | 'network' | 'server' };

type Fetch = (url: string, init?: RequestInit) => Promise<Response>;

export const serverUrl = (url: string): string => url.trim().replace(/\/+$/, '');
export const databaseUrl = (server: string, db: string): string => `${serverUrl(server)}/${encodeURIComponent(db.trim())}`;

export async function signIn(server: string, name: string, password: string, f: Fetch = (u, i) => fetch(u, { ...i, credentials: 'include' })): Promise<SignInResult> {
  let res: Response;
  try {
    res = await f(`${serverUrl(server)}/_session`, { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify({ name, password }) });
  } catch {
    return { ok: false, reason: 'network' };
  }
  if (res.status === 401 || res.status === 403) return { ok: false, reason: 'unauthorized' };
  if (!res.ok) return { ok: false, reason: 'server' };
  const body = (await res.json()) as { roles?: string[] };
  return { ok: true, roles: body.roles ?? [] };
}

export async function signOut(server: string, f: Fetch = (u, i) => fetch(u, { ...i, credentials: 'include' })): Promise<void> {
  try {
    await f(`${serverUrl(server)}/_session`, { method: 'DELETE' });
  } catch {
    // offline: the cookie expires on its own
  }
}

export async function unitOf(server: string, db: string, f: Fetch = (u, i) => fetch(u, { ...i, credentials: 'include' })): Promise<UnitResult> {
  let res: Response;
  try {
    res = await f(`${databaseUrl(server, db)}/_design/jixiao`, { headers: { Accept: 'application/json' } });
  } catch {
    return { ok: false, reason: 'network' };
  }
  if (res.status === 401) return { ok: false, reason: 'unauthorized' };
  if (res.status === 403) return { ok: false, reason: 'notMember' };
  if (res.status === 404) return { ok: false, reason: 'noRules' };
  if (!res.ok) return { ok: false, reason: 'server' };
  const body = (await res.json()) as { unitId?: unknown };
  return typeof body.unitId === 'string' && body.unitId ? { ok: true, unitId: body.unitId } : { ok: false, reason: 'noRules' };
}
