import { beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '../fixtures/db';
import { completeEvalInputs } from '../fixtures/evaluation-db';
import { seedIfEmpty } from '@/db/repositories/seed';
import { addBudgetAdjustment, listBudgetLines, listPlans } from '@/db/repositories/plans';
import { listIndicators, updateIndicator } from '@/db/repositories/indicators';
import { wan } from '@/domain/money';
import { loadSampleActivity } from '@/db/repositories/sample-activity';
import { correctEvaluation, finaliseEvaluation, saveEvaluationInputs, setEvaluationRuleSet, startEvaluation } from '@/db/repositories/evaluations';
import { exportBackup, parseBackup, restoreBackup, serializeBackup, type Backup } from '@/db/transfer/backup';
import { LockedError } from '@/db/errors';
import { emptyEvaluationInputs, type Evaluation } from '@/domain/evaluation/types';
import type { JixiaoDb } from '@/db/database';

/**
 * Self-evaluations in backup format 2: a finalised card (frozen with the rule set that scored it), its correction
 * draft and another plan's draft come back identical; a file whose evaluations were tampered with is refused before
 * anything is written.
 */

let d: JixiaoDb;
let planId: string;
let final: Evaluation;
let correction: Evaluation;
let other: Evaluation;

beforeEach(async () => {
  d = await freshDb();
  await seedIfEmpty();
  const plans = await listPlans();
  planId = plans.find((p) => p.seedKey === 'yantian-2022/unit')!.id;
  await loadSampleActivity(planId, '2026-11-25');
  // Finalised under the 一体化 profile (deviation penalty and budget caps in the frozen rule set), with an override.
  const started = await startEvaluation(planId, '李审核');
  const profiled = await setEvaluationRuleSet(started.id, 'yitihua-platform', started.rev);
  const count = (await listIndicators(planId)).find((n) => n.targetText === '不少于800人次')!;
  const inputs = await completeEvalInputs(profiled, { [count.id]: '820' });
  inputs.sections = { 基本情况: '盐田区总工会……', 改进措施: '加强台账管理' };
  inputs.budgetNote = '年底集中支付';
  const saved = await saveEvaluationInputs(started.id, inputs, profiled.rev);
  final = await finaliseEvaluation(started.id, '李审核', saved.rev);
  correction = await correctEvaluation(final.id, '王科员');
  const project = plans.find((p) => p.seedKey === 'yantian-2022/rights')!;
  const draft = await startEvaluation(project.id, '李审核');
  other = await saveEvaluationInputs(draft.id, { ...emptyEvaluationInputs(), goalActual: '组织建设稳步推进', sections: { 其他: '无' } }, draft.rev);
});

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((x) => x.toString(16).padStart(2, '0')).join('');
}

/** A file edited by hand and re-sealed (checksum and counts), so only the edit itself can make it fail. */
async function tampered(edit: (b: Backup) => void): Promise<string> {
  const b = structuredClone(await exportBackup());
  edit(b);
  for (const t of Object.keys(b.data) as (keyof Backup['data'])[]) b.counts[t] = b.data[t].length;
  b.sha256 = await sha256(JSON.stringify(b.data));
  return serializeBackup(b);
}
const dump = async () => Promise.all([d.plans.toArray(), d.indicators.toArray(), d.entries.toArray(), d.spending.toArray(), d.rounds.toArray(), d.evaluations.toArray(), d.audit.count()]);
const problemsOf = async (text: string) => {
  const outcome = await parseBackup(text);
  expect(outcome.ok).toBe(false);
  return (outcome as { problems: { code: string; where: string }[] }).problems;
};

