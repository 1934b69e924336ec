import { describe, expect, it } from 'vitest';
import { roundProblems } from '@/domain/monitoring/round-validate';
import { form, oneRow, rowOf, type LeafSpec } from '../../fixtures/monitoring';

/** One 三级 row of the 监控表 at 2022-07-31 (1–7月): actual, light and its formula, forecast, deviation. */

const COUNT: LeafSpec = { name: '开展职工服务活动', target: '不少于800人次' };
const RATE: LeafSpec = { name: '宣传资料及时发放率', target: '≥90%' };
const SURVEY: LeafSpec = { name: '服务职工满意度', target: '≥90%', level1: '满意度', level2: '服务对象满意度指标' };
const COST: LeafSpec = { name: '项目总成本', target: '≤20万元' };
const DUE: LeafSpec = { name: '完成年度工作总结', target: '2022年6月30日前完成', level2: '时效指标' };
const QUAL: LeafSpec = { name: '职工凝聚力', target: '有效提升', level1: '效益', level2: '社会效益指标' };
const NA: LeafSpec = { name: '可持续影响', target: '不适用', level1: '效益', level2: '可持续影响指标' };

const c400 = [{ date: '2022-06-01', amount: 400 }];

describe('全年预计完成值 (forecast)', () => {
  it('a cumulative count is forecast linearly and kept whole: 400 at 7/12 → 686人次', () => {
    const r = oneRow(COUNT, c400);
    expect(r.forecast).toEqual({ value: 686, text: '686人次', method: 'linear', computed: 686, computedText: '686人次', belowActual: false });
  });

  it('money is forecast linearly to the fen: 9 万元 at 7/12 → 15,428,571 fen = 15.43万元', () => {
    const r = oneRow(COST, [{ date: '2022-06-01', amountFen: 9_000_000 }]);
    expect(r.forecast).toMatchObject({ value: 15_428_571, text: '15.43万元', method: 'linear' });
  });

  it('a count in a divisible unit keeps two decimals: 3万人次 at 7/12 → 5.14万人次', () => {
    const r = oneRow({ name: '覆盖职工', target: '≥10万人次' }, [{ date: '2022-06-01', amount: 3 }]);
    expect(r.measure).toBe('count');
    expect(r.forecast).toMatchObject({ value: 5.14, text: '5.14万人次', method: 'linear' });
  });

  it('nothing logged yet on a count: 0 so far, forecast 0 (not unknown)', () => {
    const r = oneRow(COUNT);
    expect(r.actualText).toBe('0人次');
    expect(r.assessment.light).toBe('red');
    expect(r.forecast).toMatchObject({ value: 0, text: '0人次', method: 'linear' });
  });

  it('rates and surveys take the current value, not a pace', () => {
    const rate = oneRow(RATE, [{ date: '2022-05-01', numerator: 86, denominator: 100 }]);
    expect(rate.forecast).toMatchObject({ value: 86, text: '86%', method: 'current', computed: 86 });
    const survey = oneRow(SURVEY, [{ date: '2022-05-01', numerator: 93, denominator: 100 }]);
    expect(survey.measure).toBe('satisfaction');
    expect(survey.forecast).toMatchObject({ value: 93, text: '93%', method: 'current' });
    expect(survey.assessment.light).toBe('green');
  });

  it('a date takes the current state, with no number', () => {
    const done = oneRow(DUE, [{ date: '2022-06-20', done: true }]);
    expect(done.forecast).toMatchObject({ value: null, text: '2022-06-20 完成', method: 'current', computed: null });
    const open = oneRow(DUE, [], '2022-06-15');
    expect(open.forecast).toMatchObject({ value: null, text: '未完成', method: 'current' });
  });

  it('a qualitative band takes the current band', () => {
    const r = oneRow(QUAL, [{ date: '2022-06-01', band: 'partial' }]);
    expect(r.actualText).toBe('部分达成年度指标并具有一定效果');
    expect(r.assessment.light).toBe('yellow');
    expect(r.lightFormula).toBe('定性三档');
    expect(r.forecast).toMatchObject({ value: null, text: '部分达成年度指标并具有一定效果', method: 'current' });
  });

  it('a rate with no data yet has no forecast', () => {
    const r = oneRow(RATE);
    expect(r.actualText).toBe('—');
    expect(r.lightFormula).toBe('无数据');
    expect(r.forecast).toMatchObject({ value: null, text: '—', method: 'none' });
    expect(r.deviation).toBeNull();
  });

  it('a manual forecast replaces the computed one, which is kept beside it', () => {
    const r = oneRow(COUNT, c400, '2022-07-31', { forecast: 700 });
    expect(r.forecast).toEqual({ value: 700, text: '700人次', method: 'manual', computed: 686, computedText: '686人次', belowActual: false });
    expect(r.deviation).toBeCloseTo(700 / 800 - 1, 12);
  });

  it('a manual cumulative forecast below what is already achieved is kept but flagged', () => {
    expect(oneRow(COUNT, c400, '2022-07-31', { forecast: 399 }).forecast).toMatchObject({ value: 399, method: 'manual', belowActual: true });
    expect(oneRow(COUNT, c400, '2022-07-31', { forecast: 400 }).forecast.belowActual).toBe(false);
    // A rate may well end lower than it stands now: not flagged.
    expect(oneRow(RATE, [{ date: '2022-05-01', numerator: 86, denominator: 100 }], '2022-07-31', { forecast: 80 }).forecast).toMatchObject({ value: 80, belowActual: false });
    // Money in fen against fen.
    expect(oneRow(COST, [{ date: '2022-06-01', amountFen: 9_000_000 }], '2022-07-31', { forecast: 8_999_999 }).forecast).toMatchObject({ text: '9.00万元', belowActual: true });
  });

  it('a manual money forecast is in fen and prints in the target unit', () => {
    const r = oneRow(COST, [{ date: '2022-06-01', amountFen: 9_000_000 }], '2022-07-31', { forecast: 18_000_000 });
    expect(r.forecast).toMatchObject({ value: 18_000_000, text: '18.00万元', computed: 15_428_571, computedText: '15.43万元' });
    expect(r.deviation).toBeCloseTo(-0.1, 12);
  });
});

