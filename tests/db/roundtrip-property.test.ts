import { describe, expect, it } from 'vitest';
import { freshDb } from '../fixtures/db';
import { deterministic, mulberry32, type Rng } from '../fixtures/fuzz';
import { submittedRound } from '../fixtures/rounds';
import { completeEvalInputs } from '../fixtures/evaluation-db';
import type { JixiaoDb } from '@/db/database';
import { seedIfEmpty } from '@/db/repositories/seed';
import { addBudgetAdjustment, copyPlanToNextYear, createPlan, listBudgetLines, listPlans, listUnits, saveBudget } from '@/db/repositories/plans';
import { addTargetAdjustment, applyDefaultWeightsToPlan, listIndicators } from '@/db/repositories/indicators';
import { deleteEntries, listEntries, updateEntry } from '@/db/repositories/entries';
import { addSpending } from '@/db/repositories/spending';
import { loadSampleActivity } from '@/db/repositories/sample-activity';
import { correctRound, createRound, saveRoundInputs } from '@/db/repositories/rounds';
import { correctEvaluation, finaliseEvaluation, saveEvaluationInputs, setEvaluationRuleSet, startEvaluation } from '@/db/repositories/evaluations';
import { exportBackup, parseBackup, restoreBackup, serializeBackup, type Backup } from '@/db/transfer/backup';
import { TABLES } from '@/db/transfer/schema';
import { IncompleteError } from '@/db/errors';
import { parseTarget } from '@/domain/targets/parse';
import type { Plan } from '@/domain/model';

/**
 * reliability.md, round trip: "export → import → export is identical (but for the export time) for generated
 * databases". Each variant is built from its seed through the repositories, as a user would build it — several plans
 * over several years, activity edited and deleted, spending, budget and target adjustments, submitted rounds with
 * corrections and drafts, finalised evaluations under different rule sets with corrections and drafts — exported,
 * restored into an empty browser and exported again. The data must come back byte for byte (the restore's own audit
 * row aside), and the rollups the restore rebuilds must equal the ones kept write by write.
 */

// Chosen so that between them: several plans over several years and copies of copies, rounds submitted, corrected
// and left as drafts, evaluations finalised under two rule sets, corrected and left as drafts, budget and target
// adjustments. ROUNDTRIP_SEEDS=1,2,3,… tries others.
const SEEDS = (process.env.ROUNDTRIP_SEEDS ?? '1,3,5,9,26').split(',').map(Number);

const pad = (n: number) => String(n).padStart(2, '0');
const dayIn = (year: number, rng: Rng) => `${year}-${pad(1 + rng.int(12))}-${pad(1 + rng.int(28))}`;
const monthEnd = (year: number, m: number) => `${year}-${pad(m)}-${pad(new Date(Date.UTC(year, m, 0)).getUTCDate())}`;

