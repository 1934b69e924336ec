import { defineStore, storeToRefs } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import type { Id, Plan } from '@/domain/model';
import { carryOver, districtRows, pendingRows, type DistrictHeads, type DistrictRow, type FiguresMemo } from '@/domain/district/summary';
import { districtSearchText, filterDistrict, sortDistrict, type DistrictColumn, type SortDir } from '@/domain/district/table';
import { defaultAsOf } from '@/domain/monitoring/plan-progress';
import { useLiveQuery } from '@/composables/useLiveQuery';
import { loadDistrictFiled, loadDistrictParts } from '@/db/repositories/district';
import { usePlansStore } from './plans';
import { todayIso } from './dashboard';

/** A slice is sized so that reading and scoring it takes about this long: well under the 200 ms a task may take. */
const SLICE_MS = 40;
const FIRST_SLICE = 20;
const MAX_SLICE = 400;

/** The plans of one year, in the plans store's order. */
const plansOfYear = (plans: readonly Plan[], year: number): Plan[] => plans.filter((p) => p.year === year);

/** Lets the browser paint and handle input between two slices. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * The district (全区) summary of a year: every plan's execution, light and score. The plans are read and scored a slice
 * at a time (each slice one read and one short task), so the first rows show at once, a progress figure counts the
 * rest, and no task blocks the page; a plan whose data did not change since the last pass is not scored again. Live: a
 * write to any of the tables (in this tab or another) starts a new pass, while the rows already shown stay. Filtered
 * and sorted here so the view only renders what is on screen.
 */
export const useDistrictStore = defineStore('district', () => {
  const plans = usePlansStore();
  const { years, currentPlan, plans: allPlans, units, loading: plansLoading } = storeToRefs(plans);

  const year = ref<number | null>(currentPlan.value?.year ?? years.value[0] ?? null);
  // Until the plans have loaded there is no year; then the current plan's (the user's own year) is the default.
  watch([currentPlan, years], () => {
    if (year.value === null || !years.value.includes(year.value)) year.value = currentPlan.value?.year ?? years.value[0] ?? null;
  });

  // The heads: the year's plans and the units from the plans store (live already, so not read twice: at district
  // scale that read was half the wait for the first rows), and what each plan filed, live from the filed table.
  const { data: filed, loading: filedLoading, error } = useLiveQuery(year, (y) => (y === null ? null : loadDistrictFiled(y)), null);
  const heads = computed<DistrictHeads | null>(() =>
    year.value === null || !filed.value || plansLoading.value
      ? null
      : { plans: plansOfYear(allPlans.value, year.value), units: units.value, ...filed.value },
  );
  const headsLoading = computed(() => filedLoading.value || plansLoading.value);
  const today = todayIso();
  const asOf = computed(() => (year.value === null ? null : defaultAsOf(today, year.value)));

  const rows = shallowRef<DistrictRow[]>([]);
  /** Plans scored in the pass under way, of how many; null when no pass is running. */
  const progress = shallowRef<{ done: number; total: number } | null>(null);
  const loading = computed(() => headsLoading.value || (progress.value !== null && rows.value.length === 0));
  let memo: FiguresMemo = new Map();
  let pass = 0;

  async function score(h: DistrictHeads | null) {
    const mine = ++pass;
    if (!h) {
      rows.value = [];
      progress.value = null;
      return;
    }
    // Slices of plans in id order: each slice is one key range per table (loadDistrictParts).
    const order = [...h.plans].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const known = new Set(h.plans.map((p) => p.id));
    // Every plan shows at once from the heads (names, filed light, final score); rows a previous pass computed stay
    // until this pass reaches them, and the rest wait for their slice.
    const byId = new Map(pendingRows(h, h.plans).map((r) => [r.planId, r]));
    for (const r of rows.value) {
      const fresh = byId.get(r.planId);
      const kept = fresh && carryOver(r, fresh);
      if (kept) byId.set(r.planId, kept);
    }
    const show = () => (rows.value = h.plans.flatMap((p) => byId.get(p.id) ?? []));
    show();
    progress.value = { done: 0, total: order.length };
    let size = FIRST_SLICE;
    for (let i = 0; i < order.length; ) {
      const slice = order.slice(i, i + size);
      const t0 = performance.now();
      const parts = await loadDistrictParts(slice.map((p) => p.id));
      if (mine !== pass) return;
      for (const r of districtRows(h, parts, slice, today, memo)) byId.set(r.planId, r);
      const spent = performance.now() - t0;
      i += slice.length;
      show();
      progress.value = { done: i, total: order.length };
      size = Math.max(1, Math.min(MAX_SLICE, Math.round((size * SLICE_MS) / Math.max(spent, 1))));
      await nextTask();
      if (mine !== pass) return;
    }
    memo = new Map([...memo].filter(([id]) => known.has(id)));
    progress.value = null;
  }
  watch(heads, (h) => void score(h).catch((e: unknown) => {
    progress.value = null;
    error.value = e;
  }));
  watch(year, () => {
    memo = new Map();
    rows.value = [];
  });

  // Pinyin initials are not free: each row's search text is made once, kept while the row object lives.
  const textOf = new WeakMap<DistrictRow, string>();
  const texts = computed(() =>
    rows.value.map((r) => {
      let t = textOf.get(r);
      if (t === undefined) textOf.set(r, (t = districtSearchText(r)));
      return t;
    }),
  );

  const query = ref('');
  const sortCol = ref<DistrictColumn>('unit');
  const sortDir = ref<SortDir>('asc');
  const visible = computed(() => sortDistrict(filterDistrict(rows.value, texts.value, query.value), sortCol.value, sortDir.value));

  /** A click on a heading: that column ascending, or the other direction when it is already sorted by it. */
  function sortBy(col: DistrictColumn) {
    if (sortCol.value === col) sortDir.value = sortDir.value === 'asc' ? 'desc' : 'asc';
    else {
      sortCol.value = col;
      sortDir.value = col === 'score' || col === 'execution' ? 'desc' : 'asc';
    }
  }

  const open = (planId: Id) => plans.select(planId);

  return { year, years, asOf, loading, error, progress, rows, visible, query, sortCol, sortDir, sortBy, open };
});
