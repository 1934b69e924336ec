import { describe, expect, it } from 'vitest';
import { PROBLEM_CLASS, scoreIndicator } from '@/domain/scoring/indicator';
import type { IndicatorScoreInput, RuleSet } from '@/domain/scoring/types';
import { ALT, CTX, DEFAULT, MISSING, PLATFORM, band, done, n, row } from './fixtures';

const score = (input: IndicatorScoreInput, rules: RuleSet = DEFAULT) => scoreIndicator(input, rules, CTX);
const REASON = { deviationReason: '年初指标值设定偏低' };

describe('row identity and 不适用', () => {
  it('copies id, names and weight through', () => {
    const input = { ...row('≥90%', 300, n(95)), id: 'x1', name: '宣传资料及时发放率', level1: '产出', level2: '质量' };
    expect(score(input)).toMatchObject({ id: 'x1', name: '宣传资料及时发放率', level1: '产出', level2: '质量', weightCp: 300 });
  });

  it('不适用 rows are not scored, whatever their actual', () => {
    const s = score(row('不适用', null, n(5)));
    expect(s).toEqual({
      id: s.id,
      name: s.name,
      level1: '产出',
      level2: '数量',
      weightCp: null,
      status: 'na',
      ruleScoreCp: null,
      scoreCp: null,
      ratio: null,
      over: false,
      penaltyCp: 0,
      explanation: { rule: 'na', ruleName: '不适用', formula: '不适用，不计分', text: '不适用: 不适用，不计分' },
      problems: [],
    });
    expect(score(row('不适用', 0, MISSING)).problems).toEqual([]);
  });

  it('a weighted 不适用 row says so (naWeighted, information only: the card rescales it away)', () => {
    expect(score(row('不适用', 400, MISSING)).problems).toEqual([{ code: 'naWeighted', params: { weightCp: 400 } }]);
    expect(score(row('不适用', 1, MISSING)).problems).toEqual([{ code: 'naWeighted', params: { weightCp: 1 } }]);
    expect(PROBLEM_CLASS.naWeighted).toBe('info');
  });
});

describe('weights (FASP2 isCheckWeightGtZero: every applicable weight > 0)', () => {
  it('no weight → invalid, no score, even with an actual', () => {
    const s = score(row('≥90%', null, n(95)));
    expect(s.status).toBe('invalid');
    expect(s.ruleScoreCp).toBeNull();
    expect(s.scoreCp).toBeNull();
    expect(s.problems).toEqual([{ code: 'noWeight' }]);
    expect(s.explanation.text).toBe('财预〔2020〕10号 定量正向: 未设有效分值');
  });

  it('zero weight → invalid, no score', () => {
    const s = score(row('≥90%', 0, n(95)));
    expect(s.status).toBe('invalid');
    expect(s.ruleScoreCp).toBeNull();
    expect(s.scoreCp).toBeNull();
    expect(s.problems).toEqual([{ code: 'noWeight' }]);
    expect(s.explanation.formula).toBe('未设有效分值');
  });

  it('negative, fractional or NaN centi-points → invalid; the smallest weight 0.01 is fine', () => {
    for (const w of [-100, 358.5, Number.NaN]) {
      const s = score(row('≥90%', w, n(95)));
      expect(s.problems).toEqual([{ code: 'noWeight' }]);
      expect(s.ruleScoreCp).toBeNull();
    }
    const tiny = score(row('≥90%', 1, n(95)));
    expect(tiny.status).toBe('scored');
    expect(tiny.scoreCp).toBe(1);
  });
});

describe('missing actuals', () => {
  it('→ status missing, no score, missingActual (blocks finalising), rule still named', () => {
    const s = score(row('≥90%', 300, MISSING));
    expect(s.status).toBe('missing');
    expect(s.scoreCp).toBeNull();
    expect(s.ruleScoreCp).toBeNull();
    expect(s.problems).toEqual([{ code: 'missingActual' }]);
    expect(s.explanation.text).toBe('财预〔2020〕10号 定量正向: 缺少实际完成值');
    expect(PROBLEM_CLASS.missingActual).toBe('blocking');
  });
  it('missing and unweighted → invalid with both problems', () => {
    const s = score(row('有效提升', null, MISSING));
    expect(s.status).toBe('invalid');
    expect(s.problems).toEqual([{ code: 'noWeight' }, { code: 'missingActual' }]);
    expect(s.explanation.rule).toBe('qualitative');
  });
});

