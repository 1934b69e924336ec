import { TOTAL_POINTS_CP, type Id, type IndicatorNode, type Level, type TargetAdjustment } from '@/domain/model';
import type { TargetSpec } from '@/domain/targets/types';
import type { ActivityEntry, MeasureKind } from '@/domain/actuals/types';
import { buildTree, moveAmongSiblings, nextOrder, subtreeIds } from '@/domain/targets/tree';
import { defaultWeights } from '@/domain/targets/weights';
import { validateTargetAdjustment } from '@/domain/targets/adjustment';
import { db } from '../database';
import { newId, nowIso } from '../clock';
import { ConflictError, InvalidInputError, NotFoundError } from '../errors';
import { audit } from './audit';
import { rebuildRollups } from './rollups';

export function listIndicators(planId: Id): Promise<IndicatorNode[]> {
  return db().indicators.where('planId').equals(planId).toArray();
}

export interface NewIndicator {
  planId: Id;
  parentId: Id | null;
  name: string;
  targetText?: string;
  target?: TargetSpec;
  weightCp?: number | null;
  measure?: MeasureKind;
}

function tables() {
  const d = db();
  return [d.indicators, d.audit] as const;
}

/** What a delete removed: the rows of the subtree and the activity logged against them, for undo. */
export interface DeletedIndicators {
  nodes: IndicatorNode[];
  entries: ActivityEntry[];
}

/** Adds a node as the last child of its parent; the level follows from the parent. */
export async function addIndicator(input: NewIndicator): Promise<IndicatorNode> {
  const d = db();
  checkWeight(input.weightCp);
  return d.transaction('rw', tables(), async () => {
    let level: Level = 1;
    if (input.parentId) {
      const parent = await d.indicators.get(input.parentId);
      if (!parent) throw new NotFoundError(input.parentId);
      if (parent.level === 3) throw new Error('a 三级 indicator cannot have children');
      level = (parent.level + 1) as Level;
    }
    const siblings = (await d.indicators.where('planId').equals(input.planId).toArray()).filter((n) => n.parentId === input.parentId);
    const now = nowIso();
    const node: IndicatorNode = {
      id: newId(),
      createdAt: now,
      updatedAt: now,
      rev: 1,
      planId: input.planId,
      parentId: input.parentId,
      level,
      name: input.name,
      order: nextOrder(siblings),
      weightCp: input.weightCp ?? null,
      ...(level === 3 ? { targetText: input.targetText ?? '', target: input.target } : {}),
      ...(level === 3 && input.measure ? { measure: input.measure } : {}),
    };
    await d.indicators.add(node);
    await audit({ at: now, entity: 'indicator', entityId: node.id, planId: node.planId, action: 'create', after: { name: node.name } });
    return node;
  });
}

export type IndicatorPatch = Partial<Pick<IndicatorNode, 'name' | 'targetText' | 'target' | 'weightCp' | 'measure'>>;

/**
 * 分值 are whole centi-points from 0 to 100 分, or unassigned (null). Anything else (a negative weight from a stale
 * form, a fraction of a centi-point) would make the backup refuse the whole database later, so it is refused now.
 */
