/**
 * The outbox bridge (issue #11): Dexie stays the store the app queries; a local PouchDB replica mirrors the unit's
 * records and PouchDB's replicator carries it to and from CouchDB.
 *
 * - Push: records in the outbox (written by the versioning middleware in the same transaction as the change) are
 *   merged with what the replica holds and written into it; the replicator sends them on.
 * - Pull: the replica's changes feed names the records that changed; each is merged into Dexie (rollups and audit
 *   kept right) in a transaction marked synced, so nothing echoes back.
 * - Both go through one queue, one batch at a time, and no PouchDB call happens inside a Dexie transaction.
 * - A refusal of the server is repaired (the record returns to the server's version, the refused change goes to the
 *   audit trail and the status), never retried and never allowed to stall the queue.
 */
import { liveQuery, type Subscription } from 'dexie';
import type { JixiaoDb } from '@/db/database';
import { DEVICE_KEY, DEVICE_NAMES_KEY, type DeviceClock } from '@/db/versioning/rows';
import { decide, isClosedLeaf, winnerOf, type Decision } from './decide';
import { stateOfDoc } from './docs';
import { enqueue, inUnit, readLocal, unitKeys, unitPlanIds, writeLocal, type LocalWrite } from './local';
import type { Pouch, Replication, SyncDoc, WriteResult } from './pouch';

export interface Refusal {
  key: string;
  code: string;
  reason: string;
  at: string;
}

export type BridgePhase = 'starting' | 'syncing' | 'upToDate' | 'offline' | 'error' | 'stopped';

export interface BridgeStatus {
  phase: BridgePhase;
  /** local changes not yet in the replica */
  toPush: number;
  /** server changes not yet in Dexie (as far as the replicator knows) */
  toPull: number;
  /** records taken from the server since the bridge started */
  received: number;
  clashes: number;
  refusals: Refusal[];
  /** 'unauthorized' (sign in again / not a member) or another message */
  error?: string;
  lastSyncAt?: string;
}

export interface BridgeOptions {
  db: JixiaoDb;
  local: Pouch;
  remote: Pouch;
  unitId: string;
  user: string;
  onStatus?: (s: BridgeStatus) => void;
  batchSize?: number;
  /** longest wait between reconnection attempts (ms) */
  maxBackOff?: number;
  /** false: push only until startPull() (tests order a push before a pull this way) */
  pull?: boolean;
}

const REFUSALS_KEY = 'syncRefusals';
const seqKey = (p: Pouch): string => `syncSeq:${p.name}`;
const firstPushKey = (p: Pouch): string => `syncFirstPush:${p.name}`;

function failureOf(e: unknown): { status?: number; name?: string; reason?: string; message?: string; id?: string } {
  const x = (e ?? {}) as Record<string, unknown>;
  const doc = (x.doc ?? x) as Record<string, unknown>;
  return { status: Number(doc.status ?? x.status) || undefined, name: String(doc.name ?? x.name ?? ''), reason: String(doc.reason ?? x.reason ?? doc.message ?? x.message ?? ''), id: doc.id as string | undefined };
}

/**
 * The first n keys of a map, in insertion order, without copying the rest: during a first sync the changes feed runs
 * ahead of the merge and the map holds up to a unit's whole history (a copy per batch made it quadratic).
 */
function firstKeys<K>(m: ReadonlyMap<K, unknown>, n: number): K[] {
  const out: K[] = [];
  for (const k of m.keys()) {
    if (out.length >= n) break;
    out.push(k);
  }
  return out;
}

/**
 * A feed position as a count of changes: pouchdb-server's are numbers; CouchDB 3's are strings whose numeric prefix is
 * the sum of its shards' positions. Anything else is unknown (null).
 */
export function seqCount(seq: number | string | undefined): number | null {
  if (typeof seq === 'number') return seq;
  const n = typeof seq === 'string' ? Number.parseInt(seq, 10) : Number.NaN;
  return Number.isFinite(n) ? n : null;
}

