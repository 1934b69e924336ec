import { afterEach, describe, expect, it } from 'vitest';
import { useMonitoringStore } from '@/stores/monitoring';
import { flush, until } from '../../fixtures/mount';
import { ALLOWANCE, SERVICES, SPORTS, completeAll, mountMonitoring, row, startRound, submitAs, type Ctx } from './fixture';

let ctx: Ctx | undefined;
afterEach(() => {
  ctx?.w.unmount();
  ctx = undefined;
});

const problemNames = (c: Ctx) => c.w.findAll('[data-test=problems] li').map((li) => li.attributes('data-problem'));
const problemText = (c: Ctx, name: string) => c.w.get(`[data-test=problems] li[data-problem="${name}"]`).text();

describe('monitoring: submitting a round', () => {
  it('an empty round explains itself and offers 30 June; a cut-off outside the plan year is refused beside the field and writes nothing', async () => {
    ctx = await mountMonitoring();
    const { w, d } = ctx;
    expect(w.get('[data-test=rounds-empty]').text()).toContain('2022-06-30');
    expect((w.get('[data-test=new-round-cutoff]').element as HTMLInputElement).value).toBe('2022-06-30');
    await w.get('[data-test=new-round-cutoff]').setValue('2023-06-30');
    await w.get('[data-test=new-round]').trigger('submit');
    await flush();
    expect(w.get('[data-test=new-round-error]').text()).toBe('截止日期须在 2022 年内');
    expect(w.get('[data-test=new-round-cutoff]').attributes('aria-invalid')).toBe('true');
    expect(await d.rounds.count()).toBe(0);
  }, 20_000);

  it('is refused while rows lack reasons: the list names every row and what it lacks, and nothing is submitted', async () => {
    ctx = await mountMonitoring();
    const { w, d } = ctx;
    await startRound(w);
    expect(w.get('[data-test=period]').text()).toContain('2022年1–6月');
    expect(w.get('[data-test=time-progress]').text()).toContain('6/12');
    // The yellow row shows its numbers and that it must be explained.
    expect(row(w, ALLOWANCE).get('[data-test=light]').text()).toContain('黄灯');
    expect(row(w, ALLOWANCE).get('[data-test=light-formula]').text()).toBe('10 ÷ (30 × 6/12) = 66.7%');
    expect(row(w, ALLOWANCE).find('[data-test=needs-explanation]').exists()).toBe(true);
    expect(row(w, SPORTS).get('[data-test=light]').text()).toContain('红灯');

    await w.get('[data-test=submit]').trigger('click');
    await until(() => w.find('[data-test=problems]').exists());
    const names = problemNames(ctx);
    expect(names).toContain(ALLOWANCE);
    expect(names).toContain(SPORTS);
    expect(names).not.toContain(SERVICES); // green and 确定能: nothing to explain
    expect(problemText(ctx, ALLOWANCE)).toContain('缺完成目标可能性、偏差原因、原因说明、纠偏措施');
    expect(w.find('dialog[open]').exists()).toBe(false); // not even asked for a name
    expect((await d.rounds.toArray())[0]!.status).toBe('draft');
    // The gaps are flagged on the rows themselves.
    expect(row(w, ALLOWANCE).get('[data-test=reason-text]').attributes('aria-invalid')).toBe('true');

    // A link goes to the row's first missing field.
    await w.get(`[data-test=problems] li[data-problem="${ALLOWANCE}"] a`).trigger('click');
    await flush();
    expect(document.activeElement).toBe(row(w, ALLOWANCE).get('[data-test=possibility]').element);

    // Filling the row in takes it off the list (live), the rest stay.
    const r = row(w, ALLOWANCE);
    await r.get('[data-test=possibility]').setValue('possible');
    await r.get('[data-test=reason-staffing]').setValue(true);
    await r.get('[data-test=reason-text]').setValue('组织员空缺');
    expect(problemText(ctx, ALLOWANCE)).toContain('缺纠偏措施');
    expect(problemText(ctx, ALLOWANCE)).not.toContain('原因说明');
    await r.get('[data-test=measures]').setValue('下半年补招');
    await flush();
    expect(problemNames(ctx)).not.toContain(ALLOWANCE);
    expect(problemNames(ctx)).toContain(SPORTS);
  }, 20_000);

  it('once every row is complete it asks for the name, submits, and the round is read-only and stamped', async () => {
    ctx = await mountMonitoring();
    const { w, d } = ctx;
    await startRound(w);
    await completeAll(w);
    expect(useMonitoringStore().problems).toEqual([]);
    await w.get('[data-test=submit]').trigger('click');
    await until(() => w.find('dialog[open] [data-test=submit-name]').exists());
    expect((w.get('[data-test=submit-name]').element as HTMLInputElement).value).toBe('张敏'); // the remembered recorder
    await w.get('[data-test=submit-dialog] button[type=button]').trigger('click'); // 取消: nothing happens
    await until(() => !w.find('dialog[open]').exists());
    expect((await d.rounds.toArray())[0]!.status).toBe('draft');
    await submitAs(w, '李华');
    expect(w.get('[data-test=stamp]').text()).toMatch(/^已报送 · 李华 · \d{4}-\d\d-\d\d \d\d:\d\d$/);
    const [stored] = await d.rounds.toArray();
    expect(stored).toMatchObject({ status: 'submitted', submittedBy: '李华' });
    expect(stored!.snapshot!.rows.find((r) => r.node.name === ALLOWANCE)!.input.reasonText).toBe('经费未到位');
    // Read-only: no fields left in the form (only the view filter), the inputs are plain text, 更正 instead of 报送.
    expect(w.get('[data-test=round-sheet]').findAll('input:not([data-test=only-needing]), select, textarea')).toHaveLength(0);
    expect(row(w, ALLOWANCE).text()).toContain('经费未到位');
    expect(w.find('[data-test=submit]').exists()).toBe(false);
    expect(w.find('[data-test=correct]').exists()).toBe(true);
  }, 20_000);
});
