import type { Page } from 'playwright-core';

/** Page model of the dashboard. */
export class DashboardPage {
  constructor(readonly page: Page, readonly baseUrl: string) {}

  async open() {
    await this.page.goto(`${this.baseUrl}#/dashboard`);
    await this.page.locator('[data-test=gauge-overall]').waitFor();
  }

  gauge(testId: string) {
    return this.page.locator(`[data-test=${testId}] [data-test=gauge-value]`).textContent();
  }

  /** The actual shown for an indicator in the details table. */
  actualOf(name: string) {
    return this.page.locator(`[data-test=progress-table] tr[data-indicator="${name}"] [data-test=actual]`).textContent();
  }
}
