// @vitest-environment node
/**
 * Contract tests of the sync bridge (issue #11): two simulated browsers (fake-indexeddb, memory PouchDB replicas)
 * against a unit database over HTTP — pouchdb-server in memory, or a real CouchDB 3 with COUCHDB_URL.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seedIfEmpty } from '@/db/repositories/seed';
import { listPlans } from '@/db/repositories/plans';
import { listIndicators, updateIndicator, deleteIndicator } from '@/db/repositories/indicators';
import { addEntry, deleteEntries, listEntries, updateEntry } from '@/db/repositories/entries';
import { rollupsVsRecomputed } from '../fixtures/rollups';
import { listClashes, resolveClash } from '@/sync/clashes';
import type { IndicatorNode, Plan } from '@/domain/model';
import { docOf } from '@/sync/docs';
import { keyOf } from '@/domain/merge/plan';
import { implicitVersion } from '@/domain/merge/versions';
import { as, setupUnit, startServer, type TestServer, type TestUnit } from './server-harness';
import { client, converged, until, type Client } from './bridge-harness';

let server: TestServer;
let unitId: string;

beforeAll(async () => {
  // The sample's unit id (the same in every browser) names the unit database.
  const probe = await client('probe', 'http://127.0.0.1:1/none', 'x', { name: 'x', password: 'x' });
  await probe.on(seedIfEmpty);
  unitId = (await probe.db.units.toArray())[0]!.id;
  probe.db.close();
  server = await startServer();
}, 30_000);

afterAll(async () => {
  await server?.stop();
});

const open: Client[] = [];
afterEach(async () => {
  for (const c of open.splice(0)) {
    await c.disconnect();
    c.db.close();
  }
});

/** A seeded browser of a user of the unit; the unit database is fresh per test (setupUnit makes a new one). */
async function browser(name: string, u: TestUnit, user: 'alice' | 'bob'): Promise<Client> {
  const c = await client(name, u.dbUrl, unitId, u.users[user]!);
  open.push(c);
  await c.on(seedIfEmpty);
  return c;
}

async function pair(): Promise<{ a: Client; b: Client; plan: Plan; count: IndicatorNode; u: TestUnit }> {
  const u = await setupUnit(server, { unitId, users: ['alice', 'bob'] });
  const a = await browser('a', u, 'alice');
  const b = await browser('b', u, 'bob');
  const plan = (await a.on(listPlans)).find((p) => p.seedKey === 'yantian-2022/unit')!;
  const count = (await a.on(() => listIndicators(plan.id))).find((x) => x.name.includes('人次'))!;
  return { a, b, plan, count, u };
}

