import { beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '../fixtures/db';
import { completeInputs, formNow, submittedRound } from '../fixtures/rounds';
import { seedIfEmpty } from '@/db/repositories/seed';
import { addBudgetAdjustment, removeBudgetAdjustment, saveBudget, deletePlanCascade, listBudgetLines, listPlans } from '@/db/repositories/plans';
import { listIndicators, updateIndicator } from '@/db/repositories/indicators';
import { addEntry } from '@/db/repositories/entries';
import { addSpending } from '@/db/repositories/spending';
import { loadSampleActivity } from '@/db/repositories/sample-activity';
import { correctRound, createRound, deleteDraftRound, lastSubmittedRound, listRounds, restoreDraftRound, saveRoundInputs, submitRound } from '@/db/repositories/rounds';
import { ConflictError, IncompleteError, InvalidInputError, LockedError, NotFoundError } from '@/db/errors';
import { emptyRowInput } from '@/domain/monitoring/round-types';
import type { RoundProblem } from '@/domain/monitoring/round-validate';
import { parseTarget } from '@/domain/targets/parse';
import type { JixiaoDb } from '@/db/database';
import type { AuditRecord } from '@/db/records';
import type { IndicatorNode } from '@/domain/model';

/**
 * Monitoring rounds in the database: drafts saved with revision checks, submission refused until complete, a
 * submitted round frozen whatever is written later, corrections as new versions, every write audited in its own
 * transaction.
 */

let d: JixiaoDb;
let planId: string;
let nodes: IndicatorNode[];
const COUNT = '开展职工权益保障和职工服务等活动（人次）';
const byName = (name: string) => nodes.find((n) => n.name === name)!;

beforeEach(async () => {
  d = await freshDb();
  await seedIfEmpty();
  planId = (await listPlans()).find((p) => p.seedKey === 'yantian-2022/unit')!.id;
  await loadSampleActivity(planId, '2026-11-25');
  nodes = await listIndicators(planId);
});

const stored = async (id: string) => (await d.rounds.get(id))!;
// Rows written within the same millisecond tie on `at`: the lifecycle order breaks the tie.
const RANK = ['create', 'update', 'submit', 'supersede'];
const auditOf = async (id: string) =>
  (await d.audit.toArray()).filter((a) => a.entity === 'round' && a.entityId === id).sort((a, b) => a.at.localeCompare(b.at) || RANK.indexOf(a.action) - RANK.indexOf(b.action));
const submitted = () => submittedRound(planId);

/** Makes every audit write fail, as a full disk would, until the returned function is called. */
function failAudit() {
  const hook = () => {
    throw Object.assign(new Error('disk full'), { name: 'QuotaExceededError' });
  };
  d.audit.hook('creating', hook);
  return () => d.audit.hook('creating').unsubscribe(hook);
}

describe('a draft round', () => {
  it('is created at 30 June: version 1 of a new series, green and blue rows start as 确定能, the rest undecided, 不适用 rows have no input', async () => {
    const r = await createRound(planId, '2022-06-30', ' 张科长 ');
    expect(r).toMatchObject({ planId, year: 2022, cutoff: '2022-06-30', version: 1, status: 'draft', rev: 1, createdBy: '张科长' });
    expect(r.snapshot).toBeUndefined();
    expect(await stored(r.id)).toEqual(r);
    const form = await formNow(r);
    for (const row of form.rows) {
      const input = r.inputs.rows[row.node.id];
      if (!row.applicable) expect(input).toBeUndefined();
      else expect(input?.possibility).toBe(row.assessment.light === 'green' || row.assessment.light === 'blue' ? 'certain' : null);
    }
    // The sample year has rows at risk at mid-year, so the round has something to decide.
    expect(Object.values(r.inputs.rows).some((i) => i.possibility === null)).toBe(true);
    expect((await auditOf(r.id)).map((a) => [a.action, a.planId])).toEqual([['create', planId]]);
  });

  it('saves the inputs with a revision check: a stale revision is refused with ConflictError and nothing changes', async () => {
    const r = await createRound(planId, '2022-06-30', '张科长');
    const inputs = { ...structuredClone(r.inputs), goalProgress: '上半年开展活动445人次' };
    const saved = await saveRoundInputs(r.id, inputs, 1);
    expect(saved.rev).toBe(2);
    expect((await stored(r.id)).inputs.goalProgress).toBe('上半年开展活动445人次');
    const other = { ...structuredClone(r.inputs), goalProgress: '另一个标签页的旧稿' };
    await expect(saveRoundInputs(r.id, other, 1)).rejects.toBeInstanceOf(ConflictError);
    expect(await stored(r.id)).toEqual(saved);
    expect((await auditOf(r.id)).map((a) => a.action)).toEqual(['create', 'update']);
  });

  it('is refused for submission with IncompleteError naming each row and what it lacks; nothing is written', async () => {
    const r = await createRound(planId, '2022-06-30', '张科长');
    const count = byName(COUNT);
    // A green row whose manager doubts the target must explain it, like a red one.
    const inputs = structuredClone(r.inputs);
    inputs.rows[count.id] = { ...emptyRowInput(), possibility: 'possible' };
    const saved = await saveRoundInputs(r.id, inputs, r.rev);
    const err = await submitRound(r.id, '张科长', saved.rev).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IncompleteError);
    const problems = (err as IncompleteError<RoundProblem>).problems;
    const form = await formNow(saved);
    const atRisk = form.rows.filter((row) => row.applicable && saved.inputs.rows[row.node.id]!.possibility === null);
    expect(problems.map((p) => p.indicatorId).sort()).toEqual([...atRisk.map((row) => row.node.id), count.id].sort());
    expect(problems.find((p) => p.indicatorId === count.id)).toEqual({ indicatorId: count.id, name: COUNT, missing: ['reasons', 'reasonText', 'measures'] });
    for (const row of atRisk) {
      const missing = problems.find((p) => p.indicatorId === row.node.id)!.missing;
      expect(missing).toEqual(row.assessment.light === 'red' || row.assessment.light === 'yellow' ? ['possibility', 'reasons', 'reasonText', 'measures'] : ['possibility']);
      expect(problems.find((p) => p.indicatorId === row.node.id)!.name).toBe(row.node.name);
    }
    expect(await stored(r.id)).toEqual(saved);
    expect((await auditOf(r.id)).map((a) => a.action)).toEqual(['create', 'update']);
  });

  it('once every row is filled in, is submitted with the form frozen, who and when', async () => {
    const r = await createRound(planId, '2022-06-30', '张科长');
    const saved = await saveRoundInputs(r.id, await completeInputs(r), r.rev);
    await expect(submitRound(r.id, '张科长', r.rev)).rejects.toBeInstanceOf(ConflictError);
    await expect(submitRound(r.id, '  ', saved.rev)).rejects.toBeInstanceOf(InvalidInputError);
    const s = await submitRound(r.id, ' 王主任 ', saved.rev);
    expect(s).toMatchObject({ status: 'submitted', submittedBy: '王主任', rev: saved.rev + 1, version: 1 });
    expect(s.submittedAt).toBeTruthy();
    expect(await stored(r.id)).toEqual(s);
    expect(s.snapshot).toEqual(await formNow(saved));
    expect(s.snapshot!.header).toMatchObject({ cutoff: '2022-06-30', month: 6, timeProgressText: '6/12' });
    const trail = await auditOf(r.id);
    expect(trail.map((a) => a.action)).toEqual(['create', 'update', 'submit']);
    expect(trail[2]!.after).toMatchObject({ by: '王主任', cutoff: '2022-06-30', version: 1, planLight: s.snapshot!.planLight });
    expect(await lastSubmittedRound(planId)).toEqual(s);
  });
});

