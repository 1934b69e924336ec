import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_SET_ID } from '@/domain/model';
import { DEFAULT_GRADE_BANDS, GRADE_LABELS, gradeOf } from '@/domain/scoring/grade';
import { RULE_NAMES, RULE_SETS, explain, ruleOf, ruleSetById } from '@/domain/scoring/rule-sets';
import type { RuleSet } from '@/domain/scoring/types';
import { ALT, DEFAULT, PLATFORM, target } from './fixtures';

describe('RULE_SETS (domain.md §9)', () => {
  it('holds exactly the three published sets', () => {
    expect(Object.keys(RULE_SETS).sort()).toEqual(['cn-2020-10', 'cn-2020-10-alt', 'yitihua-platform']);
  });

  it('default cn-2020-10 v1: R1, D1, flag at 120%, manual deduction only, no cap', () => {
    expect(DEFAULT).toEqual({
      id: 'cn-2020-10',
      version: 1,
      name: '财预〔2020〕10号（默认）',
      reverse: 'R1',
      date: 'D1',
      overRatio: 1.2,
      deviationPenalty: null,
      budgetCaps: [],
      grades: { excellentCp: 9000, goodCp: 8000, fairCp: 6000 },
      qualDefaults: { achieved: 1, partial: 0.7, notAchieved: 0.3 },
    });
    expect(DEFAULT_RULE_SET_ID).toBe(DEFAULT.id);
  });

  it('alternative cn-2020-10-alt v1: R2 and D2, otherwise the defaults', () => {
    expect(ALT).toEqual({
      ...DEFAULT,
      id: 'cn-2020-10-alt',
      name: '财预〔2020〕10号（反向R2、时效D2）',
      reverse: 'R2',
      date: 'D2',
    });
  });

  it('一体化 platform v1: R1, D1, −2 per row deviating ≥ 30%, caps 89/79/69/59 below 80/70/60/50 %', () => {
    expect(PLATFORM).toEqual({
      ...DEFAULT,
      id: 'yitihua-platform',
      name: '预算管理一体化平台',
      deviationPenalty: { ratio: 0.3, pointsCp: 200 },
      budgetCaps: [
        { belowRate: 0.8, maxTotalCp: 8900 },
        { belowRate: 0.7, maxTotalCp: 7900 },
        { belowRate: 0.6, maxTotalCp: 6900 },
        { belowRate: 0.5, maxTotalCp: 5900 },
      ],
    });
  });

  it('is frozen all the way down, so no caller can change how every plan is scored', () => {
    expect(Object.isFrozen(RULE_SETS)).toBe(true);
    for (const r of Object.values(RULE_SETS)) {
      expect(Object.isFrozen(r)).toBe(true);
      expect(Object.isFrozen(r.budgetCaps)).toBe(true);
      expect(Object.isFrozen(r.grades)).toBe(true);
      expect(Object.isFrozen(r.qualDefaults)).toBe(true);
      r.budgetCaps.forEach((c) => expect(Object.isFrozen(c)).toBe(true));
    }
    expect(Object.isFrozen(PLATFORM.deviationPenalty)).toBe(true);
  });
});

describe('ruleSetById', () => {
  it('finds each set by id', () => {
    expect(ruleSetById('cn-2020-10')).toBe(DEFAULT);
    expect(ruleSetById('cn-2020-10-alt')).toBe(ALT);
    expect(ruleSetById('yitihua-platform')).toBe(PLATFORM);
  });
  it('falls back to the default for an unknown id', () => {
    expect(ruleSetById('cn-2030-1')).toBe(DEFAULT);
    expect(ruleSetById('')).toBe(DEFAULT);
  });
});

describe('ruleOf: the rule family comes from the operator (domain.md §2.3)', () => {
  it.each([
    ['不少于800人次', 'positive', 'positive'],
    ['>0次', 'positive', 'positive'],
    ['5000份', 'positive', 'positive'],
    ['0次', 'equalZero', 'equalZero'],
    ['≤20万元', 'reverseR1', 'reverseR2'],
    ['<5次', 'reverseR1', 'reverseR2'],
    ['≤0起', 'reverseZero', 'reverseZero'],
    ['80%-90%', 'range', 'range'],
    ['2022年12月31日前', 'dateD1', 'dateD2'],
    ['按时完成', 'dateD1', 'dateD2'],
    ['有效提升', 'qualitative', 'qualitative'],
    ['不适用', 'na', 'na'],
  ] as const)('%s → %s (default) / %s (alternative)', (raw, byDefault, byAlt) => {
    expect(ruleOf(target(raw), DEFAULT)).toBe(byDefault);
    expect(ruleOf(target(raw), ALT)).toBe(byAlt);
  });

  it('LT with a zero target is the zero-target reverse rule too', () => {
    expect(ruleOf({ op: 'LT', value: 0, unit: '起' }, DEFAULT)).toBe('reverseZero');
  });
});

describe('rule names and explanations (domain.md §9: every score names its rule)', () => {
  it('names every rule', () => {
    expect(RULE_NAMES).toEqual({
      positive: '财预〔2020〕10号 定量正向',
      equalZero: '定量等于零（FASP2 selfequalindex）',
      reverseR1: '反向R1（FASP2 selfreverseindex）',
      reverseR2: '反向R2（指标值/实际值）',
      reverseZero: '反向零目标',
      range: '区间指标',
      dateD1: '时效D1 三档',
      dateD2: '时效D2 线性',
      qualitative: '定性三档（FASP2 selfqualscorecheck）',
      na: '不适用',
      budget: '预算执行率',
    });
  });
  it('text = `${ruleName}: ${formula}`', () => {
    expect(explain('positive', '720/800×4.00 = 3.60')).toEqual({
      rule: 'positive',
      ruleName: '财预〔2020〕10号 定量正向',
      formula: '720/800×4.00 = 3.60',
      text: '财预〔2020〕10号 定量正向: 720/800×4.00 = 3.60',
    });
  });
});

describe('gradeOf (domain.md §4.8: 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 < 60, inclusive lower bounds)', () => {
  it.each([
    [10000, 'excellent'],
    [9000, 'excellent'],
    [8999, 'good'],
    [8000, 'good'],
    [7999, 'fair'],
    [6000, 'fair'],
    [5999, 'poor'],
    [0, 'poor'],
  ] as const)('%i cp → %s', (cp, grade) => {
    expect(gradeOf(cp, DEFAULT_GRADE_BANDS)).toBe(grade);
  });

  it('follows configured bands (vendor variant 优 ≥ 80 / 良 ≥ 70 / 中 ≥ 60)', () => {
    const vendor = { excellentCp: 8000, goodCp: 7000, fairCp: 6000 };
    expect(gradeOf(8000, vendor)).toBe('excellent');
    expect(gradeOf(7999, vendor)).toBe('good');
    expect(gradeOf(7000, vendor)).toBe('good');
    expect(gradeOf(6999, vendor)).toBe('fair');
    expect(gradeOf(5999, vendor)).toBe('poor');
  });

  it('labels 优 良 中 差', () => {
    expect(GRADE_LABELS).toEqual({ excellent: '优', good: '良', fair: '中', poor: '差' });
    expect(Object.isFrozen(GRADE_LABELS)).toBe(true);
  });

  it('every rule set grades with the default bands', () => {
    const sets: RuleSet[] = Object.values(RULE_SETS);
    sets.forEach((r) => expect(r.grades).toBe(DEFAULT_GRADE_BANDS));
  });
});
