/** Self-evaluation scoring engine (绩效自评, domain.md §4, §9): pure functions, centi-points, exact rounding. */
export * from './types';
export { RULE_NAMES, RULE_SETS, explain, ruleOf, ruleSetById } from './rule-sets';
export { denoise, mulDivHalfUp, roundHalfUpCp } from './rounding';
export { DEFAULT_GRADE_BANDS, GRADE_LABELS, gradeOf } from './grade';
export { BAND_LABELS, bandRange, bandText } from './qualitative';
export { PROBLEM_CLASS, scoreIndicator } from './indicator';
export { scoreBudget } from './budget';
export { scorePlan } from './plan';