describe('evaluations round trip', () => {
  it('a final evaluation, its correction draft and another plan’s draft come back identical, frozen card and rule set included', async () => {
    const before = await d.evaluations.toArray();
    expect(before.map((e) => e.status).sort()).toEqual(['draft', 'draft', 'final']);
    const first = await exportBackup();
    expect(first.counts.evaluations).toBe(3);
    const text = serializeBackup(first);

    d = await freshDb();
    const parsed = await parseBackup(text);
    expect(parsed.ok).toBe(true);
    await restoreBackup((parsed as { backup: Backup }).backup);
    expect(await d.evaluations.toArray()).toEqual(before);
    const back = (await d.evaluations.get(final.id))!;
    expect(back.snapshot).toEqual(final.snapshot);
    expect(back.snapshot!.ruleSet).toMatchObject({ id: 'yitihua-platform', deviationPenalty: { ratio: 0.3, pointsCp: 200 } });
    expect(back.snapshot!.rows.some((r) => r.source === 'override')).toBe(true);
    expect((await d.evaluations.get(other.id))!.inputs).toEqual(other.inputs);
    // Export → restore → export: the same evaluations again.
    expect((await exportBackup()).data.evaluations).toEqual(first.data.evaluations);

    // Restored state behaves as before: the final one is locked, the correction finalises and supersedes it.
    await expect(saveEvaluationInputs(final.id, final.inputs, final.rev)).rejects.toBeInstanceOf(LockedError);
    await finaliseEvaluation(correction.id, '王科员', correction.rev);
    expect((await d.evaluations.get(final.id))!).toMatchObject({ status: 'superseded', supersededBy: correction.id, snapshot: final.snapshot });
  });
});

describe('every branch of a frozen card survives the trip', () => {
  it('不适用 rescale, the 一体化 cap and deviation penalty, a deduction, an adjustment and a band score', async () => {
    const v2 = await finaliseEvaluation(correction.id, '王科员', correction.rev); // the correction finalises as it stands
    const next = await correctEvaluation(v2.id, '王科员');
    const all = await listIndicators(planId);
    const leaf = (text: string) => all.find((n) => n.level === 3 && n.targetText === text)!;
    // 2.00 of the 产出 points moved onto a 不适用 row (rescaled, domain.md §4.4).
    const na = all.find((n) => n.level === 3 && n.targetText === '不适用')!;
    await updateIndicator(na.id, { weightCp: 200 }, na.rev);
    const leaflets = leaf('5000份');
    await updateIndicator(leaflets.id, { weightCp: leaflets.weightCp! - 200 }, leaflets.rev);
    // 全年预算 raised to 1,600.00 万元: the sample's 90–99% execution becomes 71.6–78.8%, under the 80% cap (89.00).
    const line = (await listBudgetLines(planId))[0]!;
    await addBudgetAdjustment(line.id, { date: '2022-11-01', source: 'fiscal', amountFen: wan('326.48'), reason: '追加' }, line.rev);
    const count = leaf('不少于800人次');
    const time = leaf('2022年12月31日前');
    const inputs = await completeEvalInputs({ ...next, inputs: { ...next.inputs, rows: {} } }, { [count.id]: '1100' });
    inputs.rows[count.id] = { ...inputs.rows[count.id]!, explanation: '活动受欢迎', deductionCp: 50, deductionReason: '年初指标值设定偏低' };
    inputs.rows[leaflets.id] = { ...inputs.rows[leaflets.id], explanation: '', adjustment: { scoreCp: 0, reason: '资料质量不合格' } };
    inputs.rows[time.id] = { ...inputs.rows[time.id], explanation: inputs.rows[time.id]?.explanation ?? '', bandScoreCp: 300 };
    const saved = await saveEvaluationInputs(next.id, await completeEvalInputs({ ...next, inputs }), next.rev);
    const v3 = await finaliseEvaluation(next.id, '王科员', saved.rev);
    const card = v3.snapshot!.scorecard;
    expect(card.naRescale).toMatchObject({ naWeightCp: 200 });
    expect(v3.snapshot!.funds[0]!.fullFen).toBe(wan('1600'));
    expect(card.cap).toMatchObject({ maxTotalCp: 8900 });
    expect(card.penaltyCp).toBe(200);
    expect(v3.snapshot!.rows.find((r) => r.node.id === count.id)!.score.explanation.formula).toContain('调减 0.50');
    expect(v3.snapshot!.rows.find((r) => r.node.id === leaflets.id)!.score.scoreCp).toBe(0);
    expect(v3.snapshot!.rows.find((r) => r.node.id === time.id)!.score.scoreCp).toBe(300);

    const before = await d.evaluations.toArray();
    const text = serializeBackup(await exportBackup());
    d = await freshDb();
    const parsed = await parseBackup(text);
    expect(parsed.ok).toBe(true);
    await restoreBackup((parsed as { backup: Backup }).backup);
    expect(await d.evaluations.toArray()).toEqual(before);
  });
});