describe('a submitted round is immutable', () => {
  it('entries, spending, a target edit and a budget adjustment written later leave the stored round deep-equal', async () => {
    const s = await submitted();
    const before = structuredClone(await stored(s.id));
    const count = byName(COUNT);
    await addEntry(count.id, { date: '2022-03-01', amount: 500, recordedBy: '张敏' });
    await addSpending(planId, { date: '2022-04-01', amountFen: 100_000_000, recordedBy: '张敏' });
    await updateIndicator(count.id, { targetText: '不少于1000人次', target: parseTarget('不少于1000人次').spec }, count.rev);
    const [line] = await listBudgetLines(planId);
    await addBudgetAdjustment(line!.id, { date: '2022-05-01', source: 'fiscal', amountFen: 50_000_000, reason: '追加' }, line!.rev);
    await d.indicators.update(byName('宣传资料及时发放率').id, {
      targetAdjustments: [{ id: 'ta', targetText: '≥95%', target: parseTarget('≥95%').spec, approvedOn: '2022-03-01', reason: '提高要求', recordedAt: '2022-03-02T00:00:00.000Z' }],
    });
    expect(await stored(s.id)).toEqual(before);
    // The writes did change what the form would say now: the frozen one is not recomputed.
    const now = await formNow(s);
    expect(now.rows.find((r) => r.node.id === count.id)!.targetText).toBe('不少于1000人次');
    expect(before.snapshot!.rows.find((r) => r.node.id === count.id)!.targetText).toBe('不少于800人次');
    expect(now.funds[0]!.executedFen).toBe(before.snapshot!.funds[0]!.executedFen + 100_000_000);
    expect(now.funds[0]!.fullFen).toBe(before.snapshot!.funds[0]!.fullFen + 50_000_000);
    expect(now.rows.find((r) => r.node.name === '宣传资料及时发放率')!.targetText).toBe('≥95%');
  });

  it('saving inputs, submitting again or deleting it is refused with LockedError', async () => {
    const s = await submitted();
    const before = structuredClone(await stored(s.id));
    await expect(saveRoundInputs(s.id, { ...s.inputs, corrective: '改' }, s.rev)).rejects.toBeInstanceOf(LockedError);
    await expect(submitRound(s.id, '张科长', s.rev)).rejects.toBeInstanceOf(LockedError);
    await expect(deleteDraftRound(s.id)).rejects.toBeInstanceOf(LockedError);
    expect(await stored(s.id)).toEqual(before);
  });
});

