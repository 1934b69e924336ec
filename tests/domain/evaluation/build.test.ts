import { describe, expect, it } from 'vitest';
import type { IndicatorNode } from '@/domain/model';
import { wan } from '@/domain/money';
import { parseTarget } from '@/domain/targets/parse';
import { parseOverride } from '@/domain/evaluation/actuals';
import type { EvalRowInput, EvaluationForm } from '@/domain/evaluation/types';
import { buildRoundForm } from '@/domain/monitoring/round';
import { emptyInputs, emptyRowInput } from '@/domain/monitoring/round-types';
import { evaluate, inputsOf, leafOf, rollupOf, rowOf, seedUnitPlan, spending, type EntryFields, type SeedPlan } from '../../fixtures/evaluation';
import { line } from '../../fixtures/monitoring';

/**
 * The 自评表 of domain.md §4.10, built through buildEvaluationForm from the seed plan as buildSeed makes it, the §4.10
 * weights, and the §4.10 actuals fed as logged entries (bucketed per day like the repository does) or, for the one
 * item finished after the year, as the evaluator's override.
 */

const N = {
  activity: '开展职工权益保障和职工服务等活动（人次）',
  leaflets: '印制组织建设、权益保障、关爱服务等宣传资料数量（份）',
  cadres: '职业化干部及工会组织员补贴发放人数',
  sports: '开展职工趣味运动会、登山等文体活动参与人次',
  rest: '劳模、先进生产者等有关人员疗休养活动人数',
  remit: '上解上级工会经费完成数量',
  leafletRate: '宣传资料及时发放率',
  coverage: '开展职工权益保障和职工服务活动覆盖率',
  sportsRate: '开展职工趣味运动会、登山等文体活动参与率',
  restRate: '劳模、先进生产者等有关人员疗休养活动参与率',
  accuracy: '职业化干部级工会组织员补贴准确率',
  remitAccuracy: '上解上级工会经费准确率',
  time: '各项工作完成时间',
  cost: '成本控制率',
  cohesion: '有效提升职工凝聚力、幸福指数',
  satisfaction: '服务职工满意度',
} as const;
type Key = keyof typeof N;

/** §4.10 actuals as the staff would log them over the year, several entries per row (two on one day for the first). */
const LOG: Partial<Record<Key, EntryFields[]>> = {
  activity: [{ date: '2022-03-15', amount: 300 }, { date: '2022-06-20', amount: 200 }, { date: '2022-06-20', amount: 50 }, { date: '2022-11-05', amount: 170 }],
  leaflets: [{ date: '2022-02-10', amount: 3000 }, { date: '2022-08-01', amount: 2000 }],
  cadres: [{ date: '2022-01-20', amount: 20 }, { date: '2022-07-20', amount: 8 }],
  sports: [{ date: '2022-04-23', amount: 400 }, { date: '2022-10-15', amount: 250 }],
  rest: [{ date: '2022-05-10', amount: 25 }],
  remit: [{ date: '2022-12-15', amount: 1 }],
  leafletRate: [{ date: '2022-02-10', numerator: 57, denominator: 60 }, { date: '2022-08-01', numerator: 38, denominator: 40 }],
  coverage: [{ date: '2022-06-30', numerator: 44, denominator: 50 }, { date: '2022-12-20', numerator: 44, denominator: 50 }],
  sportsRate: [{ date: '2022-04-23', numerator: 46, denominator: 50 }, { date: '2022-10-15', numerator: 46, denominator: 50 }],
  restRate: [{ date: '2022-05-10', numerator: 25, denominator: 25 }],
  accuracy: [{ date: '2022-07-20', numerator: 28, denominator: 28 }],
  remitAccuracy: [{ date: '2022-12-15', numerator: 1, denominator: 1 }],
  cost: [{ date: '2022-12-31', numerator: 48, denominator: 50 }],
  cohesion: [{ date: '2022-12-01', numerator: 186, denominator: 200 }],
  satisfaction: [{ date: '2022-06-15', numerator: 80, denominator: 100 }, { date: '2022-12-15', numerator: 90, denominator: 100 }],
};