const isAuthError = (e: unknown): boolean => {
  const f = failureOf(e);
  return f.status === 401 || f.status === 403 || f.name === 'unauthorized' || f.name === 'forbidden';
};

export class Bridge {
  private readonly o: Required<Pick<BridgeOptions, 'batchSize' | 'maxBackOff'>> & BridgeOptions;
  /**
   * Records the replica's changes feed named and Dexie has not taken yet: the feed position, and how many leaf
   * revisions the record had then (style all_docs lists deleted leaves too). One leaf: no conflict and no deletion
   * against an edit to look for, so its revisions need not be read one by one (a first sync reads a million).
   */
  private pending = new Map<string, { seq: number | string; leaves: number }>();
  private lastSeq: number | string = 0;
  private running = false;
  private again = false;
  private stopped = false;
  private feed?: { cancel(): void };
  private push?: Replication;
  private pull?: Replication;
  private outboxSub?: Subscription;
  private timer?: ReturnType<typeof setInterval>;
  private idleWaiters: (() => void)[] = [];
  private pushState: 'active' | 'paused' | 'offline' | 'error' = 'active';
  private pullState: 'active' | 'paused' | 'offline' | 'error' = 'active';
  private pullPending = 0;
  /**
   * The server's feed position when the pull started, and the pull's own position once it has moved: the changes
   * between them are still on the server. The replicator's `pending` (CouchDB's, per batch) is not given by every
   * server, and the replica's feed alone counts only what already arrived: a first sync of a million records said
   * "about 180,000 left" with 800,000 to go.
   */
  private serverSeq: number | null = null;
  private pulledSeq: number | null = null;
  private refusalQueue: { id: string; reason: string }[] = [];
  private device?: string;
  private outboxCount = 0;
  /** documents written into the replica that the push replication has not reported sent (a count, not persisted) */
  private unsent = 0;
  readonly status: BridgeStatus = { phase: 'starting', toPush: 0, toPull: 0, received: 0, clashes: 0, refusals: [] };

  constructor(opts: BridgeOptions) {
    // 200 records a round: a round's reads, merges and writes run as one task (in the sync worker), about 50 ms.
    this.o = { batchSize: 200, maxBackOff: 10_000, ...opts };
  }

  async start(): Promise<void> {
    const { db: d, local, remote } = this.o;
    this.status.refusals = ((await d.meta.get(REFUSALS_KEY))?.value as Refusal[] | undefined) ?? [];
    this.device = ((await d.meta.get(DEVICE_KEY))?.value as DeviceClock | undefined)?.id;
    if (!(await d.meta.get(firstPushKey(local)))) {
      // First connection of this device to this database: every record of the unit goes up (the sample and records
      // older than the outbox have none), merged with what the server already holds.
      await enqueue(d, await unitKeys(d, this.o.unitId));
      await d.meta.put({ key: firstPushKey(local), value: new Date().toISOString() });
    }
    this.lastSeq = ((await d.meta.get(seqKey(local)))?.value as number | string | undefined) ?? 0;
    const feed = local.changes({ since: this.lastSeq, live: true, style: 'all_docs', return_docs: false });
    feed.on('change', (c) => {
      if (c.id.startsWith('_design/')) return;
      this.pending.set(c.id, { seq: c.seq, leaves: c.changes.length });
      this.schedule();
    });
    this.feed = feed;
    this.push = local.replicate.to(remote, this.replicationOptions());
    this.wire(this.push, 'push');
    if (this.o.pull !== false) this.startPull();
    this.outboxSub = liveQuery(() => d.outbox.count()).subscribe({
      next: (n) => {
        this.outboxCount = n;
        if (n) this.schedule();
        this.emit();
      },
      error: () => undefined,
    });
    // A safety net for a missed notification of an outbox write from another context (a page, another tab).
    this.timer = setInterval(() => this.schedule(), 5000);
    this.schedule();
  }

  private replicationOptions() {
    const backOff = (delay: number): number => (delay ? Math.min(this.o.maxBackOff, delay * 2) : 500);
    return { live: true, retry: true, batch_size: 500, back_off_function: backOff };
  }

