import { describe, expect, it } from 'vitest';
import { buildEvaluationForm, yearEnd } from '@/domain/evaluation/build';
import { dateBand, parseOverride, scoreActualFromLog, scoreActualText } from '@/domain/evaluation/actuals';
import { FUNDS_COLUMNS, NATURE, coefficientText, projectIndicatorLines, scoreNote, totalLine, unitIndicatorLines, weightText } from '@/domain/evaluation/form-layout';
import { evaluationInputsProblem } from '@/domain/evaluation/validate';
import { whatIfScore } from '@/domain/evaluation/what-if';
import { emptyEvalRowInput, emptyEvaluationInputs, type EvalRowInput, type EvaluationInputs } from '@/domain/evaluation/types';
import type { Actual } from '@/domain/actuals/types';
import type { IndicatorNode } from '@/domain/model';
import { RULE_SETS } from '@/domain/scoring/rule-sets';
import type { RuleSet } from '@/domain/scoring/types';
import { parseTarget } from '@/domain/targets/parse';
import { line, nodes, rollup, spent, type EntrySpec, type LeafSpec } from '../../fixtures/monitoring';

/**
 * The 自评表 at its edges: actuals read from the log and typed by the evaluator, the rule set's own knobs (D2 dates,
 * the 一体化 penalty and cap), rows without a target or 不适用 rows carrying points, and what each layout prints.
 */

const DEFAULT = RULE_SETS['cn-2020-10'] as RuleSet;
const ALT = RULE_SETS['cn-2020-10-alt'] as RuleSet;
const YITIHUA = RULE_SETS['yitihua-platform'] as RuleSet;
const spec = (text: string) => parseTarget(text, { year: 2022 }).spec;

interface CardSpec {
  leaves: LeafSpec[];
  activity?: Record<string, EntrySpec[]>;
  rows?: Record<string, Partial<EvalRowInput>>;
  rules?: RuleSet;
  budgetWan?: string;
  spentWan?: string;
  unit?: boolean;
  strip?: string[];
}

/** A 2022 project card from leaves (name = id), evaluated as of 31 December. `strip` removes those rows' targets. */
function card(s: CardSpec) {
  const inputs: EvaluationInputs = { ...emptyEvaluationInputs(), goalActual: '完成', rows: {} };
  for (const [id, row] of Object.entries(s.rows ?? {})) inputs.rows[id] = { ...emptyEvalRowInput(), ...row };
  const ns = nodes(s.leaves).map((n): IndicatorNode => {
    if (!s.strip?.includes(n.id)) return n;
    const { target: _t, targetText: _tt, ...rest } = n;
    return rest;
  });
  return buildEvaluationForm({
    plan: { name: '职工服务项目', kind: 'project', year: 2022, goal: 'g' },
    unit: s.unit === false ? null : { name: '区总工会', supervisor: '区总工会' },
    lines: [line({ fiscal: s.budgetWan ?? '20' })],
    nodes: ns,
    rollups: Object.entries(s.activity ?? {}).map(([id, list]) => rollup(id, list)),
    spending: [spent('2022-06-30', s.spentWan ?? '20')],
    inputs,
    ruleSet: s.rules ?? DEFAULT,
    asOf: yearEnd(2022),
    lastRound: null,
    budgetWeightCp: 1000,
  });
}
const row = (f: ReturnType<typeof card>, name: string) => f.rows.find((r) => r.node.name === name)!;