describe('偏离度 = forecast ÷ annual target − 1', () => {
  it('count, money (target 万元 → fen) and rate', () => {
    expect(oneRow(COUNT, c400).deviation).toBeCloseTo(686 / 800 - 1, 12); // −14.25%
    expect(oneRow(COST, [{ date: '2022-06-01', amountFen: 9_000_000 }]).deviation).toBeCloseTo(15_428_571 / 20_000_000 - 1, 12);
    expect(oneRow({ name: '小额支出', target: '≥1000元' }, [{ date: '2022-06-01', amountFen: 50_000 }]).deviation).toBeCloseTo(85_714 / 100_000 - 1, 12);
    expect(oneRow(RATE, [{ date: '2022-05-01', numerator: 86, denominator: 100 }]).deviation).toBeCloseTo(86 / 90 - 1, 12);
  });

  it('none for a target of 0, a date, a band or 不适用', () => {
    expect(oneRow({ name: '安全事故', target: '0起' }, [{ date: '2022-03-01', amount: 1 }]).deviation).toBeNull();
    expect(oneRow(DUE, [{ date: '2022-06-20', done: true }]).deviation).toBeNull();
    expect(oneRow(QUAL, [{ date: '2022-06-01', band: 'achieved' }]).deviation).toBeNull();
    expect(oneRow(NA).deviation).toBeNull();
  });
});

describe('targets of 0 and reverse targets are compared directly, never time-scaled', () => {
  const ZERO: LeafSpec = { name: '安全事故', target: '0起' };
  it('EQ 0: nothing happened → green "0 = 0"; one → red "1 ≠ 0"', () => {
    const none = oneRow(ZERO);
    expect(none.node.target).toMatchObject({ op: 'EQ', value: 0 });
    expect(none).toMatchObject({ actualText: '0起', lightFormula: '0 = 0' });
    expect(none.assessment.light).toBe('green');
    const one = oneRow(ZERO, [{ date: '2022-03-01', amount: 1 }]);
    expect(one.assessment.light).toBe('red');
    expect(one.lightFormula).toBe('1 ≠ 0');
  });

  it('LT: below the cap → green, at it → red', () => {
    const LT: LeafSpec = { name: '投诉', target: '小于3起' };
    const two = oneRow(LT, [{ date: '2022-03-01', amount: 2 }]);
    expect(two.assessment.light).toBe('green');
    expect(two.lightFormula).toBe('2 < 3');
    const three = oneRow(LT, [{ date: '2022-03-01', amount: 1 }, { date: '2022-04-01', amount: 2 }]);
    expect(three.assessment.light).toBe('red');
    expect(three.lightFormula).toBe('3 ≥ 3');
  });

  it('a cumulative target "大于0次" is met or not, without dividing by 0', () => {
    const GT0: LeafSpec = { name: '专题活动', target: '大于0次' };
    expect(oneRow(GT0, [{ date: '2022-03-01', amount: 1 }])).toMatchObject({ lightFormula: '1 > 0', assessment: { light: 'green' } });
    expect(oneRow(GT0)).toMatchObject({ lightFormula: '0 ≤ 0', assessment: { light: 'red' } });
  });
});