const EXPLAINED: Partial<Record<Key, string>> = {
  activity: '上半年疫情停办两场活动，下半年已补办',
  cadres: '两名组织员年中离职，岗位已补招',
  sports: '活动受欢迎，报名人数远超预期',
  coverage: '部分新建企业工会未覆盖，明年纳入',
  time: '一项工作延至次年1月10日完成，已加强进度管理',
  satisfaction: '上半年满意度偏低，已改进服务流程',
};

interface Card {
  p: SeedPlan;
  leaf: Record<Key, IndicatorNode>;
  rows: Record<string, Partial<EvalRowInput>>;
  form: (over?: Parameters<typeof evaluate>[1]) => EvaluationForm;
}

function card(opts: { log?: Partial<Record<Key, EntryFields[]>>; explain?: boolean } = {}): Card {
  const p = seedUnitPlan();
  const leaf = Object.fromEntries(Object.entries(N).map(([k, name]) => [k, leafOf(p, name)])) as Record<Key, IndicatorNode>;
  const log = opts.log ?? LOG;
  const rollups = Object.entries(log).map(([k, entries]) => rollupOf(leaf[k as Key], entries));
  const rows: Record<string, Partial<EvalRowInput>> = {};
  const late = parseOverride('2023-01-10', leaf.time, 'deadline');
  if (!('actual' in late) || !late.actual) throw new Error('override does not parse');
  rows[leaf.time.id] = { override: { text: '2023-01-10', actual: late.actual, note: '事项完成日期以验收单为准' } };
  if (opts.explain !== false) for (const [k, text] of Object.entries(EXPLAINED)) rows[leaf[k as Key].id] = { ...rows[leaf[k as Key].id], explanation: text };
  const spent = [spending('2022-06-30', '600.00'), spending('2022-12-20', '610.00')];
  return {
    p,
    leaf,
    rows,
    form: (over = {}) => evaluate(p, { rollups, spending: spent, inputs: inputsOf(rows), ...over }),
  };
}