describe('corrections are new versions of the same series', () => {
  it('v2 is a draft of the same series that supersedes v1; v1 stays submitted until v2 is submitted, then is superseded, its form unchanged', async () => {
    const v1 = await submitted();
    const v1Before = structuredClone(await stored(v1.id));
    await addEntry(byName(COUNT).id, { date: '2022-03-01', amount: 500, recordedBy: '张敏' });

    const v2 = await correctRound(v1.id, '李会计');
    expect(v2).toMatchObject({ seriesId: v1.seriesId, version: 2, status: 'draft', supersedes: v1.id, cutoff: v1.cutoff, planId, rev: 1, createdBy: '李会计' });
    expect(v2.id).not.toBe(v1.id);
    expect(v2.inputs).toEqual(v1.inputs);
    expect(v2.snapshot).toBeUndefined();
    expect(await stored(v1.id)).toEqual(v1Before);
    // One correction at a time: asking again reopens it.
    expect((await correctRound(v1.id, '李会计')).id).toBe(v2.id);
    expect(await lastSubmittedRound(planId)).toEqual(v1Before);

    const v2s = await submitRound(v2.id, '李会计', v2.rev);
    expect(v2s.status).toBe('submitted');
    expect(v2s.snapshot!.rows.find((r) => r.node.name === COUNT)!.actual.value).toBe(v1Before.snapshot!.rows.find((r) => r.node.name === COUNT)!.actual.value! + 500);
    const v1After = await stored(v1.id);
    expect(v1After).toEqual({ ...v1Before, status: 'superseded', supersededBy: v2.id, supersededAt: v2s.submittedAt, rev: v1Before.rev + 1, updatedAt: v2s.submittedAt });
    expect(v1After.snapshot).toEqual(v1Before.snapshot);
    expect((await auditOf(v1.id)).map((a) => a.action)).toEqual(['create', 'update', 'submit', 'supersede']);
    expect((await auditOf(v2.id)).map((a) => a.action)).toEqual(['create', 'submit']);
    expect((await listRounds(planId)).map((r) => [r.version, r.status])).toEqual([[1, 'superseded'], [2, 'submitted']]);
    expect((await lastSubmittedRound(planId))!.id).toBe(v2.id);

    // A superseded version is not corrected again; the current one is, as version 3.
    await expect(correctRound(v1.id, '李会计')).rejects.toBeInstanceOf(LockedError);
    expect(await correctRound(v2.id, '李会计')).toMatchObject({ version: 3, supersedes: v2.id, seriesId: v1.seriesId });
  });

  it('a draft cannot be corrected (only submitted rounds are)', async () => {
    const r = await createRound(planId, '2022-06-30', '张科长');
    await expect(correctRound(r.id, '张科长')).rejects.toBeInstanceOf(LockedError);
  });
});