describe('formulas never contradict their light', () => {
  it('a range still below its lower bound mid-year is time-scaled on the lower bound', () => {
    const RANGE: LeafSpec = { name: '培训人次', target: '800-1000人次' };
    const below = oneRow(RANGE, c400);
    expect(below.assessment.light).toBe('green');
    expect(below.lightFormula).toBe('400 ÷ (800 × 7/12) = 85.7%');
    expect(oneRow(RANGE, [{ date: '2022-06-01', amount: 900 }]).lightFormula).toBe('900 ∈ [800, 1000]? 是');
    const over = oneRow(RANGE, [{ date: '2022-06-01', amount: 1100 }]);
    expect(over.assessment.light).toBe('red');
    expect(over.lightFormula).toBe('1100 ∈ [800, 1000]? 否');
  });

  it('a rate ≥ 120% of its target is blue and shows the ratio', () => {
    const r = oneRow({ name: '职工参与率', target: '≥80%' }, [{ date: '2022-03-01', numerator: 100, denominator: 100 }]);
    expect(r.assessment.light).toBe('blue');
    expect(r.lightFormula).toBe('100 ÷ 80 = 125.0%');
  });

  it('a reading (分) is compared like a rate', () => {
    const r = oneRow({ name: '考核得分', target: '≥85分' }, [{ date: '2022-03-01', value: 80 }]);
    expect(r.measure).toBe('manual');
    expect(r.assessment.light).toBe('red');
    expect(r.lightFormula).toBe('80 < 85');
    expect(r.forecast).toMatchObject({ value: 80, text: '80分', method: 'current' });
  });

  it('at the year end a count is its share of the target', () => {
    const r = oneRow(COUNT, [{ date: '2022-06-01', amount: 720 }], '2022-12-31');
    expect(r.assessment.light).toBe('green');
    expect(r.lightFormula).toBe('720 ÷ 800 = 90.0%');
    expect(r.forecast.value).toBe(720);
  });
});

describe('deadlines (2022年6月30日前完成)', () => {
  it.each<[string, { date: string; done?: boolean }[], string, string, string, string]>([
    ['done before the due date', [{ date: '2022-06-20', done: true }], '2022-07-31', 'green', '完成 2022-06-20 ≤ 2022-06-30', '2022-06-20 完成'],
    ['done on the due date ("…前" means by)', [{ date: '2022-06-30', done: true }], '2022-07-31', 'green', '完成 2022-06-30 ≤ 2022-06-30', '2022-06-30 完成'],
    ['done after the due date', [{ date: '2022-07-10', done: true }], '2022-07-31', 'yellow', '完成 2022-07-10 > 2022-06-30', '2022-07-10 完成'],
    ['not done, not yet due', [{ date: '2022-05-01', done: false }], '2022-06-15', 'green', '期限 2022-06-30，未到期', '未完成'],
    ['not done, due today', [], '2022-06-30', 'green', '期限 2022-06-30，未到期', '未完成'],
    ['not done after the due date', [{ date: '2022-05-01', done: false }], '2022-07-31', 'red', '截至 2022-07-31 未完成，期限 2022-06-30', '未完成'],
    ['done only after the cut-off', [{ date: '2022-08-02', done: true }], '2022-07-31', 'red', '截至 2022-07-31 未完成，期限 2022-06-30', '未完成'],
  ])('%s', (_, entries, cutoff, light, formula, text) => {
    const r = oneRow(DUE, entries, cutoff);
    expect(r.measure).toBe('deadline');
    expect(r.assessment.light).toBe(light);
    expect(r.lightFormula).toBe(formula);
    expect(r.actualText).toBe(text);
  });

  it('按时完成 without a date is due at the end of the plan year', () => {
    const r = oneRow({ name: '按时完成', target: '按时完成' }, [], '2022-07-31');
    expect(r.assessment.light).toBe('green');
    expect(r.lightFormula).toBe('期限 2022-12-31，未到期');
  });
});

