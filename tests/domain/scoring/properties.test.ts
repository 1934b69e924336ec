import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gradeOf } from '@/domain/scoring/grade';
import { scoreIndicator } from '@/domain/scoring/indicator';
import { scorePlan } from '@/domain/scoring/plan';
import { bandRange } from '@/domain/scoring/qualitative';
import { mulDivHalfUp, roundHalfUpCp } from '@/domain/scoring/rounding';
import type { Grade, IndicatorScoreInput, RuleSet, ScoreActual, ScoreBand } from '@/domain/scoring/types';
import type { TargetSpec } from '@/domain/targets/types';
import { ALT, CTX, DEFAULT, PLATFORM } from './fixtures';

/** Property tests over generated plans; a fixed seed keeps every run (and every failure) reproducible. */
const RUNS = { seed: 42, numRuns: 300 };
/** 300 generated plans take well under a second alone; allow for a loaded machine (CI, mutation testing). */
const SLOW = { timeout: 60_000 };
const PROFILES: RuleSet[] = [DEFAULT, ALT, PLATFORM];

const DAY = 86_400_000;
const iso = (dayOf2022: number) => new Date(Date.UTC(2022, 0, 1) + dayOf2022 * DAY).toISOString().slice(0, 10);
/** Decimals with two places, the precision targets and actuals are written with. */
const dec = (max: number) => fc.integer({ min: 0, max: max * 100 }).map((x) => x / 100);
const BANDS: ScoreBand[] = ['achieved', 'partial', 'notAchieved'];

/** A row without its weight; `actualFor(w)` because an evaluator's band score depends on the weight. */
interface RowShape {
  target: TargetSpec;
  actualFor: (w: number) => ScoreActual;
  plannedStart?: string;
}

const quantitative: fc.Arbitrary<RowShape> = fc
  .record({
    op: fc.constantFrom('GE', 'GT', 'EQ', 'LE', 'LT') as fc.Arbitrary<TargetSpec['op']>,
    t: fc.oneof(fc.constant(0), dec(2000)),
    // Either any actual or a multiple of the target, so exact hits, 1.2×, 1.3× and 2× come up often.
    a: fc.oneof(dec(5000).map((v) => ({ v })), fc.integer({ min: 0, max: 300 }).map((pct) => ({ pct }))),
  })
  .map(({ op, t, a }) => {
    const value = 'v' in a ? a.v : Math.round(t * a.pct) / 100;
    return { target: { op, value: t, unit: '次' }, actualFor: () => ({ kind: 'number' as const, value }) };
  });

const ranged: fc.Arbitrary<RowShape> = fc.record({ min: dec(100), span: dec(100), a: dec(300) }).map(({ min, span, a }) => ({
  target: { op: 'RANGE', value: min, max: Math.round((min + span) * 100) / 100, unit: '%' },
  actualFor: () => ({ kind: 'number', value: a }),
}));

const dated: fc.Arbitrary<RowShape> = fc
  .record({
    due: fc.integer({ min: 30, max: 364 }),
    done: fc.option(fc.integer({ min: 0, max: 800 }), { nil: null }),
    start: fc.option(fc.integer({ min: 0, max: 29 }), { nil: undefined }),
  })
  .map(({ due, done, start }) => ({
    target: { op: 'DATE_BY', date: iso(due), unit: '' },
    actualFor: () => ({ kind: 'date', done: done === null ? null : iso(done) }),
    ...(start === undefined ? {} : { plannedStart: iso(start) }),
  }));

const qualitative: fc.Arbitrary<RowShape> = fc
  .record({ band: fc.constantFrom(...BANDS), pick: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }) })
  .map(({ band, pick }) => ({
    target: { op: 'QUAL', text: '有效提升', unit: '' },
    actualFor: (w: number): ScoreActual => {
      if (pick === undefined) return { kind: 'band', band };
      const r = bandRange(band, w);
      return { kind: 'band', band, scoreCp: r.min + Math.floor(pick * (r.max - r.min)) };
    },
  }));

