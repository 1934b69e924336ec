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

  create(table: SyncedTable, record: Omit<Rec, 'rev' | 'updatedAt'>): void {
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
    const before = old ?? (prevState ? {} : undefined);
    const version = bump(prevState?.version, before, value, dot);
    this.states.set(key, { table, id: value.id, state: { record: value, version } });
    const h = this.historyOf(table, value.id);
    const changed = contentKeys({ ...before, ...value }).filter((k) => !before || !same(before[k], value[k]));
    for (const k of changed) h.wrote.add(k);
    if (changed.length) {
      h.touched = true;
      h.deleted = false;
    }
  }

  /** Every state, tombstones included, deep-copied: what "export changes" would put in a file. */
  exportBundle(): Bundle {
    return [...this.states.values()].sort((a, b) => (keyOf(a.table, a.id) < keyOf(b.table, b.id) ? -1 : 1)).map((s) => clone(s));
  }

  /**
   * Merges a bundle as the database layer does: plan, ask the chooser about every open clash, plan again with the
   * answers and this device's next dot, write the changes. Locked outcomes (no result) keep the local state.
   */
  mergeBundle(bundle: Bundle, chooser: Chooser): MergeRun {
    const localOf = (table: SyncedTable, id: string) => this.get(table, id);
    const first = planMerge(bundle, localOf);
    const choices = new Map(openClashes(first).map((i) => [keyOf(i.table, i.id), chooser(i)] as const));
    const dot = this.nextDot();
    const plan = planMerge(bundle, localOf, choices, dot);
    for (const item of changesOf(plan)) {
      const state = clone(item.outcome.result!);
      if (state.record) state.record.rev = (item.local?.record?.rev ?? 0) + 1;
      this.states.set(keyOf(item.table, item.id), { table: item.table, id: item.id, state });
    }
    return { first, plan, dot };
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
