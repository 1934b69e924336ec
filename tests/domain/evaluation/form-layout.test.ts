import { describe, expect, it } from 'vitest';
import { buildSeed } from '@/domain/seed/build';
import { buildEvaluationForm, yearEnd } from '@/domain/evaluation/build';
import { emptyEvalRowInput, emptyEvaluationInputs, type EvalRowInput, type EvaluationForm } from '@/domain/evaluation/types';
import { FUNDS_COLUMNS, coefficientText, fundsLines, headerFields, layoutOf, projectIndicatorLines, rateText, scoreNote, targetText, totalLine, unitIndicatorLines } from '@/domain/evaluation/form-layout';
import { parseTarget } from '@/domain/targets/parse';
import { RULE_SETS } from '@/domain/scoring/rule-sets';
import type { IndicatorNode } from '@/domain/model';
import type { ScoreActual } from '@/domain/scoring/types';
import { wan } from '@/domain/money';

/** The seed's 2022 单位整体 plan (default weights: 产出 50 over 14 → 3.58 × 2 + 3.57 × 12) scored from typed actuals. */
function seedPlan() {
  let n = 0;
  const seed = buildSeed({ newId: () => `id-${++n}`, now: '2022-01-01T00:00:00.000Z' });
  const bundle = seed.plans.find((p) => p.plan.kind === 'unit')!;
  return { unit: seed.unit, plan: bundle.plan, lines: bundle.budgetLines, nodes: bundle.indicators };
}
type Seed = ReturnType<typeof seedPlan>;

const leaf = (p: Seed, name: string) => p.nodes.find((x) => x.level === 3 && x.name === name)!;
const num = (value: number): ScoreActual => ({ kind: 'number', value });
const typed = (actual: ScoreActual, extra: Partial<EvalRowInput> = {}): EvalRowInput => ({ ...emptyEvalRowInput(), override: { text: 'x', actual, note: '核对台账' }, ...extra });

function form(p: Seed, rows: Record<string, EvalRowInput> = {}, nodes: IndicatorNode[] = p.nodes): EvaluationForm {
  return buildEvaluationForm({
    plan: p.plan, unit: p.unit, lines: p.lines, nodes, rollups: [],
    spending: [{ date: '2022-11-30', amountFen: wan('1210') }],
    inputs: { ...emptyEvaluationInputs(), goalActual: '基本完成', rows },
    ruleSet: RULE_SETS['cn-2020-10']!, asOf: yearEnd(2022), lastRound: null, budgetWeightCp: p.plan.budgetWeightCp,
  });
}

