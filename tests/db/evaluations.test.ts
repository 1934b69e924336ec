import { beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '../fixtures/db';
import { completeInputs } from '../fixtures/rounds';
import { completeEvalInputs, evalFormNow, finalisedEvaluation } from '../fixtures/evaluation-db';
import { seedIfEmpty } from '@/db/repositories/seed';
import { addBudgetAdjustment, deletePlanCascade, listBudgetLines, listPlans } from '@/db/repositories/plans';
import { addIndicator, applyDefaultWeightsToPlan, listIndicators, updateIndicator } from '@/db/repositories/indicators';
import { addEntry } from '@/db/repositories/entries';
import { addSpending } from '@/db/repositories/spending';
import { loadSampleActivity } from '@/db/repositories/sample-activity';
import { createRound, saveRoundInputs, submitRound } from '@/db/repositories/rounds';
import {
  correctEvaluation,
  deleteDraftEvaluation,
  finaliseEvaluation,
  listEvaluations,
  restoreDraftEvaluation,
  saveEvaluationInputs,
  setEvaluationRuleSet,
  startEvaluation,
} from '@/db/repositories/evaluations';
import { ConflictError, IncompleteError, InvalidInputError, LockedError, NotFoundError } from '@/db/errors';
import { emptyEvaluationInputs, type EvalProblem, type Evaluation } from '@/domain/evaluation/types';
import { parseTarget } from '@/domain/targets/parse';
import { wan } from '@/domain/money';
import type { JixiaoDb } from '@/db/database';
import type { IndicatorNode } from '@/domain/model';

/**
 * Self-evaluations in the database: a draft saved with revision checks, finalising refused until the card is complete,
 * a finalised card frozen (rule set included) whatever is written later, corrections as new versions of the series,
 * every write audited in its own transaction.
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

const stored = async (id: string) => (await d.evaluations.get(id))!;
// Rows written within the same millisecond tie on `at`: the lifecycle order breaks the tie.
const RANK = ['create', 'update', 'finalise', 'supersede', 'delete', 'restore'];
const auditOf = async (id: string) =>
  (await d.audit.toArray()).filter((a) => a.entity === 'evaluation' && a.entityId === id).sort((a, b) => a.at.localeCompare(b.at) || RANK.indexOf(a.action) - RANK.indexOf(b.action));

async function refusal<P = EvalProblem>(p: Promise<unknown>): Promise<IncompleteError<P>> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(IncompleteError);
  return err as IncompleteError<P>;
}

/** Makes every audit write fail, as a full disk would, until the returned function is called. */
function failAudit() {
  const hook = () => {
    throw Object.assign(new Error('disk full'), { name: 'QuotaExceededError' });
  };
  d.audit.hook('creating', hook);
  return () => d.audit.hook('creating').unsubscribe(hook);
}

describe('starting an evaluation', () => {
  it('makes version 1 of a new series, a draft scored by the plan’s rule set; a second start reopens the same one', async () => {
    const e = await startEvaluation(planId, ' 李审核 ');
    expect(e).toMatchObject({ planId, year: 2022, version: 1, status: 'draft', rev: 1, ruleSetId: 'cn-2020-10', createdBy: '李审核', inputs: emptyEvaluationInputs() });
    expect(e.seriesId).not.toBe(e.id);
    expect(e.snapshot).toBeUndefined();
    expect(await stored(e.id)).toEqual(e);
    const again = await startEvaluation(planId, '王科员');
    expect(again).toEqual(e);
    expect(await d.evaluations.count()).toBe(1);
    expect((await auditOf(e.id)).map((a) => [a.action, a.planId, a.after])).toEqual([['create', planId, { version: 1, ruleSetId: 'cn-2020-10' }]]);
  });

  it('a plan without a known rule set starts with the default; an unknown plan is refused', async () => {
    await d.plans.update(planId, { ruleSetId: 'from-a-newer-app' });
    expect((await startEvaluation(planId, '李审核')).ruleSetId).toBe('cn-2020-10');
    await expect(startEvaluation('no-such-plan', '李审核')).rejects.toBeInstanceOf(InvalidInputError);
    expect(await d.evaluations.count()).toBe(1);
  });
});

describe('a draft evaluation', () => {
  it('saves the inputs with a revision check: a stale revision is refused with ConflictError and nothing changes', async () => {
    const e = await startEvaluation(planId, '李审核');
    const inputs = { ...emptyEvaluationInputs(), goalActual: '全年开展活动九百余人次' };
    const saved = await saveEvaluationInputs(e.id, inputs, 1);
    expect(saved.rev).toBe(2);
    inputs.goalActual = '之后在内存里改的'; // the stored copy is not the caller's object
    expect((await stored(e.id)).inputs.goalActual).toBe('全年开展活动九百余人次');
    await expect(saveEvaluationInputs(e.id, { ...emptyEvaluationInputs(), goalActual: '另一个标签页的旧稿' }, 1)).rejects.toBeInstanceOf(ConflictError);
    expect(await stored(e.id)).toEqual(saved);
    // The app's own class survives the transaction (Dexie would re-wrap an error named like the DOM's NotFoundError).
    await expect(saveEvaluationInputs('no-such-evaluation', emptyEvaluationInputs(), 1)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('switches rule set with a revision check; an unknown rule set is refused with InvalidInputError', async () => {
    const e = await startEvaluation(planId, '李审核');
    const alt = await setEvaluationRuleSet(e.id, 'cn-2020-10-alt', e.rev);
    expect(alt).toMatchObject({ ruleSetId: 'cn-2020-10-alt', rev: 2 });
    expect(await stored(e.id)).toEqual(alt);
    await expect(setEvaluationRuleSet(e.id, 'made-up', alt.rev)).rejects.toBeInstanceOf(InvalidInputError);
    await expect(setEvaluationRuleSet(e.id, 'yitihua-platform', e.rev)).rejects.toBeInstanceOf(ConflictError);
    expect(await stored(e.id)).toEqual(alt);
    const audits = await auditOf(e.id);
    expect(audits.map((a) => [a.action, a.before, a.after])).toEqual([
      ['create', undefined, { version: 1, ruleSetId: 'cn-2020-10' }],
      ['update', { ruleSetId: 'cn-2020-10' }, { ruleSetId: 'cn-2020-10-alt' }],
    ]);
  });
});

describe('finalising', () => {
  it('is refused with IncompleteError naming each row and what it lacks; nothing is written', async () => {
    // A 三级 row added late: no weight yet, nothing logged.
    const qty = nodes.find((n) => n.level === 2 && n.name === '数量')!;
    const late = await addIndicator({ planId, parentId: qty.id, name: '职工法律援助服务人次', targetText: '不少于50人次', target: parseTarget('不少于50人次', { year: 2022 }).spec });
    const e = await startEvaluation(planId, '李审核');
    const err = await refusal(finaliseEvaluation(e.id, '李审核', e.rev));
    const problems = err.problems;
    expect(problems).toEqual((await evalFormNow(e)).problems);
    // No weight voids the row (invalid); the card's row still says both things it lacks.
    expect(problems.filter((p) => p.id === late.id)).toEqual([{ id: late.id, name: '职工法律援助服务人次', code: 'invalid' }]);
    const lateRow = (await evalFormNow(e)).rows.find((r) => r.node.id === late.id)!;
    expect(lateRow.score.problems.map((p) => p.code)).toEqual(['noWeight', 'missingActual']);
    expect(problems).toContainEqual({ id: '', name: '', code: 'goalActual' });
    for (const p of problems) if (p.id) expect((await listIndicators(planId)).find((n) => n.id === p.id)?.name).toBe(p.name);
    expect(await stored(e.id)).toEqual(e);
    expect((await auditOf(e.id)).map((a) => a.action)).toEqual(['create']);

    // Weighted, it is plainly missing its actual.
    await applyDefaultWeightsToPlan(planId);
    const missing = (await refusal(finaliseEvaluation(e.id, '李审核', e.rev))).problems;
    expect(missing.filter((p) => p.id === late.id)).toEqual([{ id: late.id, name: '职工法律援助服务人次', code: 'missingActual' }]);

    // An override without its note, below full marks and unexplained: both are asked for.
    const inputs = await completeEvalInputs(e, { [late.id]: '48' });
    inputs.rows[late.id] = { ...inputs.rows[late.id]!, explanation: '', override: { ...inputs.rows[late.id]!.override!, note: ' ' } };
    const saved = await saveEvaluationInputs(e.id, inputs, e.rev);
    expect((await refusal(finaliseEvaluation(e.id, '李审核', saved.rev))).problems).toEqual([
      { id: late.id, name: '职工法律援助服务人次', code: 'explanation' },
      { id: late.id, name: '职工法律援助服务人次', code: 'overrideNote' },
    ]);
    expect(await stored(e.id)).toEqual(saved);

    // An empty name for who finalises is refused too.
    const done = await saveEvaluationInputs(e.id, await completeEvalInputs(e, { [late.id]: '48' }), saved.rev);
    await expect(finaliseEvaluation(e.id, '  ', done.rev)).rejects.toBeInstanceOf(InvalidInputError);
    expect((await stored(e.id)).status).toBe('draft');
    expect((await auditOf(e.id)).map((a) => a.action)).toEqual(['create', 'update', 'update']);
  });

  it('once complete (default weights, an override with its note, explanations, the goal’s 实际完成情况) freezes the card with who and when', async () => {
    const qty = nodes.find((n) => n.level === 2 && n.name === '数量')!;
    const late = await addIndicator({ planId, parentId: qty.id, name: '职工法律援助服务人次', targetText: '不少于50人次', target: parseTarget('不少于50人次', { year: 2022 }).spec });
    await applyDefaultWeightsToPlan(planId);
    // 产出 50 now over 15 rows: 3.34 × 5 + 3.33 × 10.
    expect((await d.indicators.get(late.id))!.weightCp).toBe(333);
    const e = await startEvaluation(planId, '李审核');
    const inputs = await completeEvalInputs(e, { [late.id]: '48' });
    const saved = await saveEvaluationInputs(e.id, inputs, e.rev);
    const final = await finaliseEvaluation(e.id, ' 李审核 ', saved.rev);

    expect(final).toMatchObject({ status: 'final', finalisedBy: '李审核', rev: saved.rev + 1, version: 1 });
    expect(final.finalisedAt).toBe(final.updatedAt);
    expect(await stored(e.id)).toEqual(final);
    const snap = final.snapshot!;
    expect(snap).toEqual(await evalFormNow(final));
    expect(snap.problems).toEqual([]);
    expect(snap.weightTotalCp).toBe(10000);
    const row = snap.rows.find((r) => r.node.id === late.id)!;
    expect(row).toMatchObject({ source: 'override', actualText: '48人次', computed: { source: 'none', text: '—' } });
    expect(row.score.scoreCp).toBe(320); // 48/50 × 3.33 = 3.1968 → 3.20
    expect(row.score.explanation.text).toBe('财预〔2020〕10号 定量正向: 48/50×3.33 = 3.20');
    expect(snap.ruleSet.id).toBe('cn-2020-10');
    expect(snap.scorecard.totalCp).toBeGreaterThan(8000);
    const audits = await auditOf(e.id);
    expect(audits.map((a) => a.action)).toEqual(['create', 'update', 'finalise']);
    expect(audits[2]!.after).toEqual({ by: '李审核', totalCp: snap.scorecard.totalCp, grade: snap.scorecard.grade, ruleSetId: 'cn-2020-10' });
    // Starting again opens the finalised one, not a second series.
    expect((await startEvaluation(planId, '王科员')).id).toBe(e.id);
  });

  it('a row with nothing logged takes the 全年预计完成值 of the last submitted round into the frozen card', async () => {
    const qty = nodes.find((n) => n.level === 2 && n.name === '数量')!;
    const late = await addIndicator({ planId, parentId: qty.id, name: '职工法律援助服务人次', targetText: '不少于50人次', target: parseTarget('不少于50人次', { year: 2022 }).spec });
    await applyDefaultWeightsToPlan(planId);
    const round = await createRound(planId, '2022-06-30', '张科长');
    const filled = await completeInputs(round);
    filled.rows[late.id] = { ...filled.rows[late.id]!, forecast: 45 };
    const submitted = await submitRound(round.id, '张科长', (await saveRoundInputs(round.id, filled, round.rev)).rev);
    // A draft round started later is not what was submitted: it is not used.
    await createRound(planId, '2022-09-30', '张科长');

    const e = await startEvaluation(planId, '李审核');
    const saved = await saveEvaluationInputs(e.id, await completeEvalInputs(e), e.rev);
    const final = await finaliseEvaluation(e.id, '李审核', saved.rev);
    const row = final.snapshot!.rows.find((r) => r.node.id === late.id)!;
    expect(submitted.snapshot!.rows.find((r) => r.node.id === late.id)!.forecast).toMatchObject({ value: 45, method: 'manual' });
    expect(row).toMatchObject({ source: 'round', actual: { kind: 'number', value: 45 }, actualText: '45人次', computed: { source: 'round', detail: 'manual' } });
    expect(row.score.scoreCp).toBe(300); // 45/50 × 3.33 = 2.997 → 3.00
  });

  it('records on the plan the rule set that scored it', async () => {
    const e = await startEvaluation(planId, '李审核');
    const alt = await setEvaluationRuleSet(e.id, 'cn-2020-10-alt', e.rev);
    const saved = await saveEvaluationInputs(e.id, await completeEvalInputs(alt), alt.rev);
    const planBefore = (await d.plans.get(planId))!;
    const final = await finaliseEvaluation(e.id, '李审核', saved.rev);
    expect(final.snapshot!.ruleSet).toMatchObject({ id: 'cn-2020-10-alt', version: 1, reverse: 'R2', date: 'D2' });
    expect(final.snapshot!.scorecard.ruleSetId).toBe('cn-2020-10-alt');
    const plan = (await d.plans.get(planId))!;
    expect(plan.ruleSetId).toBe('cn-2020-10-alt');
    expect(plan.rev).toBe(planBefore.rev + 1);
  });
});

describe('a finalised evaluation is immutable', () => {
  it('entries, a target edit, weight edits, the plan’s rule set, spending and a budget adjustment written later leave it deep-equal', async () => {
    const final = await finalisedEvaluation(planId);
    const before = structuredClone(await stored(final.id));

    const count = byName(COUNT);
    await addEntry(count.id, { date: '2022-12-01', amount: 400, recordedBy: '张三' });
    await updateIndicator(count.id, { targetText: '不少于2000人次', target: parseTarget('不少于2000人次', { year: 2022 }).spec }, count.rev);
    const leaflets = (await listIndicators(planId)).find((n) => n.targetText === '5000份')!;
    await updateIndicator(leaflets.id, { weightCp: 100 }, leaflets.rev);
    await d.plans.update(planId, { ruleSetId: 'yitihua-platform', budgetWeightCp: 2000 });
    const line = (await listBudgetLines(planId))[0]!;
    await addSpending(planId, { date: '2022-12-30', amountFen: wan('10'), recordedBy: '出纳', budgetLineId: line.id });
    await addBudgetAdjustment(line.id, { date: '2022-10-01', source: 'fiscal', amountFen: wan('100'), reason: '追加' }, line.rev);

    expect(await stored(final.id)).toEqual(before);
    // The writes did change what a fresh card would say: the frozen one is not merely equal by chance.
    const now = await evalFormNow({ ...before, ruleSetId: 'yitihua-platform' });
    expect(now.rows.find((r) => r.node.id === count.id)!.targetText).toBe('不少于2000人次');
    expect(before.snapshot!.rows.find((r) => r.node.id === count.id)!.targetText).toBe('不少于800人次');
    expect(now.scorecard.totalCp).not.toBe(before.snapshot!.scorecard.totalCp);
  });

  it('saving inputs, switching rule set, finalising again or deleting it is refused with LockedError', async () => {
    const final = await finalisedEvaluation(planId);
    await expect(saveEvaluationInputs(final.id, { ...final.inputs, goalActual: '改过' }, final.rev)).rejects.toBeInstanceOf(LockedError);
    await expect(setEvaluationRuleSet(final.id, 'cn-2020-10-alt', final.rev)).rejects.toBeInstanceOf(LockedError);
    await expect(finaliseEvaluation(final.id, '李审核', final.rev)).rejects.toBeInstanceOf(LockedError);
    await expect(deleteDraftEvaluation(final.id)).rejects.toBeInstanceOf(LockedError);
    expect(await stored(final.id)).toEqual(final);
  });
});

describe('corrections are new versions of the same series', () => {
  it('v2 is a draft that supersedes v1; v1 stays final until v2 is finalised, then is superseded with its card unchanged', async () => {
    const v1 = await finalisedEvaluation(planId);
    const v2 = await correctEvaluation(v1.id, ' 王科员 ');
    expect(v2).toMatchObject({ planId, year: 2022, seriesId: v1.seriesId, version: 2, status: 'draft', rev: 1, supersedes: v1.id, createdBy: '王科员', ruleSetId: v1.ruleSetId });
    expect(v2.id).not.toBe(v1.id);
    expect(v2.inputs).toEqual(v1.inputs);
    for (const k of ['snapshot', 'finalisedAt', 'finalisedBy', 'supersededBy', 'supersededAt'] as const) expect(v2[k]).toBeUndefined();
    expect(await stored(v1.id)).toEqual(v1);
    // One correction at a time: asking again reopens it; starting opens the draft.
    expect(await correctEvaluation(v1.id, '王科员')).toEqual(v2);
    expect((await startEvaluation(planId, '王科员')).id).toBe(v2.id);

    await addEntry(byName(COUNT).id, { date: '2022-12-01', amount: 400, recordedBy: '张三' });
    const inputs = { ...structuredClone(v2.inputs), goalActual: '更正：补录12月活动' };
    const saved = await saveEvaluationInputs(v2.id, await completeEvalInputs({ ...v2, inputs }), v2.rev);
    expect((await stored(v1.id)).status).toBe('final');
    const final2 = await finaliseEvaluation(v2.id, '王科员', saved.rev);

    const old = await stored(v1.id);
    expect(old).toEqual({ ...v1, status: 'superseded', supersededBy: v2.id, supersededAt: final2.finalisedAt, rev: v1.rev + 1, updatedAt: final2.finalisedAt });
    expect(old.snapshot).toEqual(v1.snapshot);
    expect(final2.snapshot!.goal.actual).toBe('更正：补录12月活动');
    expect((await listEvaluations(planId)).map((e) => [e.version, e.status])).toEqual([[1, 'superseded'], [2, 'final']]);
    // A superseded version cannot be corrected again, nor the final one while its own correction is open … after it:
    await expect(correctEvaluation(v1.id, '王科员')).rejects.toBeInstanceOf(LockedError);
    const v3 = await correctEvaluation(v2.id, '王科员');
    expect(v3).toMatchObject({ version: 3, supersedes: v2.id, seriesId: v1.seriesId });

    expect((await auditOf(v1.id)).map((a) => a.action)).toEqual(['create', 'update', 'finalise', 'supersede']);
    expect((await auditOf(v1.id)).at(-1)!.after).toEqual({ by: v2.id, version: 2 });
    expect((await auditOf(v2.id)).map((a) => a.action)).toEqual(['create', 'update', 'finalise']);
    expect((await auditOf(v2.id))[0]!.after).toEqual({ corrects: v1.id, version: 2 });
    for (const a of [...(await auditOf(v1.id)), ...(await auditOf(v2.id))]) expect(a.planId).toBe(planId);
  });

  it('a draft cannot be corrected (only finalised evaluations are)', async () => {
    const e = await startEvaluation(planId, '李审核');
    await expect(correctEvaluation(e.id, '李审核')).rejects.toBeInstanceOf(LockedError);
    expect(await d.evaluations.count()).toBe(1);
  });
});

describe('an abandoned draft', () => {
  it('is deleted and restored by undo exactly; undo after its plan was deleted is refused', async () => {
    const e = await saveEvaluationInputs((await startEvaluation(planId, '李审核')).id, { ...emptyEvaluationInputs(), goalActual: '草稿' }, 1);
    const gone = await deleteDraftEvaluation(e.id);
    expect(gone).toEqual(e);
    expect(await d.evaluations.get(e.id)).toBeUndefined();
    await restoreDraftEvaluation(gone);
    expect(await stored(e.id)).toEqual(e);
    expect((await auditOf(e.id)).map((a) => a.action)).toEqual(['create', 'update', 'delete', 'restore']);
    await deleteDraftEvaluation(e.id);
    await deletePlanCascade(planId);
    await expect(restoreDraftEvaluation(gone)).rejects.toBeInstanceOf(NotFoundError);
    expect(await d.evaluations.count()).toBe(0);
  });
});

describe('deleting a plan', () => {
  it('removes its evaluations, every version, and no other plan’s', async () => {
    const v1 = await finalisedEvaluation(planId);
    await correctEvaluation(v1.id, '王科员');
    const other = (await listPlans()).find((p) => p.kind === 'project')!;
    const kept: Evaluation = await startEvaluation(other.id, '李审核');
    expect(await d.evaluations.count()).toBe(3);
    await deletePlanCascade(planId);
    expect(await d.evaluations.toArray()).toEqual([kept]);
  });
});

describe('every evaluation write is audited in its own transaction: when the audit row cannot be written, nothing is', () => {
  it('start', async () => {
    const restore = failAudit();
    await expect(startEvaluation(planId, '李审核')).rejects.toBeTruthy();
    restore();
    expect(await d.evaluations.count()).toBe(0);
  });

  it('save and rule set', async () => {
    const e = await startEvaluation(planId, '李审核');
    const restore = failAudit();
    await expect(saveEvaluationInputs(e.id, { ...emptyEvaluationInputs(), goalActual: 'x' }, e.rev)).rejects.toBeTruthy();
    await expect(setEvaluationRuleSet(e.id, 'cn-2020-10-alt', e.rev)).rejects.toBeTruthy();
    restore();
    expect(await stored(e.id)).toEqual(e);
  });

  it('finalise, with the plan’s rule set', async () => {
    const e = await startEvaluation(planId, '李审核');
    const alt = await setEvaluationRuleSet(e.id, 'cn-2020-10-alt', e.rev);
    const saved = await saveEvaluationInputs(e.id, await completeEvalInputs(alt), alt.rev);
    const plan = (await d.plans.get(planId))!;
    const restore = failAudit();
    await expect(finaliseEvaluation(e.id, '李审核', saved.rev)).rejects.toBeTruthy();
    restore();
    expect(await stored(e.id)).toEqual(saved);
    expect(await d.plans.get(planId)).toEqual(plan);
  });

  it('supersede', async () => {
    const v1 = await finalisedEvaluation(planId);
    const v2 = await correctEvaluation(v1.id, '王科员');
    const restore = failAudit();
    await expect(finaliseEvaluation(v2.id, '王科员', v2.rev)).rejects.toBeTruthy();
    restore();
    expect(await stored(v1.id)).toEqual(v1);
    expect(await stored(v2.id)).toEqual(v2);
  });
});
