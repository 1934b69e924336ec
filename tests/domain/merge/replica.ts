import { changesOf, keyOf, openClashes, planMerge, type IncomingRecord, type MergeItem, type MergePlan, type SyncedTable } from '@/domain/merge/plan';
import { bump, canonical, implicitVersion, join, type Dot } from '@/domain/merge/versions';
import type { Choice, Rec, RecordState } from '@/domain/merge/merge-record';

/**
 * A browser reduced to what merging sees: one map of record states (content or tombstone, with its version), a
 * device id and a clock. Local writes follow src/db/versioning/middleware.ts step by step (every write takes the
 * device's next dot; a put is `bump`ed from the previous version, a delete leaves a tombstone whose vector is joined
 * with the dot, a put after a tombstone is bumped from `{}`), and a merge plans with planMerge and writes what
 * changesOf returns, as the database layer does. Pure and synchronous, so thousands of histories run in seconds.
 *
 * Beside the states it keeps the ground truth the properties check the merge against, written down by the
 * operations themselves rather than read from versions: since the last `markCommon()`, which content fields each
 * record had changed here, and whether it was deleted or written at all.
 */

export type Bundle = IncomingRecord[];
/** The user at a clash: given the first plan's item, the answer. */
export type Chooser = (item: MergeItem) => Choice;

export interface History {
  /** content fields whose value a write here changed (an edit, a re-created record, an undone deletion) */
  wrote: Set<string>;
  /** the version changed here: a content-changing edit, a deletion, an undo, a creation */
  touched: boolean;
  deleted: boolean;
}

/** Per record, the writes a copy has taken in: event id → the content fields that write changed (none for a deletion). */
export type Knowledge = Map<string, Map<string, ReadonlySet<string>>>;

/** What a merge of one record must find, from the event sets alone (no vectors, no dots). */
export interface Truth {
  /** writes only this side has, and the fields they changed */
  onlyLocal: number;
  onlyRemote: number;
  localFields: Set<string>;
  remoteFields: Set<string>;
  /**
   * Fields where, somewhere in either side's past, a merge met two unseen writes of the same value. A version keeps
   * one dot per field, so the merge keeps one of the two (the later) and the other write is forgotten: a later
   * write meeting the forgotten one is a clash or not depending on which dot was kept. Either answer is accepted.
   */
  ambiguous: Set<string>;
}

export interface MergeRun {
  /** the plan as first shown, without choices */
  first: MergePlan;
  /** the plan with the chooser's answers, whose changes were written */
  plan: MergePlan;
  dot: Dot;
}

const clone = <T>(v: T): T => structuredClone(v);
const same = (a: unknown, b: unknown): boolean => canonical(a) === canonical(b);
const BOOKKEEPING = new Set(['id', 'rev', 'updatedAt']);
const contentKeys = (r: Record<string, unknown>): string[] => Object.keys(r).filter((k) => !BOOKKEEPING.has(k));

export class Replica {
  readonly states = new Map<string, { table: SyncedTable; id: string; state: RecordState }>();
  private clock = 0;
  /** what an undo puts back: the content a deletion here removed */
  private readonly lastContent = new Map<string, Rec>();
  readonly history = new Map<string, History>();
  /**
   * The causal ground truth, kept as sets of write events rather than counters: each write here is a new event;
   * a merge that writes a record takes in every event of the bundle's copy; a user's decision is an event too.
   */
  readonly knowledge: Knowledge = new Map();
  private events = 0;
  /** per record, the fields a merge here (or in a bundle merged here) joined from two unseen equal writes */
  readonly joined = new Map<string, Set<string>>();
  private static readonly shipped = new WeakMap<Bundle, { knowledge: Knowledge; joined: Map<string, Set<string>> }>();

  constructor(
    readonly device: string,
    private readonly now: () => string,
  ) {}

  nextDot(): Dot {
    this.clock += 1;
    return [this.device, this.clock];
  }

  get(table: SyncedTable, id: string): RecordState | undefined {
    return this.states.get(keyOf(table, id))?.state;
  }

  ids(table: SyncedTable): string[] {
    return [...this.states.values()].filter((s) => s.table === table).map((s) => s.id).sort();
  }

  alive(table: SyncedTable, id: string): Rec | null {
    return this.get(table, id)?.record ?? null;
  }

  historyOf(table: SyncedTable, id: string): History {
    const key = keyOf(table, id);
    let h = this.history.get(key);
    if (!h) {
      h = { wrote: new Set(), touched: false, deleted: false };
      this.history.set(key, h);
    }
    return h;
  }

