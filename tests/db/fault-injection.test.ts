import { beforeAll, describe, expect, it } from 'vitest';
import { dumpAll, faultyDb, snapshotCounts, type FaultInjector, type FaultKind } from '../fixtures/faults';
import { submittedRound } from '../fixtures/rounds';
import { completeEvalInputs } from '../fixtures/evaluation-db';
import { grid, unitTableGrid } from '../fixtures/xlsx/import-grids';
import type { JixiaoDb } from '@/db/database';
import { seedIfEmpty } from '@/db/repositories/seed';
import { deletePlanCascade, listBudgetLines, listPlans, saveBudget } from '@/db/repositories/plans';
import { listIndicators } from '@/db/repositories/indicators';
import { addEntry } from '@/db/repositories/entries';
import { addSpending } from '@/db/repositories/spending';
import { loadSampleActivity } from '@/db/repositories/sample-activity';
import { correctRound, saveRoundInputs, submitRound } from '@/db/repositories/rounds';
import { finaliseEvaluation, saveEvaluationInputs, setEvaluationRuleSet, startEvaluation } from '@/db/repositories/evaluations';
import { importPlans } from '@/db/repositories/import';
import { exportBackup, parseBackup, restoreBackup, serializeBackup, type Backup } from '@/db/transfer/backup';
import { TABLES } from '@/db/transfer/schema';
import { isQuotaError } from '@/db/errors';
import { mapSheet } from '@/domain/import/sheet';
import type { SheetChoice } from '@/domain/import/bundle';

/**
 * reliability.md, faults: "quota error injected on the Nth write of an import → row counts unchanged, clear message;
 * abort mid multi-table save → all-or-nothing; database closed during import → surfaced, no partial data".
 *
 * The injector (tests/fixtures/faults.ts) is a DBCore middleware under every table, so it sees each write the code
 * really makes. Each save is run once to count its writes, then again on a fresh database with the first, the middle
 * and the last write failing as a full disk fails. Every time: the save rejects with an error isQuotaError recognises
 * (so the UI says "storage full" and offers an export), every table has the rows it had — the same rows, not only
 * the same number — and the same save succeeds when tried again (space freed), so nothing the user typed is lost.
 */

type Save = () => Promise<unknown>;
interface Scenario {
  name: string;
  /** Builds the state on the current, fresh database; returns the save under test. */
  prepare: () => Promise<Save>;
}

const unitPlanId = async () => (await listPlans()).find((p) => p.seedKey === 'yantian-2022/unit')!.id;

/** Seed plans, a year of sample activity on the unit plan. */
async function seeded(): Promise<string> {
  await seedIfEmpty();
  const planId = await unitPlanId();
  await loadSampleActivity(planId, '2022-12-20');
  return planId;
}

/** Everything a backup holds: seed, activity, a submitted round with its correction draft, a finalised evaluation. */
async function full(): Promise<string> {
  const planId = await seeded();
  const round = await submittedRound(planId);
  await correctRound(round.id, '李会计');
  const ev = await startEvaluation(planId, '李审核');
  const saved = await saveEvaluationInputs(ev.id, await completeEvalInputs(ev), ev.rev);
  await finaliseEvaluation(ev.id, '李审核', saved.rev);
  return planId;
}

/** A parsed backup of everything, and current data that differs from it, so a half-done restore could not hide. */
async function restoreSetup(): Promise<{ backup: Backup }> {
  const planId = await full();
  const parsed = await parseBackup(serializeBackup(await exportBackup()));
  if (!parsed.ok) throw new Error('the backup does not parse');
  const leaf = (await listIndicators(planId)).find((n) => n.targetText === '不少于800人次')!;
  await addEntry(leaf.id, { date: '2022-11-02', amount: 12, recordedBy: '张敏' });
  await deletePlanCascade((await listPlans()).find((p) => p.seedKey === 'yantian-2022/rights')!.id);
  return { backup: parsed.backup };
}

const create = (over: Partial<SheetChoice>): SheetChoice => ({ include: true, mode: 'create', kind: 'project', name: '新项目', year: '2023', goal: '目标', replacePlanId: null, ...over });

