import { beforeEach, describe, expect, it } from 'vitest';
import IndicatorTree from '@/components/indicator/IndicatorTree.vue';
import NoticeHost from '@/components/base/NoticeHost.vue';
import { useNotices } from '@/composables/useNotices';
import { useIndicatorsStore } from '@/stores/indicators';
import { seedIfEmpty } from '@/db/repositories/seed';
import { listIndicators, updateIndicator } from '@/db/repositories/indicators';
import { listPlans } from '@/db/repositories/plans';
import { freshDb } from '../../fixtures/db';
import { mountWithApp, until } from '../../fixtures/mount';

beforeEach(async () => {
  useNotices().notices.value = []; // notices are app-wide: start each test without the last one's
  localStorage.clear();
  await freshDb();
  await seedIfEmpty();
});

async function mountTree() {
  const plan = (await listPlans()).find((p) => p.seedKey === 'yantian-2022/unit')!;
  localStorage.setItem('jixiao.planId', plan.id);
  const w = mountWithApp(IndicatorTree, { props: { year: 2022 } });
  await until(() => w.findAll('tr.row-l3').length === 20);
  return { w, plan };
}

describe('IndicatorTree', () => {
  it('an editor opened before another tab saved the same row reports a conflict instead of overwriting', async () => {
    const { w, plan } = await mountTree();
    await w.get('tr.row-l3 [data-test=edit]').trigger('click');
    // Another tab renames the row while this editor is open; the live list re-renders with the new revision.
    const row = (await listIndicators(plan.id)).find((n) => n.targetText === '不少于800人次')!;
    await updateIndicator(row.id, { name: '另一个标签页的名称' }, row.rev);
    // Wait until this tab's live query has delivered the other tab's row (the trap: its newer revision).
    const store = useIndicatorsStore();
    await until(() => store.nodes.find((n) => n.id === row.id)?.rev === row.rev + 1);
    await w.get('[data-test=target]').setValue('不少于900人次');
    await w.get('.indicator-editor').trigger('submit');
    const notices = mountWithApp(NoticeHost);
    await until(() => notices.text().includes('刚在其他地方被修改'));
    let stored = (await listIndicators(plan.id)).find((n) => n.id === row.id)!;
    expect(stored.name).toBe('另一个标签页的名称');
    expect(stored.targetText).toBe('不少于800人次');
    // The editor kept what was typed; saving again is a conscious overwrite.
    expect((w.get('[data-test=target]').element as HTMLInputElement).value).toBe('不少于900人次');
    await w.get('.indicator-editor').trigger('submit');
    await until(() => !w.find('.indicator-editor').exists());
    stored = (await listIndicators(plan.id)).find((n) => n.id === row.id)!;
    expect(stored.targetText).toBe('不少于900人次');
  });

  it('a neighbour moved while an editor is open is not a conflict', async () => {
    const { w, plan } = await mountTree();
    await w.findAll('tr.row-l3')[1]!.get('[data-test=edit]').trigger('click');
    const first = (await listIndicators(plan.id)).find((n) => n.targetText === '不少于800人次')!;
    await w.get('tr.row-l3 [data-test=down]').trigger('click'); // moves the first row below the one being edited
    const store = useIndicatorsStore();
    await until(() => store.nodes.find((n) => n.id === first.id)?.rev === first.rev + 1);
    await w.get('[data-test=target]').setValue('6000份');
    await w.get('.indicator-editor').trigger('submit');
    await until(() => !w.find('.indicator-editor').exists());
    expect((await listIndicators(plan.id)).some((n) => n.targetText === '6000份')).toBe(true);
  });

  it('each undo notice restores its own deletion', async () => {
    const { w, plan } = await mountTree();
    const rows = w.findAll('tr.row-l3');
    const [a, b] = [rows[0]!.attributes('data-indicator'), rows[1]!.attributes('data-indicator')];
    await rows[0]!.get('[data-test=delete]').trigger('click');
    await until(() => w.findAll('tr.row-l3').length === 19);
    await w.get('tr.row-l3 [data-test=delete]').trigger('click');
    await until(() => w.findAll('tr.row-l3').length === 18);
    const notices = mountWithApp(NoticeHost);
    // Undo on the first notice brings back the first deleted row, not the last.
    const first = notices.findAll('.notice').find((n) => n.text().includes(a!))!;
    await first.get('.btn-link').trigger('click');
    await until(() => w.findAll('tr.row-l3').length === 19);
    const names = (await listIndicators(plan.id)).map((n) => n.name);
    expect(names).toContain(a);
    expect(names).not.toContain(b);
  });

  it('groups the seed plan by 一级 and 二级 with targets, natures, units and points', async () => {
    const { w } = await mountTree();
    expect(w.findAll('.row-l1 .l1-name').map((e) => e.text())).toEqual(['产出', '效益', '满意度']);
    const first = w.get('tr.row-l3');
    expect(first.text()).toContain('不少于800人次');
    expect(first.text()).toContain('≥ 正向');
    expect(first.text()).toContain('人次');
    expect(first.text()).toContain('3.58');
    expect(w.findAll('tr.row-na')).toHaveLength(4);
  });

  it('an invalid target edit is refused in place and nothing is written', async () => {
    const { w, plan } = await mountTree();
    const before = await listIndicators(plan.id);
    await w.get('tr.row-l3 [data-test=edit]').trigger('click');
    await w.get('[data-test=target]').setValue('≥abc');
    await w.get('.indicator-editor').trigger('submit');
    await new Promise((r) => setTimeout(r, 50)); // a write, had one been made, would have landed by now
    expect(w.get('.indicator-editor [role=alert]').text()).toContain('缺少数值');
    expect(w.find('.indicator-editor').exists()).toBe(true);
    expect(await listIndicators(plan.id)).toEqual(before);
  });

  it('a valid edit is saved to the database and shown', async () => {
    const { w, plan } = await mountTree();
    await w.get('tr.row-l3 [data-test=edit]').trigger('click');
    await w.get('[data-test=target]').setValue('不少于1000人次');
    await w.get('.indicator-editor').trigger('submit');
    await until(() => w.get('tr.row-l3').text().includes('不少于1000人次'));
    const stored = (await listIndicators(plan.id)).find((n) => n.targetText === '不少于1000人次');
    expect(stored?.target).toMatchObject({ op: 'GE', value: 1000 });
  });

  it('deleting a 三级 asks nothing and can be undone from the notice', async () => {
    const { w, plan } = await mountTree();
    await w.get('tr.row-l3 [data-test=delete]').trigger('click');
    await until(() => w.findAll('tr.row-l3').length === 19);
    const rowsAfterDelete = (await listIndicators(plan.id)).length;
    const notices = mountWithApp(NoticeHost);
    expect(notices.text()).toContain('已删除“开展职工权益保障和职工服务等活动（人次）”');
    await notices.get('.notice .btn-link').trigger('click');
    await until(() => w.findAll('tr.row-l3').length === 20);
    expect(await listIndicators(plan.id)).toHaveLength(rowsAfterDelete + 1);
    expect(w.get('tr.row-l3').text()).toContain('不少于800人次');
  });
});

describe('IndicatorTree layout and the target adjustment editor', () => {
  it('every row has the same five action slots, so the icons of group and leaf rows share one column', async () => {
    const { w } = await mountTree();
    const slots = (row: { findAll: (s: string) => unknown[] }) => row.findAll('.row-actions > .btn-icon, .row-actions > .btn-icon-slot').length;
    expect(slots(w.get('tr.row-l1'))).toBe(5);
    expect(slots(w.get('tr.row-l2'))).toBe(5);
    for (const row of w.findAll('tr.row-l3')) expect(slots(row)).toBe(5);
  });

  it('the adjustment editor names its indicator and takes its punctuation from the messages', async () => {
    const { w } = await mountTree();
    await w.get('tr.row-l3 [data-test=adjust]').trigger('click');
    await until(() => w.find('[data-test=target-adjust]').exists());
    expect(w.get('[data-test=adjust-title]').text()).toBe('调整目标：开展职工权益保障和职工服务等活动（人次）');
    expect(w.get('.ta-original').text()).toBe('批复时的目标值：不少于800人次');
  });
});