describe('domain.md §4.10: the seed 单位整体 card through buildEvaluationForm', () => {
  const c = card();
  const f = c.form();

  it.each<[Key, string, number, string]>([
    ['activity', '720人次', 360, '财预〔2020〕10号 定量正向: 720/800×4.00 = 3.60'],
    ['leaflets', '5000份', 400, '财预〔2020〕10号 定量正向: 5000 ≥ 5000 → 4.00'],
    ['cadres', '28人', 373, '财预〔2020〕10号 定量正向: 28/30×4.00 = 3.73'],
    ['sports', '650人次', 400, '财预〔2020〕10号 定量正向: 650 ≥ 300 → 4.00'],
    ['rest', '25人', 400, '财预〔2020〕10号 定量正向: 25 ≥ 25 → 4.00'],
    ['remit', '1次', 400, '财预〔2020〕10号 定量正向: 1 ≥ 1 → 4.00'],
    ['leafletRate', '95%', 300, '财预〔2020〕10号 定量正向: 95 ≥ 90 → 3.00'],
    ['coverage', '88%', 293, '财预〔2020〕10号 定量正向: 88/90×3.00 = 2.93'],
    ['sportsRate', '92%', 300, '财预〔2020〕10号 定量正向: 92 ≥ 90 → 3.00'],
    ['restRate', '100%', 300, '财预〔2020〕10号 定量正向: 100 ≥ 90 → 3.00'],
    ['accuracy', '100%', 300, '财预〔2020〕10号 定量正向: 100 ≥ 100 → 3.00'],
    ['remitAccuracy', '100%', 300, '财预〔2020〕10号 定量正向: 100 ≥ 100 → 3.00'],
    ['time', '2023-01-10 完成', 280, '时效D1 三档: 2023-01-10 > 2022-12-31 → 部分达成 → 0.7×4.00 = 2.80'],
    ['cost', '96%', 400, '财预〔2020〕10号 定量正向: 96 ≥ 90 → 4.00'],
    ['cohesion', '93%', 3000, '财预〔2020〕10号 定量正向: 93 ≥ 90 → 30.00'],
    ['satisfaction', '85%', 944, '财预〔2020〕10号 定量正向: 85/90×10.00 = 9.44'],
  ])('%s: %s → %i centi-points, "%s"', (key, text, cp, explanation) => {
    const r = rowOf(f, c.leaf[key]);
    expect(r.actualText).toBe(text);
    expect(r.score.status).toBe('scored');
    expect(r.score.scoreCp).toBe(cp);
    expect(r.score.explanation.text).toBe(explanation);
    expect(r.source).toBe(key === 'time' ? 'override' : 'log');
  });

  it('sums the log per row: four entries (two on one day) make 720, two surveys pool to 170/200 = 85%', () => {
    const a = rowOf(f, c.leaf.activity);
    expect(a.computed).toEqual({ actual: { kind: 'number', value: 720 }, text: '720人次', source: 'log', detail: '4' });
    expect(rowOf(f, c.leaf.satisfaction).actual).toEqual({ kind: 'number', value: 85 });
  });

  it('the four 不适用 rows are listed, unweighted and unscored, and never asked for an actual', () => {
    const na = f.rows.filter((r) => !r.applicable);
    expect(na.map((r) => r.level2)).toEqual(['经济效益', '可持续影响', '生态效益', '其他满意度']);
    for (const r of na) {
      expect(r.node.weightCp).toBeNull();
      expect(r.score.status).toBe('na');
      expect(r.score.scoreCp).toBeNull();
      expect(r.score.explanation.text).toBe('不适用: 不适用，不计分');
      expect(r.needsExplanation).toBe(false);
    }
    expect(f.rows).toHaveLength(20);
  });

  it('产出 48.06 of 50, 效益 30.00, 满意度 9.44, budget 9.50 → total 97.00, 优, nothing left to do', () => {
    expect(f.scorecard.groups.map((g) => [g.name, g.weightCp, g.scoreCp])).toEqual([
      ['产出', 5000, 4806],
      ['效益', 3000, 3000],
      ['满意度', 1000, 944],
    ]);
    expect(f.budget.scoreCp).toBe(950);
    expect(f.scorecard.rawTotalCp).toBe(9700);
    expect(f.scorecard.totalCp).toBe(9700);
    expect(f.scorecard.grade).toBe('excellent');
    expect(f.weightTotalCp).toBe(10000);
    expect(f.problems).toEqual([]);
    expect(f.scorecard.complete).toBe(true);
  });

  it('budget: 1,210.00 of 1,273.52 万元 = 95.01% → 9.50, with the funds rows of the form', () => {
    expect(f.budget.rate).toBeCloseTo(0.950122, 6);
    expect(f.budget.explanation.text).toBe('预算执行率: 1,210.00/1,273.52×10.00 = 9.50');
    expect(f.funds[0]).toEqual({ source: 'total', initialFen: wan('1273.52'), fullFen: wan('1273.52'), executedFen: wan('1210'), rate: wan('1210') / wan('1273.52'), forecastFen: null });
    expect(f.funds.map((r) => r.source)).toEqual(['total', 'fiscal', 'carryover', 'other']);
    expect(f.funds[2]).toMatchObject({ initialFen: 0, fullFen: 0, rate: null });
  });

  it('the header and goal come from the plan and the unit; the rule set scored it is kept on the form', () => {
    expect(f.header).toEqual({ planName: '深圳市盐田区总工会单位整体支出绩效目标表', planKind: 'unit', unitName: '深圳市盐田区总工会', supervisor: '深圳市盐田区总工会', implementer: '深圳市盐田区总工会', year: 2022, asOf: '2022-12-31' });
    expect(f.goal.text.startsWith('2022年，盐田区总工会')).toBe(true);
    expect(f.goal.actual).toBe('全年目标基本完成');
    expect(f.ruleSet.id).toBe('cn-2020-10');
    expect(f.scorecard.ruleSetId).toBe('cn-2020-10');
  });

  it('rows below full marks and the over-achieved row need an explanation; full marks do not', () => {
    const needs = f.rows.filter((r) => r.needsExplanation).map((r) => r.node.name);
    expect(needs).toEqual([N.activity, N.cadres, N.sports, N.coverage, N.time, N.satisfaction]);
    expect(rowOf(f, c.leaf.sports).score.over).toBe(true);
    expect(rowOf(f, c.leaf.sports).score.ratio).toBeCloseTo(650 / 300, 9);
  });
});

