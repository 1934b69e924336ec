import { afterEach, describe, expect, inject, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { freshProfile, launch, screenshot, watchErrors } from './browser';
import { DashboardPage } from './pages/DashboardPage';
import { ActivityPage } from './pages/ActivityPage';
import { MonitoringPage } from './pages/MonitoringPage';

const baseUrl = inject('baseUrl');
const SERVICES = '开展职工权益保障和职工服务等活动（人次）';
let ctx: BrowserContext | undefined;

afterEach(async () => {
  await ctx?.close();
  ctx = undefined;
});

describe('mid-year monitoring in Chromium', () => {
  it('a round at 30 June: red/yellow rows with their numbers, submit refused naming them, explained, submitted, locked across a reload and later entries; the year overview', async () => {
    ctx = await launch(freshProfile());
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    const errors = watchErrors(page);

    // The seeded 2022 plan with a sample year of activity.
    const dash = new DashboardPage(page, baseUrl);
    await dash.open();
    await page.locator('[data-test=sample-load]').click();
    await page.locator('dialog.confirm button[type=submit]').click();
    await page.locator('[data-test=sample-note]').waitFor();

    const m = new MonitoringPage(page, baseUrl);
    await m.open();
    await page.locator('[data-test=rounds-empty]').waitFor();
    expect(await page.locator('[data-test=new-round-cutoff]').inputValue()).toBe('2022-06-30');

    // Outside the plan year: refused beside the field, nothing made.
    await m.startRound('2023-06-30');
    await expect.poll(() => m.cutoffError()).toBe('截止日期须在 2022 年内');
    expect(await page.locator('[data-test=round-list]').count()).toBe(0);

    // 30 June, Enter: the form opens and the cursor is on its title.
    await m.startRound('2022-06-30');
    await m.sheet().waitFor();
    await expect.poll(() => m.focused()).toBe('sheet-title');
    expect(await page.locator('[data-test=sheet-title]').textContent()).toBe('部门（单位）整体支出绩效目标执行监控表');
    expect(await page.locator('[data-test=time-progress]').textContent()).toContain('6/12');

    // A red or yellow row, with the numbers behind its light, in words beside the colour.
    const risky = m.atRisk().first();
    await risky.waitFor();
    const riskyName = (await risky.getAttribute('data-indicator'))!;
    expect(await risky.locator('[data-test=light]').textContent()).toMatch(/红灯|黄灯/);
    expect(await risky.locator('[data-test=light-formula]').textContent()).toMatch(/\d.*(÷|<|>|≥|≤).*\d/);
    await expect.poll(() => risky.locator('[data-test=needs-explanation]').count()).toBe(1);

    // Submit without reasons: refused, every row named with what it lacks.
    await m.submit();
    await page.locator('[data-test=problems]').waitFor();
    const named = await m.problemNames();
    expect(named).toContain(riskyName);
    expect(await m.problem(riskyName).textContent()).toContain('偏差原因');
    expect(await page.locator('dialog[open]').count()).toBe(0);
    await m.toTop();
    await screenshot(page, 'monitoring-refused');

    // Explain each named row through its link.
    for (const name of named) await m.explain(name, { reason: '上半年人员不足，活动推迟', measures: '下半年增派人手，按月跟踪' });
    await expect.poll(() => page.locator('[data-test=problems]').textContent()).toContain('全部指标已填写完整');
    await expect.poll(() => m.saveState()).toContain('已自动保存');

    const servicesActual = await m.row(SERVICES).locator('[data-test=actual] strong').textContent();
    const executed = await page.locator('[data-fund=total] [data-test=executed]').textContent();

    // Submit: asks the name, then locks and stamps.
    await m.submit();
    await m.confirmSubmit('张敏');
    await expect.poll(() => m.stamp()).toMatch(/^已报送 · 张敏 · 20\d\d-\d\d-\d\d \d\d:\d\d$/);

    // Still locked after a reload.
    await page.reload();
    await m.open();
    await m.sheet().waitFor();
    await expect.poll(() => m.stamp()).toContain('已报送 · 张敏');
    expect(await m.editableFields()).toBe(0);
    expect(await page.locator('[data-test=correct]').count()).toBe(1);
    expect(await m.row(riskyName).textContent()).toContain('下半年增派人手，按月跟踪');
    await m.toTop();
    await screenshot(page, 'monitoring-round');

    // A new entry dated inside 1–6月 changes the live figures but not the submitted form.
    const log = new ActivityPage(page, baseUrl);
    await log.open();
    await log.type('权益保障和职工服务等');
    await page.locator('[data-test=amount]').fill('50');
    await page.locator('[data-test=date]').fill('2022-03-15');
    await page.locator('[data-test=recorded-by]').fill('张敏');
    await page.locator('[data-test=save-entry]').click();
    await page.locator('.notice', { hasText: '已记录：' }).filter({ hasText: '50人次' }).waitFor();

    await m.open();
    await m.sheet().waitFor();
    expect(await m.row(SERVICES).locator('[data-test=actual] strong').textContent()).toBe(servicesActual);
    expect(await page.locator('[data-fund=total] [data-test=executed]').textContent()).toBe(executed);

    // The dashboard switched to "the last submitted round" shows the figures as filed, not the new entry.
    await dash.open();
    await page.locator('[data-test=as-of]').fill('2022-06-30');
    await expect.poll(() => dash.actualOf(SERVICES)).not.toBe(servicesActual); // live: the 50 人次 logged since
    await page.locator('[data-test=mode-round]').click();
    await page.locator('[data-test=round-note]').waitFor();
    expect(await page.locator('[data-test=round-note]').textContent()).toContain('2022-06-30');
    await expect.poll(() => dash.actualOf(SERVICES)).toBe(servicesActual);
    await page.locator('[data-test=mode-live]').click();
    await expect.poll(() => dash.actualOf(SERVICES)).not.toBe(servicesActual);

    // 全年总览: every plan of 2022 with its light, execution and last round; indicators at risk; the chart.
    await m.open();
    await m.openOverview();
    await expect.poll(() => m.overviewPlans().count()).toBe(5);
    const unitRow = page.locator('[data-test=overview-plans] tr[data-plan="深圳市盐田区总工会单位整体支出绩效目标表"]');
    expect(await unitRow.locator('[data-test=last-round]').textContent()).toMatch(/^1–6月 已报送 · 20\d\d-/);
    expect(await unitRow.locator('[data-test=execution]').textContent()).toMatch(/\d+\.\d%.*\/ 50\.0%/);
    await page.locator('[data-test=risks] tbody tr').first().waitFor();
    const firstRisk = await page.locator('[data-test=risks] tbody tr').first().getAttribute('data-light');
    expect(['red', 'yellow']).toContain(firstRisk);
    await page.locator('[data-test=execution-chart] canvas').waitFor();
    await m.toTop();
    await page.waitForTimeout(800); // let the chart finish animating before the picture
    await screenshot(page, 'monitoring-overview');

    // Clicking a plan opens its rounds.
    await page.locator('[data-test=overview-plans] tr[data-plan="日常业务经费"] [data-test=open-plan]').click();
    await page.locator('[data-test=rounds-empty]').waitFor();
    expect(await page.locator('.eyebrow').textContent()).toContain('日常业务经费');
    expect(errors).toEqual([]);
  });
});