describe('an abandoned draft', () => {
  it('is deleted and restored by undo exactly; undo after its plan was deleted is refused', async () => {
    const created = await createRound(planId, '2022-06-30', '张科长');
    const draft = await saveRoundInputs(created.id, { ...created.inputs, corrective: '草稿' }, created.rev);
    const gone = await deleteDraftRound(draft.id);
    expect(gone).toEqual(draft);
    expect(await d.rounds.get(draft.id)).toBeUndefined();
    await restoreDraftRound(gone);
    expect(await stored(draft.id)).toEqual(draft);
    await deleteDraftRound(draft.id);
    await deletePlanCascade(planId);
    // The app's own class survives the transaction (Dexie would re-wrap an error named like the DOM's NotFoundError).
    await expect(restoreDraftRound(gone)).rejects.toBeInstanceOf(NotFoundError);
    expect(await d.rounds.get(draft.id)).toBeUndefined();
  });
});

describe('deleting a plan', () => {
  it('removes its rounds, every version, and no other plan’s', async () => {
    const v1 = await submitted();
    await correctRound(v1.id, '张科长');
    const other = (await listPlans()).find((p) => p.seedKey === 'yantian-2022/rights')!.id;
    const kept = await createRound(other, '2022-06-30', '张科长');
    expect(await d.rounds.count()).toBe(3);
    await deletePlanCascade(planId);
    expect(await listRounds(planId)).toEqual([]);
    expect(await d.rounds.toArray()).toEqual([kept]);
  });
});

describe('every round write is audited in its own transaction: when the audit row cannot be written, nothing is', () => {
  it('create', async () => {
    const auditBefore = await d.audit.count();
    const restore = failAudit();
    await expect(createRound(planId, '2022-06-30', '张科长')).rejects.toBeTruthy();
    restore();
    expect(await d.rounds.count()).toBe(0);
    expect(await d.audit.count()).toBe(auditBefore);
  });

  it('update', async () => {
    const r = await createRound(planId, '2022-06-30', '张科长');
    const restore = failAudit();
    await expect(saveRoundInputs(r.id, { ...r.inputs, corrective: '改' }, r.rev)).rejects.toBeTruthy();
    restore();
    expect(await stored(r.id)).toEqual(r);
  });

  it('submit', async () => {
    const r = await createRound(planId, '2022-06-30', '张科长');
    const saved = await saveRoundInputs(r.id, await completeInputs(r), r.rev);
    const restore = failAudit();
    await expect(submitRound(r.id, '张科长', saved.rev)).rejects.toBeTruthy();
    restore();
    expect(await stored(r.id)).toEqual(saved);
  });

  it('supersede', async () => {
    const v1 = await submitted();
    const v2 = await correctRound(v1.id, '张科长');
    const [v1Before, v2Before] = [await stored(v1.id), await stored(v2.id)];
    const restore = failAudit();
    await expect(submitRound(v2.id, '张科长', v2.rev)).rejects.toBeTruthy();
    restore();
    expect(await stored(v1.id)).toEqual(v1Before);
    expect(await stored(v2.id)).toEqual(v2Before);
  });

  it('the audit rows name the round, its plan and what changed', async () => {
    const v1 = await submitted();
    const v2 = await correctRound(v1.id, '张科长');
    await submitRound(v2.id, '张科长', v2.rev);
    const rows = (await d.audit.toArray()).filter((a) => a.entity === 'round');
    expect(rows.every((a: AuditRecord) => a.planId === planId)).toBe(true);
    expect(rows.find((a) => a.entityId === v2.id && a.action === 'create')!.after).toEqual({ corrects: v1.id, version: 2 });
    expect(rows.find((a) => a.entityId === v1.id && a.action === 'supersede')!.after).toEqual({ by: v2.id, version: 2 });
  });
});

describe('a cut-off outside the plan year', () => {
  it.each([
    ['2023-01-01', 'outsideYear'],
    ['2021-12-31', 'outsideYear'],
    ['2022-02-30', 'badDate'],
    ['30/06/2022', 'badDate'],
  ])('%s → InvalidInputError (%s) and nothing written', async (cutoff, code) => {
    const auditBefore = await d.audit.count();
    const err = await createRound(planId, cutoff, '张科长').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidInputError);
    expect(err).toMatchObject({ field: 'cutoff', code });
    expect(await d.rounds.count()).toBe(0);
    expect(await d.audit.count()).toBe(auditBefore);
  });
});

