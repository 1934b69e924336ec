/**
 * A CouchDB-protocol server for the sync contract tests.
 *
 * Without COUCHDB_URL: pouchdb-server 4.2.0 in memory on a free 127.0.0.1 port, started in a temporary folder (it
 * writes config.json and log.txt where it runs) and stopped by its pid — also when setting it up fails, and when the
 * test process exits. A stand-in for tests only: unmaintained, and an anonymous PUT of a new database kills it.
 *
 * With COUCHDB_URL (e.g. http://127.0.0.1:5984, admin from COUCHDB_ADMIN / COUCHDB_ADMIN_PASSWORD or from the URL):
 * that server, where each test run makes its own databases and users (random names) and removes them at the end.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  couch, createServerAdmin, putUser, setupUnitDatabase, unitRole,
  type CouchClient, type Credentials,
} from '../../server/couchdb/setup.mjs';

export interface TestServer {
  /** the server's URL without credentials and without a trailing slash */
  url: string;
  admin: Credentials;
  /** true when COUCHDB_URL points at a server this harness did not start */
  external: boolean;
  /** pid of the started pouchdb-server */
  pid?: number;
  stop(): Promise<void>;
}

export interface TestUnit {
  unitId: string;
  db: string;
  /** the database URL without credentials */
  dbUrl: string;
  users: Record<string, Credentials>;
}

const random = (): string => Math.random().toString(36).slice(2, 10);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Resolves when the child has exited (at once if it already has). */
function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  process.kill(child.pid, 'SIGTERM');
  const done = exited(child);
  if (await Promise.race([done.then(() => true), sleep(3000).then(() => false)])) return;
  process.kill(child.pid, 'SIGKILL');
  await done;
}

const serverBin = (): string => {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('pouchdb-server/package.json')), 'bin', 'pouchdb-server');
};

/** Starts pouchdb-server once on a free port; rejects (with its output) if it exits or is not up within 20 s. */
async function startOnce(dir: string): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [serverBin(), '--in-memory', '--host', '127.0.0.1', '--port', String(port)], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (b: Buffer): void => {
    output = (output + b.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const killOnExit = (): void => {
    if (child.pid !== undefined && child.exitCode === null) child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  child.once('exit', () => process.removeListener('exit', killOnExit));

  const deadline = Date.now() + 20_000;
  try {
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`pouchdb-server exited (${child.exitCode ?? child.signalCode}): ${output}`);
      if (Date.now() > deadline) throw new Error(`pouchdb-server not up on ${url} after 20 s: ${output}`);
      try {
        const res = await fetch(`${url}/`);
        if (res.ok) {
          await res.arrayBuffer();
          return { child, url };
        }
      } catch {
        // not listening yet
      }
      await sleep(50);
    }
  } catch (e) {
    await stopChild(child);
    throw e;
  }
}

export async function startServer(): Promise<TestServer> {
  const external = process.env.COUCHDB_URL;
  if (external) {
    const parsed = new URL(external);
    const admin = {
      name: decodeURIComponent(parsed.username) || process.env.COUCHDB_ADMIN || '',
      password: decodeURIComponent(parsed.password) || process.env.COUCHDB_ADMIN_PASSWORD || '',
    };
    if (!admin.name || !admin.password) throw new Error('COUCHDB_URL is set: give the admin as COUCHDB_ADMIN / COUCHDB_ADMIN_PASSWORD or in the URL');
    parsed.username = '';
    parsed.password = '';
    return { url: parsed.toString().replace(/\/+$/, ''), admin, external: true, stop: () => cleanUp(parsed.toString(), admin) };
  }

  const dir = mkdtempSync(join(tmpdir(), 'jixiao-pouchdb-server-'));
  let started: { child: ChildProcess; url: string } | undefined;
  try {
    // A port taken between choosing and listening: try again with another one.
    for (let attempt = 1; !started; attempt++) {
      try {
        started = await startOnce(dir);
      } catch (e) {
        if (attempt >= 3) throw e;
      }
    }
    const admin = { name: 'admin', password: `pw-${random()}` };
    await createServerAdmin(started.url, admin);
    const { child, url } = started;
    return {
      url, admin, external: false, pid: child.pid,
      async stop() {
        await stopChild(child);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    if (started) await stopChild(started.child);
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

/** Databases and users made on an external server, removed by its stop(). */
const made: { dbs: string[]; users: string[] } = { dbs: [], users: [] };

async function cleanUp(url: string, admin: Credentials): Promise<void> {
  const c = couch(url, admin);
  for (const db of made.dbs.splice(0)) await c.request('DELETE', `/${encodeURIComponent(db)}`);
  for (const name of made.users.splice(0)) {
    const id = encodeURIComponent(`org.couchdb.user:${name}`);
    const cur = await c.request('GET', `/_users/${id}`);
    if (cur.status === 200) await c.request('DELETE', `/_users/${id}?rev=${encodeURIComponent(String(cur.body._rev))}`);
  }
}

/**
 * A unit database set up by setup.mjs (security, rules) with users of that unit; names are made unique per run so
 * runs against one external server do not meet.
 */
export async function setupUnit(server: TestServer, opts: { unitId?: string; users: string[] }): Promise<TestUnit> {
  const run = random();
  const unitId = opts.unitId ?? `u${run}`;
  const db = `jixiao-test-${run}`;
  await setupUnitDatabase({ url: server.url, admin: server.admin, unitId, db });
  if (server.external) made.dbs.push(db);
  const users: Record<string, Credentials> = {};
  for (const short of opts.users) {
    const cred = { name: `${short}-${run}`, password: `pw-${random()}` };
    await putUser(server.url, server.admin, { ...cred, roles: [unitRole(unitId)] });
    if (server.external) made.users.push(cred.name);
    users[short] = cred;
  }
  return { unitId, db, dbUrl: `${server.url}/${db}`, users };
}

/** An HTTP client of the unit database as the given user (null: anonymous). */
export function as(server: TestServer, unit: TestUnit, user: Credentials | null): CouchClient & { db: (method: string, path: string, body?: unknown) => ReturnType<CouchClient['request']> } {
  const c = couch(server.url, user);
  return { ...c, db: (method, path, body) => c.request(method, `/${unit.db}${path}`, body) };
}
