import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** The flags this closed network needs: without them Chromium keeps dialling Google and failing. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const ARTIFACTS = join(process.cwd(), 'tests/e2e/artifacts');

/**
 * All profiles, scratch files and the build of a run live here; the global setup empties it before and after. One
 * folder per run (run.mjs names it), so two runs on one machine never delete each other's profiles or build.
 */
export const SCRATCH = join(tmpdir(), `jixiao-e2e-${process.env.JIXIAO_E2E_RUN ?? 'default'}`);

export function freshProfile(): string {
  mkdirSync(SCRATCH, { recursive: true });
  return mkdtempSync(join(SCRATCH, 'profile-'));
}

/** A browser on a profile directory; launch again on the same directory to simulate a restart. */
export async function launch(profileDir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, {
    executablePath: '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
  });
}

/** Collects page errors and console errors so a test can assert there were none. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console.error: ${m.text()}`);
  });
  return errors;
}

export async function screenshot(page: Page, name: string) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/**
 * Closes the notices so a full-page picture is not crossed by them. A notice may time out and vanish between being
 * counted and clicked, so each click is short and a vanished notice is no failure.
 */
export async function dismissNotices(page: Page) {
  const close = page.locator('.notice .btn-icon');
  for (let i = 0; i < 20 && (await close.count()) > 0; i++) await close.first().click({ timeout: 1000 }).catch(() => undefined);
}