function checkWeight(weightCp: number | null | undefined): void {
  if (weightCp === undefined || weightCp === null) return;
  if (!Number.isInteger(weightCp) || weightCp < 0 || weightCp > TOTAL_POINTS_CP) throw new InvalidInputError('weightCp', 'range');
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Saves changed fields of one node. `opened` is the row as the editor opened it (or just its revision): when the
 * stored row has moved on since, the write is refused with ConflictError — unless every field being saved is still
 * as the editor saw it (a neighbour's move or another field's edit is not a conflict with this edit).
 */
export async function updateIndicator(id: Id, patch: IndicatorPatch, opened: number | IndicatorNode): Promise<IndicatorNode> {
  checkWeight(patch.weightCp);
  const d = db();
  return d.transaction('rw', tables(), async () => {
    const cur = await d.indicators.get(id);
    if (!cur) throw new NotFoundError(id);
    const base = typeof opened === 'number' ? null : opened;
    const rev = typeof opened === 'number' ? opened : opened.rev;
    const untouched = base !== null && (Object.keys(patch) as (keyof IndicatorPatch)[]).every((k) => same(cur[k], base[k]));
    if (cur.rev !== rev && !untouched) throw new ConflictError(id);
    const now = nowIso();
    const next: IndicatorNode = { ...cur, ...patch, rev: cur.rev + 1, updatedAt: now };
    // "Automatic" again: drop the choice rather than store an explicit undefined.
    if ('measure' in patch && patch.measure === undefined) delete next.measure;
    await d.indicators.put(next);
    const before = Object.fromEntries(Object.keys(patch).map((k) => [k, cur[k as keyof IndicatorNode]]));
    await audit({ at: now, entity: 'indicator', entityId: id, planId: cur.planId, action: 'update', before, after: { ...patch } });
    return next;
  });
}

/** How many entries were logged against a node and everything under it (to warn before deleting). */
export async function countEntriesUnder(id: Id): Promise<number> {
  const d = db();
  const me = await d.indicators.get(id);
  if (!me) return 0;
  const ids = subtreeIds(await d.indicators.where('planId').equals(me.planId).toArray(), id);
  return d.entries.where('indicatorId').anyOf(ids).count();
}

/** Deletes a node with everything under it and the entries logged against them; returns all of it for undo. */
export async function deleteIndicator(id: Id): Promise<DeletedIndicators> {
  const d = db();
  return d.transaction('rw', [d.entries, d.rollups, ...tables()], async () => {
    const me = await d.indicators.get(id);
    if (!me) throw new NotFoundError(id);
    const all = await d.indicators.where('planId').equals(me.planId).toArray();
    const ids = subtreeIds(all, id);
    // Root first (subtreeIds order): undo checks the root's parent is still there.
    const byId = new Map(all.map((n) => [n.id, n]));
    const nodes = ids.map((x) => byId.get(x)!);
    const entries = await d.entries.where('indicatorId').anyOf(ids).toArray();
    await d.entries.bulkDelete(entries.map((e) => e.id));
    await d.rollups.bulkDelete(ids);
    await d.indicators.bulkDelete(ids);
    await audit({ at: nowIso(), entity: 'indicator', entityId: id, planId: me.planId, action: 'delete', before: { name: me.name, rows: nodes.length, entries: entries.length } });
    return { nodes, entries };
  });
}

/** Undo of a delete: puts the removed rows and entries back as they were (same ids, so references stay valid). */
export async function restoreIndicators(deleted: DeletedIndicators): Promise<void> {
  const d = db();
  await d.transaction('rw', [d.plans, d.entries, d.rollups, ...tables()], async () => {
    const rows = deleted.nodes;
    const planIds = new Set(rows.map((r) => r.planId));
    for (const planId of planIds) if (!(await d.plans.get(planId))) throw new NotFoundError(planId);
    // The subtree's root hangs under a parent that may itself have been deleted since (undo out of order):
    // putting it back would leave rows that no tree reaches.
    const root = rows[0];
    if (root?.parentId && !(await d.indicators.get(root.parentId))) throw new NotFoundError(root.parentId);
    await d.indicators.bulkPut(rows);
    await d.entries.bulkPut(deleted.entries);
    const top = rows[0];
    if (top) {
      await rebuildRollups(top.planId, deleted.entries.map((e) => e.indicatorId));
      await audit({ at: nowIso(), entity: 'indicator', entityId: top.id, planId: top.planId, action: 'restore', after: { name: top.name, rows: rows.length, entries: deleted.entries.length } });
    }
  });
}

/** Moves a node one place up or down among its siblings. */
export async function moveIndicator(id: Id, delta: -1 | 1): Promise<void> {
  const d = db();
  await d.transaction('rw', tables(), async () => {
    const me = await d.indicators.get(id);
    if (!me) throw new NotFoundError(id);
    const all = await d.indicators.where('planId').equals(me.planId).toArray();
    const changes = moveAmongSiblings(all, id, delta);
    const now = nowIso();
    for (const c of changes) {
      await d.indicators.update(c.id, { order: c.order, updatedAt: now, rev: (all.find((n) => n.id === c.id)?.rev ?? 0) + 1 });
    }
    if (changes.length) await audit({ at: now, entity: 'indicator', entityId: id, planId: me.planId, action: 'update', after: { move: delta } });
  });
}

/** Replaces every 一级 and 三级 weight of a plan with the defaults of domain.md §9. */
export async function applyDefaultWeightsToPlan(planId: Id): Promise<void> {
  const d = db();
  await d.transaction('rw', tables(), async () => {
    const all = await d.indicators.where('planId').equals(planId).toArray();
    const weights = defaultWeights(buildTree(all).roots);
    const now = nowIso();
    for (const n of all) {
      if (!weights.has(n.id) || weights.get(n.id) === n.weightCp) continue;
      await d.indicators.put({ ...n, weightCp: weights.get(n.id)!, rev: n.rev + 1, updatedAt: now });
    }
    await audit({ at: now, entity: 'plan', entityId: planId, planId, action: 'update', after: { defaultWeights: true } });
  });
}

/** Records an approved target adjustment (绩效目标调整); the approved original stays on the row beside it. */
export async function addTargetAdjustment(id: Id, draft: Omit<TargetAdjustment, 'id' | 'recordedAt'>, expectedRev: number): Promise<IndicatorNode> {
  const d = db();
  return d.transaction('rw', [d.plans, ...tables()], async () => {
    const cur = await d.indicators.get(id);
    if (!cur || cur.level !== 3) throw new NotFoundError(id);
    if (cur.rev !== expectedRev) throw new ConflictError(id);
    const plan = await d.plans.get(cur.planId);
    if (!plan) throw new NotFoundError(cur.planId);
    // Checked and parsed again here, whatever the form did: the stored target is the one its text says.
    const checked = validateTargetAdjustment(draft, cur, plan.year);
    if (!checked.value) throw new InvalidInputError(`targetAdjustments.${checked.errors[0]!.field}`, checked.errors[0]!.code);
    const adj = checked.value;
    const now = nowIso();
    const adjustments = [...(cur.targetAdjustments ?? []), { ...adj, id: newId(), recordedAt: now }].sort((a, b) => a.approvedOn.localeCompare(b.approvedOn));
    const next: IndicatorNode = { ...cur, targetAdjustments: adjustments, rev: cur.rev + 1, updatedAt: now };
    await d.indicators.put(next);
    await audit({ at: now, entity: 'indicator', entityId: id, planId: cur.planId, action: 'update', before: { targetText: cur.targetText }, after: { adjustedTo: adj.targetText, approvedOn: adj.approvedOn, reason: adj.reason } });
    return next;
  });
}

/** Removes an adjustment entered by mistake; returns it for undo. */
export async function removeTargetAdjustment(id: Id, adjustmentId: Id, expectedRev: number): Promise<TargetAdjustment> {
  const d = db();
  return d.transaction('rw', tables(), async () => {
    const cur = await d.indicators.get(id);
    if (!cur) throw new NotFoundError(id);
    if (cur.rev !== expectedRev) throw new ConflictError(id);
    const gone = (cur.targetAdjustments ?? []).find((a) => a.id === adjustmentId);
    if (!gone) throw new NotFoundError(adjustmentId);
    const now = nowIso();
    await d.indicators.put({ ...cur, targetAdjustments: (cur.targetAdjustments ?? []).filter((a) => a.id !== adjustmentId), rev: cur.rev + 1, updatedAt: now });
    await audit({ at: now, entity: 'indicator', entityId: id, planId: cur.planId, action: 'update', before: { adjustment: gone.targetText, approvedOn: gone.approvedOn } });
    return gone;
  });
}

/** Undo of removeTargetAdjustment: puts the same adjustment back. */
export async function restoreTargetAdjustment(id: Id, adj: TargetAdjustment): Promise<void> {
  const d = db();
  await d.transaction('rw', tables(), async () => {
    const cur = await d.indicators.get(id);
    if (!cur) throw new NotFoundError(id);
    const now = nowIso();
    const list = [...(cur.targetAdjustments ?? []).filter((a) => a.id !== adj.id), adj].sort((a, b) => a.approvedOn.localeCompare(b.approvedOn));
    await d.indicators.put({ ...cur, targetAdjustments: list, rev: cur.rev + 1, updatedAt: now });
    await audit({ at: now, entity: 'indicator', entityId: id, planId: cur.planId, action: 'restore', after: { adjustment: adj.targetText } });
  });
}