  /** Forget the ground truth: from here on, `history` tells what this browser did since now. */
  markCommon(): void {
    this.history.clear();
  }

  /** A record restored from a backup made before versions existed: no version row, so its version is implicit. */
  restoreLegacy(table: SyncedTable, record: Rec): void {
    this.states.set(keyOf(table, record.id), { table, id: record.id, state: { record: clone(record), version: implicitVersion(record.rev ?? 0) } });
  }

  create(table: SyncedTable, record: Record<string, unknown> & { id: string }): void {
    const key = keyOf(table, record.id);
    if (this.states.has(key)) throw new Error(`create: ${key} exists`);
    this.put(table, { ...clone(record), rev: 1, updatedAt: this.now() } as Rec);
  }

  /** Sets fields (undefined removes one), as a repository does: always a new rev and updatedAt, even with no change. */
  edit(table: SyncedTable, id: string, fields: Record<string, unknown>): boolean {
    const cur = this.alive(table, id);
    if (!cur) return false;
    const next: Rec = { ...clone(cur), rev: (cur.rev ?? 0) + 1, updatedAt: this.now() };
    for (const [k, v] of Object.entries(fields)) {
      if (v === undefined) delete next[k];
      else next[k] = clone(v);
    }
    this.put(table, next);
    return true;
  }

  delete(table: SyncedTable, id: string): boolean {
    const key = keyOf(table, id);
    const cur = this.states.get(key);
    if (!cur?.state.record) return false;
    const dot = this.nextDot();
    const v = cur.state.version;
    this.lastContent.set(key, cur.state.record);
    this.states.set(key, { table, id, state: { record: null, version: { vv: join(v.vv, { [dot[0]]: dot[1] }), f: v.f, origin: v.origin }, deletedAt: this.now() } });
    const h = this.historyOf(table, id);
    h.touched = true;
    h.deleted = true;
    this.event(key, []);
    return true;
  }

  /** Undo of a deletion made here: the last content is put again. */
  undoDelete(table: SyncedTable, id: string): boolean {
    const key = keyOf(table, id);
    const content = this.lastContent.get(key);
    if (!content || this.get(table, id)?.record !== null) return false;
    this.put(table, { ...clone(content), rev: (content.rev ?? 0) + 1, updatedAt: this.now() });
    return true;
  }

  /** The middleware's put: a dot per write; bump from the previous version (from `{}` over a tombstone). */
  private put(table: SyncedTable, value: Rec): void {
    const key = keyOf(table, value.id);
    const prevState = this.states.get(key)?.state;
    const old = prevState?.record ?? undefined;
    const dot = this.nextDot();
    const before: Record<string, unknown> | undefined = old ?? (prevState ? {} : undefined);
    const version = bump(prevState?.version, before, value, dot);
    this.states.set(key, { table, id: value.id, state: { record: value, version } });
    const h = this.historyOf(table, value.id);
    const changed = contentKeys({ ...before, ...value }).filter((k) => !before || !same(before[k], value[k]));
    for (const k of changed) h.wrote.add(k);
    // A record put back over its tombstone is a write even when it has no content field.
    if (changed.length || (before && !Object.keys(before).length)) {
      h.touched = true;
      h.deleted = false;
      this.event(key, changed);
    }
  }

  private event(key: string, fields: Iterable<string>): void {
    this.events += 1;
    let k = this.knowledge.get(key);
    if (!k) this.knowledge.set(key, (k = new Map()));
    k.set(`${this.device}#${this.events}`, new Set(fields));
  }

  /** For each record of the bundle, what each side has written that the other has not seen. */
  truthOf(bundle: Bundle): Map<string, Truth> {
    const shipped = Replica.shipped.get(bundle);
    const theirs = shipped?.knowledge ?? new Map<string, Map<string, ReadonlySet<string>>>();
    const out = new Map<string, Truth>();
    for (const inc of bundle) {
      const key = keyOf(inc.table, inc.id);
      const mine = this.knowledge.get(key) ?? new Map<string, ReadonlySet<string>>();
      const other = theirs.get(key) ?? new Map<string, ReadonlySet<string>>();
      const only = (a: Map<string, ReadonlySet<string>>, b: Map<string, ReadonlySet<string>>) => [...a].filter(([e]) => !b.has(e));
      const onlyLocal = only(mine, other);
      const onlyRemote = only(other, mine);
      out.set(key, {
        onlyLocal: onlyLocal.length,
        onlyRemote: onlyRemote.length,
        localFields: new Set(onlyLocal.flatMap(([, f]) => [...f])),
        remoteFields: new Set(onlyRemote.flatMap(([, f]) => [...f])),
        ambiguous: new Set([...(this.joined.get(key) ?? []), ...(shipped?.joined.get(key) ?? [])]),
      });
    }
    return out;
  }

