import { describe, expect, it } from 'vitest';
import { planProgress, progressFromRows } from '@/domain/monitoring/plan-progress';
import { form, nodes, rollup, type EntrySpec, type LeafSpec } from '../../fixtures/monitoring';

/**
 * The dashboard gauges of a plan (per 一级 and overall): weighted achievement against the weighted expectation, the
 * gauge light by the FASP2 thresholds (q < 60% red, < 80% yellow, else green), the worst indicator light and the light
 * counts — with 不适用 rows that still carry points kept out of every figure.
 */

const JULY = '2022-07-31';

function progress(leaves: LeafSpec[], activity: Record<string, EntrySpec[]>, asOf = JULY) {
  return planProgress(nodes(leaves), Object.entries(activity).map(([id, list]) => rollup(id, list)), asOf, 2022);
}

/** A reading of `value` on "≥50%" fed by hand: achievement = value ÷ 50, compared directly (expected 1). */
const reading = (name: string, level1 = '产出'): LeafSpec => ({ name, target: '≥50%', measure: 'manual', level1 });
const at = (value: number): EntrySpec[] => [{ date: '2022-06-01', value }];

describe('gauge light: achievement ÷ expected against 60% and 80%, lower bounds inclusive', () => {
  it.each<[number, string]>([
    [20, 'red'], // q = 0.4
    [30, 'yellow'], // q = 0.6 exactly
    [35, 'yellow'], // q = 0.7
    [40, 'green'], // q = 0.8 exactly
    [50, 'green'], // q = 1
  ])('a reading of %s on ≥50% → %s', (value, gaugeLight) => {
    const p = progress([reading('r')], { r: at(value) });
    expect(p.groups[0]!.achievement).toBe(value / 50);
    expect(p.groups[0]!.expected).toBe(1);
    expect(p.groups[0]!.gaugeLight).toBe(gaugeLight);
    expect(p.overall.gaugeLight).toBe(gaugeLight);
  });

  it('nothing decidable yet → no gauge light', () => {
    const p = progress([{ name: 'rate', target: '≥90%' }], {});
    expect(p.groups[0]).toMatchObject({ achievement: null, gaugeLight: 'none', light: 'none' });
  });

  it('a count is judged against the time progress, not against the whole year: 400 of 800 at 7/12 → q = 85.7% → green', () => {
    const p = progress([{ name: 'c', target: '不少于800人次' }], { c: [{ date: '2022-03-01', amount: 400 }] });
    const g = p.groups[0]!;
    expect(g.achievement).toBe(0.5);
    expect(g.expected).toBe(7 / 12);
    expect(g.timeProgress).toBe(7 / 12);
    expect(g.gaugeLight).toBe('green');
  });
});

describe('expected progress of a group: weighted over the rows whose achievement is decided', () => {
  const read = (numerator: number): EntrySpec[] => [{ date: '2022-03-01', numerator, denominator: 100 }];

  it('rates and readings are expected in full at any cut-off, counts at the time progress; an unread rate is left out', () => {
    const p = progress(
      [
        { name: 'c', target: '不少于800人次', weightCp: 300 },
        { name: 'r', target: '≥90%', weightCp: 100, level1: '满意度' },
        { name: 'c2', target: '不少于10次', weightCp: 100 },
        { name: 'r2', target: '≥90%', weightCp: 300 },
        { name: 'unread', target: '≥90%', weightCp: 200 },
      ],
      { r: read(95), r2: read(95) },
    );
    expect(p.groups.map((g) => g.name)).toEqual(['产出', '满意度']);
    expect(p.groups[1]!.expected).toBe(1);
    expect(p.groups[0]!.expected).toBeCloseTo((300 * (7 / 12) + 100 * (7 / 12) + 300) / 700, 12);
    expect(p.overall.expected).toBeCloseTo((400 * (7 / 12) + 400) / 800, 12);
  });

  it('a group with nothing decided, or whose rows carry no points, is expected at the time progress', () => {
    expect(progress([{ name: 'r', target: '≥90%' }], {}).groups[0]!.expected).toBe(7 / 12);
    expect(progress([{ name: 'r', target: '≥90%', weightCp: null }], { r: read(95) }).groups[0]!.expected).toBe(7 / 12);
  });
});