describe('a file with a tampered evaluation is refused and the database is unchanged', () => {
  const fin = (b: Backup) => b.data.evaluations.find((e) => e.status === 'final')!;
  const at = (b: Backup) => b.data.evaluations.findIndex((e) => e.status === 'final');
  const corr = (b: Backup) => b.data.evaluations.find((e) => e.supersedes)!;
  const corrAt = (b: Backup) => b.data.evaluations.findIndex((e) => e.supersedes);

  it.each<[string, (b: Backup) => void, string, (b: Backup) => string]>([
    ['an unknown key in a frozen row', (b) => void ((fin(b).snapshot!.rows[0] as Record<string, unknown>).hidden = 1), 'invalid', (b) => `data.evaluations[${at(b)}].snapshot.rows[0].hidden`],
    ['an unknown key in the frozen rule set', (b) => void ((fin(b).snapshot!.ruleSet as unknown as Record<string, unknown>).bonus = 5), 'invalid', (b) => `data.evaluations[${at(b)}].snapshot.ruleSet.bonus`],
    ['an unknown key on the record', (b) => void ((fin(b) as Record<string, unknown>).approvedBy = '局长'), 'invalid', (b) => `data.evaluations[${at(b)}].approvedBy`],
    ['an unknown key in a row input', (b) => void ((Object.values(fin(b).inputs.rows)[0] as Record<string, unknown>).bonusCp = 100), 'invalid', (b) => `data.evaluations[${at(b)}].inputs.rows.${Object.keys(fin(b).inputs.rows)[0]}.bonusCp`],
    ['a total written as text', (b) => void ((fin(b).snapshot!.scorecard as unknown as Record<string, unknown>).totalCp = '97.00'), 'invalid', (b) => `data.evaluations[${at(b)}].snapshot.scorecard.totalCp`],
    ['a fraction of a centi-point', (b) => void (fin(b).snapshot!.rows.find((r) => r.score.scoreCp !== null)!.score.scoreCp = 360.5), 'invalid', (b) => `data.evaluations[${at(b)}].snapshot.rows[${fin(b).snapshot!.rows.findIndex((r) => r.score.scoreCp !== null)}].score.scoreCp`],
    ['a grade that does not exist', (b) => void ((fin(b).snapshot!.scorecard as unknown as Record<string, unknown>).grade = 'A+'), 'invalid', (b) => `data.evaluations[${at(b)}].snapshot.scorecard.grade`],
    ['a status that does not exist', (b) => void ((fin(b) as Record<string, unknown>).status = 'approved'), 'invalid', (b) => `data.evaluations[${at(b)}].status`],
    ['a score source that does not exist', (b) => void ((fin(b).snapshot!.rows[0] as unknown as Record<string, unknown>).source = 'guess'), 'invalid', (b) => `data.evaluations[${at(b)}].snapshot.rows[0].source`],
    ['a final evaluation without its frozen card', (b) => void delete fin(b).snapshot, 'rule', (b) => `data.evaluations[${at(b)}].snapshot`],
    ['an evaluation of a plan that is not there', (b) => void (fin(b).planId = 'nowhere'), 'orphan', (b) => `data.evaluations[${at(b)}].planId`],
    ['a correction of an evaluation that is not there', (b) => void (corr(b).supersedes = 'gone'), 'orphan', (b) => `data.evaluations[${corrAt(b)}].supersedes`],
    ['a correction of an evaluation of another series', (b) => void (corr(b).seriesId = 'another-series'), 'rule', (b) => `data.evaluations[${corrAt(b)}].supersedes`],
    ['a correction of another plan’s evaluation', (b) => void (corr(b).supersedes = b.data.evaluations.find((e) => e.planId !== fin(b).planId)!.id), 'rule', (b) => `data.evaluations[${corrAt(b)}].supersedes`],
    ['a year other than its plan’s', (b) => void (fin(b).year = 2023), 'rule', (b) => `data.evaluations[${at(b)}].year`],
  ])('%s', async (_, edit, code, where) => {
    const before = await dump();
    const reference = structuredClone(await exportBackup());
    const problems = await problemsOf(await tampered(edit));
    expect(problems).toContainEqual(expect.objectContaining({ code, where: where(reference) }));
    expect(await dump()).toEqual(before);
  });

  it('an edited frozen score without a new checksum is refused', async () => {
    const b = structuredClone(await exportBackup());
    fin(b).snapshot!.scorecard.totalCp = 10000;
    expect((await problemsOf(serializeBackup(b)))[0]).toMatchObject({ code: 'checksum', where: 'sha256' });
  });
});
