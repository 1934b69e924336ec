import { DEFAULT_RULE_SET_ID } from '../model';
import type { TargetSpec } from '../targets/types';
import { DEFAULT_GRADE_BANDS } from './grade';
import type { Explanation, RuleCode, RuleSet } from './types';

/**
 * The versioned rule sets a plan can be scored with (domain.md §7, §9). Bump `version` whenever a knob of a
 * published set changes, so a plan's recorded (id, version) still says how its scores were made.
 */

const common = {
  overRatio: 1.2,
  grades: DEFAULT_GRADE_BANDS,
  qualDefaults: Object.freeze({ achieved: 1, partial: 0.7, notAchieved: 0.3 }),
};

/** Frozen caps, so a published set cannot be changed through its array either. */
const caps = (list: RuleSet['budgetCaps']) => Object.freeze(list.map((c) => Object.freeze(c))) as RuleSet['budgetCaps'];

export const RULE_SETS: Readonly<Record<string, RuleSet>> = Object.freeze({
  /** §9 defaults: R1 reverse, D1 dates, manual deduction only, no budget cap. */
  'cn-2020-10': Object.freeze<RuleSet>({
    ...common,
    id: 'cn-2020-10',
    version: 1,
    name: '财预〔2020〕10号（默认）',
    reverse: 'R1',
    date: 'D1',
    deviationPenalty: null,
    budgetCaps: caps([]),
  }),
  /** The "also offered" column of §9: R2 (target/actual) and D2 (linear delay). */
  'cn-2020-10-alt': Object.freeze<RuleSet>({
    ...common,
    id: 'cn-2020-10-alt',
    version: 1,
    name: '财预〔2020〕10号（反向R2、时效D2）',
    reverse: 'R2',
    date: 'D2',
    deviationPenalty: null,
    budgetCaps: caps([]),
  }),
  /** §9 "一体化 platform" profile: −2 per row deviating ≥ 30%, total capped by a low 执行率. */
  'yitihua-platform': Object.freeze<RuleSet>({
    ...common,
    id: 'yitihua-platform',
    version: 1,
    name: '预算管理一体化平台',
    reverse: 'R1',
    date: 'D1',
    deviationPenalty: Object.freeze({ ratio: 0.3, pointsCp: 200 }),
    budgetCaps: caps([
      { belowRate: 0.8, maxTotalCp: 8900 },
      { belowRate: 0.7, maxTotalCp: 7900 },
      { belowRate: 0.6, maxTotalCp: 6900 },
      { belowRate: 0.5, maxTotalCp: 5900 },
    ]),
  }),
});

/** 'cn-2020-10-alt' → that set; 'unknown' → the default 'cn-2020-10' (a plan from a newer app still scores). */
export function ruleSetById(id: string): RuleSet {
  // Own keys only: 'toString' or 'constructor' (from a typed or imported id) must fall back, not find Object's own.
  return (Object.hasOwn(RULE_SETS, id) ? RULE_SETS[id] : undefined) ?? (RULE_SETS[DEFAULT_RULE_SET_ID] as RuleSet);
}

/** The name printed before every formula (domain.md §9: every score names its rule). */
export const RULE_NAMES: Readonly<Record<RuleCode, string>> = Object.freeze({
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

/**
 * GE/GT → positive; EQ → positive, or equalZero when t = 0 (FASP2 sign 3); LE/LT → reverseZero when t = 0, else
 * R1/R2 by the rule set; DATE_BY → D1/D2; QUAL → qualitative; NA → na (domain.md §2.3, §4.2).
 */
export function ruleOf(target: TargetSpec, rules: RuleSet): Exclude<RuleCode, 'budget'> {
  switch (target.op) {
    case 'NA':
      return 'na';
    case 'QUAL':
      return 'qualitative';
    case 'DATE_BY':
      return rules.date === 'D1' ? 'dateD1' : 'dateD2';
    case 'RANGE':
      return 'range';
    case 'EQ':
      return target.value === 0 ? 'equalZero' : 'positive';
    case 'LE':
    case 'LT':
      if (target.value === 0) return 'reverseZero';
      return rules.reverse === 'R1' ? 'reverseR1' : 'reverseR2';
    default:
      return 'positive';
  }
}

/** explain('positive', '720/800×4.00 = 3.60') → text '财预〔2020〕10号 定量正向: 720/800×4.00 = 3.60' */
export function explain(rule: RuleCode, formula: string): Explanation {
  const ruleName = RULE_NAMES[rule];
  return { rule, ruleName, formula, text: `${ruleName}: ${formula}` };
}
