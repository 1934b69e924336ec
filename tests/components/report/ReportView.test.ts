import { beforeEach, describe, expect, it, vi } from 'vitest';
import { mount, type VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { createMemoryHistory, createRouter } from 'vue-router';
import ReportView from '@/views/ReportView.vue';
import { makeI18n } from '@/i18n';
import { useNotices } from '@/composables/useNotices';
import { seedIfEmpty } from '@/db/repositories/seed';
import { listPlans } from '@/db/repositories/plans';
import { correctEvaluation, listEvaluations, saveEvaluationInputs, startEvaluation } from '@/db/repositories/evaluations';
import { db } from '@/db/database';
import { loadSampleActivity } from '@/db/repositories/sample-activity';
import { toXlsx } from '@/documents/render/xlsx';
import { freshDb } from '../../fixtures/db';
import { until } from '../../fixtures/mount';
import { finalisedEvaluation } from '../../fixtures/evaluation-db';

/** 报表与报告 on the seed's 2022 单位整体 plan: the list, its empty states, the report's text, an export's busy and failed states. */

vi.mock('@/documents/render/xlsx', async (original) => ({ ...(await original<typeof import('@/documents/render/xlsx')>()), toXlsx: vi.fn() }));

let planId = '';

beforeEach(async () => {
  useNotices().notices.value = [];
  localStorage.clear();
  await freshDb();
  await seedIfEmpty();
  planId = (await listPlans()).find((p) => p.seedKey === 'yantian-2022/unit')!.id;
  localStorage.setItem('jixiao.planId', planId);
  vi.mocked(toXlsx).mockReset();
});

async function mountView(path = '/report'): Promise<VueWrapper> {
  const pinia = createPinia();
  setActivePinia(pinia);
  const stub = { template: '<div />' };
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/report', component: ReportView }, { path: '/monitoring', component: stub }, { path: '/evaluation', component: stub }, { path: '/data', component: stub }] });
  await router.push(path);
  await router.isReady();
  const w = mount({ template: '<RouterView />' }, { attachTo: document.body, global: { plugins: [pinia, makeI18n('zh-CN'), router] } });
  await until(() => w.find('[data-test=report-doc], [data-test=print-document], [data-test=preview-missing], [data-test=report-no-unit]').exists());
  return w;
}

const ids = (w: VueWrapper) => w.findAll('[data-test=report-doc]').map((li) => li.attributes('data-doc'));
const notices = () => useNotices().notices.value.map((n) => n.text);

describe('ReportView', { timeout: 20_000 }, () => {
  it('without a submitted round or an evaluation: the 目标表 only, and where to go for the others', async () => {
    const w = await mountView();
    expect(ids(w)).toEqual(['target']);
    expect(w.get('[data-doc=target] [data-test=doc-title]').text()).toBe('单位整体支出绩效目标表');
    // A 2022 plan's targets as in force at its year end, whatever day it is printed.
    expect(w.get('[data-doc=target]').text()).toContain('按年度末 2022-12-31 有效的目标值');
    expect(w.get('[data-test=empty-monitoring]').text()).toContain('尚无已报送的监控表');
    expect(w.get('[data-test=empty-monitoring] a').attributes('href')).toBe('/monitoring');
    expect(w.get('[data-test=empty-evaluation] a').attributes('href')).toBe('/evaluation');
    w.unmount();
  });

  it('a draft evaluation: its report text is typed beside the preview, shown in it and saved with the evaluation', async () => {
    const draft = await startEvaluation(planId, '李审核');
    const w = await mountView(`/report?doc=report-${draft.id}`);
    await until(() => w.find('[data-test=section-improvements]').exists());
    expect(w.find('[data-test=sections-locked]').exists()).toBe(false);
    const field = w.get('[data-test=section-improvements]');
    expect(field.attributes('readonly')).toBeUndefined();
    await field.setValue('按月跟踪活动进度。');
    await until(() => w.find('.pd-root [data-section=improvements]').text() === '按月跟踪活动进度。');
    await until(() => w.get('[data-test=report-sections] [data-test=save-state]').text() === '已自动保存', 4000);
    expect((await listEvaluations(planId))[0]!.inputs.sections.improvements).toBe('按月跟踪活动进度。');
    expect(w.get('[data-test=sections-filled]').text()).toBe('已填写 1/8 段');
    w.unmount();
  });

  it('a final evaluation: its report text is read-only and says why; both 自评表 layouts and the report are listed', async () => {
    await loadSampleActivity(planId, '2023-01-10');
    const final = await finalisedEvaluation(planId);
    let w = await mountView();
    expect(ids(w)).toEqual(['target', `eval-${final.id}-project`, `eval-${final.id}-unit`, `report-${final.id}`]);
    expect(w.get(`[data-doc="report-${final.id}"] [data-test=doc-status]`).text()).toBe('已定稿');
    expect(w.findAll(`[data-doc="report-${final.id}"] button`).map((b) => b.text())).toEqual(['预览/打印', 'Excel', 'Word']);
    w.unmount();

    w = await mountView(`/report?doc=report-${final.id}`);
    await until(() => w.find('[data-test=sections-locked]').exists());
    expect(w.get('[data-test=sections-locked]').text()).toContain('已定稿');
    expect(w.get('[data-test=section-improvements]').attributes('readonly')).toBeDefined();
    expect(w.find('.pd-root [data-test=watermark]').exists()).toBe(false);
    w.unmount();
  });

  it('with a correction draft open, the final report previews its own text, not the draft’s', async () => {
    await loadSampleActivity(planId, '2023-01-10');
    const final = await finalisedEvaluation(planId);
    const draft = await correctEvaluation(final.id, '李审核');
    await saveEvaluationInputs(draft.id, { ...draft.inputs, sections: { improvements: '更正稿里的改进措施' } }, draft.rev);
    const w = await mountView(`/report?doc=report-${final.id}`);
    await until(() => w.find('[data-test=section-improvements]').exists());
    expect((w.get('[data-test=section-improvements]').element as HTMLTextAreaElement).value).toBe(final.inputs.sections?.improvements ?? '');
    expect(w.get('.pd-root').text()).not.toContain('更正稿里的改进措施');
    w.unmount();
  });

  it('without a unit: says so and where to enter one, instead of starting forever', async () => {
    await db().units.clear();
    const w = await mountView();
    expect(w.get('[data-test=report-no-unit]').text()).toContain('还没有单位信息');
    expect(w.get('[data-test=report-no-unit] a').attributes('href')).toBe('/data');
    w.unmount();
  });

  it('an export says it is working (preview stays open to use), then names the file; a failure is said in words', async () => {
    let finish: (b: Uint8Array<ArrayBuffer>) => void = () => undefined;
    vi.mocked(toXlsx).mockImplementationOnce(() => new Promise((r) => (finish = r)));
    const created = vi.fn(() => 'blob:report');
    Object.assign(URL, { createObjectURL: created, revokeObjectURL: vi.fn() });
    const clicks: string[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push(this.download);
    });

    const w = await mountView();
    const excel = w.get('[data-doc=target] [data-test=export-xlsx]');
    await excel.trigger('click');
    await until(() => excel.text() === '正在生成…');
    expect(excel.attributes('aria-busy')).toBe('true');
    expect(w.get('[data-doc=target] [data-test=preview]').attributes('disabled')).toBeUndefined();
    expect(w.get('[data-test=export-progress]').text()).toBe('正在生成 2022年深圳市盐田区总工会单位整体支出绩效目标表.xlsx，请稍候…');

    // The renderer is imported on the click: let it start before it finishes.
    await until(() => vi.mocked(toXlsx).mock.calls.length === 1);
    finish(new Uint8Array([1, 2, 3]));
    await until(() => excel.text() === 'Excel');
    expect(clicks).toEqual(['2022年深圳市盐田区总工会单位整体支出绩效目标表.xlsx']);
    expect(created).toHaveBeenCalledOnce();
    expect(notices()).toContain('已导出：2022年深圳市盐田区总工会单位整体支出绩效目标表.xlsx');

    vi.mocked(toXlsx).mockRejectedValueOnce(new Error('磁盘已满'));
    await excel.trigger('click');
    await until(() => notices().some((n) => n.startsWith('未能生成')));
    expect(notices()).toContain('未能生成 2022年深圳市盐田区总工会单位整体支出绩效目标表.xlsx：磁盘已满');
    expect(clicks).toHaveLength(1);
    click.mockRestore();
    w.unmount();
  });
});