  startPull(): void {
    if (this.pull || this.stopped) return;
    this.pull = this.o.local.replicate.from(this.o.remote, this.replicationOptions());
    this.wire(this.pull, 'pull');
    // Unreachable server: no estimate, the replicator's own retries say offline.
    this.o.remote.info().then((i) => {
      if (this.pullState === 'paused') return; // caught up before the answer came
      this.serverSeq = seqCount(i.update_seq);
      this.emit();
    }, () => undefined);
  }

  private wire(r: Replication, dir: 'push' | 'pull'): void {
    const set = (s: 'active' | 'paused' | 'offline' | 'error'): void => {
      if (dir === 'push') this.pushState = s;
      else this.pullState = s;
      this.emit();
    };
    r.on('active', () => set('active'));
    r.on('paused', (err) => {
      if (!err && dir === 'push') this.unsent = 0;
      // Caught up with the server: the estimate has done its work, and a leftover of it must not hold the phase at
      // syncing (CouchDB's clustered positions are sums, not exact counts).
      if (!err && dir === 'pull') this.serverSeq = null;
      set(err ? 'offline' : 'paused');
    });
    r.on('change', (info) => {
      if (dir === 'pull') {
        this.pullPending = info.pending ?? 0;
        this.pulledSeq = seqCount(info.last_seq) ?? this.pulledSeq;
      }
      else this.unsent = Math.max(0, this.unsent - ((info as { docs?: unknown[] }).docs?.length ?? 0));
      this.status.lastSyncAt = new Date().toISOString();
      this.emit();
    });
    r.on('denied', (err) => {
      const f = failureOf(err);
      if (f.id) this.refusalQueue.push({ id: f.id, reason: f.reason ?? f.name ?? '' });
      this.schedule();
    });
    r.on('error', (err) => {
      this.status.error = isAuthError(err) ? 'unauthorized' : failureOf(err).reason || failureOf(err).message || 'error';
      set('error');
    });
  }

  private emit(): void {
    const s = this.status;
    // Before the pull's first batch its position is unknown (a resumed pull starts from its checkpoint): no estimate.
    const behind = this.serverSeq !== null && this.pulledSeq !== null ? Math.max(0, this.serverSeq - this.pulledSeq) : 0;
    s.toPull = this.pending.size + Math.max(this.pullPending, behind);
    s.toPush = this.outboxCount + this.unsent;
    if (this.stopped) s.phase = 'stopped';
    else if (this.pushState === 'error' || this.pullState === 'error') s.phase = 'error';
    else if (this.pushState === 'offline' || this.pullState === 'offline') s.phase = 'offline';
    else if (this.running || s.toPush || s.toPull || this.pushState === 'active' || this.pullState === 'active') s.phase = 'syncing';
    else s.phase = 'upToDate';
    if (s.phase !== 'error') delete s.error;
    this.o.onStatus?.({ ...s, refusals: [...s.refusals] });
  }

  /** Resolves once the queue is empty (for tests and the first sync's progress). */
  idle(): Promise<void> {
    if (!this.running && !this.pending.size && !this.refusalQueue.length) return Promise.resolve();
    return new Promise((r) => this.idleWaiters.push(r));
  }

  schedule(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    this.emit();
    void this.drain().finally(() => {
      this.running = false;
      this.emit();
      if (this.again && !this.stopped) {
        this.again = false;
        this.schedule();
      } else {
        for (const w of this.idleWaiters.splice(0)) w();
      }
    });
  }