describe('不适用 rows', () => {
  const f = form({
    leaves: [COUNT, NA],
    activity: { [COUNT.name]: [{ date: '2022-06-01', amount: 250 }] },
    inputs: { rows: { [NA.name]: { forecast: 5, possibility: null } } },
  });

  it('are listed in form order, marked not applicable, with no light, formula, forecast or deviation', () => {
    expect(f.rows.map((r) => r.node.name)).toEqual([COUNT.name, NA.name]);
    const r = rowOf(f, NA.name);
    expect(r).toMatchObject({ applicable: false, measure: 'none', targetText: '不适用', actualText: '—', lightFormula: '不适用', deviation: null, level1: '效益', level2: '可持续影响指标' });
    expect(r.assessment).toMatchObject({ light: 'none', status: 'na' });
    // A typed forecast on a 不适用 row is ignored.
    expect(r.forecast).toMatchObject({ value: null, method: 'none' });
  });

  it('are never counted: not in the light counts, not in the plan light, not a submission problem', () => {
    expect(f.counts).toEqual({ red: 1, yellow: 0, green: 0, blue: 0, none: 0 });
    expect(f.planLight).toBe('red');
    expect(roundProblems(f).map((p) => p.name)).toEqual([COUNT.name]);
  });
});

describe('target adjustments (绩效目标调整): the target in force at the cut-off', () => {
  const adjusted = (approvedOn: string, cutoff = '2022-07-31') =>
    oneRow({ ...COUNT, adjustments: [{ target: '不少于600人次', approvedOn, reason: '场地改造，活动减少' }] }, c400, cutoff);

  it('approved before the cut-off: used for the light, forecast deviation and text; the original is shown beside it', () => {
    const r = adjusted('2022-05-10');
    expect(r.targetText).toBe('不少于600人次');
    expect(r.node.target).toMatchObject({ op: 'GE', value: 600 });
    expect(r.adjusted).toEqual({ originalText: '不少于800人次', approvedOn: '2022-05-10', reason: '场地改造，活动减少' });
    expect(r.lightFormula).toBe('400 ÷ (600 × 7/12) = 114.3%');
    expect(r.assessment.light).toBe('green');
    expect(r.deviation).toBeCloseTo(686 / 600 - 1, 12);
  });

  it('approved on the cut-off day: in force', () => {
    expect(adjusted('2022-07-31').targetText).toBe('不少于600人次');
  });

  it('approved after the cut-off: not yet the target, nothing shown as adjusted', () => {
    const r = adjusted('2022-08-05');
    expect(r.targetText).toBe('不少于800人次');
    expect(r.adjusted).toBeNull();
    expect(r.lightFormula).toBe('400 ÷ (800 × 7/12) = 85.7%');
    expect(r.deviation).toBeCloseTo(686 / 800 - 1, 12);
  });

  it('of several, the latest approved by the cut-off; the original stays the approved 年初 one', () => {
    const r = oneRow(
      { ...COUNT, adjustments: [{ target: '不少于700人次', approvedOn: '2022-03-01' }, { target: '不少于600人次', approvedOn: '2022-08-05' }] },
      c400,
    );
    expect(r.targetText).toBe('不少于700人次');
    expect(r.adjusted).toMatchObject({ originalText: '不少于800人次', approvedOn: '2022-03-01' });
    expect(r.lightFormula).toBe('400 ÷ (700 × 7/12) = 98.0%');
  });

  it('an adjustment that changes what is measured changes the measure too (800人次 → 不适用)', () => {
    const r = oneRow({ ...COUNT, adjustments: [{ target: '不适用', approvedOn: '2022-05-10' }] }, c400);
    expect(r.applicable).toBe(false);
    expect(r.adjusted?.originalText).toBe('不少于800人次');
  });
});
