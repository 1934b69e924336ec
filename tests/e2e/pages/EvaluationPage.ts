import type { Locator, Page } from 'playwright-core';
import { dismissNotices } from '../browser';

/** Page model of the self-evaluation view (绩效自评): workspace, problem list, finalise, the two 自评表 layouts. */
export class EvaluationPage {
  constructor(readonly page: Page, readonly baseUrl: string) {}

  async open() {
    await this.page.goto(`${this.baseUrl}#/evaluation`);
    await this.page.locator('[data-test=eval-empty], [data-test=eval-toolbar]').first().waitFor();
  }

  async start() {
    await this.page.locator('[data-test=start]').click();
    await this.page.locator('[data-test=scoring-table]').waitFor();
  }

  /** A 三级 row of the scoring table by its name. */
  row(name: string): Locator {
    return this.page.locator(`tbody.ev-row[data-indicator="${name}"]`);
  }

  /** Names of the rows that can be scored (不适用 rows excluded). */
  async applicableRows(): Promise<string[]> {
    return this.page.locator('tbody.ev-row:not([data-status=na])').evaluateAll((els) => els.map((e) => e.getAttribute('data-indicator') ?? ''));
  }

  async typeActual(name: string, value: string) {
    await this.row(name).locator('[data-test=actual-input]').fill(value);
  }

  async note(name: string, text: string) {
    await this.row(name).locator('[data-test=override-note]').fill(text);
  }

  async explain(name: string, text: string) {
    await this.row(name).locator('[data-test=explanation-input]').fill(text);
  }

  needsExplanation(name: string): Promise<number> {
    return this.row(name).locator('[data-test=explanation-needed]').count();
  }

  score(name: string) {
    return this.row(name).locator('[data-test=score]').textContent();
  }

  total() {
    return this.page.locator('[data-test=live-total] [data-test=total]').textContent();
  }

  grade() {
    return this.page.locator('[data-test=live-total] [data-test=grade]').textContent();
  }

  status() {
    return this.page.locator('[data-test=status]').textContent();
  }

  weightTotal() {
    return this.page.locator('[data-test=weight-total]').textContent();
  }

  async setWeight(name: string, points: string) {
    const input = this.row(name).locator('[data-test=weight-input]');
    await input.fill(points);
    await input.press('Enter');
  }

  async applyDefaultWeights() {
    await this.page.locator('[data-test=apply-default-weights]').click();
    await this.page.locator('dialog.confirm button[type=submit]').click();
  }

  /** Presses 定稿; returns whether the who-and-confirm dialog opened (false: refused with the problem list). */
  async pressFinalise(): Promise<boolean> {
    await this.page.locator('[data-test=finalise]').click();
    const dialog = this.page.locator('[data-test=finalise-dialog][open]');
    const problems = this.page.locator('[data-test=problems][open]');
    await dialog.or(problems).first().waitFor();
    return (await dialog.count()) > 0;
  }

  async confirmFinalise(by: string) {
    await this.page.locator('[data-test=finalise-name]').fill(by);
    await this.page.locator('[data-test=finalise-confirm]').click();
    await this.page.locator('[data-test=eval-toolbar][data-status=final]').waitFor();
  }

  /** What the problem list says about a row (or about the whole form, by its code). */
  problems(): Locator {
    return this.page.locator('[data-test=problems] li');
  }

  problem(name: string): Locator {
    return this.page.locator(`[data-test=problems] li[data-problem="${name}"]`);
  }

  /** The element that has the keyboard: its data-test, or the indicator row it sits in. */
  focused() {
    return this.page.evaluate(() => {
      const el = document.activeElement;
      const row = el?.closest('tbody.ev-row')?.getAttribute('data-indicator') ?? '';
      return `${row}|${el?.getAttribute('data-test') ?? ''}`;
    });
  }

  /** Back to the top with the notices closed, so a full-page screenshot shows the page as laid out. */
  async top() {
    await dismissNotices(this.page);
    await this.page.evaluate(() => window.scrollTo(0, 0));
  }

  async tab(which: 'score' | 'form') {
    await this.page.locator(`[data-test=tab-${which}]`).click();
  }

  async layout(which: 'project' | 'unit') {
    await this.page.locator(`[data-test=layout-${which}]`).check();
    await this.page.locator(`[data-test=form-sheet][data-layout=${which}]`).waitFor();
  }
}
