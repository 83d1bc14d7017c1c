import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { createReporters, ReporterMux } from '../../src/reporters/index.js';
import type { ApiResult, RunResult } from '../../src/core/results.js';
import { sampleRun, XSS } from '../fixtures/reporters/sample-run.js';

const REPORT = 'ACME-Telco-Inc-TMF663-v4.0.0-HTMLReport.html';
let dir: string;
let saved: RunResult;

test.beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tmf-ctk-browser-'));
  const { errors } = await new ReporterMux(createReporters(['json', 'html'], { outDir: dir })).end(sampleRun());
  expect(errors).toEqual([]);
  // The numbers the page must show come from the file a user would compare it with.
  saved = JSON.parse(await readFile(join(dir, 'results.json'), 'utf8')) as RunResult;
});

test.afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Opens a report from file://, recording dialogs and console errors (a CSP refusal is one). */
async function open(page: Page, name: string) {
  const seen = { dialogs: [] as string[], errors: [] as string[] };
  page.on('dialog', (d) => { seen.dialogs.push(d.message()); void d.dismiss(); });
  page.on('console', (m) => { if (m.type() === 'error') seen.errors.push(m.text()); });
  page.on('pageerror', (e) => seen.errors.push(e.message));
  await page.goto(pathToFileURL(join(dir, name)).href);
  return seen;
}

const api = (id: string): ApiResult => saved.apis.find((a) => a.id === id)!;

test('summary numbers equal results.json', async ({ page }) => {
  await open(page, REPORT);
  const s = api('TMF663').summary;
  for (const group of ['cases', 'mandatory', 'optional', 'checks'] as const) {
    for (const key of ['passed', 'failed', 'skipped'] as const) {
      await expect(page.getByTestId(`${group}-${key}`)).toHaveText(String(s[group][key]));
    }
  }
  await expect(page.getByTestId('requests')).toHaveText(String(s.requests));
  await expect(page.getByTestId('verdict')).toContainText('Not conformant');
  await expect(page.getByTestId('case')).toHaveCount(api('TMF663').cases.length);
});

test('the index links to each API report', async ({ page }) => {
  await open(page, 'index.html');
  await expect(page.getByTestId('api-row')).toHaveCount(saved.apis.length);
  await page.getByRole('link', { name: REPORT }).click();
  await expect(page).toHaveURL(new RegExp(`${REPORT}$`));
  await expect(page.locator('h1')).toHaveText('TMF663 Shopping Cart Management');
});

test('a failed case expands to its checks, reasons, schema pointer and exchanges', async ({ page }, testInfo) => {
  const seen = await open(page, REPORT);
  const failed = page.locator('details.case[data-status="fail"]').first();
  await expect(failed.locator('.check-reason').first()).toBeHidden();
  await failed.locator('summary').click();
  await expect(failed).toHaveAttribute('open', '');
  await expect(failed.locator('.check-reason', { hasText: '1 schema error in ShoppingCart' })).toBeVisible();
  await expect(failed.getByTestId('schema-error')).toContainText('/cartItem/0/quantity');
  await expect(failed.locator('pre.body').first()).toContainText('"quantity": "two"');
  await page.screenshot({ path: testInfo.outputPath('report-failed-case.png'), fullPage: true });
  expect(seen.errors).toEqual([]);
});

test('"Show only failures" hides the other cases', async ({ page }) => {
  await open(page, REPORT);
  const cases = page.getByTestId('case');
  const failed = api('TMF663').summary.cases.failed;
  await page.getByLabel('Show only failures').check();
  await expect(cases.locator('visible=true')).toHaveCount(failed);
  await expect(page.locator('#shown-count')).toHaveText(`Showing ${failed} of ${api('TMF663').cases.length} cases`);
  await page.getByLabel('Show only failures').uncheck();
  await expect(cases.locator('visible=true')).toHaveCount(api('TMF663').cases.length);
});

for (const bypassCSP of [false, true]) {
  // With the CSP bypassed, only escaping stands between the payloads and the page: it must be enough.
  test(`target XSS payloads stay inert text${bypassCSP ? ' (even without the CSP)' : ''}`, async ({ browser }) => {
    const context = await browser.newContext({ bypassCSP });
    const page = await context.newPage();
    const seen = await open(page, REPORT);
    await page.getByRole('button', { name: 'Expand all' }).click();
    await expect(page.locator('details.case[open]')).toHaveCount(api('TMF663').cases.length);
    await expect(page.getByText(XSS.closeScript).first()).toBeVisible();
    await expect(page.getByText(XSS.attribute).first()).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
    expect(await page.locator('script').count()).toBe(1);
    expect(await page.locator('img').count()).toBe(0);
    expect(seen.dialogs).toEqual([]);
    await context.close();
  });
}

test('prints with every case open and no controls', async ({ page }) => {
  await open(page, REPORT);
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.controls')).toBeHidden();
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await expect(page.locator('details.case[open]')).toHaveCount(api('TMF663').cases.length);
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  await expect(page.locator('details.case[open]')).toHaveCount(0);
});