const applicable = fc.oneof(quantitative, quantitative, ranged, dated, qualitative);

interface GeneratedPlan {
  inputs: IndicatorScoreInput[];
  budget: { initialFen: number; fullFen: number; executedFen: number; weightCp: number };
  naWeightCp: number;
}

/**
 * A plan whose weights add up to exactly 100: the budget takes 0/10/20, NA rows may carry a few points, and the
 * applicable rows share the rest in proportion to random parts (remainder to the first), each > 0.
 */
const plans: fc.Arbitrary<GeneratedPlan> = fc
  .record({
    rows: fc.array(fc.record({ shape: applicable, part: fc.integer({ min: 1, max: 100 }), level1: fc.constantFrom('产出', '效益', '满意度') }), {
      minLength: 1,
      maxLength: 12,
    }),
    na: fc.array(fc.integer({ min: 0, max: 500 }), { maxLength: 3 }),
    budgetWeightCp: fc.constantFrom(0, 1000, 2000),
    fullFen: fc.integer({ min: 1, max: 10_000_000_000 }),
    executedPermille: fc.integer({ min: 0, max: 1200 }),
  })
  .map(({ rows, na, budgetWeightCp, fullFen, executedPermille }) => {
    const naWeightCp = na.reduce((s, x) => s + x, 0);
    const rest = 10000 - budgetWeightCp - naWeightCp;
    const parts = rows.reduce((s, r) => s + r.part, 0);
    const weights = rows.map((r) => Math.floor((r.part * rest) / parts));
    weights[0]! += rest - weights.reduce((s, x) => s + x, 0);
    const inputs: IndicatorScoreInput[] = rows.map((r, i) => ({
      id: `g${i}`,
      name: `指标${i}`,
      level1: r.level1,
      level2: '二级',
      target: r.shape.target,
      weightCp: weights[i]!,
      actual: r.shape.actualFor(weights[i]!),
      deviationReason: '说明',
      ...(r.shape.plannedStart === undefined ? {} : { plannedStart: r.shape.plannedStart }),
    }));
    na.forEach((w, i) =>
      inputs.push({ id: `na${i}`, name: '不适用', level1: '效益', level2: '二级', target: { op: 'NA', unit: '' }, weightCp: w, actual: { kind: 'missing' } }),
    );
    const executedFen = Math.floor((fullFen * executedPermille) / 1000);
    return { inputs, budget: { initialFen: fullFen, fullFen, executedFen, weightCp: budgetWeightCp }, naWeightCp };
  });

const profile = fc.constantFrom(...PROFILES);

