import { afterEach, describe, expect, inject, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { freshProfile, launch, screenshot, watchErrors } from './browser';
import { IndicatorsPage } from './pages/IndicatorsPage';
import { PlanPicker } from './pages/PlanPicker';

const baseUrl = inject('baseUrl');
const FIRST = '开展职工权益保障和职工服务等活动（人次）';
let ctx: BrowserContext | undefined;

afterEach(async () => {
  await ctx?.close();
  ctx = undefined;
});

describe('planning workspace in Chromium', () => {
  it('opens on the seed plan, keeps an edited target across reload, second tab and browser restart', async () => {
    const profile = freshProfile();
    ctx = await launch(profile);
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    const errors = watchErrors(page);
    const tree = new IndicatorsPage(page, baseUrl);
    await tree.open();

    // The seed plan: 不少于800人次 under 产出 › 数量.
    await expect.poll(() => tree.row('产出', '数量', FIRST).count()).toBe(1);
    expect(await tree.level2Of(FIRST)).toBe('数量');
    expect(await tree.targetOf(FIRST).textContent()).toBe('不少于800人次');
    expect(await page.locator('tr.row-l3').count()).toBe(20);
    await screenshot(page, 'indicators-seed');

    // A second tab, open before the edit.
    const tab2 = await ctx.newPage();
    const tree2 = new IndicatorsPage(tab2, baseUrl);
    await tree2.open();

    // Invalid target: the message says what is wrong and Enter saves nothing.
    await tree.startEdit(FIRST);
    await tree.typeTarget('不少于8x0人次');
    await expect.poll(() => page.locator('.indicator-editor [role=alert]').textContent()).toBeTruthy();
    expect(await page.locator('.indicator-editor [data-test=save]').isDisabled()).toBe(true);
    await tree.pressEnter();
    expect(await page.locator('.indicator-editor').count()).toBe(1);

    // Valid target, saved with Enter.
    await tree.typeTarget('不少于 1000 人次');
    await expect.poll(() => page.locator('.target-feedback .fb-ok').textContent()).toContain('不少于1000人次');
    await tree.pressEnter();
    await expect.poll(() => tree.targetOf(FIRST).textContent()).toBe('不少于1000人次');

    // The other tab follows without a reload.
    await expect.poll(() => tree2.targetOf(FIRST).textContent(), { timeout: 5000 }).toBe('不少于1000人次');

    await page.reload();
    await expect.poll(() => tree.targetOf(FIRST).textContent()).toBe('不少于1000人次');
    expect(errors).toEqual([]);

    // Browser restart on the same profile.
    await ctx.close();
    ctx = await launch(profile);
    const again = new IndicatorsPage(ctx.pages()[0] ?? (await ctx.newPage()), baseUrl);
    await again.open();
    await expect.poll(() => again.targetOf(FIRST).textContent()).toBe('不少于1000人次');
    // Restarting did not seed a second copy.
    expect(await new PlanPicker(again.page).options.count()).toBe(5);
  });

  it('adds, reorders and deletes with undo; copies the plan to next year; speaks English on request', async () => {
    ctx = await launch(freshProfile());
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    const errors = watchErrors(page);
    const tree = new IndicatorsPage(page, baseUrl);
    await tree.open();

    // Add a 三级 under 产出 › 数量 with the keyboard.
    await page.locator('tr.row-l2[data-level2="数量"] [data-test=add]').click();
    await page.locator('.indicator-editor [data-test=name]').fill('法律咨询服务场次');
    await page.locator('.indicator-editor [data-test=target]').fill('不少于12场');
    await page.locator('.indicator-editor [data-test=target]').press('Enter');
    await expect.poll(() => tree.targetOf('法律咨询服务场次').textContent()).toBe('不少于12场');
    expect(await tree.level2Of('法律咨询服务场次')).toBe('数量');
    // Points no longer add up, and the view says so in words.
    await expect.poll(() => page.locator('[data-test=weight-status]').textContent()).toContain('个适用指标未设分值');

    // Move it up one place.
    await page.locator('tr.row-l3[data-indicator="法律咨询服务场次"] [data-test=up]').click();
    await expect.poll(() => page.locator('tr.row-l3').nth(5).getAttribute('data-indicator')).toBe('法律咨询服务场次');

    // Delete it, then undo.
    await page.locator('tr.row-l3[data-indicator="法律咨询服务场次"] [data-test=delete]').click();
    await expect.poll(() => tree.targetOf('法律咨询服务场次').count()).toBe(0);
    await page.locator('.notice .btn-link').click();
    await expect.poll(() => tree.targetOf('法律咨询服务场次').count()).toBe(1);

    // Default points make every group add up again.
    await page.locator('[data-test=default-weights]').click();
    await page.locator('dialog.confirm button[type=submit]').click();
    await expect.poll(() => page.locator('[data-test=weight-status]').textContent()).toContain('符合要求');

    // Next year's plan.
    await page.locator('[data-test=copy-next]').click();
    await page.locator('dialog.confirm button[type=submit]').click();
    await expect.poll(() => page.locator('select[data-test=year]').inputValue()).toBe('2023');
    await expect.poll(() => tree.targetOf('各项工作完成时间').textContent()).toBe('2023年12月31日前');
    await page.locator('select[data-test=year]').selectOption('2022');
    await expect.poll(() => tree.targetOf('各项工作完成时间').textContent()).toBe('2022年12月31日前');

    // Project plans open with the standard frame and an empty-group hint.
    expect(await new PlanPicker(page).names()).toContain('日常业务经费');
    await new PlanPicker(page).choose('日常业务经费');
    await expect.poll(() => page.locator('h1').textContent()).toBe('日常业务经费');
    await expect.poll(() => page.locator('tr.row-empty').count()).toBeGreaterThan(0);
    await screenshot(page, 'indicators-project');

    // A new project plan: refused without a name, then created and opened with the standard frame.
    await page.locator('[data-test=new-plan]').click();
    await page.locator('[data-test=np-create]').click();
    await expect.poll(() => page.locator('dialog.new-plan [role=alert]').first().textContent()).toContain('请填写名称');
    await page.locator('[data-test=np-name]').fill('职工法律援助');
    await page.locator('[data-test=np-budget]').fill('12.5');
    await screenshot(page, 'new-plan-dialog');
    await page.locator('[data-test=np-name]').press('Enter');
    await expect.poll(() => page.locator('h1').textContent()).toBe('职工法律援助');
    await expect.poll(() => page.locator('[data-test=budget-total]').textContent()).toBe('12.50');
    await expect.poll(() => page.locator('tr.row-l1').count()).toBe(3);
    // Its budget: add a line; a negative amount is refused beside the field; the total follows.
    await page.locator('[data-test=edit-budget]').click();
    await page.locator('[data-test=add-line]').click();
    await page.locator('[data-test=line-name]').last().fill('法律顾问费');
    await page.locator('[data-test=line-fiscal]').last().fill('-1');
    await page.locator('[data-test=save-budget]').click();
    await expect.poll(() => page.locator('.budget-editor [role=alert]').first().textContent()).toContain('不能为负');
    await page.locator('[data-test=line-fiscal]').last().fill('3.5');
    await page.locator('[data-test=save-budget]').click();
    await expect.poll(() => page.locator('[data-test=budget-total]').textContent()).toBe('16.00');
    // Deleting it asks first (cancel keeps it), then removes it and opens another plan.
    await page.locator('[data-test=delete-plan]').click();
    await page.locator('dialog.confirm').getByRole('button', { name: '取消' }).click();
    expect(await page.locator('h1').textContent()).toBe('职工法律援助');
    await page.locator('[data-test=delete-plan]').click();
    await page.locator('dialog.confirm button[type=submit]').click();
    await expect.poll(() => page.locator('h1').textContent()).not.toBe('职工法律援助');
    expect(await new PlanPicker(page).options.filter({ hasText: '职工法律援助' }).count()).toBe(0);

    await page.getByRole('button', { name: 'EN' }).click();
    await expect.poll(() => page.locator('nav a[data-nav=indicators]').textContent()).toBe('Indicators');
    expect(errors).toEqual([]);
  });

  it('restoring the sample asks first and brings back the original target', async () => {
    ctx = await launch(freshProfile());
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    const tree = new IndicatorsPage(page, baseUrl);
    await tree.open();
    await tree.startEdit(FIRST);
    await tree.typeTarget('不少于500人次');
    await tree.pressEnter();
    await expect.poll(() => tree.targetOf(FIRST).textContent()).toBe('不少于500人次');

    await page.goto(`${baseUrl}#/data`);
    await page.locator('[data-test=restore-sample]').click();
    await page.locator('dialog.confirm').getByRole('button', { name: '取消' }).click();
    await tree.open();
    expect(await tree.targetOf(FIRST).textContent()).toBe('不少于500人次');

    await page.goto(`${baseUrl}#/data`);
    // The unit's name is editable and shows in the app bar at once.
    await page.locator('[data-test=unit-name]').fill('深圳市盐田区总工会（机关）');
    await page.locator('[data-test=save-unit]').click();
    await expect.poll(() => page.locator('.brand small').textContent()).toBe('深圳市盐田区总工会（机关）');
    await page.locator('[data-test=restore-sample]').click();
    await page.locator('dialog.confirm button[type=submit]').click();
    await expect.poll(() => page.locator('.notice').textContent()).toContain('已恢复示例计划');
    await tree.open();
    await expect.poll(() => tree.targetOf(FIRST).textContent()).toBe('不少于800人次');
    // Restoring the sample reuses the (renamed) unit instead of adding a second one.
    expect(await page.locator('.brand small').textContent()).toBe('深圳市盐田区总工会（机关）');
  });
});