describe('what blocks finalising, each naming its row', () => {
  it('a row with no entries is missing: no score, "—", and missingActual with its name', () => {
    const { remit, ...rest } = LOG;
    expect(remit).toBeDefined();
    const c = card({ log: rest });
    const f = c.form();
    const r = rowOf(f, c.leaf.remit);
    expect(r.score.status).toBe('missing');
    expect(r.score.scoreCp).toBeNull();
    expect(r.actualText).toBe('—');
    expect(r.source).toBe('none');
    expect(r.needsExplanation).toBe(false);
    expect(f.problems).toEqual([{ id: c.leaf.remit.id, name: N.remit, code: 'missingActual' }]);
    expect(f.scorecard.complete).toBe(false);
    expect(f.scorecard.totalCp).toBe(9300);
  });

  it('without explanations: every row below full marks → explanation, the over-achieved one → overReason', () => {
    const c = card({ explain: false });
    const f = c.form();
    expect(f.problems.map((p) => [p.name, p.code])).toEqual([
      [N.activity, 'explanation'],
      [N.cadres, 'explanation'],
      [N.sports, 'overReason'],
      [N.coverage, 'explanation'],
      [N.time, 'explanation'],
      [N.satisfaction, 'explanation'],
    ]);
    // Whitespace is not an explanation.
    const blank = c.form({ inputs: inputsOf({ ...c.rows, [c.leaf.activity.id]: { explanation: '  ' } }) });
    expect(blank.problems.filter((p) => p.id === c.leaf.activity.id).map((p) => p.code)).toEqual(['explanation']);
    // The scores themselves still stand: an explanation is asked for, it does not change a score.
    expect(f.scorecard.totalCp).toBe(9700);
  });

  it('weights not adding to 100 → weightsTotal', () => {
    const c = card();
    const nodes = c.p.nodes.map((n) => (n.id === c.leaf.leaflets.id ? { ...n, weightCp: 300 } : n));
    const f = c.form({ nodes });
    expect(f.weightTotalCp).toBe(9900);
    expect(f.problems).toEqual([{ id: '', name: '', code: 'weightsTotal' }]);
    // A budget weight that makes up the difference is as good.
    expect(c.form({ nodes, budgetWeightCp: 1100 }).problems).toEqual([]);
  });

  it('实际完成情况 of the 年度总体目标 left empty (or blank) → goalActual', () => {
    const c = card();
    for (const goalActual of ['', ' \n ']) {
      expect(c.form({ inputs: inputsOf(c.rows, { goalActual }) }).problems).toEqual([{ id: '', name: '', code: 'goalActual' }]);
    }
  });

  it('a budget weight without any budget → noBudget', () => {
    const c = card();
    const f = c.form({ lines: [] });
    expect(f.budget.rate).toBeNull();
    expect(f.budget.scoreCp).toBe(0);
    expect(f.problems).toEqual([{ id: '', name: '', code: 'noBudget' }]);
  });
});

