import { mergeRecord, type Choice, type OutcomeKind, type RecordOutcome, type RecordState } from './merge-record';
import { sameValue, type Dot } from './versions';

/** The tables whose records travel between browsers. Rollups are derived and the audit trail is each browser's own. */
export const SYNCED_TABLES = ['units', 'plans', 'budgetLines', 'indicators', 'entries', 'spending', 'rounds', 'evaluations'] as const;
export type SyncedTable = (typeof SYNCED_TABLES)[number];

export const keyOf = (table: string, id: string): string => `${table}:${id}`;

export interface IncomingRecord {
  table: SyncedTable;
  id: string;
  state: RecordState;
}

export interface MergeItem extends IncomingRecord {
  local?: RecordState;
  outcome: RecordOutcome;
}

export interface MergePlan {
  items: MergeItem[];
  counts: Record<OutcomeKind, number>;
}

const KINDS: readonly OutcomeKind[] = ['new', 'identical', 'local', 'remote', 'merged', 'clash', 'deleteClash', 'locked', 'lockedWins'];

/**
 * Plans the merge of a bundle: one outcome per incoming record, with the user's choices applied where given. Pure:
 * the caller reads this browser's states first and writes the plan's results after, in one transaction.
 */
export function planMerge(incoming: readonly IncomingRecord[], localOf: (table: SyncedTable, id: string) => RecordState | undefined, choices: ReadonlyMap<string, Choice> = new Map(), resolveDot?: Dot): MergePlan {
  const counts = Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<OutcomeKind, number>;
  const items = incoming.map((inc): MergeItem => {
    const local = localOf(inc.table, inc.id);
    const outcome = mergeRecord(local, inc.state, choices.get(keyOf(inc.table, inc.id)), resolveDot);
    counts[outcome.kind]++;
    return { ...inc, local, outcome };
  });
  return { items, counts };
}

/** Clashes still waiting for the user's choice: nothing is written while there is one. */
export const openClashes = (plan: MergePlan): MergeItem[] =>
  plan.items.filter((i) => (i.outcome.kind === 'clash' || i.outcome.kind === 'deleteClash') && !i.outcome.result);

/** Items whose stored state changes (content or version): what the apply step writes. */
export function changesOf(plan: MergePlan): MergeItem[] {
  return plan.items.filter((i) => {
    const r = i.outcome.result;
    if (!r) return false;
    if (!i.local) return true;
    return !sameValue(stripRev(r.record), stripRev(i.local.record)) || !sameValue(r.version, i.local.version) || r.deletedAt !== i.local.deletedAt;
  });
}

/**
 * Whether the record's content (not just its version or the time of its last write) changes here: what the user is
 * told was taken. A record whose only change is a later updatedAt (the other side saved it unchanged) is not.
 */
export function contentChanges(item: MergeItem): boolean {
  const r = item.outcome.result;
  if (!r) return false;
  return !item.local || !sameValue(content(r.record), content(item.local.record));
}

function content(r: RecordState['record']): unknown {
  if (!r) return null;
  const { rev: _rev, updatedAt: _updatedAt, ...rest } = r;
  return rest;
}

function stripRev(r: RecordState['record']): unknown {
  if (!r) return null;
  const { rev: _rev, ...rest } = r;
  return rest;
}