describe('properties of generated plans (fast-check, seed 42)', SLOW, () => {
  it('every row scores within [0, w] in whole centi-points (no adjustments or deductions)', () => {
    fc.assert(
      fc.property(plans, profile, (plan, rules) => {
        for (const r of scorePlan(plan.inputs, plan.budget, rules, CTX).rows) {
          if (r.status === 'na') continue;
          expect(r.status).toBe('scored');
          expect(Number.isInteger(r.scoreCp)).toBe(true);
          expect(r.scoreCp).toBe(r.ruleScoreCp);
          expect(r.scoreCp!).toBeGreaterThanOrEqual(0);
          expect(r.scoreCp!).toBeLessThanOrEqual(r.weightCp!);
        }
      }),
      RUNS,
    );
  });

  it('raw total = Σ rounded row scores + budget score; groups add up to the rows', () => {
    fc.assert(
      fc.property(plans, profile, (plan, rules) => {
        const card = scorePlan(plan.inputs, plan.budget, rules, CTX);
        const rowSum = card.rows.reduce((s, r) => s + (r.scoreCp ?? 0), 0);
        expect(card.rawTotalCp).toBe(rowSum + card.budget.scoreCp);
        expect(card.groups.reduce((s, g) => s + g.scoreCp, 0)).toBe(rowSum);
        expect(card.groups.reduce((s, g) => s + g.rows.length, 0)).toBe(card.rows.length);
        expect(card.budget.scoreCp).toBeGreaterThanOrEqual(0);
        expect(card.budget.scoreCp).toBeLessThanOrEqual(plan.budget.weightCp);
      }),
      RUNS,
    );
  });

  it('total = min(cap, max(0, rescaled raw − penalty)), rescaled = raw × 100/(100 − Σw_NA) half-up', () => {
    fc.assert(
      fc.property(plans, profile, (plan, rules) => {
        const card = scorePlan(plan.inputs, plan.budget, rules, CTX);
        const na = plan.naWeightCp;
        expect(card.naRescale?.naWeightCp ?? 0).toBe(na);
        // Small integers: float arithmetic is exact here, and Math.round is half-up for positives.
        const rescaled = na > 0 ? Math.round((card.rawTotalCp * 10000) / (10000 - na)) : card.rawTotalCp;
        const penalty = card.rows.reduce((s, r) => s + r.penaltyCp, 0);
        expect(card.penaltyCp).toBe(penalty);
        expect(penalty % 200).toBe(0);
        if (rules.deviationPenalty === null) expect(penalty).toBe(0);
        const capCp = rules.budgetCaps.filter((c) => card.budget.rate !== null && card.budget.rate < c.belowRate).map((c) => c.maxTotalCp);
        expect(card.cap?.maxTotalCp ?? null).toBe(capCp.length ? Math.min(...capCp) : null);
        expect(card.totalCp).toBe(Math.min(Math.max(0, rescaled - penalty), ...capCp));
        expect(card.grade).toBe(gradeOf(card.totalCp, rules.grades));
      }),
      RUNS,
    );
  });

  it('100 stays the maximum with 不适用 points rescaled; every such plan is complete', () => {
    fc.assert(
      fc.property(plans, profile, (plan, rules) => {
        const card = scorePlan(plan.inputs, plan.budget, rules, CTX);
        expect(card.totalCp).toBeLessThanOrEqual(10000);
        expect(card.totalCp).toBeGreaterThanOrEqual(0);
        expect(card.complete).toBe(true);
        if (rules.deviationPenalty === null && rules.budgetCaps.length === 0) expect(card.totalCp).toBeGreaterThanOrEqual(card.rawTotalCp);
      }),
      RUNS,
    );
  });

  it('full marks everywhere make exactly 100.00 whatever the NA points', () => {
    fc.assert(
      fc.property(plans, (plan) => {
        const full = { target: { op: 'GE', value: 10, unit: '次' }, actual: { kind: 'number', value: 10 } } as const;
        const perfect = plan.inputs.map((i) => (i.target.op === 'NA' ? i : { ...i, ...full }));
        const card = scorePlan(perfect, { ...plan.budget, executedFen: plan.budget.fullFen }, DEFAULT, CTX);
        expect(card.totalCp).toBe(10000);
      }),
      RUNS,
    );
  });
});

