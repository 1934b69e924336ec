import { beforeEach, describe, expect, it } from 'vitest';
import PlanSwitcher from '@/components/plan/PlanSwitcher.vue';
import { usePlansStore } from '@/stores/plans';
import { seedIfEmpty } from '@/db/repositories/seed';
import { listPlans } from '@/db/repositories/plans';
import { planSearchIndex, searchPlans } from '@/domain/plan-search';
import { freshDb } from '../../fixtures/db';
import { addProjectPlans } from '../../fixtures/plans';
import { mountWithApp, until } from '../../fixtures/mount';

/** The plan picker in the app bar: a searchable combobox that stays usable with hundreds of plans. */

beforeEach(async () => {
  localStorage.clear();
  await freshDb();
  await seedIfEmpty();
});

/** 120 more 2022 project plans of the seed's unit (疗休养 1…120). */
const manyPlans = () => addProjectPlans(120);

async function mountPicker() {
  const w = mountWithApp(PlanSwitcher);
  await until(() => w.find('[data-test=plan]').exists());
  return w;
}

describe('PlanSwitcher', () => {
  it('is a combobox with a listbox of the current year plans, the current plan in the box', async () => {
    const w = await mountPicker();
    const input = w.get('[data-test=plan]');
    expect(input.attributes('role')).toBe('combobox');
    expect(input.attributes('aria-expanded')).toBe('false');
    expect((input.element as HTMLInputElement).value).toBe(usePlansStore().currentPlan!.name);
    await input.trigger('focus');
    expect(input.attributes('aria-expanded')).toBe('true');
    expect(w.get('[data-test=plan-list]').attributes('role')).toBe('listbox');
    const options = w.findAll('[data-test=plan-option]');
    expect(options.length).toBe((await listPlans()).filter((p) => p.year === 2022).length);
    expect(options.every((o) => o.attributes('role') === 'option')).toBe(true);
    // The unit's 整体 plan first, as the old select listed it.
    expect(options[0]!.text()).toContain('整体支出');
    w.unmount();
  });

  it('filters by typed name or pinyin initials; ↓ and Enter open the match, Esc goes back to the current plan', async () => {
    const w = await mountPicker();
    const store = usePlansStore();
    const before = store.currentPlan!.id;
    const input = w.get('[data-test=plan]');
    await input.trigger('focus');
    await input.setValue('rcywjf'); // 日常业务经费
    const options = w.findAll('[data-test=plan-option]');
    expect(options.map((o) => o.find('.picker-name').text())).toEqual(['日常业务经费']);
    expect(input.attributes('aria-activedescendant')).toBe(options[0]!.attributes('id'));
    await input.trigger('keydown', { key: 'Enter' });
    expect(store.currentPlan!.name).toBe('日常业务经费');
    expect((input.element as HTMLInputElement).value).toBe('日常业务经费');
    expect(input.attributes('aria-expanded')).toBe('false');

    await input.trigger('focus');
    await input.setValue('不存在的计划');
    expect(w.get('[data-test=plan-list]').text()).toContain('没有匹配的计划');
    await input.trigger('keydown', { key: 'Escape' });
    expect((input.element as HTMLInputElement).value).toBe('日常业务经费');
    expect(store.currentPlan!.id).not.toBe(before);
    w.unmount();
  });

  it('with 120 more plans draws at most 50 matches and says how many more; arrows move the active option', async () => {
    await manyPlans();
    const w = await mountPicker();
    await until(() => usePlansStore().plans.length > 120);
    const input = w.get('[data-test=plan]');
    await input.trigger('focus');
    await input.setValue('疗休养');
    expect(w.findAll('[data-test=plan-option]')).toHaveLength(50);
    expect(w.get('[data-test=plan-more]').text()).toBe('还有 70 个 — 请细化搜索');
    await input.trigger('keydown', { key: 'ArrowDown' });
    await input.trigger('keydown', { key: 'ArrowDown' });
    const active = w.findAll('[data-test=plan-option]')[2]!;
    expect(active.attributes('aria-selected')).toBe('true');
    await input.trigger('keydown', { key: 'ArrowUp' });
    await input.trigger('keydown', { key: 'ArrowUp' });
    await input.trigger('keydown', { key: 'ArrowUp' });
    expect(w.findAll('[data-test=plan-option]')[49]!.attributes('aria-selected')).toBe('true');
    // A more precise search finds one of those not drawn.
    await input.setValue('职工疗休养117');
    await w.get('[data-test=plan-option]').trigger('mousedown');
    expect(usePlansStore().currentPlan!.name).toBe('职工疗休养117');
    w.unmount();
  });
});

describe('searchPlans', () => {
  const plans = [
    { id: 'a', name: '职工疗休养', year: 2023, kind: 'project' as const, unitName: '盐田区总工会' },
    { id: 'b', name: '整体支出', year: 2023, kind: 'unit' as const, unitName: '盐田区总工会' },
    { id: 'c', name: '职工疗休养', year: 2022, kind: 'project' as const, unitName: '盐田区总工会' },
    { id: 'd', name: '垃圾分类', year: 2023, kind: 'project' as const, unitName: '城管局' },
  ];
  const index = planSearchIndex(plans);
  const ids = (q: string, limit = 50, year?: number) => searchPlans(index, q, limit, year).matches.map((p) => p.id);

  it('every word must match name, unit, year or pinyin initials; newest year first, 整体 first', () => {
    expect(ids('')).toEqual(['b', 'd', 'a', 'c']);
    expect(ids('lxy')).toEqual(['a', 'c']);
    expect(ids('2022 lxy')).toEqual(['c']);
    expect(ids('cgj')).toEqual(['d']);
    expect(ids('总工会 整体')).toEqual(['b']);
    expect(ids('LXY')).toEqual(['a', 'c']);
  });

  it('keeps to a year when asked and counts what it leaves out', () => {
    expect(ids('', 50, 2022)).toEqual(['c']);
    expect(searchPlans(index, '', 2)).toEqual({ matches: [plans[1], plans[3]], more: 2 });
  });
});
