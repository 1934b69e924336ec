import { describe, expect, it, vi } from 'vitest';
import { seededStores } from '../fixtures/stores';
import { submittedRound } from '../fixtures/rounds';
import { listPlans, updateUnit } from '@/db/repositories/plans';
import { useDistrictStore } from '@/stores/district';
import { useFiledStore } from '@/stores/filed';
import { loadSampleActivity } from '@/db/repositories/sample-activity';
import { finalisedEvaluation } from '../fixtures/evaluation-db';

// The reads pass through; their order is recorded (hoisted with the mock that fills it).
const reads = vi.hoisted(() => [] as string[]);
vi.mock('@/db/repositories/district', async (original) => {
  const real = await original<typeof import('@/db/repositories/district')>();
  return {
    ...real,
    loadDistrictFiled: async (...a: Parameters<typeof real.loadDistrictFiled>) => {
      reads.push('filed asked');
      const r = await real.loadDistrictFiled(...a);
      reads.push('filed answered');
      return r;
    },
    loadDistrictParts: (...a: Parameters<typeof real.loadDistrictParts>) => {
      reads.push('slice asked');
      return real.loadDistrictParts(...a);
    },
  };
});

/**
 * The district store takes the year's plans and units from the plans store and what each plan filed from the filed
 * table: a change to either reaches its rows — a renamed unit in every row, a round filed as the plan's light.
 */

describe('district store', () => {
  it('lists the year’s plans scored, then follows a unit rename and a filed round', async () => {
    const plans = await seededStores();
    const district = useDistrictStore();
    await expect.poll(() => district.rows.filter((r) => !r.pending).length).toBe(5);
    const unitPlan = (await listPlans()).find((p) => p.seedKey === 'yantian-2022/unit')!;
    expect(district.rows.find((r) => r.planId === unitPlan.id)).toMatchObject({ lightFrom: 'live', scoreFrom: 'whatIf' });

    const unit = plans.units[0]!;
    await updateUnit(unit.id, { name: '盐田区总工会（改名）' }, unit.rev);
    await expect.poll(() => district.rows.every((r) => r.unitName === '盐田区总工会（改名）')).toBe(true);

    const round = await submittedRound(unitPlan.id);
    await expect.poll(() => district.rows.find((r) => r.planId === unitPlan.id)).toMatchObject({ lightFrom: 'round', light: round.snapshot!.planLight, pending: false });
    district.$dispose();
  });

  it('shows every plan with its final score as it opens when the filed digests are kept, before any read', async () => {
    const plans = await seededStores();
    const unitPlan = (await listPlans()).find((p) => p.seedKey === 'yantian-2022/unit')!;
    await loadSampleActivity(unitPlan.id, '2023-01-10');
    const final = await finalisedEvaluation(unitPlan.id);
    // As start-up does: the current year's digests are kept, and live (the evaluation was finalised after).
    const filed = useFiledStore();
    filed.keep();
    await expect.poll(() => filed.filed?.evaluations.length).toBe(1);
    const district = useDistrictStore();
    // No await between creating the store and looking: the rows come from memory, not from IndexedDB.
    expect(district.rows.length).toBe(plans.plans.filter((p) => p.year === 2022).length);
    expect(district.rows.find((r) => r.planId === unitPlan.id)).toMatchObject({ scoreFrom: 'final', scoreCp: final.snapshot!.scorecard.totalCp });
    expect(district.loading).toBe(false);
    await expect.poll(() => district.progress).toBeNull();
    expect(district.rows.every((r) => !r.pending)).toBe(true);
    district.$dispose();
  });

  it('opened before the filed digests are kept, reads them before its first slice (they alone show every row)', async () => {
    await seededStores();
    reads.length = 0;
    const district = useDistrictStore();
    await expect.poll(() => district.rows.length > 0 && district.rows.every((r) => !r.pending)).toBe(true);
    expect(reads.indexOf('filed answered')).toBeGreaterThanOrEqual(0);
    expect(reads.indexOf('slice asked')).toBeGreaterThan(reads.indexOf('filed answered'));
    district.$dispose();
  });
});
