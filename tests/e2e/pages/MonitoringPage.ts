import type { Locator, Page } from 'playwright-core';
import { dismissNotices } from '../browser';

/** Page model of 绩效运行监控: the rounds of the current plan with the 监控表, and the 全年总览 tab. */
export class MonitoringPage {
  constructor(readonly page: Page, readonly baseUrl: string) {}

  async open() {
    await this.page.goto(`${this.baseUrl}#/monitoring`);
    await this.page.locator('[data-test=rounds-empty], [data-test=round-list]').first().waitFor();
  }

  /** Types a cut-off into the new-round field and presses Enter (the field is a real form). */
  async startRound(cutoff: string) {
    const field = this.page.locator('[data-test=new-round-cutoff]');
    await field.fill(cutoff);
    await field.press('Enter');
  }

  cutoffError() {
    return this.page.locator('[data-test=new-round-error]').textContent();
  }

  sheet() {
    return this.page.locator('[data-test=round-sheet]');
  }

  focused() {
    return this.page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.test ?? null);
  }

  /** One indicator of the form (its two table rows). */
  row(name: string): Locator {
    return this.page.locator(`tbody.m-ind[data-indicator="${name}"]`);
  }

  /** Rows whose light is red or yellow, in form order. */
  atRisk(): Locator {
    return this.page.locator('tbody.m-ind[data-light=red], tbody.m-ind[data-light=yellow]');
  }

  async submit() {
    await this.page.locator('[data-test=submit]').click();
  }

  /** The rows named by a refused submit. */
  problemNames(): Promise<string[]> {
    return this.page.locator('[data-test=problems] li').evaluateAll((els) => els.map((e) => e.getAttribute('data-problem') ?? ''));
  }

  problem(name: string): Locator {
    return this.page.locator(`[data-test=problems] li[data-problem="${name}"]`);
  }

  /** Follows a problem's link, then fills the row in the way a manager would. */
  async explain(name: string, text: { reason: string; measures: string }) {
    await this.problem(name).locator('a').click();
    const row = this.row(name);
    await row.locator('[data-test=possibility]').selectOption('possible');
    await row.locator('[data-test=reason-staffing]').check();
    await row.locator('[data-test=reason-text]').fill(text.reason);
    await row.locator('[data-test=measures]').fill(text.measures);
  }

  saveState() {
    return this.page.locator('[data-test=save-state]').textContent();
  }

  async confirmSubmit(name: string) {
    const field = this.page.locator('dialog[open] [data-test=submit-name]');
    await field.fill(name);
    await field.press('Enter');
  }

  stamp() {
    return this.page.locator('[data-test=stamp]').textContent();
  }

  /** Fields left in the form (a submitted round has none; the filter is not a field of the form). */
  editableFields() {
    return this.sheet().locator('input:not([data-test=only-needing]), select, textarea').count();
  }

  /** Closes the notices so a full-page picture is not crossed by them. */
  async dismissNotices() {
    await dismissNotices(this.page);
  }

  /** A full-page picture starts at the top (the round's toolbar is sticky). */
  async toTop() {
    await this.dismissNotices();
    await this.page.evaluate(() => window.scrollTo(0, 0));
  }

  async openOverview() {
    await this.page.locator('[data-test=tab-overview]').click();
    await this.page.locator('[data-test=overview-plans]').waitFor();
  }

  overviewPlans(): Locator {
    return this.page.locator('[data-test=overview-plans] tbody tr');
  }
}