describe('the last submitted monitoring round fills rows the log has nothing for', () => {
  /** The round as the manager submitted it at 30 June: activity at 360 (linear → 720), remit forecast typed as 1. */
  function juneRound(c: Card) {
    return buildRoundForm({
      plan: c.p.plan,
      unit: c.p.unit,
      lines: c.p.lines,
      nodes: c.p.nodes,
      rollups: [rollupOf(c.leaf.activity, [{ date: '2022-05-01', amount: 360 }]), rollupOf(c.leaf.leaflets, [{ date: '2022-05-01', amount: 1000 }])],
      spending: [],
      cutoff: '2022-06-30',
      inputs: { ...emptyInputs(), rows: { [c.leaf.remit.id]: { ...emptyRowInput(), forecast: 1 }, [c.leaf.time.id]: emptyRowInput() } },
    });
  }

  it("a row missing in the log takes the round's 全年预计完成值, with source 'round' and how it was forecast", () => {
    const { activity, remit, ...rest } = LOG;
    expect([activity, remit]).not.toContain(undefined);
    const c = card({ log: rest });
    const f = c.form({ lastRound: juneRound(c) });
    const a = rowOf(f, c.leaf.activity);
    expect(a.source).toBe('round');
    expect(a.computed).toEqual({ actual: { kind: 'number', value: 720 }, text: '720人次', source: 'round', detail: 'linear' });
    expect(a.score.scoreCp).toBe(360);
    const r = rowOf(f, c.leaf.remit);
    expect(r.source).toBe('round');
    expect(r.computed.detail).toBe('manual');
    expect(r.score.scoreCp).toBe(400);
    expect(f.scorecard.totalCp).toBe(9700);
    expect(f.problems).toEqual([]);
  });

  it('the log wins over the round where it has entries (5000份 logged, 2000 forecast in June)', () => {
    const c = card();
    const r = rowOf(c.form({ lastRound: juneRound(c) }), c.leaf.leaflets);
    expect(r.source).toBe('log');
    expect(r.actual).toEqual({ kind: 'number', value: 5000 });
  });

  it('a deadline the round could only report as pending stays missing without an override', () => {
    const c = card();
    const rows = { ...c.rows };
    delete rows[c.leaf.time.id];
    const f = c.form({ lastRound: juneRound(c), inputs: inputsOf(rows) });
    const t = rowOf(f, c.leaf.time);
    expect(t.source).toBe('none');
    expect(t.score.status).toBe('missing');
    expect(f.problems).toEqual([{ id: c.leaf.time.id, name: N.time, code: 'missingActual' }]);
  });

  it('a money forecast (kept in fen by the round) is scored in the target\'s 万元', () => {
    const p = seedUnitPlan();
    const cost = { ...p.leaves[13]!, id: 'cost-wan', name: '项目总成本', targetText: '≤20万元', target: parseTarget('≤20万元', { year: 2022 }).spec };
    const nodes = [...p.nodes.filter((n) => n.id !== p.leaves[13]!.id), cost];
    const round = buildRoundForm({ plan: p.plan, unit: p.unit, lines: p.lines, nodes, rollups: [], spending: [], cutoff: '2022-06-30', inputs: { ...emptyInputs(), rows: { [cost.id]: { ...emptyRowInput(), forecast: wan('22') } } } });
    const r = rowOf(evaluate({ ...p, nodes }, { lastRound: round }), cost);
    expect(r.source).toBe('round');
    expect(r.actual).toEqual({ kind: 'number', value: 22 });
    expect(r.actualText).toBe('22.00万元');
    expect(r.score.explanation.text).toBe('反向R1（FASP2 selfreverseindex）: (1−(22−20)/20)×4.00 = 3.60');
  });
});