describe('自评表 layouts (domain.md §4.11)', () => {
  it('picks the layout from the plan kind and heads each form with its own fields', () => {
    const p = seedPlan();
    const f = form(p);
    expect(layoutOf('project')).toBe('project');
    expect(layoutOf('unit')).toBe('unit');
    expect(headerFields(f, 'project').map((h) => h.key)).toEqual(['planName', 'supervisor', 'implementer']);
    expect(headerFields(f, 'unit')).toEqual([
      { key: 'unitName', value: '深圳市盐田区总工会' },
      { key: 'supervisor', value: '深圳市盐田区总工会' },
      { key: 'year', value: '2022' },
    ]);
  });

  it('prints the four funds rows in 万元 with 分值 and 得分 on the total row only', () => {
    const f = form(seedPlan());
    const lines = fundsLines(f);
    expect(lines.map((l) => l.source)).toEqual(['total', 'fiscal', 'carryover', 'other']);
    expect(lines[0]!.cells).toEqual({ initial: '1,273.52', full: '1,273.52', executed: '1,210.00', weight: '10.00', rate: '95.01%', score: '9.50' });
    expect(lines[2]!.cells).toMatchObject({ initial: '0.00', rate: '—', weight: '', score: '' });
    expect(FUNDS_COLUMNS.project.indexOf('weight')).toBeLessThan(FUNDS_COLUMNS.project.indexOf('rate'));
    expect(FUNDS_COLUMNS.unit.indexOf('rate')).toBeLessThan(FUNDS_COLUMNS.unit.indexOf('weight'));
    expect(rateText(null)).toBe('—');
  });

  it('merges 一级 and 二级 down their runs in the project layout', () => {
    const lines = projectIndicatorLines(form(seedPlan()));
    expect(lines).toHaveLength(20);
    expect(lines.filter((l) => l.level1Span > 0).map((l) => [l.level1, l.level1Span])).toEqual([['产出', 14], ['效益', 4], ['满意度', 2]]);
    expect(lines.filter((l) => l.level2Span > 0).map((l) => l.level2Span)).toEqual([6, 6, 1, 1, 1, 1, 1, 1, 1, 1]);
    // Every spanned row sits under a row that spans it.
    expect(lines.reduce((s, l) => s + l.level1Span, 0)).toBe(20);
    const na = lines.find((l) => !l.applicable)!;
    expect([na.target, na.actual, na.weight, na.score]).toEqual(['不适用', '—', '—', '—']);
  });

  it('scores each row in the project layout and keeps the evaluator’s words', () => {
    const p = seedPlan();
    const first = leaf(p, '开展职工权益保障和职工服务等活动（人次）');
    const lines = projectIndicatorLines(form(p, { [first.id]: typed(num(720), { explanation: '下半年活动因场地调整减少' }) }));
    const row = lines.find((l) => l.id === first.id)!;
    expect(row).toMatchObject({ target: '不少于800人次', actual: '720人次', weight: '3.58', score: '3.22', scoreNote: null, explanation: '下半年活动因场地调整减少' });
    // Not yet scored: a dash, never a zero that looks like a score.
    expect(lines.find((l) => l.name === '宣传资料及时发放率')!.score).toBe('—');
  });

  it('shows the unit layout: nature, original and adjusted target, 得分系数 = score ÷ weight', () => {
    const p = seedPlan();
    const first = leaf(p, '开展职工权益保障和职工服务等活动（人次）');
    const adjusted = { ...first, targetAdjustments: [{ id: 'adj-1', targetText: '不少于900人次', target: parseTarget('不少于900人次').spec!, approvedOn: '2022-07-01', reason: '追加预算', recordedAt: '2022-07-02T00:00:00.000Z' }] };
    const nodes = p.nodes.map((x) => (x.id === first.id ? adjusted : x));
    const f = form(p, { [first.id]: typed(num(720)) }, nodes);
    const lines = unitIndicatorLines(f);
    const row = lines.find((l) => l.id === first.id)!;
    // 720/900 × 3.58 = 2.864 → 2.86; 2.86 / 3.58 = 79.89%
    expect(row).toMatchObject({ unit: '人次', nature: '≥', initialTarget: '不少于800人次', adjustedTarget: '不少于900人次', actual: '720人次', weight: '3.58', score: '2.86', coefficient: '79.89' });
    expect(targetText(f.rows.find((r) => r.node.id === first.id)!)).toBe('不少于900人次（原：不少于800人次）');
    expect(lines.find((l) => l.name === '职业化干部级工会组织员补贴准确率')!.nature).toBe('=');
    expect(lines.find((l) => l.name === '各项工作完成时间')!.nature).toBe('≤');
    expect(lines.find((l) => !l.applicable)!).toMatchObject({ nature: '—', coefficient: '—', weight: '—', score: '—' });
    // Without a 二级 column the 不适用 rows of 效益 would all read '不适用': each names its 二级.
    expect(lines.filter((l) => !l.applicable && l.level1 === '效益').map((l) => l.name)).toEqual(['经济效益 · 不适用', '可持续影响 · 不适用', '生态效益 · 不适用']);
    expect(lines.find((l) => l.applicable)!.name).toBe(first.name);
    expect(coefficientText(322, 358)).toBe('89.94');
    expect(coefficientText(null, 358)).toBe('—');
  });

  it('says "规则得分 X → 调整为 Y（理由）" for a reasoned adjustment and prints nothing for one without a reason', () => {
    const p = seedPlan();
    const first = leaf(p, '开展职工权益保障和职工服务等活动（人次）');
    const reasoned = form(p, { [first.id]: typed(num(720), { explanation: '场地调整', adjustment: { scoreCp: 300, reason: '按整数计分' } }) });
    const row = reasoned.rows.find((r) => r.node.id === first.id)!;
    expect(scoreNote(row)).toBe('规则得分 3.22 → 调整为 3.00（按整数计分）');
    expect(unitIndicatorLines(reasoned).find((l) => l.id === first.id)).toMatchObject({ score: '3.00', scoreNote: '规则得分 3.22 → 调整为 3.00（按整数计分）', coefficient: '83.80' });

    const bare = form(p, { [first.id]: typed(num(720), { explanation: '场地调整', adjustment: { scoreCp: 300, reason: '  ' } }) });
    const bareRow = bare.rows.find((r) => r.node.id === first.id)!;
    expect(scoreNote(bareRow)).toBeNull();
    expect(projectIndicatorLines(bare).find((l) => l.id === first.id)!.score).toBe('—');
    expect(bareRow.score.ruleScoreCp).toBe(322);
  });

  it('notes a reasoned deduction of an over-achieved row', () => {
    const p = seedPlan();
    const sport = leaf(p, '开展职工趣味运动会、登山等文体活动参与人次');
    const f = form(p, { [sport.id]: typed(num(650), { explanation: '年初指标值偏低', deductionCp: 100, deductionReason: '年初指标值设定偏低' }) });
    const row = f.rows.find((r) => r.node.id === sport.id)!;
    expect(row.score.over).toBe(true);
    expect(scoreNote(row)).toBe('规则得分 3.57，调减 1.00（年初指标值设定偏低）→ 2.57');
  });

  it('prints the total with its grade in words and how a 不适用 weight was rescaled', () => {
    const p = seedPlan();
    const f = form(p);
    expect(totalLine(f)).toEqual({ total: '9.50', grade: 'poor', gradeLabel: '差', notes: [] });
    const na = p.nodes.find((x) => x.level === 3 && x.target?.op === 'NA')!;
    const weighted = form(p, {}, p.nodes.map((x) => (x.id === na.id ? { ...x, weightCp: 400 } : x)));
    expect(totalLine(weighted).notes[0]).toContain('不适用指标分值 4.00');
  });
});

