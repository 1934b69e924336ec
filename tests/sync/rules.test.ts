// @vitest-environment node
/**
 * Contract tests of a unit database (issue #11): access through `_security` and the rules of _design/jixiao, over
 * the real HTTP protocol — pouchdb-server in memory by default, a real CouchDB 3 when COUCHDB_URL is set
 * (server/couchdb/README.md). Where the two answer differently (a non-member: 401 from the stand-in, 403 from
 * CouchDB) both are accepted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { couch } from '../../server/couchdb/setup.mjs';
import { as, setupUnit, startServer, type TestServer, type TestUnit } from './server-harness';
import { docOf, evaluationRecord, nextId, roundRecord, superseded, type SyncDoc } from './docs';
import { memoryDb, remoteDb, type Denied } from './pouchdb-client';

let server: TestServer;
let unit: TestUnit;
let other: TestUnit;

beforeAll(async () => {
  server = await startServer();
  try {
    unit = await setupUnit(server, { users: ['alice', 'bob'] });
    other = await setupUnit(server, { users: ['carol'] });
  } catch (e) {
    await server.stop();
    throw e;
  }
}, 30_000);

afterAll(async () => {
  await server?.stop();
});

const alice = () => as(server, unit, unit.users.alice!);
const bob = () => as(server, unit, unit.users.bob!);
const carol = () => as(server, unit, other.users.carol!);
const anonymous = () => as(server, unit, null);

const plan = (by = unit.users.alice!.name): SyncDoc => docOf('plans', unit.unitId, { id: nextId('plan'), unitId: unit.unitId, name: '工会经费', year: 2022, rev: 1 }, by);

/** PUTs a doc as the user and returns the stored doc with its new _rev (expects success). */
async function create(client: ReturnType<typeof alice>, doc: SyncDoc): Promise<SyncDoc> {
  const res = await client.db('PUT', `/${encodeURIComponent(doc._id)}`, doc);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { ...doc, _rev: res.body.rev as string };
}

const put = (client: ReturnType<typeof alice>, doc: SyncDoc) => client.db('PUT', `/${encodeURIComponent(doc._id)}`, doc);

function expectForbidden(res: { status: number; body: { error?: string; reason?: string } }, code: string): void {
  expect(res.status, JSON.stringify(res.body)).toBe(403);
  expect(res.body.error).toBe('forbidden');
  expect(res.body.reason).toMatch(new RegExp(`^${code}: `));
}

describe('access', () => {
  it('members of the unit write and read each other’s records', async () => {
    const doc = await create(alice(), plan());
    const read = await bob().db('GET', `/${encodeURIComponent(doc._id)}`);
    expect(read.status).toBe(200);
    expect(read.body.record).toEqual(doc.record);
    const edited = await put(bob(), { ...doc, record: { ...doc.record, name: '工会经费（调整）', rev: 2 }, updatedBy: unit.users.bob!.name });
    expect(edited.status).toBe(201);
    const changes = await alice().db('GET', '/_changes');
    expect(changes.status).toBe(200);
    expect(changes.body.results.map((r: { id: string }) => r.id)).toContain(doc._id);
  });

  it('a user of another unit can neither read nor write nor follow changes', async () => {
    const doc = await create(alice(), plan());
    expect([401, 403]).toContain((await carol().db('GET', `/${encodeURIComponent(doc._id)}`)).status);
    expect([401, 403]).toContain((await carol().db('GET', '/_changes')).status);
    expect([401, 403]).toContain((await put(carol(), { ...plan(other.users.carol!.name) })).status);
    // CouchDB refuses the whole request; pouchdb-server answers 201 with every document refused.
    const intruder = plan(other.users.carol!.name);
    const bulk = await carol().db('POST', '/_bulk_docs', { docs: [intruder] });
    if (bulk.status === 201) expect(bulk.body[0]).toMatchObject({ id: intruder._id, error: 'unauthorized' });
    else expect([401, 403]).toContain(bulk.status);
    expect((await alice().db('GET', `/${encodeURIComponent(intruder._id)}`)).status).toBe(404);
  });

  it('anonymous requests are refused', async () => {
    const doc = await create(alice(), plan());
    expect((await anonymous().db('GET', `/${encodeURIComponent(doc._id)}`)).status).toBe(401);
    expect((await anonymous().db('GET', '/_all_docs')).status).toBe(401);
    expect((await anonymous().db('GET', '/_changes')).status).toBe(401);
    expect((await put(anonymous(), plan('anyone'))).status).toBe(401);
  });

  it('only a server admin changes the rules', async () => {
    const design = await alice().db('GET', '/_design/jixiao');
    expect(design.status).toBe(200);
    const res = await alice().db('PUT', '/_design/jixiao', { ...design.body, validate_doc_update: 'function () {}' });
    expect([401, 403]).toContain(res.status);
  });
});