/** A database grown from `seed` through the repositories; returns what it did, for a failing case's message. */
async function generate(rng: Rng): Promise<string[]> {
  const did: string[] = [];
  await seedIfEmpty();
  const unit = (await listUnits())[0]!;
  // More plans: new ones in later years, and copies of existing ones into the next year.
  for (let i = rng.int(3); i > 0; i--) {
    const year = 2023 + rng.int(3);
    await createPlan({ unitId: unit.id, year, kind: rng.chance(0.5) ? 'project' : 'unit', name: `生成的计划 ${rng.int(1e6)}`, goal: '按期完成', budgetFen: 1_000_000 * (1 + rng.int(50)) });
    did.push(`new plan ${year}`);
  }
  for (let i = rng.int(2); i > 0; i--) {
    const plans = await listPlans();
    const src = rng.pick(plans);
    await copyPlanToNextYear(src.id).then(() => did.push(`copy of ${src.name} ${src.year}`), () => did.push('copy refused (exists)'));
  }
  const plans: Plan[] = (await listPlans()).sort((a, b) => a.year - b.year || a.name.localeCompare(b.name));
  // The seed's unit plan always (its activity can be scored), and some others.
  const busy = [plans.find((p) => p.seedKey === 'yantian-2022/unit')!, ...plans.filter((p) => p.seedKey !== 'yantian-2022/unit' && rng.chance(0.4)).slice(0, 2)];
  for (const plan of busy) {
    // A year's activity (what a self-evaluation can be finalised on) or part of one.
    await loadSampleActivity(plan.id, plan.seedKey === 'yantian-2022/unit' || rng.chance(0.5) ? `${plan.year}-12-20` : `${plan.year}-${pad(6 + rng.int(6))}-15`);
    did.push(`activity on ${plan.name} ${plan.year}`);
    // Edits and deletions keep the rollups write by write; the restore rebuilds them from scratch.
    const { rows } = await listEntries(plan.id, { limit: 500 });
    for (let i = rng.int(6); i > 0 && rows.length; i--) {
      const e = rows.splice(rng.int(rows.length), 1)[0]!;
      const { id: _id, createdAt: _c, updatedAt: _u, rev, planId: _p, indicatorId, sample: _s, ...input } = e;
      await updateEntry(e.id, indicatorId, { ...input, date: dayIn(plan.year, rng) }, rev);
    }
    if (rows.length) await deleteEntries(rows.slice(0, rng.int(4)).map((e) => e.id));
    const lines = await listBudgetLines(plan.id);
    for (let i = rng.int(4); i > 0 && lines.length; i--) {
      await addSpending(plan.id, { date: dayIn(plan.year, rng), amountFen: 1 + rng.int(5_000_000), recordedBy: '会计', ...(rng.chance(0.7) ? { budgetLineId: rng.pick(lines).id } : {}), ...(rng.chance(0.5) ? { source: rng.pick(['fiscal', 'carryover', 'other'] as const) } : {}) });
    }
    if (lines.length && rng.chance(0.7)) {
      const line = rng.pick(lines);
      await addBudgetAdjustment(line.id, { date: dayIn(plan.year, rng), source: 'fiscal', amountFen: 10_000 + rng.int(9_000_000), reason: '追加预算' }, line.rev);
      did.push('budget adjustment');
    }
    if (rng.chance(0.4)) {
      const fresh = (await listPlans()).find((p) => p.id === plan.id)!;
      const current = await listBudgetLines(plan.id);
      await saveBudget(plan.id, `${fresh.goal}（修订）`, [...current.map((l) => ({ id: l.id, name: l.name, content: l.content, fiscalFen: l.fiscalFen, carryoverFen: l.carryoverFen + rng.int(100_000), otherFen: l.otherFen })), { name: '新增支出', content: '', fiscalFen: 200_000, carryoverFen: 0, otherFen: 0 }], fresh.rev);
      did.push('budget saved');
    }
    const leaves = (await listIndicators(plan.id)).filter((n) => n.level === 3 && n.target?.op === 'GE').sort((a, b) => a.order - b.order || a.name.localeCompare(b.name));
    if (leaves.length && rng.chance(0.6)) {
      const leaf = rng.pick(leaves);
      const text = `不少于${1 + rng.int(900)}${leaf.target!.unit}`;
      const spec = parseTarget(text).spec;
      if (spec) await addTargetAdjustment(leaf.id, { targetText: text, target: spec, approvedOn: dayIn(plan.year, rng), reason: '批复调整' }, leaf.rev);
      did.push(`target adjustment ${text}`);
    }
  }
  // Monitoring rounds: submitted, corrected (a draft of the next version), or left as drafts.
  for (const plan of busy) {
    const kind = rng.int(3);
    if (kind === 0) continue;
    const round = await submittedRound(plan.id, monthEnd(plan.year, 3 + rng.int(8)));
    did.push(`round ${round.cutoff}`);
    if (kind === 2) {
      await correctRound(round.id, '李会计');
      did.push('round correction');
    }
    if (rng.chance(0.4)) {
      const draft = await createRound(plan.id, monthEnd(plan.year, 12), '张科长');
      await saveRoundInputs(draft.id, { ...draft.inputs, goalProgress: '年底前完成', corrective: '加快进度' }, draft.rev);
      did.push('round draft');
    }
  }
  // Self-evaluations: finalised under a chosen rule set, then maybe corrected; or a draft.
  for (const plan of busy) {
    const kind = rng.int(3);
    if (kind === 0) continue;
    await applyDefaultWeightsToPlan(plan.id); // 产出 50 / 效益 30 / 满意度 10 / 预算 10, so the points add up
    const started = await startEvaluation(plan.id, '李审核');
    const ruled = rng.chance(0.5) ? await setEvaluationRuleSet(started.id, rng.pick(['yitihua-platform', 'cn-2020-10-alt']), started.rev) : started;
    const saved = await saveEvaluationInputs(ruled.id, await completeEvalInputs(ruled), ruled.rev);
    if (kind === 1) {
      did.push('evaluation draft');
      continue;
    }
    // A plan whose rows the log cannot score (a project without activity) stays a draft: finalising refuses it.
    const final = await finaliseEvaluation(saved.id, '李审核', saved.rev).catch((e: unknown) => {
      if (e instanceof IncompleteError) return undefined;
      throw e;
    });
    did.push(final ? `evaluation final (${final.ruleSetId})` : 'evaluation incomplete, left a draft');
    if (final && rng.chance(0.5)) {
      await correctEvaluation(final.id, '王科员');
      did.push('evaluation correction');
    }
  }
  return did;
}

