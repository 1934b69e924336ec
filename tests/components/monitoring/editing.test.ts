import { afterEach, describe, expect, it } from 'vitest';
import { useMonitoringStore } from '@/stores/monitoring';
import { createRound } from '@/db/repositories/rounds';
import { flush, until } from '../../fixtures/mount';
import { LEAFLETS, SERVICES, mountMonitoring, row, saved, startRound, type Ctx } from './fixture';

let ctx: Ctx | undefined;
afterEach(() => {
  ctx?.w.unmount();
  ctx = undefined;
});

const problemOf = (name: string) => useMonitoringStore().problems.find((p) => p.name === name);

describe('monitoring: the possibility rule (完成目标可能性)', () => {
  it('a green row set to 有可能 must be explained; set to 确定能 it need not be', async () => {
    ctx = await mountMonitoring();
    const { w, d } = ctx;
    await startRound(w);
    const r = () => row(w, SERVICES);
    expect(r().attributes('data-light')).toBe('green');
    // Green rows start as 确定能: nothing to explain, and the reason fields stay out of the way.
    expect((r().get('[data-test=possibility]').element as HTMLSelectElement).value).toBe('certain');
    expect(r().find('[data-test=needs-explanation]').exists()).toBe(false);
    expect(r().find('[data-test=reason-text]').exists()).toBe(false);
    expect(problemOf(SERVICES)).toBeUndefined();

    await r().get('[data-test=possibility]').setValue('possible');
    expect(r().get('[data-test=needs-explanation]').text()).toContain('完成目标可能性为“有可能”');
    expect(r().get('[data-test=reason-text]').attributes('aria-required')).toBe('true');
    expect(problemOf(SERVICES)?.missing).toEqual(['reasons', 'reasonText', 'measures']);

    await r().get('[data-test=possibility]').setValue('impossible');
    expect(r().find('[data-test=needs-explanation]').exists()).toBe(true);

    await r().get('[data-test=possibility]').setValue('certain');
    expect(r().find('[data-test=needs-explanation]').exists()).toBe(false);
    expect(problemOf(SERVICES)).toBeUndefined();

    // Every change is saved by itself after a pause.
    await saved();
    expect(w.get('[data-test=save-state]').text()).toContain('已自动保存');
    const [stored] = await d.rounds.toArray();
    const id = useMonitoringStore().form!.rows.find((x) => x.node.name === SERVICES)!.node.id;
    expect(stored!.inputs.rows[id]!.possibility).toBe('certain');
  }, 20_000);
});

describe('monitoring: the forecast (全年预计完成值) is checked beside its field', () => {
  it('negative and non-numeric values are refused and not stored; a value is kept and shown with the computed one', async () => {
    ctx = await mountMonitoring();
    const { w, d } = ctx;
    await startRound(w);
    const store = useMonitoringStore();
    const id = store.form!.rows.find((x) => x.node.name === SERVICES)!.node.id;
    const field = () => row(w, SERVICES).get('[data-test=forecast]');
    const error = () => row(w, SERVICES).find('[data-test=forecast-error]');
    expect(row(w, SERVICES).get('[data-test=forecast-value]').text()).toBe('800人次'); // 400 ÷ 6/12
    expect(row(w, SERVICES).get('[data-test=forecast-method]').text()).toBe('线性推算');

    await field().setValue('-5');
    expect(error().text()).toBe('不能为负数');
    expect(field().attributes('aria-invalid')).toBe('true');
    await field().setValue('很多');
    expect(error().text()).toBe('请输入数字');
    expect(store.draft.rows[id]!.forecast ?? null).toBeNull();
    expect(row(w, SERVICES).get('[data-test=forecast-value]').text()).toBe('800人次');

    await field().setValue('760');
    expect(error().exists()).toBe(false);
    expect(row(w, SERVICES).get('[data-test=forecast-value]').text()).toBe('760人次');
    expect(row(w, SERVICES).get('[data-test=forecast-method]').text()).toBe('手工填报 · 计算值 800人次');
    expect(row(w, SERVICES).get('[data-test=deviation]').text()).toBe('−5.0%');
    await saved();
    expect((await d.rounds.toArray())[0]!.inputs.rows[id]!.forecast).toBe(760);

    // Below what is already achieved: allowed, but flagged.
    await field().setValue('300');
    expect(row(w, SERVICES).get('[data-test=below-actual]').text()).toContain('低于已完成值 400人次');

    // Emptied: back to the computed forecast.
    await field().setValue('');
    expect(row(w, SERVICES).get('[data-test=forecast-method]').text()).toBe('线性推算');
    expect(row(w, SERVICES).find('[data-test=below-actual]').exists()).toBe(false);
  }, 20_000);

  it('the budget forecast of the total row takes 万元 and refuses anything else', async () => {
    ctx = await mountMonitoring();
    const { w } = ctx;
    await startRound(w);
    const field = () => w.get('[data-test=budget-forecast]');
    await field().setValue('12x');
    expect(w.get('[data-test=funds] [data-test=forecast-error]').text()).toBe('请输入以万元为单位的金额，最多精确到分');
    await field().setValue('1,200.5');
    expect(w.find('[data-test=funds] [data-test=forecast-error]').exists()).toBe(false);
    expect(w.get('[data-test=budget-forecast-value]').text()).toBe('1,200.50');
    expect(useMonitoringStore().draft.budgetForecastFen).toBe(1_200_500_000);
  }, 20_000);
});

describe('monitoring: autosave', () => {
  it('edits still waiting to be saved go to the round they were typed on when another round is opened', async () => {
    ctx = await mountMonitoring();
    const { w, d, plan } = ctx;
    await startRound(w);
    const store = useMonitoringStore();
    const first = store.current!.id;
    const other = await createRound(plan.id, '2022-07-31', '张敏');
    await until(() => w.findAll('[data-test=round-list] tbody tr').length === 2);
    await row(w, LEAFLETS).get('[data-test=note]').setValue('印刷厂排期');
    expect(store.saving).toBe('pending');
    await w.get(`[data-test=round-list] tr[data-round="${other.id}"] [data-test=open-round]`).trigger('click');
    await flush();
    await until(() => store.saving === 'saved');
    const id = store.form!.rows.find((x) => x.node.name === LEAFLETS)!.node.id;
    expect((await d.rounds.get(first))!.inputs.rows[id]!.note).toBe('印刷厂排期');
    expect((await d.rounds.get(other.id))!.inputs.rows[id]!.note).toBe('');
    expect((row(w, LEAFLETS).get('[data-test=note]').element as HTMLInputElement).value).toBe('');
  }, 20_000);
});
