// @vitest-environment node
/**
 * Probe of the pouchdb-server fix applied at install (tests/sync/patch-pouchdb-validation.mjs, pouchdb-server issue
 * #419): with a validate_doc_update in the database, a replicated update of an existing doc (`_bulk_docs` with
 * `new_edits:false`) must be stored, not answered 201 and dropped. Holds on CouchDB as well, so it also runs there.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { as, setupUnit, startServer, type TestServer, type TestUnit } from './server-harness';
import { docOf, nextId, type SyncDoc } from './docs';
import { memoryDb, remoteDb } from './pouchdb-client';

let server: TestServer;
let unit: TestUnit;

beforeAll(async () => {
  server = await startServer();
  try {
    unit = await setupUnit(server, { users: ['alice'] });
  } catch (e) {
    await server.stop();
    throw e;
  }
}, 30_000);

afterAll(async () => {
  await server?.stop();
});

const planDoc = (): SyncDoc => docOf('plans', unit.unitId, { id: nextId('plan'), name: '工会经费', rev: 1 }, unit.users.alice!.name);

it('a replicated update (new_edits:false) of an existing doc is stored', async () => {
  const alice = as(server, unit, unit.users.alice!);
  const doc = planDoc();
  const path = `/${encodeURIComponent(doc._id)}`;
  const first = await alice.db('PUT', path, doc);
  expect(first.status).toBe(201);
  const rev1 = String(first.body.rev);
  const hash2 = 'a'.repeat(32);
  const update = {
    ...doc, _rev: `2-${hash2}`, _revisions: { start: 2, ids: [hash2, rev1.slice(2)] },
    record: { ...doc.record, name: '工会经费（调整）', rev: 2 },
  };
  const res = await alice.db('POST', '/_bulk_docs', { docs: [update], new_edits: false });
  expect(res.status).toBe(201);
  const stored = await alice.db('GET', path);
  expect(stored.body._rev).toBe(`2-${hash2}`);
  expect(stored.body.record.name).toBe('工会经费（调整）');
});

it('an edit pushed by a client replica reaches the server', async () => {
  const creds = unit.users.alice!;
  const remote = remoteDb<SyncDoc>(unit.dbUrl, creds);
  const local = memoryDb<SyncDoc>(`client-${nextId()}`);
  try {
    const doc = planDoc();
    expect((await as(server, unit, creds).db('PUT', `/${encodeURIComponent(doc._id)}`, doc)).status).toBe(201);
    await local.replicate.from(remote, { doc_ids: [doc._id] });
    const pulled = await local.get(doc._id);
    const { rev } = await local.put({ ...pulled, record: { ...pulled.record, name: 'edited on a client' } });
    const result = await local.replicate.to(remote);
    expect(result.docs_written).toBe(1);
    const onServer = await remote.get(doc._id);
    expect(onServer._rev).toBe(rev);
    expect(onServer.record.name).toBe('edited on a client');
  } finally {
    await local.destroy();
    await remote.close();
  }
});

it('the install-time patch is idempotent', () => {
  const script = fileURLToPath(new URL('./patch-pouchdb-validation.mjs', import.meta.url));
  const out = execFileSync(process.execPath, [script], { encoding: 'utf8' });
  expect(out).toContain('lib/index.js already fixed');
});
