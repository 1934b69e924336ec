import { beforeEach, describe, expect, it } from 'vitest';
import type { DOMWrapper, VueWrapper } from '@vue/test-utils';
import EvaluationView from '@/views/EvaluationView.vue';
import { useNotices } from '@/composables/useNotices';
import { seedIfEmpty } from '@/db/repositories/seed';
import { listPlans } from '@/db/repositories/plans';
import { listEvaluations } from '@/db/repositories/evaluations';
import { freshDb } from '../../fixtures/db';
import { mountWithApp, until } from '../../fixtures/mount';

const FIRST = '开展职工权益保障和职工服务等活动（人次）';
const DEADLINE = '各项工作完成时间';

beforeEach(async () => {
  useNotices().notices.value = [];
  localStorage.clear();
  await freshDb();
  await seedIfEmpty();
});

/** The seed's 2022 单位整体 plan, its self-evaluation started from the empty state. */
async function startedView() {
  const plan = (await listPlans()).find((p) => p.seedKey === 'yantian-2022/unit')!;
  localStorage.setItem('jixiao.planId', plan.id);
  // Charts need a canvas and ResizeObserver, which jsdom lacks; the numbers beside them are what is checked.
  const w = mountWithApp(EvaluationView, { global: { stubs: { BaseChart: true } } });
  await until(() => w.find('[data-test=start]').exists());
  await w.get('[data-test=start]').trigger('click');
  await until(() => w.findAll('tbody.ev-row').length === 20);
  return { w, plan };
}

const row = (w: VueWrapper, name: string) => w.get(`tbody.ev-row[data-indicator="${name}"]`);
const total = (w: VueWrapper) => w.get('[data-test=live-total] [data-test=total]').text();
const grade = (w: VueWrapper) => w.get('[data-test=live-total] [data-test=grade]').text();

/** The target's number as its actual ('不少于800人次' → 800, '≥90%' → 90); the deadline met on time. */
function fullActual(r: Pick<DOMWrapper<Element>, 'attributes' | 'get'>): string {
  if (r.attributes('data-indicator') === DEADLINE) return '2022-12-20';
  return /(\d+)/.exec(r.get('[data-test=target]').text())![1]!;
}

async function type(input: Pick<DOMWrapper<Element>, 'setValue'>, value: string) {
  await input.setValue(value); // setValue fires the input event the fields listen to
}