describe("the evaluator's override, explanation, deduction and adjustment", () => {
  it('an override is scored, the computed actual stays beside it, and it needs a note', () => {
    const c = card();
    const o = parseOverride('800', c.leaf.activity, 'count');
    if (!('actual' in o) || !o.actual) throw new Error('no override');
    const withNote = (note: string) => c.form({ inputs: inputsOf({ ...c.rows, [c.leaf.activity.id]: { override: { text: '800', actual: o.actual!, note }, explanation: '' } }) });
    const f = withNote('');
    const r = rowOf(f, c.leaf.activity);
    expect(r.source).toBe('override');
    expect(r.actual).toEqual({ kind: 'number', value: 800 });
    expect(r.actualText).toBe('800人次');
    expect(r.computed).toMatchObject({ actual: { kind: 'number', value: 720 }, source: 'log', text: '720人次' });
    expect(r.score.scoreCp).toBe(400);
    expect(f.problems).toEqual([{ id: c.leaf.activity.id, name: N.activity, code: 'overrideNote' }]);
    expect(withNote('   ').problems.map((p) => p.code)).toEqual(['overrideNote']);
    expect(withNote('台账漏记一场80人次的活动').problems).toEqual([]);
    expect(withNote('台账漏记一场80人次的活动').scorecard.totalCp).toBe(9740);
  });

  it('an adjustment without a reason does not count: the row is invalid, its rule score stays visible', () => {
    const c = card();
    const adjusted = (reason: string) => c.form({ inputs: inputsOf({ ...c.rows, [c.leaf.activity.id]: { explanation: EXPLAINED.activity!, adjustment: { scoreCp: 400, reason } } }) });
    const f = adjusted('');
    const r = rowOf(f, c.leaf.activity);
    expect(r.score.status).toBe('invalid');
    expect(r.score.ruleScoreCp).toBe(360);
    expect(r.score.scoreCp).toBeNull();
    expect(r.score.explanation.text).toBe('财预〔2020〕10号 定量正向: 720/800×4.00 = 3.60');
    expect(r.score.problems).toEqual([{ code: 'adjustmentReason' }]);
    expect(f.problems).toEqual([{ id: c.leaf.activity.id, name: N.activity, code: 'invalid' }]);
    expect(f.scorecard.totalCp).toBe(9700 - 360);

    const ok = adjusted('按整数分计');
    expect(rowOf(ok, c.leaf.activity).score.scoreCp).toBe(400);
    expect(rowOf(ok, c.leaf.activity).score.explanation.text).toBe('财预〔2020〕10号 定量正向: 720/800×4.00 = 3.60; 调整为 4.00（按整数分计）');
    expect(ok.problems).toEqual([]);
    expect(ok.scorecard.totalCp).toBe(9740);
  });

  it('the late deadline (部分达成 under D1) takes a score chosen inside [2.40, 3.20), and only inside it', () => {
    const c = card();
    const at = (bandScoreCp: number) => c.form({ inputs: inputsOf({ ...c.rows, [c.leaf.time.id]: { ...c.rows[c.leaf.time.id], bandScoreCp } }) });
    const f = at(300);
    expect(rowOf(f, c.leaf.time).score.scoreCp).toBe(300);
    expect(rowOf(f, c.leaf.time).actualText).toBe('2023-01-10 完成');
    expect(f.scorecard.totalCp).toBe(9720);
    expect(rowOf(at(319), c.leaf.time).score.scoreCp).toBe(319);
    const over = at(320);
    expect(rowOf(over, c.leaf.time).score.status).toBe('invalid');
    expect(over.problems).toEqual([{ id: c.leaf.time.id, name: N.time, code: 'invalid' }]);
  });

  it('a deduction on the over-achieved row counts with its reason (年初指标值设定明显偏低)', () => {
    const c = card();
    const f = c.form({ inputs: inputsOf({ ...c.rows, [c.leaf.sports.id]: { explanation: EXPLAINED.sports!, deductionCp: 100, deductionReason: '年初指标值设定偏低' } }) });
    const r = rowOf(f, c.leaf.sports);
    expect(r.score.ruleScoreCp).toBe(400);
    expect(r.score.scoreCp).toBe(300);
    expect(r.score.explanation.formula).toBe('650 ≥ 300 → 4.00; 调减 1.00 → 3.00');
    expect(f.scorecard.totalCp).toBe(9600);
    expect(f.problems).toEqual([]);
  });
});

