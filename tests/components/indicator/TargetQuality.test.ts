import { beforeEach, describe, expect, it } from 'vitest';
import { defineComponent, h } from 'vue';
import IndicatorEditor from '@/components/indicator/IndicatorEditor.vue';
import IndicatorRow from '@/components/indicator/IndicatorRow.vue';
import IndicatorTree from '@/components/indicator/IndicatorTree.vue';
import type { IndicatorNode } from '@/domain/model';
import { parseTarget } from '@/domain/targets/parse';
import { seedIfEmpty } from '@/db/repositories/seed';
import { listIndicators } from '@/db/repositories/indicators';
import { listPlans } from '@/db/repositories/plans';
import { useNotices } from '@/composables/useNotices';
import { freshDb } from '../../fixtures/db';
import { mountWithApp, until } from '../../fixtures/mount';

/** 质量提示 (issue #8 item 7): shown in the editor and on the row, and never in the way of saving. */

const node: IndicatorNode = {
  id: 'a', createdAt: '', updatedAt: '', rev: 1, planId: 'p', parentId: 'q', level: 3, order: 1,
  name: '职业化干部及工会组织员补贴发放人数', targetText: '≥30人', target: parseTarget('≥30人').spec, weightCp: 358,
};

const mountEditor = (n: IndicatorNode | null = node) => mountWithApp(IndicatorEditor, { props: { node: n, year: 2022 } });
type Saved = { targetText: string; target: { op: string; value?: number }; weightCp: number | null };
const saved = (w: ReturnType<typeof mountEditor>, i = 0) => (w.emitted('save')![i] as unknown as [Saved])[0];

describe('IndicatorEditor: quality hints', () => {
  it('a bare number shows "direction unclear" with both fixes, and still saves as typed', async () => {
    const w = mountEditor();
    expect(w.find('[data-test=quality]').exists()).toBe(false);
    await w.get('[data-test=target]').setValue('30人');
    const hints = w.get('[data-test=quality]');
    expect(hints.text()).toContain('质量提示');
    expect(hints.text()).toContain('不影响保存');
    expect(hints.get('[data-quality=directionUnclear]').text()).toContain('“30人”只写了数字');
    expect(hints.findAll('[data-suggest]').map((b) => b.attributes('data-suggest'))).toEqual(['≥30人', '=30人']);
    expect(w.get('[data-test=save]').attributes('disabled')).toBeUndefined();
    await w.get('form').trigger('submit');
    expect(saved(w)).toMatchObject({ targetText: '30人', target: { op: 'EQ', value: 30 } });
  });

  it('a suggestion replaces the target text and the hint goes away', async () => {
    const w = mountEditor();
    await w.get('[data-test=target]').setValue('30人');
    await w.get('[data-suggest="≥30人"]').trigger('click');
    expect((w.get('[data-test=target]').element as HTMLInputElement).value).toBe('≥30人');
    expect(w.find('[data-quality=directionUnclear]').exists()).toBe(false);
    await w.get('form').trigger('submit');
    expect(saved(w)).toMatchObject({ targetText: '≥30人', target: { op: 'GE', value: 30 } });
  });

  it('several hints at once (人 for a 人次 name, no points, deadline outside the year); saving is not blocked', async () => {
    const w = mountEditor(null);
    await w.get('[data-test=name]').setValue('开展职工服务活动（人次）');
    await w.get('[data-test=target]').setValue('不少于800人');
    const codes = () => w.findAll('[data-quality]').map((li) => li.attributes('data-quality'));
    expect(codes()).toEqual(['unitMismatch', 'noWeight']);
    expect(w.get('[data-quality=unitMismatch]').text()).toContain('人次（参与次数）与人（人数）不能互换');
    await w.get('[data-test=target]').setValue('2023年6月底前');
    expect(codes()).toEqual(['deadlineOutsideYear', 'noWeight']);
    await w.get('form').trigger('submit');
    expect(saved(w)).toMatchObject({ target: { op: 'DATE_BY' }, weightCp: null });
  });

  it('an invalid target shows its error, not quality hints', async () => {
    const w = mountEditor();
    await w.get('[data-test=target]').setValue('≥abc');
    expect(w.get('[role=alert]').text()).toContain('缺少数值');
    expect(w.find('[data-test=quality]').exists()).toBe(false);
  });

  it('the new notations read back in the feedback (period, 各, note, tolerance)', async () => {
    const w = mountEditor();
    for (const [typed, read] of [['3月至10月', '2022年3月-2022年10月'], ['各2次', '各2次'], ['100%覆盖', '100%覆盖'], ['误差±5%以内', '±5%以内']]) {
      await w.get('[data-test=target]').setValue(typed!);
      expect(w.get('.fb-ok').text()).toContain(read);
    }
  });
});

