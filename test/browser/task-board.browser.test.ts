import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import axe from 'axe-core';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { laptopFields } from '../lifecycle/harness.js';
import { startSignInApp, type SignInHarness } from '../sign-in/sign-in-harness.js';

const chromiumPath = '/usr/bin/chromium';
const hasChromium = existsSync(chromiumPath);
const inCi = process.env.CI === 'true';
/** Screenshots for people to look at (CI keeps the folder as artifacts); git ignores it. */
const artifacts = join(process.cwd(), 'artifacts', 'screenshots');
const axeSource = axe.source;

const carlos = { email: 'carlos.mendes@example.com', name: 'Carlos Mendes' };
const ethan = 'ethan.brooks@example.com';
const nina = 'nina.petrova@example.com';
const wait = { timeout: 20_000 };

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/** axe-core's findings on the page as it is now: only serious and critical ones fail a test. */
async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run()).violations;
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

describe.skipIf(!hasChromium && !inCi)('The team task board in a real browser', () => {
  let h: SignInHarness;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    if (!hasChromium) throw new Error(`${chromiumPath} is missing: run scripts/install-chromium.sh`);
    h = await startSignInApp();
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage();
    page.on('pageerror', (error) => console.error('page error:', error.message));
    mkdirSync(artifacts, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('When a fulfiller signs in through the provider, adds a note and completes a task on the board, then the task is done and the plan goes on', async () => {
    const requester = (await h.deps.directory.findByEmail(ethan))!;
    const approver = (await h.deps.directory.findByEmail(nina))!;
    const submitted = await h.deps.lifecycle.submit({ requestTypeId: 'laptop', requester, fields: laptopFields, channel: 'api' });
    const card = (await h.deps.lifecycle.pendingApprovals(approver)).find((c) => c.requestNumber === submitted.number)!;
    await h.deps.lifecycle.decide({ approvalId: card.approvalId, actor: approver, decision: 'approve', channel: 'api' });
    await h.deps.fulfilment.idle();

    await page.goto(`${h.origin}/console/tasks`);
    // The provider's own login and consent pages.
    await page.locator('input[name="login"]').fill(carlos.email, wait);
    await page.locator('input[name="password"]').fill('any');
    await page.locator('button[type="submit"]').click();
    await page.getByRole('button', { name: 'Continue' }).click(wait);

    await page.getByRole('heading', { level: 1, name: 'Team tasks' }).waitFor(wait);
    expect(page.url()).toBe(`${h.origin}/console/tasks`);
    await expect.poll(() => page.getByText(`Signed in as ${carlos.name}`).count()).toBe(1);
    const task = page.getByRole('region', { name: new RegExp(`${submitted.number}:`) });
    await task.waitFor(wait);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(artifacts, 'console-task-board.png'), fullPage: true });

    await task.getByLabel(`Add a note to ${submitted.number}`).fill('Imaging with the developer profile');
    await task.getByLabel('Show it to the requester (they are told)').check();
    await task.getByRole('button', { name: 'Add note' }).click();
    await page.getByRole('status').getByText('Note added; the requester has been told.').waitFor(wait);
    const after = page.getByRole('region', { name: new RegExp(`${submitted.number}:`) });
    await after.getByText('Imaging with the developer profile').waitFor(wait);

    await after.getByLabel('What was done (work note)').fill('Handed over at the London desk');
    // Keyboard: focus the Complete button and press Enter.
    await after.getByRole('button', { name: 'Complete' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('status').getByText(/^Completed: /).waitFor(wait);
    expect(await page.getByRole('region', { name: new RegExp(`${submitted.number}:`) }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(artifacts, 'console-task-board-completed.png'), fullPage: true });

    await h.deps.fulfilment.idle();
    expect((await h.deps.store.read.requests.findById(submitted.id))!.status).toBe('fulfilled');
    const notes = await h.deps.store.read.manualTasks.visibleNotesOfRequest(submitted.id);
    expect(notes.map((n) => [n.authorId, n.text])).toEqual([[carlos.email, 'Imaging with the developer profile']]);
  });
});