describe('qualitative rows: a band logged, a score chosen inside it', () => {
  function qualPlan(): SeedPlan {
    const p = seedUnitPlan();
    // 社会效益 written as the qualitative 有效提升 (domain.md §2.2), weight 30.
    const q = p.leaves[15]!;
    const nodes = p.nodes.map((n) => (n.id === q.id ? { ...n, targetText: '有效提升', target: parseTarget('有效提升', { year: 2022 }).spec } : n));
    return { ...p, nodes, leaves: nodes.filter((n) => n.level === 3) };
  }

  it('部分达成 logged → 0.7×30 = 21.00 by default; 22.50 inside [18.00, 24.00) counts; 25.00 outside the band → invalid', () => {
    const p = qualPlan();
    const q = p.leaves[15]!;
    const rollups = [rollupOf(q, [{ date: '2022-06-30', band: 'achieved' }, { date: '2022-12-20', band: 'partial' }])];
    const at = (bandScoreCp?: number) => rowOf(evaluate(p, { rollups, inputs: inputsOf({ [q.id]: { bandScoreCp: bandScoreCp ?? null, explanation: '部分达成' } }) }), q);
    const dflt = at();
    expect(dflt.actual).toEqual({ kind: 'band', band: 'partial' });
    expect(dflt.actualText).toBe('部分达成');
    expect(dflt.score.scoreCp).toBe(2100);
    expect(dflt.score.explanation.text).toBe('定性三档（FASP2 selfqualscorecheck）: 部分达成 → 0.7×30.00 = 21.00');
    const inside = at(2250);
    expect(inside.score.scoreCp).toBe(2250);
    expect(inside.score.explanation.formula).toBe('部分达成 [18.00, 24.00) → 22.50');
    for (const cp of [2400, 1799]) {
      const out = at(cp);
      expect(out.score.status).toBe('invalid');
      expect(out.score.scoreCp).toBeNull();
      expect(out.score.problems).toEqual([{ code: 'bandRange', params: { min: 1800, max: 2399 } }]);
    }
    const form = evaluate(p, { rollups, inputs: inputsOf({ [q.id]: { bandScoreCp: 2500, explanation: 'x' } }) });
    expect(form.problems.filter((x) => x.id === q.id)).toEqual([{ id: q.id, name: q.name, code: 'invalid' }]);
  });

  it('a band typed as an override takes the chosen score too', () => {
    const p = qualPlan();
    const q = p.leaves[15]!;
    const o = parseOverride('达成', q, 'manual');
    if (!('actual' in o) || !o.actual) throw new Error('no override');
    const r = rowOf(evaluate(p, { inputs: inputsOf({ [q.id]: { override: { text: '达成', actual: o.actual, note: '年终座谈会评议' }, bandScoreCp: 2700, explanation: '' } }) }), q);
    expect(r.source).toBe('override');
    expect(r.computed.source).toBe('none');
    expect(r.score.scoreCp).toBe(2700);
    expect(r.needsExplanation).toBe(true); // 27.00 < 30.00
  });
});

describe('adjustments during the year', () => {
  it('the target in force on 31 December is scored, the approved original is kept beside it', () => {
    const c = card();
    const adj = (targetText: string, approvedOn: string, reason: string) => ({ id: `adj-${approvedOn}`, targetText, target: parseTarget(targetText, { year: 2022 }).spec, approvedOn, reason, recordedAt: `${approvedOn}T09:00:00.000Z` });
    const nodes = c.p.nodes.map((n) =>
      n.id === c.leaf.activity.id ? { ...n, targetAdjustments: [adj('不少于700人次', '2022-06-01', '疫情影响，活动场次调减'), adj('不少于600人次', '2023-01-15', '次年补批')] } : n,
    );
    const f = c.form({ nodes });
    const r = rowOf(f, c.leaf.activity);
    expect(r.targetText).toBe('不少于700人次');
    expect(r.node.target?.value).toBe(700);
    expect(r.adjusted).toEqual({ originalText: '不少于800人次', approvedOn: '2022-06-01', reason: '疫情影响，活动场次调减' });
    expect(r.score.scoreCp).toBe(400);
    expect(r.score.explanation.formula).toBe('720 ≥ 700 → 4.00');
    expect(r.needsExplanation).toBe(false);
    // Rows without an adjustment say so.
    expect(rowOf(f, c.leaf.leaflets).adjusted).toBeNull();
    // The plan's own row is untouched.
    expect(nodes.find((n) => n.id === c.leaf.activity.id)?.targetText).toBe('不少于800人次');

    // Approved on 31 December itself: in force at the evaluation.
    const lastDay = c.form({ nodes: c.p.nodes.map((n) => (n.id === c.leaf.activity.id ? { ...n, targetAdjustments: [adj('不少于900人次', '2022-12-31', '追加任务')] } : n)) });
    expect(rowOf(lastDay, c.leaf.activity).score.explanation.formula).toBe('720/900×4.00 = 3.20');
  });

  it('budget adjustments count in 全年预算数 (by source); 年初 stays as approved; a later one does not count', () => {
    const c = card();
    const l = line({ fiscal: '1000.00' }, [
      { date: '2022-05-01', source: 'fiscal', wan: '200.00' },
      { date: '2022-09-01', source: 'carryover', wan: '73.52' },
      { date: '2023-01-10', source: 'fiscal', wan: '100.00' },
    ]);
    const f = c.form({ lines: [l] });
    expect(f.funds[0]).toMatchObject({ source: 'total', initialFen: wan('1000'), fullFen: wan('1273.52'), executedFen: wan('1210') });
    expect(f.funds[1]).toMatchObject({ source: 'fiscal', initialFen: wan('1000'), fullFen: wan('1200'), executedFen: wan('1210') });
    expect(f.funds[2]).toMatchObject({ source: 'carryover', initialFen: 0, fullFen: wan('73.52'), executedFen: 0, rate: 0 });
    expect(f.budget.scoreCp).toBe(950);
    expect(f.budget.explanation.text).toBe('预算执行率: 1,210.00/1,273.52×10.00 = 9.50');
    expect(f.scorecard.totalCp).toBe(9700);
    // Scored against 年初 (1,000.00) it would have been full marks: the adjustment is what keeps it at 9.50.
    expect(c.form({ lines: [line({ fiscal: '1000.00' })] }).budget.scoreCp).toBe(1000);
  });
});

