#!/usr/bin/env node
// Sets up one unit's database on Apache CouchDB 3 (or pouchdb-server in tests) over HTTP: the database, its
// `_security` (members = role unit-<unitId>), the rules (`_design/jixiao`) and, optionally, users of the unit.
// Idempotent: run it again after changing validate.js to update the rules, or to add users.
//
//   COUCHDB_ADMIN=admin COUCHDB_ADMIN_PASSWORD=… node server/couchdb/setup.mjs \
//     --url http://127.0.0.1:5984 --unit <unitId> [--db <name>] [--user <name>[:<password>] …] [--check]
//
// A user given without a password reads it from the environment variable JIXIAO_PASSWORD_<NAME> (upper case,
// non-alphanumerics as _), so passwords need not appear in the shell history; an existing user without either keeps
// their password and gains the unit's role. `--check` changes nothing and reports
// whether the database, its security and its rules are as this script would set them (exit 1 if not).
// The functions are exported for tests/sync/server-harness.ts.
import { fileURLToPath } from 'node:url';
import { DESIGN_ID, designDoc } from './design/index.mjs';

export const unitRole = (unitId) => `unit-${unitId}`;

/** The default database of a unit; CouchDB names are lower case letters, digits and _$()+-/ and start with a letter. */
export function unitDbName(unitId) {
  const name = `jixiao-unit-${unitId}`;
  if (!/^[a-z][a-z0-9_$()+/-]*$/.test(name)) throw new Error(`unit id ${JSON.stringify(unitId)} gives no valid database name: pass --db`);
  return name;
}

/**
 * A small CouchDB HTTP client: `request(method, path, body?)` → `{ status, body }` (body parsed as JSON when it is).
 * `auth` is `{ name, password }` or null for anonymous requests.
 */
