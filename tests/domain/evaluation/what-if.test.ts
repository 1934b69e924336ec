import { describe, expect, it } from 'vitest';
import { whatIfScore } from '@/domain/evaluation/what-if';
import { RULE_SETS } from '@/domain/scoring/rule-sets';
import type { RuleSet } from '@/domain/scoring/types';
import { line, nodes, rollup, spent, type EntrySpec, type LeafSpec } from '../../fixtures/monitoring';

/**
 * "If the year ended at today's pace" (what-if.ts): counts and money at their linear forecast, rates and surveys at
 * their current value, deadlines not yet due counted on time, and the budget at its linear execution forecast.
 */

const RULES = RULE_SETS['cn-2020-10'] as RuleSet;
const COUNT: LeafSpec = { name: '服务职工人次', target: '不少于800人次', weightCp: 4000 };
const DEADLINE: LeafSpec = { name: '各项工作完成时间', target: '2022年12月31日前', level2: '时效指标', weightCp: 3000 };
const RATE: LeafSpec = { name: '宣传资料及时发放率', target: '≥90%', level2: '质量指标', weightCp: 2000 };

function whatIf(leaves: LeafSpec[], activity: Record<string, EntrySpec[]>, asOf: string, spending = [spent('2022-03-31', '4.65'), spent('2022-06-30', '4.65')]) {
  return whatIfScore(
    {
      plan: { name: '职工服务项目', kind: 'project', year: 2022, goal: '' },
      unit: null,
      lines: [line({ fiscal: '20' })],
      nodes: nodes(leaves),
      rollups: Object.entries(activity).map(([id, list]) => rollup(id, list)),
      spending,
    },
    asOf,
    RULES,
    1000,
  );
}

describe('whatIfScore halfway through the year (30 June, 6/12)', () => {
  const activity = {
    [COUNT.name]: [{ date: '2022-02-01', amount: 160 }, { date: '2022-06-30', amount: 200 }, { date: '2022-07-01', amount: 500 }],
    [RATE.name]: [{ date: '2022-05-01', numerator: 85, denominator: 100 }],
  };

  it('360 人次 → 720 for the year → 36.00; the pending deadline on time → 30.00; 85% → 18.89; budget 9.30 of 20 → 18.60 → 9.30', () => {
    const r = whatIf([COUNT, DEADLINE, RATE], activity, '2022-06-30');
    // 720/800×40 = 36.00, 30.00, 85/90×20 = 18.89, 18.6/20×10 = 9.30
    expect(r.totalCp).toBe(3600 + 3000 + 1889 + 930);
    expect(r.grade).toBe('excellent');
    expect(r).toMatchObject({ scored: 3, unscored: 0 });
  });

  it('each part alone: only entries up to the day count, and the count is time-scaled while the rate is not', () => {
    expect(whatIf([{ ...COUNT, weightCp: 9000 }], activity, '2022-06-30', []).totalCp).toBe(8100); // 720/800×90
    expect(whatIf([{ ...RATE, weightCp: 9000 }], activity, '2022-06-30', []).totalCp).toBe(8500); // 85/90×90
    expect(whatIf([{ ...DEADLINE, weightCp: 9000 }], {}, '2022-06-30', []).totalCp).toBe(9000);
    // The budget alone: 9.30 万元 spent by 30 June of 20 → 18.60 forecast → 9.30.
    expect(whatIf([], {}, '2022-06-30').totalCp).toBe(930);
  });

  it('a deadline already missed scores as not done (0.3w); one done late as 部分达成 (0.7w)', () => {
    const early = { ...DEADLINE, target: '2022年3月31日前', weightCp: 9000 };
    expect(whatIf([early], {}, '2022-06-30', []).totalCp).toBe(2700);
    expect(whatIf([early], { [early.name]: [{ date: '2022-04-10', done: true }] }, '2022-06-30', []).totalCp).toBe(6300);
    expect(whatIf([early], { [early.name]: [{ date: '2022-03-20', done: true }] }, '2022-06-30', []).totalCp).toBe(9000);
  });

  it('a survey with nothing logged yet is left unscored and counted as such', () => {
    const survey: LeafSpec = { name: '服务职工满意度', target: '≥90%', level1: '满意度', level2: '服务对象满意度', weightCp: 1000 };
    const r = whatIf([COUNT, DEADLINE, RATE, survey], activity, '2022-06-30');
    expect(r).toMatchObject({ scored: 3, unscored: 1 });
    expect(r.totalCp).toBe(3600 + 3000 + 1889 + 930);
  });

  it('over-achievement at today\'s pace needs no explanation in a preview', () => {
    const r = whatIf([{ ...COUNT, weightCp: 9000 }], { [COUNT.name]: [{ date: '2022-03-01', amount: 600 }] }, '2022-06-30', []);
    expect(r.totalCp).toBe(9000);
    expect(r.scored).toBe(1);
  });
});
