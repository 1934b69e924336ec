import { defineStore } from 'pinia';
import { computed, markRaw, reactive, ref, shallowRef, toRaw, type ComputedRef } from 'vue';
import type { Id } from '@/domain/model';
import { checkChoices, choiceYear, type ChoiceProblem, type SheetChoice } from '@/domain/import/bundle';
import { mapSheet } from '@/domain/import/sheet';
import type { ColumnMapping, Role, SheetGrid, SheetReading } from '@/domain/import/types';
import { readXlsxFile, type FileProblemCode, type ReadProgress } from '@/db/transfer/xlsx-import/read';
import { importPlans, listEmptyPlanIds } from '@/db/repositories/import';
import { usePlansStore } from './plans';

export type { FileProblemCode, ReadProgress };
export { XLSX_LIMITS } from '@/db/transfer/xlsx-import/read';

export type ImportPhase = 'idle' | 'reading' | 'preview' | 'saving';

/**
 * 从 Excel 导入目标表: a file read off the main thread, one preview per sheet re-read live as the user fixes a column or
 * the year, the user's choice per sheet, and one all-or-nothing write. Cancelling at any step writes nothing.
 */
export const useImportStore = defineStore('import', () => {
  const plans = usePlansStore();
  const phase = ref<ImportPhase>('idle');
  const progress = shallowRef<ReadProgress | null>(null);
  const problem = shallowRef<{ code: FileProblemCode; params?: Record<string, string | number> } | null>(null);
  const fileName = ref('');
  /** The workbook as read: large, never changed, so kept out of Vue's reactivity. */
  const sheets = shallowRef<readonly SheetGrid[]>([]);
  const overrides = reactive<Partial<ColumnMapping>[]>([]);
  const choices = reactive<SheetChoice[]>([]);
  const emptyPlanIds = shallowRef<ReadonlySet<Id>>(new Set());
  // One computed per sheet, so typing a name in one sheet does not re-read the others.
  const perSheet = shallowRef<ComputedRef<SheetReading>[]>([]);
  let controller: AbortController | null = null;

  const readings = computed(() => perSheet.value.map((c) => c.value));
  const replaceable = computed(() => plans.plans.filter((p) => emptyPlanIds.value.has(p.id)));
  const problems = computed<ChoiceProblem[][]>(() =>
    checkChoices(readings.value, choices, { unitId: plans.unit?.id ?? '', plans: plans.plans, emptyPlanIds: emptyPlanIds.value }),
  );
  const included = computed(() => choices.filter((c, i) => c.include && readings.value[i]?.status === 'ok').length);
  const canImport = computed(() => phase.value === 'preview' && included.value > 0 && problems.value.every((p) => p.length === 0));

  /** The year targets are read in: the plan replaced, or the year typed when valid, or the sheet's own. */
  function yearOf(i: number): number | undefined {
    const c = choices[i];
    if (!c) return undefined;
    return c.mode === 'replace' ? plans.plans.find((p) => p.id === c.replacePlanId)?.year : choiceYear(c);
  }

  function reset() {
    controller?.abort();
    controller = null;
    phase.value = 'idle';
    progress.value = null;
    problem.value = null;
    fileName.value = '';
    sheets.value = [];
    perSheet.value = [];
    overrides.splice(0);
    choices.splice(0);
  }

  async function read(file: File): Promise<void> {
    reset();
    fileName.value = file.name;
    phase.value = 'reading';
    const ctl = (controller = new AbortController());
    try {
      const outcome = await readXlsxFile(file, { signal: ctl.signal, onProgress: (p) => (progress.value = p) });
      if (ctl.signal.aborted) return;
      if (!outcome.ok) {
        phase.value = 'idle';
        problem.value = { code: outcome.code, ...(outcome.params ? { params: outcome.params } : {}) };
        return;
      }
      emptyPlanIds.value = new Set(await listEmptyPlanIds());
      if (ctl.signal.aborted) return;
      start(outcome.sheets);
    } catch {
      if (ctl.signal.aborted) return; // cancelled: reset() has already cleared everything
      // The file vanished while being read, or the reader failed outside its own checks: said, nothing kept.
      phase.value = 'idle';
      problem.value = { code: 'crashed' };
    } finally {
      if (controller === ctl) controller = null;
    }
  }

  function start(grids: readonly SheetGrid[]) {
    const fallbackYear = plans.currentPlan?.year ?? new Date().getFullYear();
    sheets.value = markRaw([...grids]);
    grids.forEach((g) => {
      const first = mapSheet(g);
      overrides.push({});
      choices.push({
        include: !g.hidden && (first.status === 'ok' || first.status === 'missingColumns'),
        mode: 'create',
        kind: first.meta.kind ?? 'project',
        name: first.meta.name ?? g.name,
        year: String(first.meta.year ?? fallbackYear),
        goal: first.meta.goal ?? '',
        replacePlanId: null,
      });
    });
    perSheet.value = grids.map((g, i) => computed(() => mapSheet(g, { mapping: { ...overrides[i] }, year: yearOf(i) })));
    phase.value = 'preview';
  }

  /** The user's column for a role (null = none); the sheet is re-read at once. */
  function setColumn(sheet: number, role: Role, column: number | null) {
    const o = overrides[sheet];
    if (o) o[role] = column;
  }

  /** Back to the guess for every role of a sheet. */
  function resetColumns(sheet: number) {
    if (overrides[sheet]) overrides[sheet] = {};
  }

  /** Writes every included sheet in one transaction and opens the first plan; returns the plan ids. */
  async function commit(): Promise<Id[]> {
    if (!canImport.value) throw new Error('nothing to import');
    phase.value = 'saving';
    try {
      const requests = readings.value.map((reading, i) => ({ reading, choice: { ...toRaw(choices[i]!) } }));
      const ids = await importPlans(requests, fileName.value);
      if (ids[0]) plans.select(ids[0]);
      reset();
      return ids;
    } catch (e) {
      phase.value = 'preview';
      emptyPlanIds.value = new Set(await listEmptyPlanIds().catch(() => [...emptyPlanIds.value]));
      throw e;
    }
  }

  return { phase, progress, problem, fileName, sheets, readings, choices, overrides, replaceable, problems, included, canImport, read, setColumn, resetColumns, commit, cancel: reset };
});