/** The data without the audit row a restore adds about itself. */
function withoutRestoreRow(b: Backup, restored: Backup): Backup['data'] {
  return { ...b.data, audit: b.data.audit.filter((a) => !(a.entity === 'backup' && a.action === 'import' && a.entityId === restored.sha256)) };
}

const rollupsOf = async (d: JixiaoDb) => (await d.rollups.toArray()).map(({ indicatorId, planId, days }) => ({ indicatorId, planId, days })).sort((a, b) => a.indicatorId.localeCompare(b.indicatorId));

describe('export → restore → export of generated databases', () => {
  it.each(SEEDS)('seed %i: the same data byte for byte, and the same rollups', async (seed) => {
    let d = await freshDb();
    const did = await deterministic(() => generate(mulberry32(seed)));
    const first = await exportBackup();
    const rollups = await rollupsOf(d);
    const counts = Object.fromEntries(TABLES.map((t) => [t, first.data[t].length]));
    expect(counts.plans, did.join('; ')).toBeGreaterThanOrEqual(5);

    // Into an empty browser.
    d = await freshDb();
    const parsed = await parseBackup(serializeBackup(first));
    expect(parsed.ok, JSON.stringify(!parsed.ok && parsed.problems)).toBe(true);
    await restoreBackup((parsed as { backup: Backup }).backup);
    const second = await exportBackup();
    expect(second.exportedAt >= first.exportedAt).toBe(true);
    expect({ ...second, exportedAt: first.exportedAt, sha256: '', counts: { ...second.counts, audit: second.counts.audit - 1 }, data: {} }).toEqual({ ...first, sha256: '', data: {} });
    expect(JSON.stringify(withoutRestoreRow(second, first))).toBe(JSON.stringify(first.data));
    expect(await rollupsOf(d)).toEqual(rollups);

    // And again, over the data now there: a second trip changes nothing but one more audit row.
    const again = await parseBackup(serializeBackup(second));
    await restoreBackup((again as { backup: Backup }).backup);
    const third = await exportBackup();
    expect(JSON.stringify(withoutRestoreRow(third, second))).toBe(JSON.stringify(second.data));
    expect(await rollupsOf(d)).toEqual(rollups);
  }, 120_000);
});
