import type { Id, PlanKind } from './model';
import { initials } from './pinyin';
import { compareZh } from './collate';

/** A plan as the plan picker lists it. */
export interface PlanChoice {
  id: Id;
  name: string;
  year: number;
  kind: PlanKind;
  unitName: string;
}

/** Plans as the pickers list them, each with its unit's name (the plans and units stores' rows). */
export function planChoices(plans: readonly { id: Id; name: string; year: number; kind: PlanKind; unitId: Id }[], units: readonly { id: Id; name: string }[]): PlanChoice[] {
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  return plans.map((p) => ({ id: p.id, name: p.name, year: p.year, kind: p.kind, unitName: unitName.get(p.unitId) ?? '' }));
}

export interface PlanSearchIndex<P extends PlanChoice> {
  plans: readonly P[];
  texts: readonly string[];
}

/** Name, unit, year and the pinyin initials of name and unit, lower-cased: computed once per plan list. */
export function planSearchIndex<P extends PlanChoice>(plans: readonly P[]): PlanSearchIndex<P> {
  return { plans, texts: plans.map((p) => `${p.name} ${p.unitName} ${p.year} ${initials(p.name)} ${initials(p.unitName)}`.toLowerCase()) };
}

/**
 * Plans holding every space-separated word of the query ('2023 lxy' → 2023's 疗休养 plans), the unit's 整体 plans
 * first, then by name (only `year`'s when given); at most `limit` of them with the count of the rest ("N more — refine the search").
 */
export function searchPlans<P extends PlanChoice>(index: PlanSearchIndex<P>, query: string, limit: number, year?: number): { matches: P[]; more: number } {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const all = index.plans.filter((p, i) => (year === undefined || p.year === year) && words.every((w) => index.texts[i]!.includes(w)));
  all.sort((a, b) => b.year - a.year || (a.kind === b.kind ? 0 : a.kind === 'unit' ? -1 : 1) || compareZh(a.unitName, b.unitName) || compareZh(a.name, b.name));
  return { matches: all.slice(0, limit), more: Math.max(0, all.length - limit) };
}
