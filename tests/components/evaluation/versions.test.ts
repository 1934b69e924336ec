import { beforeEach, describe, expect, it } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import EvaluationView from '@/views/EvaluationView.vue';
import { useNotices } from '@/composables/useNotices';
import { useConfirm } from '@/composables/useConfirm';
import { seedIfEmpty } from '@/db/repositories/seed';
import { listPlans } from '@/db/repositories/plans';
import { listIndicators } from '@/db/repositories/indicators';
import { finaliseEvaluation, listEvaluations, saveEvaluationInputs, startEvaluation } from '@/db/repositories/evaluations';
import { emptyEvaluationInputs, type EvalRowInput, type EvaluationInputs } from '@/domain/evaluation/types';
import { freshDb } from '../../fixtures/db';
import { mountWithApp, until } from '../../fixtures/mount';

const FIRST = '开展职工权益保障和职工服务等活动（人次）';

beforeEach(async () => {
  useNotices().notices.value = [];
  localStorage.clear();
  await freshDb();
  await seedIfEmpty();
});

/** Every applicable row of the seed plan met exactly (so nothing needs explaining), written by hand with a note. */
async function completeInputs(planId: string): Promise<EvaluationInputs> {
  const rows: Record<string, EvalRowInput> = {};
  for (const n of await listIndicators(planId)) {
    const t = n.target;
    if (n.level !== 3 || !t || t.op === 'NA') continue;
    const actual = t.op === 'DATE_BY' ? { kind: 'date' as const, done: '2022-12-20' } : { kind: 'number' as const, value: t.value ?? 0 };
    rows[n.id] = { explanation: '', override: { text: 'x', actual, note: '以年终台账为准' } };
  }
  return { ...emptyEvaluationInputs(), rows, goalActual: '年度总体目标已完成' };
}

/** The seed plan's evaluation, finalised as version 1 by 王评价. */
async function finalisedPlan() {
  const plan = (await listPlans()).find((p) => p.seedKey === 'yantian-2022/unit')!;
  localStorage.setItem('jixiao.planId', plan.id);
  const ev = await startEvaluation(plan.id, '王评价');
  const saved = await saveEvaluationInputs(ev.id, await completeInputs(plan.id), ev.rev);
  await finaliseEvaluation(saved.id, '王评价', saved.rev);
  return plan;
}

const mountView = () => mountWithApp(EvaluationView, { global: { stubs: { BaseChart: true } } });
const status = (w: VueWrapper) => w.get('[data-test=eval-toolbar]').attributes('data-status');

// Many database round trips per test: room for a machine shared with other suites.
describe('EvaluationView versions', { timeout: 20_000 }, () => {
  it('shows a final version read-only and stamped; 重新打开（更正） asks, then opens version 2 as a draft', async () => {
    const plan = await finalisedPlan();
    const w = mountView();
    await until(() => w.find('[data-test=eval-toolbar]').exists() && w.findAll('tbody.ev-row').length === 20);
    expect(status(w)).toBe('final');
    expect(w.get('[data-test=status]').text()).toBe('已定稿');
    expect(w.get('[data-test=stamp]').text()).toContain('王评价');
    expect(w.get('#ev-panel-score').findAll('input, textarea, select')).toHaveLength(0);
    expect(w.get(`tbody.ev-row[data-indicator="${FIRST}"] [data-test=actual-text]`).text()).toBe('800人次');
    // Full marks on every row, no budget executed: 90.00, 优.
    expect(w.get('[data-test=live-total] [data-test=total]').text()).toBe('90.00');

    await w.get('[data-test=correct]').trigger('click');
    const { pending, answer } = useConfirm();
    await until(() => pending.value !== null);
    expect(pending.value!.body).toContain('第 2 版草稿');
    answer(true);
    await until(() => w.find('[data-test=eval-toolbar][data-status=draft]').exists());
    expect(w.get('[data-test=correction-note]').text()).toBe('这是第 1 版的更正草稿。');
    expect((await listEvaluations(plan.id)).map((e) => [e.version, e.status])).toEqual([[1, 'final'], [2, 'draft']]);
    // The correction starts from version 1's inputs and can be edited.
    expect((w.get(`tbody.ev-row[data-indicator="${FIRST}"] [data-test=override-note]`).element as HTMLInputElement).value).toBe('以年终台账为准');

    // Version 1 stays readable from the version list, with a note that a correction is open.
    const versions = w.get('[data-test=versions]');
    expect(versions.findAll('option').map((o) => o.text())).toEqual(['第 1 版 · 已定稿', '第 2 版 · 草稿']);
    await versions.setValue(versions.findAll('option')[0]!.attributes('value'));
    await until(() => status(w) === 'final');
    expect(w.get('[data-test=final-banner]').text()).toContain('第 2 版草稿正在更正中');
    w.unmount();
  });

  it('once the correction is finalised, version 1 is marked 已被更正 with a banner and a way to the newer one', async () => {
    const plan = await finalisedPlan();
    const w = mountView();
    await until(() => w.find('[data-test=correct]').exists());
    await w.get('[data-test=correct]').trigger('click');
    useConfirm().answer(true);
    await until(() => w.find('[data-test=eval-toolbar][data-status=draft]').exists());

    // Finalise version 2 from the view: who, then locked.
    await w.get('[data-test=finalise]').trigger('click');
    await until(() => w.find('[data-test=finalise-dialog][open]').exists());
    expect(w.get('[data-test=finalise-summary]').text()).toBe('总分 90.00 · 优');
    await w.get('[data-test=finalise-name]').setValue('李复核');
    await w.get('[data-test=finalise-dialog] form').trigger('submit');
    await until(() => status(w) === 'final');
    expect(w.get('[data-test=stamp]').text()).toContain('李复核');
    expect((await listEvaluations(plan.id)).map((e) => [e.version, e.status])).toEqual([[1, 'superseded'], [2, 'final']]);

    const versions = w.get('[data-test=versions]');
    await versions.setValue(versions.findAll('option')[0]!.attributes('value'));
    await until(() => status(w) === 'superseded');
    expect(w.get('[data-test=status]').text()).toBe('已被更正');
    expect(w.get('[data-test=superseded-banner]').text()).toContain('被第 2 版更正，仅供查阅');
    await w.get('[data-test=go-newer]').trigger('click');
    await until(() => status(w) === 'final');
    w.unmount();
  });
});
