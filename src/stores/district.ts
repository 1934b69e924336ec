import { defineStore, storeToRefs } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import type { Id, Plan } from '@/domain/model';
import { carryOver, districtRows, pendingRows, type DistrictHeads, type DistrictParts, type DistrictRow, type FiguresMemo } from '@/domain/district/summary';
import { districtSearchText, filterDistrict, sortDistrict, type DistrictColumn, type SortDir } from '@/domain/district/table';
import { defaultAsOf } from '@/domain/monitoring/plan-progress';
import { useLiveQuery } from '@/composables/useLiveQuery';
import { loadDistrictParts } from '@/db/repositories/district';
import { usePlansStore } from './plans';
import { useFiledStore } from './filed';
import { todayIso } from './dashboard';

/** A slice is sized so that reading and scoring it takes about this long: well under the 200 ms a task may take. */
const SLICE_MS = 40;
const FIRST_SLICE = 20;
const MAX_SLICE = 400;

/** The plans of one year, in the plans store's order. */
const plansOfYear = (plans: readonly Plan[], year: number): Plan[] => plans.filter((p) => p.year === year);

/** Plans in id order: each slice of it is one key range per table (loadDistrictParts). */
const byIdOrder = (plans: readonly Plan[]): Plan[] => [...plans].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

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
  // scale that read was half the wait for the first rows), and what each plan filed from the filed store, which keeps
  // the current year's in memory from start-up, so the rows with their filed lights and final scores show at once.
  const filedStore = useFiledStore();
  watch(year, (y) => filedStore.keep(y), { immediate: true });
  const { filed: filedOfYear, error: filedError } = storeToRefs(filedStore);
  const filed = computed(() => (filedOfYear.value && filedOfYear.value.year === year.value ? filedOfYear.value : null));
  // The year's plans, and the same in id order (the slices' order): each made once per change of the plans.
  const yearPlans = computed(() => (year.value === null ? [] : plansOfYear(allPlans.value, year.value)));
  const yearOrder = computed(() => byIdOrder(yearPlans.value));
  const heads = computed<DistrictHeads | null>(() =>
    year.value === null || !filed.value || plansLoading.value
      ? null
      : { plans: yearPlans.value, units: units.value, rounds: filed.value.rounds, evaluations: filed.value.evaluations },
  );
  // The first slice's rows, read as the view opens, in a live query that also observes every bulky table: each of its
  // runs (a save, a merge, another tab) starts a new pass. When the filed digests are not kept yet (a district opened
  // before the start-up warm-up read them), their read goes first: IndexedDB answers one request at a time, and the
  // digests alone show every row with its score, while the slice only adds details to twenty of them.
  const firstKey = computed(() =>
    year.value === null || plansLoading.value || !filed.value ? null : yearOrder.value.slice(0, FIRST_SLICE).map((p) => p.id).join(' '),
  );
  const { data: first, error: firstError } = useLiveQuery(firstKey, async (key) => (key === null ? null : { key, parts: await loadDistrictParts(key ? key.split(' ') : [], { observeAll: true }) }), null);
  const error = shallowRef<unknown>(null);
  watch([filedError, firstError], ([a, b]) => (error.value = a ?? b));
  const headsLoading = computed(() => plansLoading.value || (year.value !== null && !filed.value));
  const today = todayIso();
  const asOf = computed(() => (year.value === null ? null : defaultAsOf(today, year.value)));

  const rows = shallowRef<DistrictRow[]>([]);
  /** Plans scored in the pass under way, of how many; null when no pass is running. */
  const progress = shallowRef<{ done: number; total: number } | null>(null);
  const loading = computed(() => headsLoading.value || (progress.value !== null && rows.value.length === 0));
  let memo: FiguresMemo = new Map();
  let pass = 0;

  /** A pass: every plan shown from the heads, then scored a slice at a time, the first slice from `firstParts`. */
  async function score(h: DistrictHeads | null, firstParts: DistrictParts | null) {
    const mine = ++pass;
    if (!h) {
      rows.value = [];
      progress.value = null;
      return;
    }
    // The heads' plans are the year's plans (yearPlans), so their id order is already made.
    const order = h.plans === yearPlans.value ? yearOrder.value : byIdOrder(h.plans);
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
    // Until the first slice's read is in, the rows stand as the heads give them; its arrival starts the pass again.
    if (!firstParts) return;
    let size = FIRST_SLICE;
    for (let i = 0; i < order.length; ) {
      const slice = order.slice(i, i + size);
      const t0 = performance.now();
      const given = i === 0;
      const parts = given ? firstParts : await loadDistrictParts(slice.map((p) => p.id));
      if (mine !== pass) return;
      for (const r of districtRows(h, parts, slice, today, memo)) byId.set(r.planId, r);
      const spent = performance.now() - t0;
      i += slice.length;
      show();
      progress.value = { done: i, total: order.length };
      // A slice that was read beforehand says nothing of how long a read takes: the next one keeps its size.
      if (!given) size = Math.max(1, Math.min(MAX_SLICE, Math.round((size * SLICE_MS) / Math.max(spent, 1))));
      await nextTask();
      if (mine !== pass) return;
    }
    memo = new Map([...memo].filter(([id]) => known.has(id)));
    progress.value = null;
  }
  // The first slice is the one firstKey named, unless the plans changed since: then its new read is awaited.
  const firstParts = computed(() => (first.value && first.value.key === firstKey.value ? first.value.parts : null));
  // Immediate: with the filed digests kept and the plans loaded, the heads are there as the view opens.
  watch([heads, firstParts], ([h, f]) => void score(h, f).catch((e: unknown) => {
    progress.value = null;
    error.value = e;
  }), { immediate: true });
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
  // The search texts are made only once somebody searches: the first rows need none of them.
  const visible = computed(() => sortDistrict(query.value.trim() ? filterDistrict(rows.value, texts.value, query.value) : rows.value, sortCol.value, sortDir.value));

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