describe('a score inside the band of a D1 date row (build.ts)', () => {
  it('scores the date’s band with the evaluator’s score, band-checked, and still prints the date', () => {
    const p = seedPlan();
    const due = leaf(p, '各项工作完成时间');
    const late: ScoreActual = { kind: 'date', done: '2023-01-10' };
    const byDefault = form(p, { [due.id]: typed(late) }).rows.find((r) => r.node.id === due.id)!;
    expect(byDefault.score.scoreCp).toBe(250); // 0.7 × 3.57 = 2.499 → 2.50, 部分达成 by default
    const chosen = form(p, { [due.id]: typed(late, { bandScoreCp: 260 }) }).rows.find((r) => r.node.id === due.id)!;
    expect(chosen.score.scoreCp).toBe(260);
    expect(chosen.actualText).toBe('2023-01-10 完成');
    expect(chosen.score.explanation.text).toContain('部分达成');
    // 3.00 is outside [2.15, 2.86): refused, the row cannot be scored.
    const outside = form(p, { [due.id]: typed(late, { bandScoreCp: 300 }) }).rows.find((r) => r.node.id === due.id)!;
    expect(outside.score.status).toBe('invalid');
    expect(outside.score.problems.map((x) => x.code)).toContain('bandRange');
    // D2 scores the delay linearly and ignores a band score.
    const d2 = buildEvaluationForm({
      plan: p.plan, unit: p.unit, lines: p.lines, nodes: p.nodes, rollups: [], spending: [],
      inputs: { ...emptyEvaluationInputs(), rows: { [due.id]: typed(late, { bandScoreCp: 260 }) } },
      ruleSet: RULE_SETS['cn-2020-10-alt']!, asOf: yearEnd(2022), lastRound: null, budgetWeightCp: 1000,
    }).rows.find((r) => r.node.id === due.id)!;
    expect(d2.score.explanation.rule).toBe('dateD2');
  });
});
