import { afterEach, describe, expect, inject, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { BrowserContext, Download } from 'playwright-core';
import { ARTIFACTS, freshProfile, launch, SCRATCH, screenshot, watchErrors } from './browser';
import { DashboardPage } from './pages/DashboardPage';
import { MonitoringPage } from './pages/MonitoringPage';
import { EvaluationPage } from './pages/EvaluationPage';
import { ReportPage } from './pages/ReportPage';

const baseUrl = inject('baseUrl');
let ctx: BrowserContext | undefined;

afterEach(async () => {
  await ctx?.close();
  ctx = undefined;
});

async function saved(d: Download): Promise<Buffer> {
  const dir = join(SCRATCH, 'downloads');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, d.suggestedFilename());
  await d.saveAs(path);
  return readFileSync(path);
}

async function workbook(bytes: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

/** Every page of a PDF with its size in points. */
const pdfPages = (pdf: Buffer) => [...pdf.toString('latin1').matchAll(/\/Type\s*\/Page[^s][\s\S]*?\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/g)].map((m) => ({ w: Number(m[3]) - Number(m[1]), h: Number(m[4]) - Number(m[2]) }));

describe('forms and reports in Chromium', () => {
  it('a round submitted at 30 June and a draft evaluation: every document previewed as it prints, exported to Excel and Word, read back; the report’s text kept', async () => {
    ctx = await launch(freshProfile());
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    const errors = watchErrors(page);

    // The seed plan with the sample year of activity.
    const dash = new DashboardPage(page, baseUrl);
    await dash.open();
    await page.locator('[data-test=sample-load]').click();
    await page.locator('dialog.confirm button[type=submit]').click();
    await page.locator('[data-test=sample-note]').waitFor();

    // Nothing submitted, nothing evaluated yet: the list says where to go.
    const report = new ReportPage(page, baseUrl);
    await report.open();
    expect(await report.ids()).toEqual(['target']);
    expect(await page.locator('[data-test=empty-monitoring]').textContent()).toContain('尚无已报送的监控表');
    expect(await page.locator('[data-test=empty-monitoring] a').getAttribute('href')).toBe('#/monitoring');
    expect(await page.locator('[data-test=empty-evaluation] a').getAttribute('href')).toBe('#/evaluation');

    // 绩效目标表 to Excel: the file read back holds the form, numbers as numbers, merges, A4 set up.
    const targetFile = await report.download(report.doc('target'), 'xlsx');
    expect(targetFile.suggestedFilename()).toBe('2022年深圳市盐田区总工会单位整体支出绩效目标表.xlsx');
    const target = (await workbook(await saved(targetFile))).worksheets[0]!;
    expect(target.getCell('A1').value).toBe('单位整体支出绩效目标表');
    const numbers: number[] = [];
    target.eachRow((row) => row.eachCell((c) => (typeof c.value === 'number' ? numbers.push(c.value) : undefined)));
    expect(numbers).toContain(1273.52);
    expect((target.model as unknown as { merges: string[] }).merges.length).toBeGreaterThan(10);
    expect(target.pageSetup).toMatchObject({ paperSize: 9, fitToWidth: 1, fitToHeight: 0 });
    expect(target.pageSetup.printTitlesRow).toMatch(/^\d+:\d+$/);
    await page.locator('.notice', { hasText: '已导出：2022年深圳市盐田区总工会单位整体支出绩效目标表.xlsx' }).waitFor();

    // Its print page: the paper in the app, the title and a repeated head.
    await report.preview(report.doc('target'));
    expect(await page.locator('.pd-title').textContent()).toBe('单位整体支出绩效目标表');
    expect(await page.locator('.pd-root thead').count()).toBeGreaterThanOrEqual(2);
    await report.toTop();
    await screenshot(page, 'print-target-table');

    // Submit a round at 30 June through the monitoring screen.
    const m = new MonitoringPage(page, baseUrl);
    await m.open();
    await m.startRound('2022-06-30');
    await m.sheet().waitFor();
    await m.submit();
    if (await page.locator('[data-test=problems]').count()) {
      for (const name of await m.problemNames()) await m.explain(name, { reason: '上半年人员不足，活动推迟', measures: '下半年增派人手，按月跟踪' });
      await expect.poll(() => page.locator('[data-test=problems]').textContent()).toContain('全部指标已填写完整');
      await m.submit();
    }
    await m.confirmSubmit('张敏');
    await expect.poll(() => m.stamp()).toContain('已报送 · 张敏');

    // A draft evaluation.
    const ev = new EvaluationPage(page, baseUrl);
    await ev.open();
    await ev.start();

    await report.open();
    await expect.poll(() => report.ids()).toHaveLength(5);
    const ids = await report.ids();
    expect(ids[0]).toBe('target');
    expect(ids[1]).toMatch(/^round-/);
    expect(ids.slice(2).map((id) => id.replace(/^(eval|report)-.*?(-project|-unit)?$/, '$1$2'))).toEqual(['eval-project', 'eval-unit', 'report']);
    const round = report.docStarting('round-');
    expect(await round.locator('[data-test=doc-status]').textContent()).toBe('已报送');
    const evalUnit = report.docStarting('eval-', '-unit');
    expect(await evalUnit.locator('[data-test=doc-status]').textContent()).toBe('草稿');
    expect(await evalUnit.textContent()).toContain('打印件带“草稿”水印');
    await report.toTop();
    await screenshot(page, 'report-list');

    // 监控表 to Excel and back.
    const roundFile = await report.download(round, 'xlsx');
    expect(roundFile.suggestedFilename()).toBe('2022年深圳市盐田区总工会部门（单位）整体支出绩效目标执行监控表（1–6月）.xlsx');
    const monitoring = (await workbook(await saved(roundFile))).worksheets[0]!;
    expect(monitoring.getCell('A1').value).toBe('部门（单位）整体支出绩效目标执行监控表');
    expect(monitoring.pageSetup.orientation).toBe('landscape');
    const rates: number[] = [];
    monitoring.eachRow((row) => row.eachCell((c) => (c.numFmt === '0.00%' && typeof c.value === 'number' ? rates.push(c.value) : undefined)));
    expect(rates.length).toBeGreaterThan(0);

    // Its print page, and as the printer gets it: the app around it gone, A4 landscape pages.
    await report.preview(round);
    expect(await page.locator('.pd-root').getAttribute('data-orientation')).toBe('landscape');
    await report.toTop();
    await screenshot(page, 'print-monitoring');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.appbar').isVisible()).toBe(false);
    expect(await page.locator('.rp-toolbar').isVisible()).toBe(false);
    expect(await page.locator('.pd-root thead').first().isVisible()).toBe(true);
    await screenshot(page, 'print-monitoring-media-print');
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    writeFileSync(join(ARTIFACTS, 'print-monitoring.pdf'), pdf);
    const pages = pdfPages(pdf);
    expect(pages.length).toBeGreaterThanOrEqual(1);
    for (const p of pages) expect([Math.round(p.w), Math.round(p.h)]).toEqual([842, 595]);
    await page.emulateMedia({ media: 'screen' });
    await report.back();

    // The draft 自评表 to Excel: its score cells are numbers with two decimals, read back from the downloaded file.
    const evalFile = await report.download(evalUnit, 'xlsx');
    expect(evalFile.suggestedFilename()).toMatch(/绩效自评表.*\.xlsx$/);
    const evalSheet = (await workbook(await saved(evalFile))).worksheets[0]!;
    const texts: string[] = [];
    const scores: number[] = [];
    evalSheet.eachRow((row) =>
      row.eachCell((c) => {
        if (typeof c.value === 'string') texts.push(c.value);
        if (typeof c.value === 'number' && c.numFmt === '0.00') scores.push(c.value);
      }),
    );
    expect(texts.join('')).toContain('整体支出绩效自评表');
    expect(scores.length).toBeGreaterThan(5);

    // The draft 自评表: watermarked 草稿 on the page.
    await report.preview(evalUnit);
    expect(await page.locator('.pd-root [data-test=watermark]').textContent()).toBe('草稿');
    await report.toTop();
    await screenshot(page, 'print-evaluation');
    await report.back();

    // The report: its text written beside the preview, saved with the evaluation, in the Word file with the gauges.
    await report.preview(report.docStarting('report-'));
    await report.section('improvements').fill('加强下半年活动组织，按月跟踪进度。');
    await expect.poll(() => report.saveState()).toBe('已自动保存');
    await expect.poll(() => page.locator('.pd-root [data-section=improvements]').first().textContent()).toBe('加强下半年活动组织，按月跟踪进度。');
    await page.reload();
    await page.locator('[data-test=print-document]').first().waitFor();
    expect(await report.section('improvements').inputValue()).toBe('加强下半年活动组织，按月跟踪进度。');
    await report.toTop();
    await screenshot(page, 'print-report');
    // Printed: the report on portrait pages, its 自评表 attachment on landscape ones.
    await page.emulateMedia({ media: 'print' });
    const reportPdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    await page.emulateMedia({ media: 'screen' });
    writeFileSync(join(ARTIFACTS, 'print-report.pdf'), reportPdf);
    const sizes = pdfPages(reportPdf).map((p) => (p.w < p.h ? 'portrait' : 'landscape'));
    expect(sizes[0]).toBe('portrait');
    expect(sizes.at(-1)).toBe('landscape');
    expect(sizes.indexOf('landscape')).toBe(sizes.lastIndexOf('portrait') + 1);
    const word = await report.download(report.toolbar(), 'docx');
    expect(word.suggestedFilename()).toBe('深圳市盐田区总工会2022年度部门整体支出绩效自评报告（草稿）.docx');
    const zip = await JSZip.loadAsync(await saved(word));
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('加强下半年活动组织，按月跟踪进度。');
    expect(xml).toContain('三、综合评价结论');
    const images = Object.keys(zip.files).filter((f) => /^word\/media\/.+\.png$/.test(f));
    expect(images.length).toBeGreaterThanOrEqual(3);
    // A real gauge picture, not an empty canvas: a PNG well above a blank one's size.
    const gauge = await zip.file(images[0]!)!.async('uint8array');
    expect(gauge.length).toBeGreaterThan(3000);
    writeFileSync(join(ARTIFACTS, 'report-gauge.png'), gauge);

    expect(errors).toEqual([]);
  }, 240_000);
});
