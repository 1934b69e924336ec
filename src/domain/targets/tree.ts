import type { Id, IndicatorNode } from '../model';

export interface TreeNode {
  node: IndicatorNode;
  children: TreeNode[];
}

/** Flat rows → ordered 一级 → 二级 → 三级 forest. Rows whose parent is missing are returned as orphans, not dropped. */
export function buildTree(nodes: readonly IndicatorNode[]): { roots: TreeNode[]; orphans: IndicatorNode[] } {
  const byParent = new Map<Id | null, IndicatorNode[]>();
  for (const n of nodes) {
    const list = byParent.get(n.parentId) ?? [];
    list.push(n);
    byParent.set(n.parentId, list);
  }
  const ids = new Set(nodes.map((n) => n.id));
  const make = (n: IndicatorNode): TreeNode => ({
    node: n,
    children: sortSiblings(byParent.get(n.id) ?? []).map(make),
  });
  const roots = sortSiblings(byParent.get(null) ?? []).map(make);
  const orphans = nodes.filter((n) => n.parentId !== null && !ids.has(n.parentId));
  return { roots, orphans };
}

export function sortSiblings<T extends Pick<IndicatorNode, 'order' | 'createdAt' | 'id'>>(list: readonly T[]): T[] {
  // Plain code-unit comparison: ISO timestamps and UUIDs need no locale rules, and localeCompare is ~10× slower.
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return [...list].sort((a, b) => a.order - b.order || cmp(a.createdAt, b.createdAt) || cmp(a.id, b.id));
}

/** 三级 rows in display order. */
export function leaves(roots: readonly TreeNode[]): IndicatorNode[] {
  const out: IndicatorNode[] = [];
  const walk = (t: TreeNode) => {
    if (t.node.level === 3) out.push(t.node);
    t.children.forEach(walk);
  };
  roots.forEach(walk);
  return out;
}

/** A 三级 indicator takes part in scoring unless its target is 不适用 (domain.md §4.4). */
export function isApplicable(n: IndicatorNode): boolean {
  return n.level === 3 && n.target?.op !== 'NA';
}

/** The node and everything under it, for delete/undo. */
export function subtreeIds(nodes: readonly IndicatorNode[], id: Id): Id[] {
  const out = [id];
  for (let i = 0; i < out.length; i++) {
    for (const n of nodes) if (n.parentId === out[i]) out.push(n.id);
  }
  return out;
}

/** Order value for a new last child. */
export function nextOrder(siblings: readonly Pick<IndicatorNode, 'order'>[]): number {
  return siblings.reduce((m, s) => Math.max(m, s.order), 0) + 1;
}

/**
 * Moving a node up (-1) or down (+1) among its siblings: renumbers the siblings 1..n in the new order and returns
 * only the rows whose order changed. Empty when the move is impossible (first moved up, last moved down).
 */
export function moveAmongSiblings(
  nodes: readonly IndicatorNode[],
  id: Id,
  delta: -1 | 1,
): { id: Id; order: number }[] {
  const me = nodes.find((n) => n.id === id);
  if (!me) return [];
  const siblings = sortSiblings(nodes.filter((n) => n.parentId === me.parentId && n.planId === me.planId));
  const from = siblings.findIndex((n) => n.id === id);
  const to = from + delta;
  if (to < 0 || to >= siblings.length) return [];
  const reordered = [...siblings];
  [reordered[from], reordered[to]] = [reordered[to]!, reordered[from]!];
  return reordered.flatMap((n, i) => (n.order === i + 1 ? [] : [{ id: n.id, order: i + 1 }]));
}

/** Breadcrumb 产出 › 数量 › 开展…活动 for a node. */
export function pathOf(nodes: readonly IndicatorNode[], id: Id): IndicatorNode[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const out: IndicatorNode[] = [];
  let cur = byId.get(id);
  while (cur && out.length < 3) {
    out.unshift(cur);
    cur = cur.parentId ? byId.get(cur.parentId) : undefined;
  }
  return out;
}