describe('actuals read from the log', () => {
  const a = (fields: Partial<Actual>): Actual => ({ measure: 'count', value: null, entries: 1, ...fields });
  const due = { target: spec('2022年6月30日前') };

  it('a deadline: done as reported; not done is missing up to the due day and 未完成 after it', () => {
    expect(scoreActualFromLog(a({ measure: 'deadline', completedOn: '2022-07-05' }), due, '2022-12-31')).toEqual({ kind: 'date', done: '2022-07-05' });
    expect(scoreActualFromLog(a({ measure: 'deadline' }), due, '2022-06-30')).toEqual({ kind: 'missing' });
    expect(scoreActualFromLog(a({ measure: 'deadline' }), due, '2022-07-01')).toEqual({ kind: 'date', done: null });
  });

  it('a deadline without a date is due at the end of the year asked about', () => {
    expect(scoreActualFromLog(a({ measure: 'deadline' }), { target: spec('按时完成') }, '2022-12-31')).toEqual({ kind: 'missing' });
    expect(scoreActualFromLog(a({ measure: 'deadline' }), {}, '2022-12-31')).toEqual({ kind: 'missing' });
  });

  it('a rate with answers but no respondents has no number; a band with a value is scored by the value', () => {
    expect(scoreActualFromLog(a({ measure: 'rate', value: null }), { target: spec('≥90%') }, '2022-12-31')).toEqual({ kind: 'missing' });
    expect(scoreActualFromLog(a({ measure: 'manual', value: 93, band: 'partial' }), { target: spec('≥90%') }, '2022-12-31')).toEqual({ kind: 'number', value: 93 });
    expect(scoreActualFromLog(a({ measure: 'manual', band: 'partial' }), { target: spec('有效提升') }, '2022-12-31')).toEqual({ kind: 'band', band: 'partial' });
  });

  it('texts: 未完成, money in 元, a number without a target', () => {
    expect(scoreActualText({ kind: 'date', done: null }, due)).toBe('未完成');
    expect(scoreActualText({ kind: 'number', value: 1500.5 }, { target: spec('≤5000元') })).toBe('1,500.50元');
    expect(scoreActualText({ kind: 'number', value: 5 }, {})).toBe('5');
  });

  it('dateBand: on the due day 达成, after it 部分达成, never 未达成 once done', () => {
    expect(dateBand('2022-12-31', '2022-12-31')).toBe('achieved');
    expect(dateBand('2023-01-01', '2022-12-31')).toBe('partial');
    expect(dateBand(null, '2022-12-31')).toBe('notAchieved');
  });
});

describe('parseOverride, one case per test', () => {
  const count = { target: spec('不少于800人次') };
  it('a number for a count', () => {
    expect(parseOverride(' 720 ', count, 'count')).toEqual({ actual: { kind: 'number', value: 720 } });
  });
  it('blank clears the override', () => {
    expect(parseOverride('   ', count, 'count')).toEqual({ actual: null });
    expect(parseOverride('', count, 'count')).toEqual({ actual: null });
  });
  it('a date for a deadline, and only a real one', () => {
    const due = { target: spec('2022年12月31日前') };
    expect(parseOverride('2023-01-10', due, 'deadline')).toEqual({ actual: { kind: 'date', done: '2023-01-10' } });
    expect(parseOverride('未完成', due, 'deadline')).toEqual({ actual: { kind: 'date', done: null } });
    expect(parseOverride('2022-02-30', due, 'deadline')).toEqual({ error: 'badDate' });
  });
  it('a band for a qualitative row, by label or code', () => {
    const qual = { target: spec('有效提升') };
    expect(parseOverride('达成', qual, 'manual')).toEqual({ actual: { kind: 'band', band: 'achieved' } });
    expect(parseOverride('partial', qual, 'manual')).toEqual({ actual: { kind: 'band', band: 'partial' } });
    expect(parseOverride('优秀', qual, 'manual')).toEqual({ error: 'badBand' });
  });
  it('blank clears a date or band override too, never an error', () => {
    expect(parseOverride('', { target: spec('2022年12月31日前') }, 'deadline')).toEqual({ actual: null });
    expect(parseOverride('', { target: spec('有效提升') }, 'manual')).toEqual({ actual: null });
  });
  it('a row without a target takes a plain number', () => {
    expect(parseOverride('12.5', {}, 'manual')).toEqual({ actual: { kind: 'number', value: 12.5 } });
  });
  it('money in 元 reaches the scorer in 元', () => {
    expect(parseOverride('1,500.50', { target: spec('≤5000元') }, 'money')).toEqual({ actual: { kind: 'number', value: 1500.5 } });
  });
});