describe('over-achievement (domain.md §4.2, §9: flag at a/t ≥ 120%, explanation required, no auto-deduction)', () => {
  it('exactly 1.2 → flag on; 1.1967 → off', () => {
    expect(score(row('300人次', 400, n(360), REASON)).over).toBe(true);
    expect(score(row('300人次', 400, n(359), REASON)).over).toBe(false);
    expect(score(row('≥90%', 300, n(108), REASON)).over).toBe(true); // 108/90 = 1.2
  });

  it('without a reason → still scored in full, but overReason blocks finalising', () => {
    const s = score(row('300人次', 400, n(650)));
    expect(s.status).toBe('scored');
    expect(s.scoreCp).toBe(400);
    expect(s.problems).toEqual([{ code: 'overReason', params: { ratio: 2.16666666667 } }]);
    expect(PROBLEM_CLASS.overReason).toBe('blocking');
    expect(score(row('300人次', 400, n(650), { deviationReason: '  ' })).problems.map((p) => p.code)).toEqual(['overReason']);
    expect(score(row('300人次', 400, n(650), REASON)).problems).toEqual([]);
  });

  it('the threshold comes from the rule set', () => {
    const loose: RuleSet = { ...DEFAULT, overRatio: 1.5 };
    expect(score(row('300人次', 400, n(360)), loose).over).toBe(false);
    expect(score(row('300人次', 400, n(450), REASON), loose).over).toBe(true);
  });

  it('only positive rows with a target > 0 are flagged', () => {
    expect(score(row('≤20万元', 500, n(10))).over).toBe(false);
    expect(score(row('>0次', 400, n(9))).over).toBe(false);
    expect(score(row('80%-90%', 400, n(200))).over).toBe(false);
    expect(score(row('有效提升', 400, band('achieved'))).over).toBe(false);
  });
});

describe('manual deduction (over-achieved rows only, ≤ rule score, with a reason)', () => {
  const over = (deductionCp: number, extra: Partial<IndicatorScoreInput> = {}) =>
    score(row('300人次', 400, n(650), { ...REASON, deductionCp, deductionReason: '指标值设定明显偏低', ...extra }));

  it('subtracts from the rule score and says so', () => {
    const s = over(50);
    expect(s.status).toBe('scored');
    expect(s.ruleScoreCp).toBe(400);
    expect(s.scoreCp).toBe(350);
    expect(s.explanation.formula).toBe('650 ≥ 300 → 4.00; 调减 0.50 → 3.50');
  });

  it('may take the whole rule score, not more: deductionTooLarge {max}', () => {
    expect(over(400).scoreCp).toBe(0);
    const s = over(401);
    expect(s.status).toBe('invalid');
    expect(s.scoreCp).toBeNull();
    expect(s.ruleScoreCp).toBe(400);
    expect(s.problems).toEqual([{ code: 'deductionTooLarge', params: { max: 400 } }]);
  });

  it('negative or fractional → deductionInvalid', () => {
    expect(over(-10).problems).toEqual([{ code: 'deductionInvalid' }]);
    expect(over(10.5).problems).toEqual([{ code: 'deductionInvalid' }]);
  });

  it('needs a reason', () => {
    expect(over(50, { deductionReason: undefined }).problems).toEqual([{ code: 'deductionReason' }]);
    expect(over(50, { deductionReason: ' ' }).problems).toEqual([{ code: 'deductionReason' }]);
  });

  it('is refused on a row that is not over-achieved (deductionNotOver)', () => {
    const s = score(row('不少于800人次', 400, n(720), { deductionCp: 10, deductionReason: '—' }));
    expect(s.status).toBe('invalid');
    expect(s.problems).toEqual([{ code: 'deductionNotOver' }]);
  });

  it('0 is no deduction at all (no reason needed, nothing printed)', () => {
    const s = score(row('不少于800人次', 400, n(720), { deductionCp: 0 }));
    expect(s.status).toBe('scored');
    expect(s.scoreCp).toBe(360);
    expect(s.explanation.formula).toBe('720/800×4.00 = 3.60');
  });

  it('is not compared with a rule score that does not exist', () => {
    const s = score(row('300人次', 400, n(-1), { deductionCp: 50, deductionReason: 'x' }));
    expect(s.problems).toEqual([{ code: 'badActual' }, { code: 'deductionNotOver' }]);
  });
});

describe('evaluator adjustment (counts only with a reason, stays within [0, w] or its band)', () => {
  const adjust = (scoreCp: number, reason = '按整数分计') => score(row('不少于800人次', 358, n(720), { adjustment: { scoreCp, reason } }));

  it('replaces the rule score and records why', () => {
    const s = adjust(300, '  按整数分计 ');
    expect(s.ruleScoreCp).toBe(322);
    expect(s.scoreCp).toBe(300);
    expect(s.explanation.formula).toBe('720/800×3.58 = 3.22; 调整为 3.00（按整数分计）');
  });

  it('0 and w are allowed; below 0, above w or fractional → adjustmentRange {min 0, max w}', () => {
    expect(adjust(0).scoreCp).toBe(0);
    expect(adjust(358).scoreCp).toBe(358);
    for (const cp of [-1, 359, 300.5]) {
      const s = adjust(cp);
      expect(s.status).toBe('invalid');
      expect(s.scoreCp).toBeNull();
      expect(s.problems).toEqual([{ code: 'adjustmentRange', params: { min: 0, max: 358 } }]);
    }
  });

  it('without a reason → adjustmentReason, and the row has no score', () => {
    for (const reason of ['', '   ']) {
      const s = adjust(300, reason);
      expect(s.status).toBe('invalid');
      expect(s.scoreCp).toBeNull();
      expect(s.ruleScoreCp).toBe(322);
      expect(s.problems).toEqual([{ code: 'adjustmentReason' }]);
    }
  });

  it('on a banded row it must stay inside the band (no way round selfqualscorecheck)', () => {
    const late = (cp: number) => score(row('2022年12月31日前', 400, done('2023-01-10'), { adjustment: { scoreCp: cp, reason: '部分事项按时' } }));
    expect(late(319).scoreCp).toBe(319);
    expect(late(240).scoreCp).toBe(240);
    expect(late(320).problems).toEqual([{ code: 'adjustmentRange', params: { min: 240, max: 319 } }]);
    expect(late(239).problems).toEqual([{ code: 'adjustmentRange', params: { min: 240, max: 319 } }]);
    const qual = score(row('有效提升', 3000, band('partial', 3000), { adjustment: { scoreCp: 2000, reason: 'r' } }));
    expect(qual.problems).toEqual([{ code: 'bandRange', params: { min: 1800, max: 2399 } }]);
  });

  it('wins over a deduction on the same row', () => {
    const s = score(row('300人次', 400, n(650), { ...REASON, deductionCp: 50, deductionReason: '偏低', adjustment: { scoreCp: 300, reason: '综合判断' } }));
    expect(s.scoreCp).toBe(300);
    expect(s.explanation.formula).toBe('650 ≥ 300 → 4.00; 调减 0.50 → 3.50; 调整为 3.00（综合判断）');
  });
});