describe('two browsers on one unit database', () => {
  it('offline adds on both sides converge once both are online; a first sync carries the whole unit', async () => {
    const { a, b, plan, count } = await pair();
    await a.on(() => addEntry(count.id, { date: '2022-03-01', amount: 40, recordedBy: '张敏' }));
    await a.connect();
    await b.connect();
    await converged(a, b);
    const docs = await a.local.info();
    expect(docs.doc_count).toBeGreaterThan(50);
    // Offline: both log entries.
    await a.disconnect();
    await b.disconnect();
    for (let i = 0; i < 20; i++) {
      await a.on(() => addEntry(count.id, { date: '2022-04-01', amount: 1, recordedBy: 'A' }));
      await b.on(() => addEntry(count.id, { date: '2022-04-02', amount: 2, recordedBy: 'B' }));
    }
    await a.connect();
    await b.connect();
    await converged(a, b);
    const entries = await b.on(() => listEntries(plan.id));
    expect(entries.total).toBe(41);
    // Rollups follow the pulled entries.
    const r = await b.db.rollups.get(count.id);
    expect(r!.days['2022-04-01']!.amount).toBe(20);
    expect(r!.days['2022-04-02']!.amount).toBe(40);
    expect(await a.db.syncClashes.count()).toBe(0);
  }, 60_000);

  it('entries edited to another day, deleted and added on one PC leave the other PC’s rollups equal to a recomputation', async () => {
    const { a, b, plan, count } = await pair();
    const rate = (await a.on(() => listIndicators(plan.id))).find((x) => x.level === 3 && x.id !== count.id && x.name.includes('人次'))!;
    for (let i = 0; i < 30; i++) await a.on(() => addEntry(i % 3 ? count.id : rate.id, { date: `2022-05-${String((i % 9) + 1).padStart(2, '0')}`, amount: i + 1, recordedBy: '张敏' }));
    await a.connect();
    await b.connect();
    await converged(a, b);
    // B's rollups are rebuilt day by day from what arrives; then A moves, retargets and deletes entries.
    const rows = (await a.on(() => listEntries(plan.id, { limit: 100 }))).rows;
    await a.on(() => updateEntry(rows[0]!.id, rate.id, { date: '2022-06-15', amount: 7, recordedBy: '张敏' }, rows[0]!.rev));
    await a.on(() => updateEntry(rows[1]!.id, rows[1]!.indicatorId, { date: '2022-05-20', amount: 9, recordedBy: '张敏' }, rows[1]!.rev));
    await a.on(() => deleteEntries([rows[2]!.id, rows[3]!.id]));
    await until('a pushed', async () => (await a.bridge!.idle(), a.db.outbox.count()), (n) => n === 0);
    await converged(a, b);
    const { stored, recomputed } = await rollupsVsRecomputed(b.db);
    expect(Object.keys(recomputed).length).toBeGreaterThan(1);
    expect(stored).toEqual(recomputed);
    expect(await b.db.entries.count()).toBe(await a.db.entries.count());
  }, 60_000);

  it('a newer revision that reaches the replica while its record’s batch is being merged is taken afterwards, not dropped', async () => {
    const { a, b, count } = await pair();
    const first = await a.on(() => addEntry(count.id, { date: '2022-07-01', amount: 3, recordedBy: '张敏', note: 'v1' }));
    await a.connect();
    await b.connect();
    await converged(a, b);
    const key = `entries:${first.id}`;
    const edit = async (note: string) => {
      const cur = (await a.db.entries.get(first.id))!;
      await a.on(() => updateEntry(first.id, count.id, { date: cur.date, amount: cur.amount!, recordedBy: cur.recordedBy, note }, cur.rev));
    };
    // B's bridge reads the replica for v2; before it merges what it read, v3 arrives in the replica (the replicator
    // runs on its own), and its change names the same record.
    const allDocs = b.local.allDocs.bind(b.local);
    let armed = true;
    b.local.allDocs = async (opts) => {
      const read = await allDocs(opts);
      if (armed && opts.keys.includes(key) && read.rows.some((r) => r.key === key && r.doc?.record?.note === 'v2')) {
        armed = false;
        await edit('v3');
        await until('v3 in B’s replica', async () => (await allDocs({ keys: [key], include_docs: true })).rows[0]?.doc?.record?.note, (n) => n === 'v3');
      }
      return read;
    };
    await edit('v2');
    await until('the race happened', async () => armed, (x) => !x);
    await converged(a, b);
    expect((await b.db.entries.get(first.id))!.note).toBe('v3');
  }, 60_000);

  it('different fields of one record merge without asking; the same field is a clash kept with both values, resolved on one side', async () => {
    const { a, b, plan, count } = await pair();
    await a.connect();
    await b.connect();
    await converged(a, b);
    await a.disconnect();
    await b.disconnect();
    const node = (await a.on(() => listIndicators(plan.id))).find((x) => x.id === count.id)!;
    await a.on(() => updateIndicator(count.id, { name: '服务职工人次（A）' }, node));
    await b.on(() => updateIndicator(count.id, { weightCp: 700 }, node));
    const other = (await a.on(() => listIndicators(plan.id))).find((x) => x.level === 3 && x.id !== count.id)!;
    await a.on(() => updateIndicator(other.id, { name: 'A 的名字' }, other));
    await b.on(() => updateIndicator(other.id, { name: 'B 的名字' }, other));
    await a.connect();
    await until('a up', async () => (await a.bridge!.idle(), a.db.outbox.count()), (n) => n === 0);
    await b.connect();
    await until('clash on b', () => b.db.syncClashes.count(), (n) => n === 1);
    await until('b merged the other field', async () => (await b.db.indicators.get(count.id))!, (x) => x.name === '服务职工人次（A）' && x.weightCp === 700);
    // Both values kept: B's in its record, A's in the clash.
    const [item] = await listClashes(b.db);
    expect(item!.local!.record!.name).toBe('B 的名字');
    expect(item!.state.record!.name).toBe('A 的名字');
    expect((await b.db.indicators.get(other.id))!.name).toBe('B 的名字');
    expect(await resolveClash(b.db, `indicators:${other.id}`, { fields: { name: 'remote' } })).toBe(true);
    await converged(a, b);
    expect((await a.db.indicators.get(other.id))!.name).toBe('A 的名字');
    expect((await a.db.indicators.get(count.id))!.weightCp).toBe(700);
    expect(await b.db.syncClashes.count()).toBe(0);
    const audited = await b.db.audit.where('entityId').equals(other.id).toArray();
    expect(audited.some((x) => x.after?.sync === 'resolved')).toBe(true);
  }, 60_000);

  it('delete against edit is a clash; keeping the record brings it back everywhere', async () => {
    const { a, b, plan } = await pair();
    await a.connect();
    await b.connect();
    await converged(a, b);
    await a.disconnect();
    await b.disconnect();
    const leaf = (await a.on(() => listIndicators(plan.id))).find((x) => x.level === 3 && x.name.includes('满意'))!;
    await a.on(() => deleteIndicator(leaf.id));
    await b.on(() => updateIndicator(leaf.id, { name: '满意度（改）' }, leaf));
    await a.connect();
    await until('a up', async () => (await a.bridge!.idle(), a.db.outbox.count()), (n) => n === 0);
    await b.connect();
    await until('delete clash on b', async () => (await b.db.syncClashes.toArray()).map((c) => c.kind), (k) => k.includes('deleteClash'));
    const key = (await b.db.syncClashes.toArray()).find((c) => c.kind === 'deleteClash')!.key;
    expect(await resolveClash(b.db, key, { keep: true })).toBe(true);
    await until('a has it back', async () => a.db.indicators.get(leaf.id), (x) => x?.name === '满意度（改）');
    expect(await b.db.syncClashes.count()).toBe(0);
  }, 60_000);
});