describe('不适用 rows carrying points stay out of every gauge figure', () => {
  const leaves: LeafSpec[] = [
    { name: 'c', target: '不少于800人次', weightCp: 400 },
    { name: 'na', target: '不适用', weightCp: 400 },
    { name: 'naCount', target: '不适用', weightCp: 200, measure: 'count' },
  ];
  // Built inside each test (not at collection time) so mutation testing can tell which test covers what.
  const build = () => progress(leaves, { c: [{ date: '2022-03-01', amount: 400 }], naCount: [{ date: '2022-03-01', amount: 5 }] });

  it('the expectation is that of the applicable row alone', () => {
    const g = build().groups[0]!;
    expect(g.expected).toBe(7 / 12);
    expect(g.achievement).toBe(0.5);
  });
  it('they are not counted as lights, not even as "none"', () => {
    const p = build();
    expect(p.groups[0]!.counts).toEqual({ red: 0, yellow: 0, green: 1, blue: 0, none: 0 });
    expect(p.overall.counts).toEqual({ red: 0, yellow: 0, green: 1, blue: 0, none: 0 });
  });
  it('they are still listed, as not applicable', () => {
    expect(build().rows.map((r) => [r.node.name, r.assessment.status])).toEqual([
      ['c', 'onTrack'],
      ['na', 'na'],
      ['naCount', 'na'],
    ]);
  });
});

describe('group light = worst indicator light (domain.md §3.3)', () => {
  it('one red row makes the group red, whatever the gauge says', () => {
    const p = progress(
      [
        { name: 'ok', target: '不少于800人次', weightCp: 900 },
        { name: 'bad', target: '≥90%', weightCp: 100 },
      ],
      { ok: [{ date: '2022-03-01', amount: 500 }], bad: [{ date: '2022-03-01', numerator: 8, denominator: 10 }] },
    );
    expect(p.groups[0]!.light).toBe('red');
    expect(p.overall.light).toBe('red');
    expect(p.groups[0]!.gaugeLight).toBe('green');
    expect(p.groups[0]!.counts).toEqual({ red: 1, yellow: 0, green: 1, blue: 0, none: 0 });
  });
});

describe('progressFromRows: the same figures read from a submitted round', () => {
  const round = () => form({
    leaves: [
      { name: 'c', target: '不少于800人次', weightCp: 400 },
      { name: 'na', target: '不适用', weightCp: 300 },
      { name: 'rate', target: '≥90%', weightCp: 1000, level1: '满意度' },
      { name: 'onlyNa', target: '不适用', weightCp: 200, level1: '效益' },
    ],
    activity: { c: [{ date: '2022-03-01', amount: 400 }], rate: [{ date: '2022-03-01', numerator: 95, denominator: 100 }] },
  });


  it('keeps every row in form order, with what the round froze', () => {
    const f = round();
    const frozen = progressFromRows(f.rows, f.header.timeProgress);
    expect(frozen.rows.map((r) => r.node.name)).toEqual(['c', 'na', 'rate', 'onlyNa']);
    expect(frozen.rows.map((r) => r.level1)).toEqual(['产出', '产出', '满意度', '效益']);
    expect(frozen.rows[0]).toEqual({ node: f.rows[0]!.node, level1: '产出', level2: '数量指标', actual: f.rows[0]!.actual, assessment: f.rows[0]!.assessment });
  });

  it('groups by the rows’ 一级 names in order; a group weighs the sum of its applicable rows, none when it has none', () => {
    const f = round();
    const frozen = progressFromRows(f.rows, f.header.timeProgress);
    expect(frozen.groups.map((g) => [g.id, g.name, g.weightCp])).toEqual([
      ['产出', '产出', 400],
      ['满意度', '满意度', 1000],
      ['效益', '效益', null],
    ]);
  });

  it('achievement, expectation and lights per group and overall', () => {
    const f = round();
    const frozen = progressFromRows(f.rows, f.header.timeProgress);
    const [out, sat, benefit] = frozen.groups;
    expect(out).toMatchObject({ achievement: 0.5, expected: 7 / 12, timeProgress: 7 / 12, gaugeLight: 'green', light: 'green' });
    expect(sat).toMatchObject({ achievement: 1, expected: 1, gaugeLight: 'green', light: 'green' });
    expect(benefit).toMatchObject({ achievement: null, expected: 7 / 12, gaugeLight: 'none', light: 'none' });
    expect(benefit!.counts).toEqual({ red: 0, yellow: 0, green: 0, blue: 0, none: 0 });
    expect(frozen.overall.achievement).toBeCloseTo((0.5 * 400 + 1000) / 1400, 12);
    expect(frozen.overall.counts).toEqual({ red: 0, yellow: 0, green: 2, blue: 0, none: 0 });
  });
});
