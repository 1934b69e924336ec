import { beforeEach, describe, expect, it } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import EvaluationView from '@/views/EvaluationView.vue';
import { useNotices } from '@/composables/useNotices';
import { seedIfEmpty } from '@/db/repositories/seed';
import { listPlans } from '@/db/repositories/plans';
import { addIndicator, listIndicators } from '@/db/repositories/indicators';
import { listEvaluations } from '@/db/repositories/evaluations';
import { parseTarget } from '@/domain/targets/parse';
import { freshDb } from '../../fixtures/db';
import { mountWithApp, until } from '../../fixtures/mount';

const QUAL = '职工之家建设成效';
const DEADLINE = '各项工作完成时间';

beforeEach(async () => {
  useNotices().notices.value = [];
  localStorage.clear();
  await freshDb();
  await seedIfEmpty();
});

/** The seed plan with a 定性 row added under 效益 › 社会效益 (no points yet), its evaluation started. */
async function startedWithQualitative() {
  const plan = (await listPlans()).find((p) => p.seedKey === 'yantian-2022/unit')!;
  const social = (await listIndicators(plan.id)).find((n) => n.level === 2 && n.name === '社会效益')!;
  await addIndicator({ planId: plan.id, parentId: social.id, name: QUAL, targetText: '有效提升', target: parseTarget('有效提升').spec, weightCp: null });
  localStorage.setItem('jixiao.planId', plan.id);
  const w = mountWithApp(EvaluationView, { global: { stubs: { BaseChart: true } } });
  await until(() => w.find('[data-test=start]').exists());
  await w.get('[data-test=start]').trigger('click');
  await until(() => w.findAll('tbody.ev-row').length === 21);
  return { w, plan };
}

const row = (w: VueWrapper, name: string) => w.get(`tbody.ev-row[data-indicator="${name}"]`);

// Many database round trips per test: room for a machine shared with other suites.
describe('scoring rows', { timeout: 20_000 }, () => {
  it('a 定性 row: points set in place, a band chosen, a score inside the band checked against its range', async () => {
    const { w, plan } = await startedWithQualitative();
    expect(row(w, QUAL).get('[data-test=band-select]').attributes('aria-invalid')).toBe('true');

    // 分值 typed in the row is written to the indicator (the Σ check follows it).
    const weight = row(w, QUAL).get('[data-test=weight-input]');
    await weight.setValue('4,0');
    expect(row(w, QUAL).get('[data-test=weight-error]').text()).toBe('分值应为 0–100、最多两位小数');
    await weight.setValue('4');
    await weight.trigger('keydown', { key: 'Enter' });
    await until(() => w.get('[data-test=weight-total]').text().includes('104.00'));
    expect((await listIndicators(plan.id)).find((n) => n.name === QUAL)!.weightCp).toBe(400);

    // 部分达成: 0.7 × 4 = 2.80 by default, the range said beside the score field.
    await row(w, QUAL).get('[data-test=band-select]').setValue('partial');
    await until(() => row(w, QUAL).get('[data-test=score]').text() === '2.80');
    expect(row(w, QUAL).text()).toContain('区间 [2.40, 3.20)');
    expect(row(w, QUAL).find('[data-test=override-note]').exists()).toBe(true);

    await row(w, QUAL).get('[data-test=band-score]').setValue('3.5');
    await until(() => row(w, QUAL).find('[data-test=band-error]').exists());
    expect(row(w, QUAL).get('[data-test=band-error]').text()).toBe('档内得分应在 [2.40, 3.20) 内');
    expect(row(w, QUAL).get('[data-test=score]').text()).toBe('—');

    await row(w, QUAL).get('[data-test=band-score]').setValue('3');
    await until(() => row(w, QUAL).get('[data-test=score]').text() === '3.00');
    expect(row(w, QUAL).get('[data-test=explanation]').text()).toBe('定性三档（FASP2 selfqualscorecheck）: 部分达成 [2.40, 3.20) → 3.00');
    w.unmount();
  });

  it('changing the rule set rescored the card at once: a late deadline goes from D1 bands to D2 linear', async () => {
    const { w, plan } = await startedWithQualitative();
    await row(w, DEADLINE).get('[data-test=actual-input]').setValue('2023-01-20');
    await until(() => row(w, DEADLINE).get('[data-test=score]').text() === '2.50');
    expect(row(w, DEADLINE).get('[data-test=band-by-date]').text()).toContain('部分达成');

    await w.get('[data-test=rule-set]').setValue('cn-2020-10-alt');
    // 20 days late of 365: (1 − 20/365) × 3.57 = 3.37
    await until(() => row(w, DEADLINE).get('[data-test=score]').text() === '3.37');
    expect(row(w, DEADLINE).get('[data-test=explanation]').text()).toBe('时效D2 线性: (1−20/365)×3.57 = 3.37');
    expect(row(w, DEADLINE).find('[data-test=band-by-date]').exists()).toBe(false);
    expect((await listEvaluations(plan.id))[0]!.ruleSetId).toBe('cn-2020-10-alt');
    w.unmount();
  });
});
