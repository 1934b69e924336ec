import type { Download, Locator, Page } from 'playwright-core';
import { dismissNotices } from '../browser';

/** Page model of 报表与报告: the plan's documents, their print preview, exports, and the report's text sections. */
export class ReportPage {
  constructor(readonly page: Page, readonly baseUrl: string) {}

  async open() {
    await this.page.goto(`${this.baseUrl}#/report`);
    await this.page.locator('[data-test=report-doc]').first().waitFor();
  }

  /** A document of the list by its id ('target'), or the first whose id starts with a prefix ('round-', 'eval-…-unit'). */
  doc(id: string): Locator {
    return this.page.locator(`li[data-doc="${id}"]`);
  }

  docStarting(prefix: string, suffix = ''): Locator {
    // [attr$=""] matches nothing in CSS: the suffix only when there is one.
    return this.page.locator(`li[data-doc^="${prefix}"]${suffix ? `[data-doc$="${suffix}"]` : ''}`).first();
  }

  ids(): Promise<string[]> {
    return this.page.locator('[data-test=report-doc]').evaluateAll((els) => els.map((e) => e.getAttribute('data-doc') ?? ''));
  }

  /** Opens a document's print preview and waits for the paper. */
  async preview(doc: Locator) {
    await doc.locator('[data-test=preview]').click();
    await this.page.locator('[data-test=print-document]').first().waitFor();
  }

  async back() {
    await this.page.locator('[data-test=back]').click();
    await this.page.locator('[data-test=report-doc]').first().waitFor();
  }

  /** Clicks an export button (in the list row or the preview toolbar) and returns the browser's download. */
  async download(where: Locator, format: 'xlsx' | 'docx'): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), where.locator(`[data-test=export-${format}]`).click()]);
    return download;
  }

  toolbar(): Locator {
    return this.page.locator('.rp-toolbar');
  }

  section(key: string): Locator {
    return this.page.locator(`[data-test=section-${key}]`);
  }

  saveState() {
    return this.page.locator('[data-test=report-sections] [data-test=save-state]').textContent();
  }

  /** Closes the notices so a full-page picture is not crossed by them. */
  async dismissNotices() {
    await dismissNotices(this.page);
  }

  async toTop() {
    await this.dismissNotices();
    await this.page.evaluate(() => window.scrollTo(0, 0));
  }
}
