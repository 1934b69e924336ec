import { afterEach, describe, expect, inject, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { SCRATCH, freshProfile, launch, screenshot, watchErrors } from './browser';
import { ImportPage } from './pages/ImportPage';
import { PlanPicker } from './pages/PlanPicker';
import { IndicatorsPage } from './pages/IndicatorsPage';
import { writeFixtures } from '../fixtures/xlsx/make-fixtures';

const baseUrl = inject('baseUrl');
let ctx: BrowserContext | undefined;

afterEach(async () => {
  await ctx?.close();
  ctx = undefined;
});

describe('从 Excel 导入目标表 in Chromium', () => {
  it('refuses broken files with a reason, previews a two-sheet workbook, takes a fixed column and opens the imported tree', async () => {
    const files = await writeFixtures(join(SCRATCH, 'xlsx'));
    const notXlsx = join(SCRATCH, 'xlsx', 'notes.xlsx');
    writeFileSync(notXlsx, '一级指标,二级指标,三级指标,指标值\n');
    ctx = await launch(freshProfile());
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    const errors = watchErrors(page);
    const tree = new IndicatorsPage(page, baseUrl);
    await tree.open(); // the sample loads on first run
    const plansBefore = await new PlanPicker(page).options.count();

    const imp = new ImportPage(page, baseUrl);
    await imp.open();
    // Refused files: said in words, nothing read, the picker ready again.
    await imp.choose(files.truncated!);
    await expect.poll(() => imp.problem().textContent()).toContain('文件已损坏或不完整');
    await imp.choose(notXlsx);
    await expect.poll(() => imp.problem().textContent()).toContain('文件不是有效的 Excel 工作簿');
    await imp.choose(files.empty!);
    await expect.poll(() => imp.problem().textContent()).toContain('工作簿是空的');
    await imp.choose(files.oversized!);
    await expect.poll(() => imp.dialog.locator('[role=tab]').first().textContent(), { timeout: 20_000 }).toContain('超过 5,000 行的上限');
    expect(await imp.commitButton().isDisabled()).toBe(true);
    await imp.dialog.locator('[data-test=import-back]').click();

    // The two-sheet project workbook: read in the worker, previewed sheet by sheet.
    await imp.choose(files.projects!);
    await expect.poll(() => imp.tab('职工服务').getAttribute('aria-selected')).toBe('true');
    expect(await imp.tab('职工服务').textContent()).toContain('4 个三级指标');
    expect(await imp.dialog.locator('[data-test=plan-name]').inputValue()).toBe('职工服务项目');
    expect(await imp.dialog.locator('[data-test=plan-year]').inputValue()).toBe('2023');
    expect(await imp.readingOf('服务职工人次').textContent()).toContain('不少于1200人次');
    expect(await imp.readingOf('活动完成率').textContent()).toContain('≥95%');
    expect(await imp.dialog.locator('[data-test=sheet-summary]').textContent()).toContain('分值取自表格');
    expect(await imp.dialog.locator('[data-test=skipped-rows] summary').textContent()).toContain('(1)');
    await screenshot(page, 'import-preview');

    // The second sheet heads its target column 目标: the user picks it and the preview follows.
    await imp.showSheet('劳模疗休养');
    expect(await imp.tab('劳模疗休养').textContent()).toContain('请指定：指标值');
    expect(await imp.commitButton().isDisabled()).toBe(true);
    expect(await imp.dialog.locator('[data-test=import-blocked]').textContent()).toContain('劳模疗休养：请指定：指标值');
    await imp.mapColumn('target', '目标');
    await expect.poll(() => imp.readingOf('疗休养人数').textContent()).toContain('25人');
    expect(await imp.tab('劳模疗休养').textContent()).toContain('2 个三级指标');
    await screenshot(page, 'import-mapping');

    // Keyboard: the sheet tabs move with the arrow keys.
    await imp.tab('劳模疗休养').focus();
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => imp.tab('职工服务').getAttribute('aria-selected')).toBe('true');

    await expect.poll(() => imp.commitButton().textContent()).toContain('导入 2 个工作表');
    await imp.commit();
    await page.waitForURL(/#\/indicators/);
    await expect.poll(() => page.locator('.notice').first().textContent()).toContain('已导入 2 个计划，已打开“职工服务项目”的指标');
    await expect.poll(() => page.locator('h1').textContent()).toBe('职工服务项目');
    await expect.poll(() => tree.row('产出指标', '数量指标', '服务职工人次').count()).toBe(1);
    expect(await tree.targetOf('服务职工人次').textContent()).toBe('不少于１２００人次');
    expect(await page.locator('tr.row-l3').count()).toBe(4);
    const options = await new PlanPicker(page).names();
    expect(options.some((o) => o.includes('劳模疗休养'))).toBe(true);
    await screenshot(page, 'import-done');

    // Nothing from the refused files: the 2022 year still holds the sample's plans only.
    await page.locator('[data-test=year]').selectOption('2022');
    await expect.poll(() => new PlanPicker(page).options.count()).toBe(plansBefore);
    expect(errors).toEqual([]);
  });

  it('cancelling after the preview writes nothing', async () => {
    const files = await writeFixtures(join(SCRATCH, 'xlsx2'));
    ctx = await launch(freshProfile());
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    const tree = new IndicatorsPage(page, baseUrl);
    await tree.open();
    const imp = new ImportPage(page, baseUrl);
    await imp.open();
    await imp.choose(files.hidden!);
    await expect.poll(() => imp.tab('旧版').textContent()).toContain('隐藏');
    expect(await imp.tab('说明').textContent()).toContain('不是指标表');
    await expect.poll(() => imp.commitButton().textContent()).toContain('导入 1 个工作表'); // the hidden sheet is left out
    await page.keyboard.press('Escape');
    await expect.poll(() => imp.dialog.count()).toBe(0);
    await page.locator('[data-test=year]').waitFor({ state: 'attached' });
    const years = await page.locator('[data-test=year] option').allTextContents();
    expect(years.some((y) => y.includes('2023'))).toBe(false);
  });

  it('reads the same in English, without cramped labels', async () => {
    const files = await writeFixtures(join(SCRATCH, 'xlsx3'));
    ctx = await launch(freshProfile());
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    const errors = watchErrors(page);
    await new IndicatorsPage(page, baseUrl).open();
    await page.locator('.locale button', { hasText: 'EN' }).click();
    const imp = new ImportPage(page, baseUrl);
    await imp.open();
    await imp.choose(files.unit!);
    await expect.poll(() => imp.tab('单位整体').textContent()).toContain('20 indicators');
    expect(await imp.dialog.locator('[data-test=sheet-summary]').textContent()).toContain('the defaults are applied');
    await imp.dialog.locator('[data-test=column-mapping] summary').click();
    await screenshot(page, 'import-preview-en');
    expect(errors).toEqual([]);
  });
});