describe('records belong to the database’s unit', () => {
  it('refuses a record of another unit, by the doc or by the record', async () => {
    const wrongDoc = { ...plan(), unitId: other.unitId };
    expectForbidden(await put(alice(), wrongDoc), 'unit');
    const p = plan();
    expectForbidden(await put(alice(), { ...p, record: { ...p.record, unitId: other.unitId } }), 'unit');
    expectForbidden(await put(alice(), docOf('units', unit.unitId, { id: other.unitId, name: '别的单位' }, unit.users.alice!.name)), 'unit');
    expect((await put(alice(), docOf('units', unit.unitId, { id: unit.unitId, name: '本单位' }, unit.users.alice!.name))).status).toBe(201);
  });

  it('refuses a doc not shaped as the bridge writes it', async () => {
    const p = plan();
    expectForbidden(await put(alice(), { ...p, _id: `widgets:${p.record.id}`, table: 'widgets' }), 'shape');
    expectForbidden(await put(alice(), { ...p, table: 'indicators' }), 'shape');
    expectForbidden(await put(alice(), { ...p, record: { ...p.record, id: 'another' } }), 'shape');
    expectForbidden(await put(alice(), { ...p, updatedBy: '' }), 'shape');
  });

  it('a deletion keeps the fields; a bare tombstone names no unit and is refused', async () => {
    const doc = await create(alice(), plan());
    const bare = await alice().db('DELETE', `/${encodeURIComponent(doc._id)}?rev=${doc._rev}`);
    expectForbidden(bare, 'shape');
    expect((await put(alice(), { ...doc, _deleted: true })).status).toBe(201);
    expect((await alice().db('GET', `/${encodeURIComponent(doc._id)}`)).status).toBe(404);
  });
});

describe('locked records change only by a new version', () => {
  it('a draft round is edited and deleted freely', async () => {
    const doc = await create(alice(), docOf('rounds', unit.unitId, roundRecord('draft'), unit.users.alice!.name));
    const edited = await create(bob(), { ...doc, record: { ...doc.record, inputs: { corrective: 'more visits' }, rev: 4 }, updatedBy: unit.users.bob!.name });
    expect((await put(alice(), { ...edited, _deleted: true })).status).toBe(201);
  });

  it('a submitted round cannot be edited or deleted; marking it superseded is allowed, and then it is final', async () => {
    const doc = await create(alice(), docOf('rounds', unit.unitId, roundRecord('submitted'), unit.users.alice!.name));
    expectForbidden(await put(bob(), { ...doc, record: { ...doc.record, inputs: { goalProgress: 'rewritten' } } }), 'locked');
    expectForbidden(await put(bob(), { ...doc, record: { ...doc.record, status: 'draft' } }), 'locked');
    expectForbidden(await put(bob(), { ...doc, _deleted: true }), 'locked');
    // Superseding must not smuggle in other changes, and must name the new version.
    expectForbidden(await put(bob(), { ...doc, record: { ...superseded(doc.record, 'round-v2'), snapshot: { rows: ['x'] } } }), 'locked');
    expectForbidden(await put(bob(), { ...doc, record: { ...superseded(doc.record, 'round-v2'), supersededBy: '' } }), 'locked');
    // Rewriting the doc with the same record (the version metadata only) is not a change.
    const same = await create(bob(), { ...doc, versions: { note: 'recorded again' }, updatedBy: unit.users.bob!.name });
    const marked = await create(bob(), { ...same, record: superseded(doc.record, 'round-v2') });
    expectForbidden(await put(alice(), { ...marked, record: { ...marked.record, supersededBy: 'round-v3' } }), 'locked');
    expectForbidden(await put(alice(), { ...marked, _deleted: true }), 'locked');
  });

  it('a finalised evaluation likewise', async () => {
    const doc = await create(alice(), docOf('evaluations', unit.unitId, evaluationRecord('final'), unit.users.alice!.name));
    expectForbidden(await put(bob(), { ...doc, record: { ...doc.record, snapshot: { total: 99 } } }), 'locked');
    expectForbidden(await put(bob(), { ...doc, _deleted: true }), 'locked');
    expectForbidden(await put(bob(), { ...doc, record: { ...doc.record, status: 'reopened' } }), 'shape');
    const marked = await create(bob(), { ...doc, record: superseded(doc.record, 'eval-v2') });
    expectForbidden(await put(alice(), { ...marked, record: { ...marked.record, status: 'final' } }), 'locked');
  });

  it('the rules hold inside _bulk_docs too, per document', async () => {
    const doc = await create(alice(), docOf('rounds', unit.unitId, roundRecord('submitted'), unit.users.alice!.name));
    const ok = plan();
    const res = await alice().db('POST', '/_bulk_docs', { docs: [ok, { ...doc, record: { ...doc.record, inputs: {} } }] });
    expect(res.status).toBe(201);
    // Matched by id: pouchdb-server lists refusals first, CouchDB keeps the request's order.
    const byId = new Map((res.body as { id: string }[]).map((r) => [r.id, r]));
    expect(byId.get(ok._id)).toMatchObject({ rev: expect.any(String) });
    expect(byId.get(doc._id)).toMatchObject({ error: 'forbidden', reason: expect.stringMatching(/^locked: /) });
  });
});