describe('一体化 deviation penalty (−2 per positive row with a/t − 1 ≥ 30%)', () => {
  it('650 of 300 → −2.00 on the total, row score unchanged', () => {
    const s = score(row('300人次', 400, n(650), REASON), PLATFORM);
    expect(s.scoreCp).toBe(400);
    expect(s.penaltyCp).toBe(200);
    expect(s.explanation.formula).toBe('650 ≥ 300 → 4.00; 偏离度 ≥ 30% → 总分扣 2.00');
  });

  it('exactly 130% deviates; 129.67% does not', () => {
    expect(score(row('300人次', 400, n(390), REASON), PLATFORM).penaltyCp).toBe(200);
    expect(score(row('300人次', 400, n(389), REASON), PLATFORM).penaltyCp).toBe(0);
    expect(score(row('≥90%', 300, n(117), REASON), PLATFORM).penaltyCp).toBe(200); // 117/90 = 1.3
  });

  it('[U] a shortfall of 30% or more is not penalised (it already loses points by the ratio)', () => {
    const s = score(row('不少于800人次', 400, n(400)), PLATFORM);
    expect(s.scoreCp).toBe(200);
    expect(s.penaltyCp).toBe(0);
  });

  it('not in the default or alternative profile', () => {
    expect(score(row('300人次', 400, n(650), REASON), DEFAULT).penaltyCp).toBe(0);
    expect(score(row('300人次', 400, n(650), REASON), ALT).penaltyCp).toBe(0);
  });

  it('not for reverse, zero-target or invalid rows', () => {
    expect(score(row('≤20万元', 500, n(5)), PLATFORM).penaltyCp).toBe(0);
    // 30 of ≤20 is 50% off the limit, but the wrong way: R1 already scores it 2.50.
    const overspent = score(row('≤20万元', 500, n(30)), PLATFORM);
    expect(overspent.ratio).toBe(1.5);
    expect(overspent.penaltyCp).toBe(0);
    expect(overspent.explanation.formula).toBe('(1−(30−20)/20)×5.00 = 2.50');
    expect(score(row('>0次', 400, n(50)), PLATFORM).penaltyCp).toBe(0);
    const invalid = score(row('300人次', 400, n(650), { ...REASON, adjustment: { scoreCp: 300, reason: '' } }), PLATFORM);
    expect(invalid.status).toBe('invalid');
    expect(invalid.penaltyCp).toBe(0);
  });

  it('a row without its over-achievement reason is still scored, so it is still penalised', () => {
    expect(score(row('300人次', 400, n(650)), PLATFORM).penaltyCp).toBe(200);
  });

  it('uses the profile numbers', () => {
    const harsh: RuleSet = { ...PLATFORM, deviationPenalty: { ratio: 0.5, pointsCp: 350 } };
    expect(score(row('300人次', 400, n(449), REASON), harsh).penaltyCp).toBe(0);
    const s = score(row('300人次', 400, n(450), REASON), harsh);
    expect(s.penaltyCp).toBe(350);
    expect(s.explanation.formula).toBe('450 ≥ 300 → 4.00; 偏离度 ≥ 50% → 总分扣 3.50');
  });
});

describe('PROBLEM_CLASS', () => {
  it('everything but missingActual, overReason and naWeighted voids the score', () => {
    const invalid = Object.entries(PROBLEM_CLASS).filter(([, c]) => c === 'invalid').map(([k]) => k).sort();
    expect(invalid).toEqual([
      'actualKind', 'adjustmentRange', 'adjustmentReason', 'badActual', 'badDate', 'badTarget', 'bandRange',
      'deductionInvalid', 'deductionNotOver', 'deductionReason', 'deductionTooLarge', 'noDueDate', 'noWeight', 'plannedDuration',
    ]);
  });
});
