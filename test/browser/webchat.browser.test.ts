import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { buildDeps } from '../../src/deps.js';
import { chromiumPath, hasChromium, launchChromium, openPage, requireChromium, wait, withoutChromium } from '../support/console-browser.js';

if (!hasChromium) {
  console.warn(`${chromiumPath} is missing: ${withoutChromium ? 'skipping' : 'failing (CI=true)'} the browser test. Install it with scripts/install-chromium.sh.`);
}

const requester = { email: 'nina.petrova@example.com', name: 'Nina Petrova' };
const manager = { email: 'marcus.chen@example.com', name: 'Marcus Chen' };
/** Screenshots of what the test saw, kept by CI as artifacts (git-ignored). */
const artifacts = join(process.cwd(), 'test-artifacts', 'browser');

describe.skipIf(withoutChromium)('Web chat in a real browser', { timeout: 120_000 }, () => {
  let dir: string;
  let app: FastifyInstance;
  let origin: string;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    requireChromium();
    dir = mkdtempSync(join(tmpdir(), 'frontdoor-browser-'));
    const deps = await buildDeps(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'warn', DATABASE_URL: join(dir, 'frontdoor.db'), NLU_CACHE_DIR: join(tmpdir(), 'frontdoor-test-nlu-cache') }));
    app = await buildApp(deps);
    origin = await app.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchChromium();
    page = await openPage(browser);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** The card that still asks something: answered cards fold into their question. */
  const liveCard = (): Locator => page.locator('.ac-adaptiveCard').last();
  const button = (card: Locator, title: string): Locator => card.locator('button.ac-pushButton', { hasText: title }).first();
  const userBubbles = (): Locator => page.locator('.webchat__bubble--from-user');

  async function screenshot(name: string): Promise<void> {
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
  }

  async function chatAs(person: { email: string; name: string }, buttonName: string): Promise<void> {
    await page.getByLabel('Chat as').selectOption(person.email);
    await page.getByRole('button', { name: buttonName }).click();
    await page.getByText(`Chatting as ${person.name}`).waitFor(wait);
  }

  let requestNumber = '';

  it('When a person asks for a laptop and clicks through the cards, then each answer is their own bubble, each answered card folds away and the request is recorded', async () => {
    await page.goto(`${origin}/`);
    await expect.poll(() => page.getByRole('heading', { name: 'Frontdoor' }).count()).toBe(1);
    await chatAs(requester, 'Start chat');

    // The welcome says what Frontdoor does and offers first messages.
    await page.getByText(/I am Frontdoor, the IT service desk in chat/).first().waitFor(wait);
    await screenshot('1-welcome');
    await page.getByRole('button', { name: 'I need a new laptop' }).first().click();

    // Answer whatever the live card asks until the summary offers Confirm. The order of the
    // guided questions is the catalog's business; the test only plays the person.
    let previous = '';
    for (let step = 0; ; step += 1) {
      expect(step, 'the dialog should reach its summary within a few cards').toBeLessThan(8);
      await expect.poll(async () => (await page.locator('.ac-adaptiveCard').count()) === 1 && (await liveCard().textContent()) !== previous, wait).toBe(true);
      const card = liveCard();
      previous = (await card.textContent()) ?? '';
      if (await button(card, 'Confirm').count()) {
        await expect.poll(() => card.textContent()).toMatch(/MacBook Air/);
        break;
      }
      const answers = await userBubbles().count();
      await answer(card);
      // The click shows as the person's own words, and only one card is left to click.
      await expect.poll(() => userBubbles().count(), wait).toBeGreaterThan(answers);
    }
    await expect.poll(() => userBubbles().allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/MacBook Air 13/)]));
    expect(await page.locator('.ac-adaptiveCard').count()).toBe(1);
    await screenshot('2-answered-cards-folded');
    await button(liveCard(), 'Confirm').click();

    const numberShown = page.getByText(/REQ-\d+/).first();
    await numberShown.waitFor(wait);
    const chatNumber = (await numberShown.textContent())!.match(/REQ-\d+/)![0];
    requestNumber = chatNumber;
    await expect.poll(() => page.locator('.ac-adaptiveCard').count(), wait).toBe(0);

    const db = new Database(join(dir, 'frontdoor.db'), { readonly: true });
    try {
      const rows = db.prepare('select number, request_type_id as type, requester_id as requester from requests').all() as Array<{ number: number; type: string; requester: string }>;
      expect(rows).toEqual([{ number: Number(chatNumber.slice('REQ-'.length)), type: 'laptop', requester: requester.email }]);
    } finally {
      db.close();
    }
  });

  it('When the page switches to the manager and they approve, then the approval card changes in place: one card, the decision on it, no buttons', async () => {
    expect(requestNumber).toMatch(/^REQ-\d+$/);
    await chatAs(manager, 'Switch person');

    const cards = page.locator('.ac-adaptiveCard', { hasText: requestNumber });
    await cards.first().waitFor(wait);
    await expect.poll(() => cards.first().textContent()).toMatch(new RegExp(requester.name));
    await cards.first().locator('button.ac-pushButton', { hasText: 'Approve' }).click();
    await page.getByText(new RegExp(`Approved ${requestNumber}`)).first().waitFor(wait);
    await expect.poll(() => cards.first().textContent(), wait).toMatch(new RegExp(`Approved by ${manager.name}`));
    await screenshot('3-approval-updated-in-place');
    expect(await cards.count()).toBe(1);
    expect(await cards.first().locator('button.ac-pushButton', { hasText: 'Approve' }).count()).toBe(0);
    expect(await page.evaluate(() => localStorage.getItem('frontdoor.person'))).toBe(manager.email);
  });

  it('When the task is completed while the requester has no chat open, then switching back to them shows that the laptop is fulfilled', async () => {
    const asAgent = { 'x-frontdoor-person': 'carlos.mendes@example.com' };
    let taskId: string | undefined;
    await expect.poll(async () => {
      const res = await fetch(`${origin}/api/v1/tasks?team=it-hardware`, { headers: asAgent });
      const body = await res.json() as { tasks: Array<{ id: string; requestNumber: string }> };
      taskId = body.tasks.find((t) => t.requestNumber === requestNumber)?.id;
      return taskId;
    }, wait).toBeDefined();
    const done = await fetch(`${origin}/api/v1/tasks/${taskId}/complete`, { method: 'POST', headers: { ...asAgent, 'content-type': 'application/json' }, body: JSON.stringify({ note: 'Handed over at the desk' }) });
    expect(done.status).toBe(200);

    await chatAs(requester, 'Switch person');
    await page.getByText(new RegExp(`${requestNumber}.*is fulfilled`)).first().waitFor(wait);
    await screenshot('4-notification-after-switching-person');
  });
});

/** Plays the person on one question card: a device from the drop-down, "Additional device",
 * the prefilled delivery location kept (or filled), or the laptop when asked which was meant. */
async function answer(card: Locator): Promise<void> {
  const select = card.locator('select');
  const radios = card.getByRole('radio');
  const text = card.locator('input[type="text"], textarea');
  if (await select.count()) {
    await select.first().selectOption({ label: await optionLabel(select.first(), /MacBook Air/) });
  } else if (await radios.count()) {
    const checked = await card.locator('input[type="radio"]:checked').count();
    if (!checked) await card.getByRole('radio', { name: /Additional device/ }).check();
  } else if (await text.count()) {
    if (!(await text.first().inputValue())) await text.first().fill('London office, 3rd floor');
  } else {
    await card.locator('button.ac-pushButton', { hasText: /laptop|hardware/i }).first().click();
    return;
  }
  await card.locator('button.ac-pushButton', { hasText: 'Submit' }).first().click();
}

async function optionLabel(select: Locator, pattern: RegExp): Promise<string> {
  const labels = await select.locator('option').allTextContents();
  const found = labels.find((l) => pattern.test(l));
  if (!found) throw new Error(`No option matching ${pattern} among: ${labels.join(' | ')}`);
  return found;
}
