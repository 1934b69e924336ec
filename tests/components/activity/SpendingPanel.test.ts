import { beforeEach, describe, expect, it } from 'vitest';
import SpendingPanel from '@/components/activity/SpendingPanel.vue';
import { seedIfEmpty } from '@/db/repositories/seed';
import { listBudgetLines, listPlans } from '@/db/repositories/plans';
import { addSpending } from '@/db/repositories/spending';
import { freshDb } from '../../fixtures/db';
import { mountWithApp, until } from '../../fixtures/mount';

beforeEach(async () => {
  localStorage.clear();
  await freshDb();
  await seedIfEmpty();
});

describe('SpendingPanel', () => {
  it('says it shows the latest 6 of N, shows all on request, and names each row’s fund source and recorder', async () => {
    const plan = (await listPlans()).find((p) => p.seedKey === 'yantian-2022/unit')!;
    localStorage.setItem('jixiao.planId', plan.id);
    const [line] = await listBudgetLines(plan.id);
    for (let m = 1; m <= 8; m++) {
      await addSpending(plan.id, { budgetLineId: line!.id, source: m === 8 ? 'carryover' : 'fiscal', date: `2022-0${m}-10`, amountFen: m * 100, note: '', recordedBy: '张三' });
    }
    const w = mountWithApp(SpendingPanel, { props: { year: 2022, defaultDate: '2022-12-31' } });
    await until(() => w.findAll('[data-test=spending-row]').length === 6);
    expect(w.get('[data-test=spending-count]').text()).toContain('最近 6 条，共 8 条');
    const first = w.findAll('[data-test=spending-row]')[0]!;
    expect(first.get('.sp-name').attributes('title')).toBe(line!.name);
    expect(first.get('.sp-meta').text()).toBe('上年结转 · 张三');
    await w.get('[data-test=spending-all]').trigger('click');
    expect(w.findAll('[data-test=spending-row]')).toHaveLength(8);
    expect(w.get('[data-test=spending-all]').attributes('aria-expanded')).toBe('true');
  });
});