describe('what the card takes from the log, and where it says it came from', () => {
  it('a row with nothing logged: "—", source none, 0 entries', () => {
    const f = card({ leaves: [{ name: 'c', target: '不少于800人次', weightCp: 9000 }] });
    expect(row(f, 'c').computed).toEqual({ actual: { kind: 'missing' }, text: '—', source: 'none', detail: '0' });
  });
  it('a row with entries: the log, how many', () => {
    const f = card({ leaves: [{ name: 'c', target: '不少于800人次', weightCp: 9000 }], activity: { c: [{ date: '2022-03-01', amount: 500 }, { date: '2022-04-01', amount: 300 }] } });
    expect(row(f, 'c').computed).toEqual({ actual: { kind: 'number', value: 800 }, text: '800人次', source: 'log', detail: '2' });
    expect(row(f, 'c').score.scoreCp).toBe(9000);
  });
  it('a 不适用 row: source none, never asked for anything, even with an override lacking its note', () => {
    const f = card({
      leaves: [{ name: 'c', target: '不少于800人次', weightCp: 9000 }, { name: 'na', target: '不适用', weightCp: null }],
      activity: { c: [{ date: '2022-03-01', amount: 800 }] },
      rows: { na: { override: { text: '5', actual: { kind: 'number', value: 5 }, note: '' } } },
    });
    expect(row(f, 'na').computed.source).toBe('none');
    expect(f.problems).toEqual([]);
  });
  it('a row without a target is kept, with an empty target text, and cannot be scored from a number', () => {
    const f = card({ leaves: [{ name: 'x', target: '≥90%', weightCp: 9000, measure: 'manual' }], activity: { x: [{ date: '2022-03-01', value: 5 }] }, rows: { x: { bandScoreCp: 100 } }, strip: ['x'] });
    expect(row(f, 'x').targetText).toBe('');
    expect(row(f, 'x').score.status).toBe('invalid');
    expect(row(f, 'x').score.explanation.rule).toBe('qualitative');
  });
});

describe('the evaluator’s band score and deduction', () => {
  it('a score inside the band applies to band and D1 date rows only, never to a number', () => {
    const f = card({
      leaves: [
        { name: 'c', target: '不少于800人次', weightCp: 400 },
        { name: 'due', target: '2022年12月31日前', weightCp: 400 },
      ],
      activity: { c: [{ date: '2022-03-01', amount: 720 }], due: [{ date: '2022-12-20', done: true }] },
      rows: { c: { bandScoreCp: 300 }, due: { bandScoreCp: 330 } },
    });
    expect(row(f, 'c').score.scoreCp).toBe(360);
    expect(row(f, 'due').score.scoreCp).toBe(330);
  });

  it('a band score typed on a deadline with nothing reported yet does not make it scored', () => {
    const f = card({ leaves: [{ name: 'due', target: '2022年12月31日前', weightCp: 400 }], rows: { due: { bandScoreCp: 300 } } });
    expect(row(f, 'due').score).toMatchObject({ status: 'missing', scoreCp: null });
  });

  it('under D2 a date is scored linearly, whatever band score was typed (the plan year gives the planned start)', () => {
    const late = { text: '2023-01-20', actual: { kind: 'date' as const, done: '2023-01-20' }, note: '验收单' };
    const f = card({ leaves: [{ name: 'due', target: '2022年12月31日前', weightCp: 400 }], rows: { due: { override: late, bandScoreCp: 300 } }, rules: ALT });
    expect(row(f, 'due').score).toMatchObject({ status: 'scored', scoreCp: 378 });
    expect(row(f, 'due').score.explanation.formula).toBe('(1−20/365)×4.00 = 3.78');
  });

  it('a deduction without its reason makes the row invalid', () => {
    const f = card({ leaves: [{ name: 'c', target: '300人次', weightCp: 400 }], activity: { c: [{ date: '2022-03-01', amount: 650 }] }, rows: { c: { deductionCp: 50, explanation: '年初指标值偏低' } } });
    expect(row(f, 'c').score.status).toBe('invalid');
    expect(row(f, 'c').score.problems.map((p) => p.code)).toContain('deductionReason');
  });
});