const scenarios: Scenario[] = [
  {
    name: 'restore of a backup (clear every table, add every row, rebuild rollups, audit)',
    prepare: async () => {
      const { backup } = await restoreSetup();
      return () => restoreBackup(backup);
    },
  },
  {
    name: 'Excel import of two sheets (plans, budget lines, indicators, audit)',
    prepare: async () => {
      await seedIfEmpty();
      const project = mapSheet(grid('项目', [['一级指标', '二级指标', '三级指标', '指标值'], ['产出', '数量', '培训场次', '≥10场'], ['满意度', '服务对象满意度', '满意度', '≥90%']]));
      return () => importPlans([
        { reading: mapSheet(unitTableGrid()), choice: create({ kind: 'unit', name: '导入的整体表', year: '2024' }) },
        { reading: project, choice: create({ name: '培训项目', year: '2024' }) },
      ], '目标表.xlsx');
    },
  },
  {
    name: 'submitRound of a correction (the new version, the old one marked superseded, two audit rows)',
    prepare: async () => {
      const planId = await seeded();
      const first = await submittedRound(planId);
      const draft = await correctRound(first.id, '李会计');
      const saved = await saveRoundInputs(draft.id, { ...draft.inputs, goalProgress: '更正后的进展' }, draft.rev);
      return () => submitRound(saved.id, '李会计', saved.rev);
    },
  },
  {
    name: 'finaliseEvaluation under another rule set (the frozen card, the plan’s rule set, audit)',
    prepare: async () => {
      const planId = await seeded();
      const started = await startEvaluation(planId, '李审核');
      const profiled = await setEvaluationRuleSet(started.id, 'yitihua-platform', started.rev);
      const saved = await saveEvaluationInputs(started.id, await completeEvalInputs(profiled), profiled.rev);
      return () => finaliseEvaluation(started.id, '李审核', saved.rev);
    },
  },
  {
    name: 'saveBudget (a line removed with spending on it, one edited, one added, the plan, audit)',
    prepare: async () => {
      await seedIfEmpty();
      let planId = '';
      for (const p of await listPlans()) if ((await listBudgetLines(p.id)).length >= 2) planId = p.id;
      const [kept, removed] = await listBudgetLines(planId);
      await addSpending(planId, { date: '2022-05-01', amountFen: 120_000, budgetLineId: removed!.id, recordedBy: '李会计' });
      const plan = (await listPlans()).find((p) => p.id === planId)!;
      const lines = [
        { id: kept!.id, name: `${kept!.name}（调整）`, content: kept!.content, fiscalFen: kept!.fiscalFen + 100, carryoverFen: kept!.carryoverFen, otherFen: kept!.otherFen },
        { name: '新增支出', content: '', fiscalFen: 5_000_000, carryoverFen: 0, otherFen: 0 },
      ];
      return () => saveBudget(planId, '新的年度目标', lines, plan.rev);
    },
  },
  {
    name: 'deletePlanCascade (rounds, evaluations, entries, rollups, spending, indicators, lines, the plan, audit)',
    prepare: async () => {
      const planId = await full();
      return () => deletePlanCascade(planId);
    },
  },
  {
    name: 'addEntry (the entry, its indicator’s rollup, audit)',
    prepare: async () => {
      const planId = await seeded();
      const leaf = (await listIndicators(planId)).find((n) => n.targetText === '不少于800人次')!;
      return () => addEntry(leaf.id, { date: '2022-06-01', amount: 30, recordedBy: '张敏', note: '夏季活动' });
    },
  },
];

async function writesOf(s: Scenario): Promise<{ total: number; log: readonly string[] }> {
  const { faults } = await faultyDb();
  const save = await s.prepare();
  faults.arm(0);
  await save();
  return { total: faults.calls, log: [...faults.log] };
}

/** First, middle and last write; each with the plain quota error, the middle one also as a commit-time abort. */
function aims(total: number): [number, FaultKind][] {
  const middle = Math.ceil(total / 2);
  const list: [number, FaultKind][] = [[1, 'quota'], [middle, 'quota'], [total, 'quota'], [middle, 'abort']];
  return list.filter(([n, k], i) => list.findIndex(([m, j]) => m === n && j === k) === i);
}