describe('the repository refuses inputs the form would have refused', () => {
  it('a negative or non-finite forecast, a fractional budget forecast, an unknown reason: InvalidInputError, nothing stored', async () => {
    const r = await createRound(planId, '2022-06-30', '张科长');
    const id = byName(COUNT).id;
    const bad = [
      { ...r.inputs, rows: { ...r.inputs.rows, [id]: { ...emptyRowInput(), forecast: -1 } } },
      { ...r.inputs, rows: { ...r.inputs.rows, [id]: { ...emptyRowInput(), forecast: Number.NaN } } },
      { ...r.inputs, budgetForecastFen: 12.5 },
      { ...r.inputs, rows: { ...r.inputs.rows, [id]: { ...emptyRowInput(), reasons: ['weather' as never] } } },
    ];
    for (const inputs of bad) await expect(saveRoundInputs(r.id, inputs, r.rev)).rejects.toBeInstanceOf(InvalidInputError);
    expect(await stored(r.id)).toEqual(r);
  });
});

describe('budget adjustments are checked where they are stored', () => {
  it('a cut below zero, or removing the top-up that covers a later cut, is refused and leaves the line as it was', async () => {
    const [line] = await listBudgetLines(planId);
    const fiscal = line!.fiscalFen;
    await expect(addBudgetAdjustment(line!.id, { date: '2022-05-01', source: 'fiscal', amountFen: -(fiscal + 1), reason: '调减' }, line!.rev)).rejects.toBeInstanceOf(InvalidInputError);
    await expect(addBudgetAdjustment(line!.id, { date: '2023-05-01', source: 'fiscal', amountFen: 100, reason: '追加' }, line!.rev)).rejects.toBeInstanceOf(InvalidInputError);
    await expect(addBudgetAdjustment(line!.id, { date: '2022-05-01', source: 'fiscal', amountFen: 100, reason: ' ' }, line!.rev)).rejects.toBeInstanceOf(InvalidInputError);
    expect((await listBudgetLines(planId))[0]).toEqual(line);
    const up = await addBudgetAdjustment(line!.id, { date: '2022-03-01', source: 'carryover', amountFen: 500, reason: '追加' }, line!.rev);
    const cut = await addBudgetAdjustment(line!.id, { date: '2022-04-01', source: 'carryover', amountFen: -500, reason: '调减' }, up.rev);
    const topUp = cut.adjustments.find((a) => a.amountFen === 500)!;
    await expect(removeBudgetAdjustment(line!.id, topUp.id, cut.rev)).rejects.toBeInstanceOf(InvalidInputError);
    expect((await listBudgetLines(planId))[0]!.adjustments).toHaveLength(2);
  });
});

describe('undo cannot give a series two current versions', () => {
  it('undo of a deleted correction after another correction was opened is refused; the newer work stands', async () => {
    const r1 = await submittedRound(planId);
    const v2 = await correctRound(r1.id, '张科长');
    const gone = await deleteDraftRound(v2.id);
    const v2b = await correctRound(r1.id, '张科长');
    await expect(restoreDraftRound(gone)).rejects.toBeInstanceOf(ConflictError);
    expect((await listRounds(planId)).filter((r) => r.status === 'draft').map((r) => r.id)).toEqual([v2b.id]);
  });
});

describe('saving the 年初 budget keeps every day of the year non-negative', () => {
  it('lowering a 年初 amount below a cut already approved is refused, nothing written', async () => {
    const lines = await listBudgetLines(planId);
    const line = lines[0]!;
    await addBudgetAdjustment(line.id, { date: '2022-05-01', source: 'fiscal', amountFen: -line.fiscalFen, reason: '调减' }, line.rev);
    const plan = (await listPlans()).find((p) => p.id === planId)!;
    const values = (await listBudgetLines(planId)).map((l) => ({ id: l.id, name: l.name, content: l.content, fiscalFen: l.fiscalFen, carryoverFen: l.carryoverFen, otherFen: l.otherFen }));
    values[0] = { ...values[0]!, fiscalFen: values[0]!.fiscalFen - 1 };
    const before = await listBudgetLines(planId);
    await expect(saveBudget(planId, plan.goal, values, plan.rev)).rejects.toBeInstanceOf(InvalidInputError);
    expect(await listBudgetLines(planId)).toEqual(before);
  });
});