describe('a card without a unit', () => {
  it('prints blank unit, 主管部门 and 实施单位', () => {
    expect(card({ leaves: [], unit: false }).header).toMatchObject({ unitName: '', supervisor: '', implementer: '' });
  });
});

describe('what the layouts print', () => {
  it('funds columns in each form’s own order', () => {
    expect(FUNDS_COLUMNS).toEqual({ project: ['initial', 'full', 'executed', 'weight', 'rate', 'score'], unit: ['initial', 'full', 'executed', 'rate', 'weight', 'score'] });
  });

  it('指标性质 as the FASP2 sign list prints it', () => {
    expect(NATURE).toEqual({ GE: '≥', GT: '>', EQ: '=', LT: '<', LE: '≤', RANGE: '区间', DATE_BY: '≤', QUAL: '定性', NA: '—' });
  });

  it('得分系数: "—" without a weight or with 0; 0.00 for no score on a weighted row', () => {
    expect(coefficientText(300, null)).toBe('—');
    expect(coefficientText(300, 0)).toBe('—');
    expect(coefficientText(null, 400)).toBe('—');
    expect(coefficientText(0, 400)).toBe('0.00');
    expect(coefficientText(322, 358)).toBe('89.94');
  });

  it('weights: "—" for 不适用 rows even when they carry points, and for rows without points', () => {
    const f = card({ leaves: [{ name: 'na', target: '不适用', weightCp: 300 }, { name: 'none', target: '≥90%', weightCp: null }, { name: 'c', target: '不少于800人次', weightCp: 400 }] });
    expect(weightText(row(f, 'na'))).toBe('—');
    expect(weightText(row(f, 'none'))).toBe('—');
    expect(weightText(row(f, 'c'))).toBe('4.00');
  });

  it('the unit layout: unit, nature and actual of 不适用 rows and unit-less rows', () => {
    const f = card({
      leaves: [{ name: 'na', target: '不适用', weightCp: null }, { name: 'bare', target: '≥3', weightCp: 400 }, { name: 'x', target: '≥90%', weightCp: 400, measure: 'manual' }],
      activity: { bare: [{ date: '2022-03-01', amount: 3 }] },
      strip: ['x'],
    });
    const lines = unitIndicatorLines(f);
    expect(lines.map((l) => [l.unit, l.nature, l.actual, l.coefficient])).toEqual([
      ['—', '—', '—', '—'],
      ['—', '≥', '3', '100.00'],
      ['—', '定性', '—', '—'],
    ]);
  });

  it('notes and explanations are printed trimmed', () => {
    const f = card({
      leaves: [{ name: 'c', target: '不少于800人次', weightCp: 400 }, { name: 'o', target: '300人次', weightCp: 400 }],
      activity: { c: [{ date: '2022-03-01', amount: 720 }], o: [{ date: '2022-03-01', amount: 650 }] },
      rows: {
        c: { adjustment: { scoreCp: 400, reason: ' 按整数计分 ' }, explanation: ' 人手不足 ' },
        o: { deductionCp: 100, deductionReason: ' 年初指标值偏低 ', explanation: '超额' },
      },
    });
    expect(scoreNote(row(f, 'c'))).toBe('规则得分 3.60 → 调整为 4.00（按整数计分）');
    expect(scoreNote(row(f, 'o'))).toBe('规则得分 4.00，调减 1.00（年初指标值偏低）→ 3.00');
    expect(projectIndicatorLines(f).map((l) => l.explanation)).toEqual(['人手不足', '超额']);
  });

  it('no note on a row the adjustment made invalid', () => {
    const f = card({ leaves: [{ name: 'c', target: '不少于800人次', weightCp: 400 }], activity: { c: [{ date: '2022-03-01', amount: 720 }] }, rows: { c: { adjustment: { scoreCp: 900, reason: '按整数计分' } } } });
    expect(row(f, 'c').score.status).toBe('invalid');
    expect(scoreNote(row(f, 'c'))).toBeNull();
  });

  it('the 一体化 profile: the deviation penalty and the budget cap are noted under the total', () => {
    const f = card({
      leaves: [{ name: 'o', target: '300人次', weightCp: 9000 }],
      activity: { o: [{ date: '2022-03-01', amount: 650 }] },
      rows: { o: { explanation: '超额完成' } },
      rules: YITIHUA,
      spentWan: '15',
    });
    const t = totalLine(f);
    expect(t.notes).toEqual(['偏离度扣分 2.00', '预算执行率 75.00% < 80% → 总分不超过 89.00']);
    expect(t.total).toBe('89.00');
  });
});