export function couch(url, auth) {
  const base = url.replace(/\/+$/, '');
  const headers = { Accept: 'application/json' };
  if (auth) headers.Authorization = `Basic ${Buffer.from(`${auth.name}:${auth.password}`).toString('base64')}`;
  return {
    url: base,
    async request(method, path, body) {
      const res = await fetch(base + path, {
        method,
        headers: body === undefined ? headers : { ...headers, 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      let parsed = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON: keep the text
      }
      return { status: res.status, body: parsed };
    },
  };
}

function fail(what, res) {
  throw new Error(`${what}: HTTP ${res.status} ${typeof res.body === 'string' ? res.body : JSON.stringify(res.body)}`);
}

const enc = encodeURIComponent;

/** Creates a server admin on a server without one ("admin party", e.g. a fresh pouchdb-server). */
export async function createServerAdmin(url, admin) {
  const res = await couch(url, null).request('PUT', `/_config/admins/${enc(admin.name)}`, admin.password);
  if (res.status !== 200) fail(`creating server admin ${admin.name}`, res);
}

/**
 * Creates a CouchDB user, or adds roles to an existing one (roles it has are kept, so one person can belong to
 * several units); the password is set when given.
 */
export async function putUser(url, admin, user) {
  const c = couch(url, admin);
  const id = `org.couchdb.user:${user.name}`;
  const cur = await c.request('GET', `/_users/${enc(id)}`);
  const had = cur.status === 200 ? cur.body : { _id: id, name: user.name, type: 'user', roles: [] };
  if (cur.status !== 200 && !user.password) throw new Error(`user ${user.name} is new and needs a password`);
  const doc = { ...had, roles: [...new Set([...(had.roles ?? []), ...user.roles])] };
  if (user.password) doc.password = user.password;
  const res = await c.request('PUT', `/_users/${enc(id)}`, doc);
  if (res.status !== 201 && res.status !== 202) fail(`saving user ${user.name}`, res);
}

/** The `_security` object of a unit database. */
export const unitSecurity = (unitId) => ({
  admins: { names: [], roles: [] },
  members: { names: [], roles: [unitRole(unitId)] },
});

/**
 * Creates (or brings up to date) a unit database: the database, its security and its rules. Returns the database
 * name and what was changed.
 */
export async function setupUnitDatabase({ url, admin, unitId, db = unitDbName(unitId) }) {
  const c = couch(url, admin);
  const changed = [];
  const path = `/${enc(db)}`;

  const created = await c.request('PUT', path);
  if (created.status === 201 || created.status === 202) changed.push('database');
  else if (created.status !== 412) fail(`creating database ${db}`, created);

  const security = unitSecurity(unitId);
  const sec = await c.request('GET', `${path}/_security`);
  if (sec.status !== 200 || JSON.stringify(sec.body) !== JSON.stringify(security)) {
    const res = await c.request('PUT', `${path}/_security`, security);
    if (res.status !== 200) fail(`setting the security of ${db}`, res);
    changed.push('security');
  }

  const want = designDoc(unitId);
  const cur = await c.request('GET', `${path}/${DESIGN_ID}`);
  const stale = cur.status !== 200 || ['unitId', 'rules', 'validate_doc_update'].some((k) => cur.body[k] !== want[k]);
  if (stale) {
    const doc = cur.status === 200 ? { ...want, _rev: cur.body._rev } : want;
    const res = await c.request('PUT', `${path}/${DESIGN_ID}`, doc);
    if (res.status !== 201 && res.status !== 202) fail(`saving the rules of ${db}`, res);
    changed.push('rules');
  }
  return { db, changed };
}

/** What differs from the set-up state, as sentences; empty when the database is as setupUnitDatabase leaves it. */
export async function checkUnitDatabase({ url, admin, unitId, db = unitDbName(unitId) }) {
  const c = couch(url, admin);
  const path = `/${enc(db)}`;
  const info = await c.request('GET', path);
  if (info.status !== 200) return [`database ${db} is missing (HTTP ${info.status})`];
  const problems = [];
  const sec = await c.request('GET', `${path}/_security`);
  const roles = sec.body?.members?.roles ?? [];
  if (!roles.includes(unitRole(unitId))) problems.push(`_security members.roles lacks ${unitRole(unitId)}`);
  const design = await c.request('GET', `${path}/${DESIGN_ID}`);
  if (design.status !== 200) problems.push(`${DESIGN_ID} is missing`);
  else {
    const want = designDoc(unitId);
    if (design.body.unitId !== unitId) problems.push(`${DESIGN_ID} names unit ${design.body.unitId}, not ${unitId}`);
    if (design.body.rules !== want.rules) problems.push(`${DESIGN_ID} holds rules ${design.body.rules}, this repository has ${want.rules}`);
  }
  return problems;
}

// --- command line ---------------------------------------------------------------------------------------------

function parseArgs(argv) {
  const out = { users: [], check: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--url') out.url = value();
    else if (a === '--unit') out.unitId = value();
    else if (a === '--db') out.db = value();
    else if (a === '--user') out.users.push(value());
    else if (a === '--check') out.check = true;
    else if (a === '--help' || a === '-h') out.help = true;
    else throw new Error(`unknown argument ${a}`);
  }
  return out;
}

const USAGE = `usage: COUCHDB_ADMIN=… COUCHDB_ADMIN_PASSWORD=… node server/couchdb/setup.mjs --url <server> --unit <unitId> [--db <name>] [--user <name>[:<password>] …] [--check]`;

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    console.log(USAGE);
    return;
  }
  const url = args.url ?? process.env.COUCHDB_URL;
  if (!url || !args.unitId) throw new Error(USAGE);
  // Credentials in the URL (http://admin:pw@host:5984) are accepted too; fetch refuses them, so they are moved.
  const parsed = new URL(url);
  const admin = {
    name: decodeURIComponent(parsed.username) || process.env.COUCHDB_ADMIN,
    password: decodeURIComponent(parsed.password) || process.env.COUCHDB_ADMIN_PASSWORD,
  };
  parsed.username = '';
  parsed.password = '';
  if (!admin.name || !admin.password) throw new Error('admin credentials: set COUCHDB_ADMIN and COUCHDB_ADMIN_PASSWORD');
  const server = parsed.toString();
  const db = args.db ?? unitDbName(args.unitId);

  if (args.check) {
    const problems = await checkUnitDatabase({ url: server, admin, unitId: args.unitId, db });
    for (const p of problems) console.log(`✗ ${p}`);
    if (problems.length) process.exitCode = 1;
    else console.log(`✓ ${db} is set up for unit ${args.unitId} with rules ${designDoc(args.unitId).rules}`);
    return;
  }

  // Every user's password is found before anything is written. A user without one keeps the password they have.
  const users = args.users.map((spec) => {
    const at = spec.indexOf(':');
    const name = at < 0 ? spec : spec.slice(0, at);
    const envName = `JIXIAO_PASSWORD_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
    return { name, password: at < 0 ? process.env[envName] : spec.slice(at + 1), envName };
  });
  const c = couch(server, admin);
  for (const u of users) {
    if (u.password) continue;
    const exists = await c.request('GET', `/_users/${enc(`org.couchdb.user:${u.name}`)}`);
    if (exists.status !== 200) throw new Error(`no password for the new user ${u.name}: give --user ${u.name}:<password> or set ${u.envName}`);
  }

  const { changed } = await setupUnitDatabase({ url: server, admin, unitId: args.unitId, db });
  console.log(`${db}: ${changed.length ? `set ${changed.join(', ')}` : 'already up to date'} (rules ${designDoc(args.unitId).rules})`);
  for (const u of users) {
    await putUser(server, admin, { name: u.name, password: u.password, roles: [unitRole(args.unitId)] });
    console.log(`user ${u.name}: role ${unitRole(args.unitId)}${u.password ? '' : ' (password unchanged)'}`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exitCode = 1;
  });
}