describe('audit records', () => {
  const auditDoc = (by: string, extra: Record<string, unknown> = {}): SyncDoc =>
    docOf('audit', unit.unitId, { id: nextId('audit'), at: '2022-07-01T08:00:00.000Z', entity: 'plan', entityId: 'plan1', action: 'update', ...extra }, by);

  it('are created under the writer’s own name', async () => {
    await create(alice(), auditDoc(unit.users.alice!.name, { by: unit.users.alice!.name }));
    expectForbidden(await put(alice(), auditDoc(unit.users.bob!.name)), 'audit');
    expectForbidden(await put(alice(), auditDoc(unit.users.alice!.name, { by: unit.users.bob!.name })), 'audit');
  });

  it('are never updated or deleted, even by their writer', async () => {
    const doc = await create(alice(), auditDoc(unit.users.alice!.name));
    expectForbidden(await put(alice(), { ...doc, record: { ...doc.record, action: 'delete' } }), 'audit');
    expectForbidden(await put(alice(), { ...doc }), 'audit');
    expectForbidden(await put(alice(), { ...doc, _deleted: true }), 'audit');
    expect((await alice().db('DELETE', `/${encodeURIComponent(doc._id)}?rev=${doc._rev}`)).status).toBe(403);
  });
});

describe('replication', () => {
  it('a push with refused docs reports each as denied and the rest arrive', async () => {
    const creds = unit.users.alice!;
    const remote = remoteDb(unit.dbUrl, creds);
    const local = memoryDb<SyncDoc>(`client-${nextId()}`);
    try {
      // The client has pulled a submitted round and then edits it offline; it also holds a record of another unit.
      const round = await create(alice(), docOf('rounds', unit.unitId, roundRecord('submitted'), creds.name));
      await local.replicate.from(remote, { doc_ids: [round._id] });
      const pulled = await local.get(round._id);
      await local.put({ ...pulled, record: { ...pulled.record, inputs: { goalProgress: 'edited offline' } } });
      const good = Array.from({ length: 40 }, () => plan());
      await local.bulkDocs([...good, { ...plan(), unitId: other.unitId }]);

      const denied: Denied[] = [];
      const result = await local.replicate.to(remote).on('denied', (err) => {
        denied.push(err);
      });
      expect(result.ok).toBe(true);
      expect(result.status).toBe('complete');
      expect(result.docs_written).toBe(good.length);
      expect(result.doc_write_failures).toBe(2);
      expect(denied).toHaveLength(2);
      expect(denied.map((d) => d.name)).toEqual(['forbidden', 'forbidden']);

      const all = await alice().db('POST', '/_all_docs', { keys: good.map((d) => d._id) });
      expect(all.body.rows.every((r: { value?: { rev: string } }) => r.value?.rev)).toBe(true);
      const server = await alice().db('GET', `/${encodeURIComponent(round._id)}`);
      expect(server.body.record).toEqual(round.record);
    } finally {
      await local.destroy();
      await remote.close();
    }
  });
});

describe('backup', () => {
  it('a server admin copies the whole unit database by replication into a backup database with the same rules', async () => {
    // What the other tests left: plans, rounds and evaluations marked superseded, audit records of two writers.
    const bobsAudit = docOf('audit', unit.unitId, { id: nextId('audit'), at: '2022-07-02T08:00:00.000Z', entity: 'plan', entityId: 'p', action: 'create' }, unit.users.bob!.name);
    await create(bob(), bobsAudit);
    const backup = await setupUnit(server, { unitId: unit.unitId, users: [] });
    const source = remoteDb(unit.dbUrl, server.admin);
    const target = remoteDb(backup.dbUrl, server.admin);
    try {
      const result = await source.replicate.to(target);
      expect(result.doc_write_failures).toBe(0);
      const admin = couch(server.url, server.admin);
      const ids = async (db: string) => {
        const all = await admin.request('GET', `/${db}/_all_docs`);
        return (all.body.rows as { id: string; value: { rev: string } }[]).filter((r) => !r.id.startsWith('_design/')).map((r) => `${r.id}@${r.value.rev}`);
      };
      const copied = await ids(backup.db);
      expect(copied.length).toBeGreaterThan(20);
      expect(copied).toEqual(await ids(unit.db));
    } finally {
      await source.close();
      await target.close();
    }
  });
});