describe('evaluationInputsProblem', () => {
  const inputs = (row: Partial<EvalRowInput>): EvaluationInputs => ({ ...emptyEvaluationInputs(), rows: { a: { ...emptyEvalRowInput(), ...row } } });
  it('cleared values (null) and band overrides with whole scores are fine', () => {
    expect(evaluationInputsProblem(inputs({ bandScoreCp: null, deductionCp: null, adjustment: null, override: null }))).toBeNull();
    expect(evaluationInputsProblem(inputs({ override: { text: '达成', actual: { kind: 'band', band: 'achieved', scoreCp: 350 }, note: 'n' } }))).toBeNull();
    expect(evaluationInputsProblem(inputs({ override: { text: '', actual: { kind: 'missing' }, note: 'n' } }))).toBeNull();
  });
  it('names the field a backup would refuse', () => {
    expect(evaluationInputsProblem(inputs({ explanation: 5 as never }))).toBe('rows.a.explanation');
    expect(evaluationInputsProblem(inputs({ override: { text: '达成', actual: { kind: 'band', band: 'achieved', scoreCp: 3.5 }, note: 'n' } }))).toBe('rows.a.override');
  });
});

describe('empty evaluation inputs', () => {
  it('no rows, no texts', () => {
    expect(emptyEvaluationInputs()).toEqual({ rows: {}, goalActual: '', budgetNote: '', sections: {} });
    expect(emptyEvalRowInput()).toEqual({ explanation: '' });
  });
});

describe('whatIfScore edges', () => {
  const src = (leaves: LeafSpec[], activity: Record<string, EntrySpec[]>) => ({
    plan: { name: 'p', kind: 'project' as const, year: 2022, goal: '' },
    unit: null,
    lines: [line({ fiscal: '20' })],
    nodes: nodes(leaves),
    rollups: Object.entries(activity).map(([id, list]) => rollup(id, list)),
    spending: [spent('2022-06-30', '10')],
  });

  it('a qualitative band logged is scored at its band default', () => {
    const r = whatIfScore(src([{ name: 'q', target: '有效提升', weightCp: 9000 }], { q: [{ date: '2022-03-01', band: 'partial' }] }), '2022-06-30', DEFAULT, 1000);
    expect(r).toEqual({ totalCp: 6300 + 1000, grade: 'fair', scored: 1, unscored: 0 });
  });

  it('a row read by hand keeps its number even when an older band was logged', () => {
    const r = whatIfScore(src([{ name: 'x', target: '≥90%', weightCp: 9000, measure: 'manual' }], { x: [{ date: '2022-03-01', band: 'partial' }, { date: '2022-05-01', value: 95 }] }), '2022-06-30', DEFAULT, 1000);
    expect(r).toEqual({ totalCp: 10_000, grade: 'excellent', scored: 1, unscored: 0 });
  });

  it('under D2 a late deadline is scored linearly from the plan year', () => {
    const r = whatIfScore(src([{ name: 'd', target: '2022年6月30日前', weightCp: 9000 }], { d: [{ date: '2022-07-20', done: true }] }), '2022-07-31', ALT, 1000);
    expect(r.scored).toBe(1);
  });
});