describe('IndicatorRow: ⚠ count with the list as its tooltip', () => {
  // A <tr> needs a table around it.
  const inTable = (props: { node: IndicatorNode; year?: number }) =>
    mountWithApp(defineComponent({ setup: () => () => h('table', [h('tbody', [h(IndicatorRow, { canUp: false, canDown: false, ...props })])]) }));

  it('counts the hints and lists them in the title', async () => {
    const w = inTable({ node: { ...node, targetText: '2023年3月底前', target: parseTarget('2023年3月底前').spec, weightCp: null }, year: 2022 });
    const badge = w.get('[data-test=quality-badge]');
    expect(badge.text()).toBe('⚠ 2');
    expect(badge.attributes('title')).toContain('质量提示');
    expect(badge.attributes('title')).toContain('时间 2023-03-31 不在计划年度（2022 年）内');
    expect(badge.attributes('title')).toContain('适用的三级指标尚未设置分值');
    expect(badge.attributes('aria-label')).toContain('2 条质量提示');
  });

  it('no badge on a clean row or a 不适用 row', () => {
    expect(inTable({ node, year: 2022 }).find('[data-test=quality-badge]').exists()).toBe(false);
    const na = { ...node, name: '不适用', targetText: '不适用', target: parseTarget('不适用').spec, weightCp: null };
    expect(inTable({ node: na, year: 2022 }).find('[data-test=quality-badge]').exists()).toBe(false);
  });
});

describe('IndicatorTree on the seed plan', () => {
  beforeEach(async () => {
    useNotices().notices.value = [];
    localStorage.clear();
    await freshDb();
    await seedIfEmpty();
  });

  it('badges the bare counts, and a target with a hint is saved to the database', async () => {
    const plan = (await listPlans()).find((p) => p.seedKey === 'yantian-2022/unit')!;
    localStorage.setItem('jixiao.planId', plan.id);
    const w = mountWithApp(IndicatorTree, { props: { year: 2022 } });
    await until(() => w.findAll('tr.row-l3').length === 20);
    // The row takes its plan year from the store (the tree passes none): 30人 etc. are badged.
    await until(() => w.findAll('[data-test=quality-badge]').length === 6);
    const badged = w.findAll('tr.row-l3').filter((r) => r.find('[data-test=quality-badge]').exists());
    expect(badged.map((r) => r.get('[data-test=target-text]').text())).toEqual(['5000份', '30人', '300人次', '25人', '1次', '≥90%']);

    // Edit the first row to a bare count: the hint shows, and saving goes through.
    await w.get('tr.row-l3 [data-test=edit]').trigger('click');
    await w.get('[data-test=target]').setValue('1000人次');
    expect(w.find('[data-quality=directionUnclear]').exists()).toBe(true);
    await w.get('.indicator-editor').trigger('submit');
    await until(() => !w.find('.indicator-editor').exists());
    const stored = (await listIndicators(plan.id)).find((n) => n.targetText === '1000人次');
    expect(stored?.target).toStrictEqual({ op: 'EQ', value: 1000, unit: '人次' });
    await until(() => w.findAll('[data-test=quality-badge]').length === 7);
  });
});