  private async drain(): Promise<void> {
    let cursor = '';
    for (;;) {
      this.again = false;
      if (this.stopped) return;
      try {
        if (this.refusalQueue.length) {
          await this.repairRefused(this.refusalQueue.shift()!);
          continue;
        }
        if (this.pending.size) {
          const batch = firstKeys(this.pending, this.o.batchSize);
          const taken = batch.map((k) => this.pending.get(k)!);
          await this.reconcile(batch);
          batch.forEach((k, i) => {
            // Changed again while this batch ran: the newer change stays pending and is taken next time.
            if (this.pending.get(k) !== taken[i]) return;
            const { seq } = taken[i]!;
            this.pending.delete(k);
            if (typeof seq === 'number' && typeof this.lastSeq === 'number' ? seq > this.lastSeq : true) this.lastSeq = seq;
          });
          // The feed position is kept only once everything before it is in Dexie (a restart then misses nothing).
          if (!this.pending.size) await this.o.db.meta.put({ key: seqKey(this.o.local), value: this.lastSeq });
          this.emit();
          continue;
        }
        // One pass over the outbox in key order: keys a clash holds back stay in it and are not read again now.
        const keys = (await this.o.db.outbox.where(':id').above(cursor).limit(this.o.batchSize).primaryKeys()) as string[];
        if (!keys.length) return;
        cursor = keys[keys.length - 1]!;
        await this.reconcile(keys);
      } catch (e) {
        // A failed round (the replica closed, a transaction aborted) is tried again by the next trigger.
        if (!this.stopped) console.warn('sync: batch failed', e);
        return;
      }
    }
  }

  /** Reads the replica's revisions of the keys, merges each with Dexie, writes the replica, then Dexie. */
  private async reconcile(keys: string[]): Promise<void> {
    const { db: d, local } = this.o;
    const leaves = await this.leavesOf(local, keys);
    const info = await readLocal(d, keys);
    const plans = await unitPlanIds(d, this.o.unitId);
    const now = new Date().toISOString();
    // Read once per batch: a fresh browser has no device clock until its first local write.
    const device = this.device ?? (await this.deviceId());
    const decisions: Decision[] = [];
    for (const key of keys) {
      const i = info.get(key);
      if (!i) continue;
      decisions.push(decide(i, leaves.get(key) ?? [], { unitId: this.o.unitId, user: this.o.user, device, now, inUnit: inUnit(i, this.o.unitId, plans) }));
    }
    await this.learnNames([...leaves.values()].flat());
    const docs = decisions.flatMap((x) => x.docs);
    const results = docs.length ? await local.bulkDocs(docs) : [];
    this.unsent += results.filter((r) => 'ok' in r).length;
    const byId = new Map<string, WriteResult[]>();
    for (const r of results) byId.set(r.id, [...(byId.get(r.id) ?? []), r]);
    const writes: LocalWrite[] = [];
    for (const dec of decisions) {
      if (!dec.local) continue;
      const w = dec.local;
      if (dec.docs.length) {
        const rs = byId.get(w.info.key) ?? [];
        if (rs.some((r) => 'error' in r)) continue; // the replica moved meanwhile: its change event brings it back
        const main = rs.find((r): r is Extract<WriteResult, { ok: true }> => 'ok' in r && r.ok);
        if (main) w.rev = main.rev;
      }
      writes.push(w);
    }
    const written = await writeLocal(d, writes, now);
    this.status.received += writes.filter((w) => w.state && written.includes(w.info.key)).length;
    this.status.clashes = await d.syncClashes.count();
  }

  private async deviceId(): Promise<string | undefined> {
    this.device = ((await this.o.db.meta.get(DEVICE_KEY))?.value as DeviceClock | undefined)?.id;
    return this.device;
  }

  /** Device id → user name from the documents, so a clash says who wrote the other value. */
  private async learnNames(docs: readonly SyncDoc[]): Promise<void> {
    const found = docs.filter((x) => x.device && x.updatedBy && x.device !== this.device);
    if (!found.length) return;
    const d = this.o.db;
    const names = { ...((await d.meta.get(DEVICE_NAMES_KEY))?.value as Record<string, string> | undefined) };
    let changed = false;
    for (const x of found) {
      if (names[x.device!] !== x.updatedBy) {
        names[x.device!] = x.updatedBy;
        changed = true;
      }
    }
    if (changed) await d.meta.put({ key: DEVICE_NAMES_KEY, value: names });
  }

