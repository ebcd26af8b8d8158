import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedAutomation, expectedCycle, expectedForecast, expectedSla, inPeriod, period } from '../reports/report-expectations.js';
import { seedReports } from '../reports/report-seed.js';
import { seriousViolations } from '../support/axe-check.js';
import { saveScreenshot, signInThroughProvider, startConsoleBrowser, wait, withoutChromium, type ConsoleBrowser } from '../support/console-browser.js';

/** The cells of a table's row, the row header first, read as a person sees them. */
async function row(page: Page, caption: string, first: string): Promise<string[]> {
  const table = page.locator('table', { has: page.locator('caption', { hasText: caption }) });
  const cells = table.locator('tbody tr', { has: page.getByRole('rowheader', { name: first, exact: true }) }).locator('th, td');
  return (await cells.allTextContents()).map((t) => t.trim());
}

describe.skipIf(withoutChromium)('The dashboard in a real browser', () => {
  let h: ConsoleBrowser;
  let page: Page;

  beforeAll(async () => {
    h = await startConsoleBrowser();
    await seedReports(h.deps.store);
    // Not openPage: the test collects the dashboard's own script errors and fails on them.
    page = await h.browser.newPage({ viewport: { width: 1100, height: 900 } });
  });

  afterAll(async () => {
    await h?.close();
  });

  it('When an agent signs in and opens the dashboard for November, then the tables show the seed\'s figures, every chart is drawn and nothing serious is inaccessible', async () => {
    await page.goto(`${h.origin}/console/dashboard?${new URLSearchParams(period)}`);
    await signInThroughProvider(page, 'carlos.mendes@example.com');
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor(wait);
    expect(new URL(page.url()).searchParams.get('from')).toBe(period.from);
    // The dashboard itself, loaded again now that the provider's pages are behind us: no script error, nothing refused by the CSP.
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
    await page.reload();

    expect(await row(page, 'Requests by type', 'Laptop or other hardware')).toEqual(['Laptop or other hardware', String(inPeriod((r) => r.type === 'laptop').length)]);
    const cycle = expectedCycle();
    expect(await row(page, 'Time in each stage (hours)', 'Submitted → fulfilled (cycle)')).toEqual(['Submitted → fulfilled (cycle)', String(cycle.count), String(cycle.median), String(cycle.p90)]);
    const automation = expectedAutomation();
    expect(await page.locator('#report-automation + .kpis dd').first().textContent()).toBe(`${automation.rate}%`);
    const sla = expectedSla();
    expect(await page.locator('#report-sla + .kpis dd').nth(1).textContent()).toBe(String(sla.breached));
    const laptop = expectedForecast('laptop');
    expect(await row(page, 'Forecast for 2026-12 by request type', 'Laptop or other hardware')).toEqual(['Laptop or other hardware', ...laptop.counts.map(String), String(laptop.forecast)]);

    // Every chart was drawn by Chart.js: the canvas has a size and pixels that are not blank.
    const canvases = page.locator('canvas[data-chart]');
    const count = await canvases.count();
    expect(count).toBeGreaterThanOrEqual(12);
    await expect.poll(() => page.locator('canvas[data-drawn="true"]').count(), wait).toBe(count);
    const painted = await page.evaluate(() => Array.from(document.querySelectorAll('canvas[data-chart]')).map((canvas) => {
      const c = canvas as HTMLCanvasElement;
      const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let inked = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) inked += 1;
      return { width: c.width, height: c.height, inked };
    }));
    for (const canvas of painted) {
      expect(canvas.width).toBeGreaterThan(100);
      expect(canvas.inked).toBeGreaterThan(100);
    }
    expect(await page.evaluate(() => typeof (window as unknown as { Chart?: unknown }).Chart)).toBe('function');

    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await saveScreenshot(page, 'console-dashboard.png', { fullPage: true });
  });

  it('When the agent picks a team and presses Show, then the tables show that team only', async () => {
    await page.getByLabel('Team', { exact: true }).selectOption('network');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(/team=network/, wait);
    expect(await row(page, 'Requests by owning team', 'network')).toEqual(['network', String(inPeriod((r) => r.team === 'network').length)]);
    expect(await page.locator('table', { has: page.locator('caption', { hasText: 'Requests by owning team' }) }).locator('tbody tr').count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
  });
});