describe('parseOverride: what an evaluator may type', () => {
  const node = (targetText: string) => ({ target: parseTarget(targetText, { year: 2022 }).spec });

  it.each<[string, string, string, unknown]>([
    ['720', '不少于800人次', 'count', { actual: { kind: 'number', value: 720 } }],
    ['1,234', '不少于800人次', 'count', { actual: { kind: 'number', value: 1234 } }],
    ['１２３', '不少于800人次', 'count', { actual: { kind: 'number', value: 123 } }],
    ['', '不少于800人次', 'count', { actual: null }],
    ['  ', '不少于800人次', 'count', { actual: null }],
    ['-1', '不少于800人次', 'count', { error: 'negative' }],
    ['七百', '不少于800人次', 'count', { error: 'notNumber' }],
    ['1,2', '不少于800人次', 'count', { error: 'notNumber' }],
    ['NaN', '不少于800人次', 'count', { error: 'notNumber' }],
    ['95%', '≥90%', 'rate', { actual: { kind: 'number', value: 95 } }],
    ['88.5', '≥90%', 'satisfaction', { actual: { kind: 'number', value: 88.5 } }],
    ['101', '≥90%', 'rate', { error: 'percentOver100' }],
    // Money: 万元 text to exact fen, handed to the scorer in the target's 万元.
    ['1,210.50', '≤2000万元', 'money', { actual: { kind: 'number', value: 1210.5 } }],
    ['18.6万元', '≤20万元', 'money', { actual: { kind: 'number', value: 18.6 } }],
    ['0.000001', '≤20万元', 'money', { actual: { kind: 'number', value: 0.000001 } }],
    ['0.0000001', '≤20万元', 'money', { error: 'notNumber' }],
    ['-5', '≤20万元', 'money', { error: 'negative' }],
    ['1,234.56', '≤5000元', 'money', { actual: { kind: 'number', value: 1234.56 } }],
    ['1.234', '≤5000元', 'money', { error: 'notNumber' }],
    ['2023-01-10', '2022年12月31日前', 'deadline', { actual: { kind: 'date', done: '2023-01-10' } }],
    ['未完成', '2022年12月31日前', 'deadline', { actual: { kind: 'date', done: null } }],
    ['2023/01/10', '2022年12月31日前', 'deadline', { error: 'badDate' }],
    ['2022-02-30', '2022年12月31日前', 'deadline', { error: 'badDate' }],
    ['2022-13-01', '2022年12月31日前', 'deadline', { error: 'badDate' }],
    ['部分达成', '有效提升', 'manual', { actual: { kind: 'band', band: 'partial' } }],
    ['未达成', '有效提升', 'manual', { actual: { kind: 'band', band: 'notAchieved' } }],
    ['achieved', '有效提升', 'manual', { actual: { kind: 'band', band: 'achieved' } }],
    ['很好', '有效提升', 'manual', { error: 'badBand' }],
  ])('%j for %s (%s) → %j', (text, targetText, measure, expected) => {
    expect(parseOverride(text, node(targetText), measure)).toEqual(expected);
  });

  it('money amounts reach the scorer exactly: 1,273.52 万元 is 1273.52, and prints back as typed', () => {
    const n = node('≤2000万元');
    const r = parseOverride('1,273.52', n, 'money') as { actual: { kind: 'number'; value: number } };
    expect(r.actual.value).toBe(1273.52);
    expect(Math.round(r.actual.value * 1_000_000)).toBe(wan('1273.52'));
  });
});