  /** Every state, tombstones included, deep-copied: what "export changes" would put in a file. */
  exportBundle(): Bundle {
    const bundle = [...this.states.values()].sort((a, b) => (keyOf(a.table, a.id) < keyOf(b.table, b.id) ? -1 : 1)).map((s) => clone(s));
    Replica.shipped.set(bundle, { knowledge: clone(this.knowledge), joined: clone(this.joined) });
    return bundle;
  }

  /**
   * Merges a bundle as the database layer does: plan, ask the chooser about every open clash, plan again with the
   * answers and this device's next dot, write the changes. Locked outcomes (no result) keep the local state.
   */
  mergeBundle(bundle: Bundle, chooser: Chooser): MergeRun {
    const localOf = (table: SyncedTable, id: string) => this.get(table, id);
    const truth = this.truthOf(bundle);
    const first = planMerge(bundle, localOf);
    const choices = new Map(openClashes(first).map((i) => [keyOf(i.table, i.id), chooser(i)] as const));
    const dot = this.nextDot();
    const plan = planMerge(bundle, localOf, choices, dot);
    for (const item of changesOf(plan)) {
      const state = clone(item.outcome.result!);
      if (state.record) state.record.rev = (item.local?.record?.rev ?? 0) + 1;
      this.states.set(keyOf(item.table, item.id), { table: item.table, id: item.id, state });
    }
    this.learn(bundle, plan, truth);
    return { first, plan, dot };
  }

  private learn(bundle: Bundle, plan: MergePlan, truth: Map<string, Truth>): void {
    const shipped = Replica.shipped.get(bundle);
    if (!shipped) return;
    for (const item of plan.items) {
      const out = item.outcome;
      if (!out.result) continue;
      const key = keyOf(item.table, item.id);
      const mine = this.knowledge.get(key) ?? new Map<string, ReadonlySet<string>>();
      for (const [e, f] of shipped.knowledge.get(key) ?? []) mine.set(e, f);
      this.knowledge.set(key, mine);
      const joined = new Set([...(this.joined.get(key) ?? []), ...(shipped.joined.get(key) ?? [])]);
      const t = truth.get(key)!;
      const [L, R] = [item.local?.record, item.state.record];
      if (L && R) for (const k of t.localFields) if (t.remoteFields.has(k) && same(L[k], R[k])) joined.add(k);
      if (joined.size) this.joined.set(key, joined);
      if (out.kind === 'clash') this.event(key, out.clashes.map((c) => c.field));
      if (out.kind === 'deleteClash') {
        // Keeping writes every field the record has or any write ever touched; deleting writes none.
        const all = new Set([...mine.values()].flatMap((f) => [...f]));
        for (const k of contentKeys(out.result.record ?? {})) all.add(k);
        this.event(key, out.result.record ? all : []);
      }
    }
  }
}

/** Value order both sides apply the same way: the smaller canonical text wins a clash; a kept record beats a deletion. */
export const valueRank = (v: unknown): string => (v === undefined ? '' : canonical(v));

export const deterministicChooser: Chooser = (item) => {
  if (item.outcome.kind === 'deleteClash') return { keep: true };
  const fields: Record<string, 'local' | 'remote'> = {};
  for (const c of item.outcome.clashes) fields[c.field] = valueRank(c.local) <= valueRank(c.remote) ? 'local' : 'remote';
  return { fields };
};

/** A record without its per-browser edit counter: what must be equal on every side after merging. */
export function contentOf(s: RecordState | undefined): unknown {
  if (!s) return undefined;
  if (!s.record) return { deleted: true, deletedAt: s.deletedAt };
  const { rev: _rev, ...rest } = s.record;
  return rest;
}

/** A replica's data as comparable text: content only, or content and versions. */
export function snapshot(r: Replica, withVersions = false): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, s] of [...r.states.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    out[key] = canonical(withVersions ? { content: contentOf(s.state), version: s.state.version } : contentOf(s.state));
  }
  return out;
}