async function failingAt(s: Scenario, n: number, kind: FaultKind): Promise<{ d: JixiaoDb; faults: FaultInjector; error: unknown; retry: Save; before: Awaited<ReturnType<typeof dumpAll>>; counts: Record<string, number> }> {
  const { d, faults } = await faultyDb();
  const save = await s.prepare();
  const counts = await snapshotCounts(d);
  const before = await dumpAll(d);
  faults.arm(n, kind);
  const error = await save().then(() => undefined, (e: unknown) => e);
  return { d, faults, error, retry: save, before, counts };
}

describe.each(scenarios)('a full disk during $name', (s) => {
  it('on the first, middle or last write: rejected as "storage full", every table as it was, and a retry saves', async () => {
    const { total, log } = await writesOf(s);
    expect(total, log.join(' ')).toBeGreaterThanOrEqual(2); // a multi-write save, or the test aims at nothing
    for (const [n, kind] of aims(total)) {
      const { d, faults, error, retry, before, counts } = await failingAt(s, n, kind);
      const at = `write ${n} of ${total} (${log[n - 1]}, ${kind})`;
      expect(faults.fired, at).toBe(true);
      expect(error, at).toBeDefined();
      expect(isQuotaError(error), `${at}: ${String(error)}`).toBe(true);
      expect(await snapshotCounts(d), at).toEqual(counts);
      expect(await dumpAll(d), at).toEqual(before);
      // Space freed: the very same save goes through.
      faults.reset();
      await expect(retry(), at).resolves.not.toThrow();
      expect(faults.calls, at).toBe(total);
    }
  });
});

describe('the database closed during a restore', () => {
  let total = 0;
  beforeAll(async () => {
    ({ total } = await writesOf(scenarios[0]!));
  });
  const nth = (where: 'first' | 'middle' | 'last') => (where === 'first' ? 1 : where === 'middle' ? Math.ceil(total / 2) : total);

  it.each(['first', 'middle', 'last'] as const)(
    'closed by the browser on the %s write (the transaction aborted with it): the restore rejects, reopening shows the data as before',
    async (where) => {
      const { d, faults } = await faultyDb();
      const { backup } = await restoreSetup();
      const before = await dumpAll(d);
      faults.arm(nth(where), 'forcedClose');
      // The write after the abort is refused (InvalidStateError in fake-indexeddb, AbortError in some browsers).
      await expect(restoreBackup(backup)).rejects.toMatchObject({ name: expect.stringMatching(/^(AbortError|InvalidStateError|TransactionInactiveError|DatabaseClosedError)$/) });
      expect(faults.fired).toBe(true);
      expect(d.isOpen()).toBe(false);
      await d.open();
      expect(await dumpAll(d)).toEqual(before);
    },
  );

  it.each(['first', 'middle', 'last'] as const)(
    'db.close() called on the %s write: the running restore finishes whole, never partial, and the next use is told the database is closed',
    async (where) => {
      const { d, faults } = await faultyDb();
      const { backup } = await restoreSetup();
      const before = await dumpAll(d);
      faults.arm(nth(where), 'close');
      // IndexedDB lets a transaction that is already running finish after close(): the restore goes through whole.
      await expect(restoreBackup(backup)).resolves.toBeUndefined();
      expect(faults.fired).toBe(true);
      expect(d.isOpen()).toBe(false);
      // The close is surfaced to the next use, which is told the database is closed rather than reading nothing.
      await expect(d.plans.count()).rejects.toMatchObject({ name: 'DatabaseClosedError' });
      await d.open();
      const after = await dumpAll(d);
      // All of the backup is there and nothing else, but for the restore's own audit row; nothing of `before` is left.
      for (const t of TABLES) {
        // Stored versions carry their key ("<table>:<id>"), which the file leaves out.
        const rows = t === 'audit' ? (after.audit as { entity: string; entityId: string }[]).filter((a) => !(a.entity === 'backup' && a.entityId === backup.sha256)) : t === 'versions' ? (after.versions as { key: string }[]).map(({ key: _k, ...r }) => r) : after[t]!;
        expect(sorted(rows), t).toEqual(sorted(backup.data[t]));
      }
      expect(after).not.toEqual(before);
    },
  );
});

const sorted = (rows: readonly unknown[]) => [...(rows as { id: string }[])].sort((a, b) => a.id.localeCompare(b.id));

// A full disk during a merge of a colleague's bundle: tests/db/merge.test.ts.
