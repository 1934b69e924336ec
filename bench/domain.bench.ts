import { bench, describe } from 'vitest';
import { actualAsOf, bucketize } from '@/domain/actuals/aggregate';
import { planProgress } from '@/domain/monitoring/plan-progress';
import { parseTarget } from '@/domain/targets/parse';
import { buildTree } from '@/domain/targets/tree';
import type { ActivityEntry, IndicatorRollup } from '@/domain/actuals/types';
import type { IndicatorNode } from '@/domain/model';

// A district-sized plan: 500 三级 indicators under 3 × 10 groups, each with a year of daily buckets.
const now = '2022-01-01T00:00:00Z';
function district(n: number) {
  const nodes: IndicatorNode[] = [];
  const base = { createdAt: now, updatedAt: now, rev: 1, planId: 'p', weightCp: 100 };
  for (let a = 0; a < 3; a++) {
    nodes.push({ ...base, id: `l1-${a}`, parentId: null, level: 1, name: ['产出', '效益', '满意度'][a]!, order: a });
    for (let b = 0; b < 10; b++) nodes.push({ ...base, id: `l2-${a}-${b}`, parentId: `l1-${a}`, level: 2, name: `二级${b}`, order: b });
  }
  const target = parseTarget('不少于800人次').spec;
  for (let i = 0; i < n; i++) {
    nodes.push({ ...base, id: `l3-${i}`, parentId: `l2-${i % 3}-${i % 10}`, level: 3, name: `指标${i}人次`, order: i, targetText: '不少于800人次', target });
  }
  return nodes;
}
function year(): IndicatorRollup['days'] {
  const days: IndicatorRollup['days'] = {};
  for (let m = 1; m <= 12; m++) for (let d = 1; d <= 28; d += 1) days[`2022-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`] = { n: 1, amount: 3, amountFen: 0, numerator: 0, denominator: 0 };
  return days;
}
const nodes500 = district(500);
const nodes10k = district(10_000);
const days = year();
const rollups500: IndicatorRollup[] = nodes500.filter((x) => x.level === 3).map((x) => ({ indicatorId: x.id, planId: 'p', days, updatedAt: now }));

const million: ActivityEntry[] = Array.from({ length: 1_000_000 }, (_, i) => ({
  id: `e${i}`, createdAt: now, updatedAt: now, rev: 1, planId: 'p', indicatorId: 'x',
  date: `2022-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`, amount: 1, note: '', recordedBy: 'a',
}));

describe('dashboard maths', () => {
  bench('planProgress: 500 indicators × a year of day buckets', () => {
    planProgress(nodes500, rollups500, '2022-07-31', 2022);
  });
  bench('actualAsOf: one indicator, 336 day buckets', () => {
    actualAsOf('count', days, '2022-07-31');
  });
  bench('buildTree: 10,000 indicators', () => {
    buildTree(nodes10k);
  }, { iterations: 10 });
});

describe('aggregation from raw entries (what rollups avoid on every read)', () => {
  bench('bucketize: 1,000,000 entries', () => {
    bucketize(million);
  }, { iterations: 5 });
});

describe('target parsing', () => {
  const samples = ['不少于800人次', '≥90%', '2022年12月31日前', '5000份', '不适用', '80%-90%', '控制在20万元以内', '有效提升'];
  bench('parseTarget × 8 notations', () => {
    for (const s of samples) parseTarget(s, { year: 2022 });
  });
});