describe('first sync progress', () => {
  it('counts what is still on the server, not only what reached the replica (the replicator’s pending is not given by every server)', async () => {
    const u = await setupUnit(server, { unitId, users: ['alice', 'bob'] });
    // 3,000 entries on the server, written as a member's push would (one _bulk_docs request).
    const a = await browser('a', u, 'alice');
    const plan = (await a.on(listPlans)).find((p) => p.seedKey === 'yantian-2022/unit')!;
    const count = (await a.on(() => listIndicators(plan.id))).find((x) => x.name.includes('人次'))!;
    await a.on(() => addEntry(count.id, { date: '2022-03-01', amount: 1, recordedBy: '张敏' }));
    const model = (await a.db.entries.toArray())[0]!;
    const N = 3000;
    const docs = Array.from({ length: N }, (_, i) => {
      const rec = { ...model, id: `${model.id}-${i}`, rev: 1 };
      return docOf(keyOf('entries', rec.id), 'entries', { record: rec, version: implicitVersion(1) }, unitId, 'alice');
    });
    const res = await as(server, u, u.users.alice!).db('POST', '/_bulk_docs', { docs });
    expect(res.status).toBe(201);
    const b = await browser('b', u, 'bob');
    await b.connect();
    await until('all entries on b', async () => b.db.entries.count(), (n) => n === N);
    // Every status once records came in: what arrived plus what is said to be left covers the server's entries
    // (the pull reports per batch of 500, and the replica's feed may lag a batch behind it).
    const during = b.statuses.filter((s) => s.received > 0 && s.received < N);
    expect(during.length).toBeGreaterThan(0);
    const short = during.filter((s) => s.received + s.toPull < N - 1000);
    expect(short.map((s) => [s.received, s.toPull]).slice(0, 3)).toEqual([]);
    // Caught up: nothing said to be left, and the phase is up to date.
    await until('up to date', async () => b.status?.phase, (p) => p === 'upToDate');
    expect(b.status!.toPull).toBe(0);
  }, 120_000);
});