describe('properties of single rules', SLOW, () => {
  const score = (target: TargetSpec, value: number, w: number, rules: RuleSet = DEFAULT) =>
    scoreIndicator(
      { id: 'p', name: 'p', level1: '产出', level2: '数量', target, weightCp: w, actual: { kind: 'number', value }, deviationReason: 'x' },
      rules,
      CTX,
    ).scoreCp!;
  const w = fc.integer({ min: 1, max: 10000 });
  const t = dec(2000).filter((x) => x > 0);

  it('positive scores never fall as the actual rises; reverse scores never rise', () => {
    fc.assert(
      fc.property(t, dec(5000), dec(5000), w, (tv, a1, a2, wv) => {
        const [lo, hi] = a1 <= a2 ? [a1, a2] : [a2, a1];
        const ge: TargetSpec = { op: 'GE', value: tv, unit: '次' };
        const le: TargetSpec = { op: 'LE', value: tv, unit: '次' };
        expect(score(ge, lo, wv)).toBeLessThanOrEqual(score(ge, hi, wv));
        expect(score(le, lo, wv)).toBeGreaterThanOrEqual(score(le, hi, wv));
        expect(score(le, lo, wv, ALT)).toBeGreaterThanOrEqual(score(le, hi, wv, ALT));
      }),
      RUNS,
    );
  });

  it('R2 is never harsher than R1 (t/a ≥ 2 − a/t)', () => {
    fc.assert(
      fc.property(t, dec(5000), w, (tv, a, wv) => {
        const le: TargetSpec = { op: 'LE', value: tv, unit: '次' };
        expect(score(le, a, wv, ALT)).toBeGreaterThanOrEqual(score(le, a, wv, DEFAULT));
      }),
      RUNS,
    );
  });

  it('band defaults sit inside their own band for weights of 1 point and more', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 10000 }), fc.constantFrom(...BANDS), (wv, b) => {
        const input: IndicatorScoreInput = {
          id: 'q',
          name: 'q',
          level1: '效益',
          level2: '社会效益',
          target: { op: 'QUAL', unit: '' },
          weightCp: wv,
          actual: { kind: 'band', band: b },
        };
        const s = scoreIndicator(input, DEFAULT, CTX);
        const r = bandRange(b, wv);
        expect(s.scoreCp!).toBeGreaterThanOrEqual(r.min);
        expect(s.scoreCp!).toBeLessThanOrEqual(r.max);
      }),
      RUNS,
    );
  });

  it('the three bands tile [0, w] without gap or overlap', () => {
    fc.assert(
      fc.property(fc.integer({ min: 10, max: 10000 }), (wv) => {
        const [a, p, n] = [bandRange('achieved', wv), bandRange('partial', wv), bandRange('notAchieved', wv)];
        expect(n.min).toBe(0);
        expect(p.min).toBe(n.max + 1);
        expect(a.min).toBe(p.max + 1);
        expect(a.max).toBe(wv);
        expect(a.min * 5).toBeGreaterThanOrEqual(4 * wv); // ≥ 0.8w
        expect((a.min - 1) * 5).toBeLessThan(4 * wv);
        expect(p.min * 5).toBeGreaterThanOrEqual(3 * wv); // ≥ 0.6w
        expect((p.min - 1) * 5).toBeLessThan(3 * wv);
      }),
      RUNS,
    );
  });
});

describe('properties of rounding and grades', SLOW, () => {
  it('roundHalfUpCp(k + d/10) = k + (d ≥ 5 ? 1 : 0)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 9 }), (k, d) => {
        expect(roundHalfUpCp(k + d / 10)).toBe(k + (d >= 5 ? 1 : 0));
        expect(roundHalfUpCp(-(k + d / 10))).toBe(-(k + (d >= 5 ? 1 : 0)) + 0);
      }),
      RUNS,
    );
  });

  it('mulDivHalfUp(a, b, d) is the unique r with r − ½ ≤ ab/d < r + ½', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 1, max: 100_000 }), (a, b, d) => {
        const r = mulDivHalfUp(a, b, d);
        expect(2 * d * r).toBeLessThanOrEqual(2 * a * b + d);
        expect(2 * a * b + d).toBeLessThan(2 * d * (r + 1));
      }),
      RUNS,
    );
  });

  it('grades never fall as the total rises, for any ordered bands', () => {
    const rank: Record<Grade, number> = { poor: 0, fair: 1, good: 2, excellent: 3 };
    const bands = fc.uniqueArray(fc.integer({ min: 1, max: 10000 }), { minLength: 3, maxLength: 3 }).map((xs) => {
      const [fairCp, goodCp, excellentCp] = [...xs].sort((x, y) => x - y) as [number, number, number];
      return { excellentCp, goodCp, fairCp };
    });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10000 }), fc.integer({ min: 0, max: 10000 }), bands, (x, y, b) => {
        const [lo, hi] = x <= y ? [x, y] : [y, x];
        expect(rank[gradeOf(lo, b)]).toBeLessThanOrEqual(rank[gradeOf(hi, b)]);
        expect(gradeOf(b.excellentCp, b)).toBe('excellent');
        expect(gradeOf(b.excellentCp - 1, b)).toBe('good');
        expect(gradeOf(b.fairCp - 1, b)).toBe('poor');
      }),
      RUNS,
    );
  });
});