// Many database round trips per test: room for a machine shared with other suites.
describe('EvaluationView', { timeout: 20_000 }, () => {
  it('explains the empty state and starts the evaluation', async () => {
    const plan = (await listPlans()).find((p) => p.seedKey === 'yantian-2022/unit')!;
    localStorage.setItem('jixiao.planId', plan.id);
    const w = mountWithApp(EvaluationView, { global: { stubs: { BaseChart: true } } });
    await until(() => w.find('[data-test=eval-empty]').exists());
    expect(w.get('[data-test=eval-empty]').text()).toContain('尚未开始 2022 年度绩效自评');
    await w.get('[data-test=start]').trigger('click');
    await until(() => w.find('[data-test=eval-toolbar]').exists());
    expect(w.get('[data-test=status]').text()).toBe('草稿');
    expect(await listEvaluations(plan.id)).toHaveLength(1);
    w.unmount();
  });

  it('typing an actual rescored the card at once: the total and the grade follow', async () => {
    const { w } = await startedView();
    expect(total(w)).toBe('0.00');
    expect(grade(w)).toBe('差');
    const first = row(w, FIRST);
    expect(first.get('[data-test=score-state]').text()).toBe('缺少实际完成值');

    await type(first.get('[data-test=actual-input]'), '720');
    // 720/800 × 3.58 = 3.22, said with its rule; the computed value stays beside the typed one.
    await until(() => total(w) === '3.22');
    expect(first.get('[data-test=score]').text()).toBe('3.22');
    expect(first.get('[data-test=explanation]').text()).toBe('财预〔2020〕10号 定量正向: 720/800×3.58 = 3.22');
    expect(first.get('[data-test=actual-source]').text()).toContain('手工填报');
    expect(first.get('[data-test=explanation-needed]').text()).toContain('偏差原因分析');

    // Invalid text is said beside the field and not stored: the score stays as it was.
    await type(first.get('[data-test=actual-input]'), '7x0');
    expect(first.get('[data-test=actual-error]').text()).toBe('请输入数字');
    expect(total(w)).toBe('3.22');

    // Every applicable row at its target: 90 points of indicators, no budget executed → 90.00, 优.
    for (const r of w.findAll('tbody.ev-row').filter((x) => x.attributes('data-status') !== 'na')) {
      await type(r.get('[data-test=actual-input]'), fullActual(r));
    }
    await until(() => total(w) === '90.00', 5000);
    expect(grade(w)).toBe('优');
    expect(w.get('[data-subtotal="产出"] [data-test=subtotal]').text()).toContain('50.00');
    w.unmount();
  });

  it('saves as it is typed: the typed actual and its note reach the database and come back after a remount', async () => {
    const { w, plan } = await startedView();
    await type(row(w, FIRST).get('[data-test=actual-input]'), '720');
    await type(row(w, FIRST).get('[data-test=override-note]'), '以年终台账为准');
    await until(() => w.find('[data-test=save-state]').text() === '已自动保存', 3000);
    const stored = (await listEvaluations(plan.id))[0]!.inputs.rows;
    expect(Object.values(stored)).toEqual([{ explanation: '', override: { text: '720', actual: { kind: 'number', value: 720 }, note: '以年终台账为准' } }]);
    w.unmount();

    const again = mountWithApp(EvaluationView, { global: { stubs: { BaseChart: true } } });
    await until(() => again.findAll('tbody.ev-row').length === 20);
    expect((row(again, FIRST).get('[data-test=actual-input]').element as HTMLInputElement).value).toBe('720');
    expect((row(again, FIRST).get('[data-test=override-note]').element as HTMLInputElement).value).toBe('以年终台账为准');
    expect(total(again)).toBe('3.22');
    again.unmount();
  });

  it('refuses to finalise, naming every row and what it lacks, each a link to the field', async () => {
    const { w, plan } = await startedView();
    await type(row(w, FIRST).get('[data-test=actual-input]'), '720');
    await until(() => total(w) === '3.22');
    await w.get('[data-test=finalise]').trigger('click');

    const problems = w.get('[data-test=problems]');
    await until(() => problems.text().includes('未定稿'));
    expect((problems.element as HTMLDetailsElement).open).toBe(true);
    const items = problems.findAll('li');
    const said = (name: string) => items.filter((li) => li.attributes('data-problem') === name).map((li) => li.text());
    expect(said(FIRST)).toEqual([`${FIRST}未满分，需填写偏差原因分析及改进措施`, `${FIRST}手工填报了实际完成值，需填写修改说明`]);
    expect(said('宣传资料及时发放率')[0]).toContain('缺少实际完成值');
    expect(items.some((li) => li.text().includes('需填写年度总体目标的实际完成情况'))).toBe(true);
    // Nothing was asked or locked.
    expect((w.get('[data-test=finalise-dialog]').element as HTMLDialogElement).open).toBeFalsy();
    expect((await listEvaluations(plan.id))[0]!.status).toBe('draft');

    // The link goes to the field that is missing.
    await items.find((li) => li.text().includes('偏差原因'))!.get('a').trigger('click');
    await until(() => document.activeElement === row(w, FIRST).get('[data-test=explanation-input]').element);
    await type(row(w, FIRST).get('[data-test=explanation-input]'), '下半年场地调整，活动减少；明年提前安排');
    // The list stays live: the row's explanation is no longer asked for, its note still is.
    await until(() => !w.get('[data-test=problems]').text().includes(`${FIRST}未满分`));
    expect(w.get('[data-test=problems]').text()).toContain(`${FIRST}手工填报了实际完成值，需填写修改说明`);
    w.unmount();
  });

  it('an adjustment without a reason does not count and says so, with the rule’s score beside it', async () => {
    const { w } = await startedView();
    const first = () => row(w, FIRST);
    await type(first().get('[data-test=actual-input]'), '720');
    await until(() => total(w) === '3.22');

    await first().get('[data-test=adjust]').trigger('click');
    await type(first().get('[data-test=adjust-points]'), '3');
    await until(() => first().attributes('data-status') === 'invalid');
    expect(first().get('[data-test=adjust-error]').text()).toContain('调整得分需填写理由，未计入');
    expect(first().get('[data-test=rule-score]').text()).toBe('规则得分 3.22');
    expect(first().get('[data-test=score]').text()).toBe('—');
    expect(first().get('[data-test=score-state]').text()).toContain('暂不计入总分');
    expect(total(w)).toBe('0.00');

    await type(first().get('[data-test=adjust-reason]'), '按整数计分');
    await until(() => total(w) === '3.00');
    expect(first().get('[data-test=score]').text()).toBe('3.00');
    expect(first().get('[data-test=rule-score]').text()).toBe('规则得分 3.22');
    expect(first().get('[data-test=explanation]').text()).toContain('调整为 3.00（按整数计分）');
    expect(first().find('[data-test=adjust-error]').exists()).toBe(false);

    // Outside 0–3.58 the adjustment is refused beside the field, and again does not count.
    await type(first().get('[data-test=adjust-points]'), '4');
    await until(() => first().find('[data-test=adjust-error]').exists());
    expect(first().get('[data-test=adjust-error]').text()).toBe('调整后得分应在 0.00–3.58 之间');
    expect(total(w)).toBe('0.00');
    await type(first().get('[data-test=adjust-points]'), '3');
    await until(() => total(w) === '3.00');

    // The 自评表 says the same: the rule's score and what it became, with why.
    await w.get('[data-test=tab-form]').trigger('click');
    await until(() => w.find('[data-test=form-sheet]').exists());
    expect(w.get('[data-test=form-indicators-unit]').get(`tr[data-indicator="${FIRST}"] [data-test=form-score-note]`).text()).toBe('规则得分 3.22 → 调整为 3.00（按整数计分）');
    w.unmount();
  });
});