  /** Every leaf revision of each key: deleted ones too (a deletion against an edit is a clash). */
  private async leavesOf(p: Pouch, keys: string[]): Promise<Map<string, SyncDoc[]>> {
    const out = new Map<string, SyncDoc[]>();
    const { rows } = await p.allDocs({ keys, include_docs: true, conflicts: true });
    for (const row of rows) {
      if (row.error || !row.value) continue;
      const seen = this.pending.get(row.key);
      if (!row.value.deleted && row.doc && !row.doc._conflicts?.length && (!seen || seen.leaves === 1)) {
        out.set(row.key, [row.doc]);
        continue;
      }
      out.set(row.key, await this.openRevs(p, row.key));
    }
    return out;
  }

  private async openRevs(p: Pouch, id: string): Promise<SyncDoc[]> {
    try {
      const res = await p.get(id, { open_revs: 'all' });
      return res.flatMap((r) => ('ok' in r ? [r.ok] : []));
    } catch (e) {
      if (failureOf(e).status === 404) return [];
      throw e;
    }
  }

  /**
   * The server refused a document: the local replica's revisions the server does not have are deleted (marked
   * closed, so no merge takes them for a user's deletion), Dexie returns to the server's version and the refused
   * change is kept in the audit trail and shown. The cleanup itself may be refused too; that refusal finds nothing
   * left to repair and ends there.
   */
  private async repairRefused({ id, reason }: { id: string; reason: string }): Promise<void> {
    const { db: d, local, remote } = this.o;
    const serverLeaves = await this.openRevsWithHistory(remote, id);
    if (serverLeaves.length) await local.bulkDocs(serverLeaves, { new_edits: false });
    const serverRevs = new Set(serverLeaves.map((l) => l._rev));
    const localLeaves = await this.openRevs(local, id);
    const refused = localLeaves.filter((l) => !serverRevs.has(l._rev) && !l._deleted);
    if (!refused.length) return;
    await local.bulkDocs(refused.map((l) => ({ ...l, _deleted: true, closed: 'refused' }) as SyncDoc));
    const info = (await readLocal(d, [id])).get(id);
    if (!info) return;
    const w = winnerOf(serverLeaves.filter((l) => !isClosedLeaf(l)));
    const now = new Date().toISOString();
    const state = w ? stateOfDoc(w) : info.state?.record ? { record: null, version: info.state.version, deletedAt: now } : undefined;
    const code = reason.includes(':') ? reason.slice(0, reason.indexOf(':')) : 'forbidden';
    const refusedRecord = refused[0]?.record;
    await writeLocal(d, [{ info, ...(state ? { state } : {}), ...(w ? { rev: String(w._rev) } : {}), clearOutbox: true, clash: null, note: { refused: reason, refusedChange: refusedRecord ?? { deleted: true } } }], now);
    const refusal: Refusal = { key: id, code, reason, at: now };
    this.status.refusals = [refusal, ...this.status.refusals.filter((r) => r.key !== id)].slice(0, 50);
    await d.meta.put({ key: REFUSALS_KEY, value: this.status.refusals });
    this.emit();
  }

  private async openRevsWithHistory(p: Pouch, id: string): Promise<SyncDoc[]> {
    try {
      const res = await p.get(id, { open_revs: 'all', revs: true });
      return res.flatMap((r) => ('ok' in r ? [r.ok] : []));
    } catch (e) {
      if (failureOf(e).status === 404) return [];
      throw e;
    }
  }

  async dismissRefusal(key: string): Promise<void> {
    this.status.refusals = this.status.refusals.filter((r) => r.key !== key);
    await this.o.db.meta.put({ key: REFUSALS_KEY, value: this.status.refusals });
    this.emit();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.feed?.cancel();
    this.push?.cancel();
    this.pull?.cancel();
    this.outboxSub?.unsubscribe();
    if (this.timer) clearInterval(this.timer);
    for (const w of this.idleWaiters.splice(0)) w();
    this.emit();
  }
}