describe('refusals', () => {
  it('an edit of a round submitted meanwhile is refused, surfaced, returned to the server version, audited; the queue goes on', async () => {
    const { a, b, plan, count, u } = await pair();
    const at = '2022-07-01T08:00:00.000Z';
    const round = { id: 'round-1', planId: plan.id, seriesId: 's1', version: 1, status: 'draft', cutoff: '2022-06-30', year: 2022, inputs: { rows: {}, goalProgress: '', goalForecast: '', corrective: '', budgetForecastFen: null, rectify: { needed: false, advice: '', result: '' } }, createdBy: '张三', createdAt: at, updatedAt: at, rev: 1 };
    await a.db.rounds.put(round as never);
    await a.connect();
    await b.connect();
    await converged(a, b);
    await b.disconnect();
    await a.db.rounds.put({ ...round, status: 'submitted', submittedAt: at, submittedBy: '张三', snapshot: { rows: [] }, rev: 2 } as never);
    await until('submitted on the server', async () => ((await as(server, u, u.users.alice!).db('GET', '/rounds:round-1')).body.record as { status?: string } | undefined)?.status, (st) => st === 'submitted');
    await b.db.rounds.put({ ...round, inputs: { ...round.inputs, goalProgress: 'B 的草稿' }, rev: 2 } as never);
    // B pushes before it pulls: its edit reaches the server on top of the draft.
    await b.connect({ pull: false });
    const refused = await until('refusal on b', async () => b.status?.refusals ?? [], (r) => r.length > 0);
    expect(refused[0]!.code).toBe('locked');
    expect(refused[0]!.key).toBe('rounds:round-1');
    await until('b back to the server version', async () => b.db.rounds.get('round-1'), (r) => r?.status === 'submitted');
    const audit = await b.db.audit.where('entityId').equals('round-1').toArray();
    expect(audit.some((x) => x.after?.sync === 'refused' && JSON.stringify(x.after).includes('B 的草稿'))).toBe(true);
    b.bridge!.startPull();
    // Not stalled: B's next change reaches A.
    await b.on(() => addEntry(count.id, { date: '2022-08-01', amount: 5, recordedBy: 'B' }));
    await until('entry on a', async () => (await a.on(() => listEntries(plan.id))).rows.filter((e) => e.recordedBy === 'B').length, (x) => x === 1);
    expect((await a.db.rounds.get('round-1'))!.status).toBe('submitted');
  }, 60_000);

  it('a user of another unit is refused (401/403) and told so', async () => {
    const otherUnit = await setupUnit(server, { users: ['carol'] });
    const u = await setupUnit(server, { unitId, users: ['alice'] });
    const c = await client('carol', u.dbUrl, unitId, otherUnit.users.carol!);
    open.push(c);
    await c.on(seedIfEmpty);
    await c.connect();
    await until('error', async () => c.status?.phase, (p) => p === 'error');
    expect(c.status!.error).toBe('unauthorized');
  }, 30_000);
});
