import { describe, expect, it } from 'vitest';
import { seededStores } from '../fixtures/stores';
import { submittedRound } from '../fixtures/rounds';
import { createPlan, listPlans } from '@/db/repositories/plans';
import { useMonitoringOverviewStore } from '@/stores/monitoring-overview';

/**
 * The monitoring overview is the manager's view of the current plan's unit and year: another unit's plans of the same
 * year (a district keeps 200 units in one browser) and this unit's plans of another year stay out, with their rounds;
 * this unit's rounds follow live.
 */
describe('monitoring overview store', () => {
  it('lists the current unit’s plans of the year and their rounds, not another unit’s', async () => {
    const plans = await seededStores();
    const mine = (await listPlans()).filter((p) => p.year === 2022);
    const other = await createPlan({ unitId: 'another-unit', year: 2022, kind: 'project', name: '他单位项目', goal: '', budgetFen: 100_000 });
    await createPlan({ unitId: plans.currentPlan!.unitId, year: 2023, kind: 'project', name: '明年项目', goal: '', budgetFen: 100_000 });
    await submittedRound(other.id);
    const overview = useMonitoringOverviewStore();
    await expect.poll(() => overview.overview.length).toBe(mine.length);
    expect(overview.overview.map((e) => e.plan.id).sort()).toEqual(mine.map((p) => p.id).sort());
    expect(overview.yearRounds).toEqual([]);

    const unitPlan = mine.find((p) => p.seedKey === 'yantian-2022/unit')!;
    const round = await submittedRound(unitPlan.id);
    await expect.poll(() => overview.yearRounds.map((r) => r.id)).toEqual([round.id]);

    // Another unit's plan made current: its own unit's plans of the year, one here.
    plans.select(other.id);
    await expect.poll(() => overview.overview.map((e) => e.plan.id)).toEqual([other.id]);
    expect(overview.yearRounds.map((r) => r.planId)).toEqual([other.id]);
    overview.$dispose();
  });
});
