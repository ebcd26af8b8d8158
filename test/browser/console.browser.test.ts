import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { laptopFields } from '../lifecycle/harness.js';
import { seriousViolations } from '../support/axe-check.js';
import { openPage, saveScreenshot, signInThroughProvider, startConsoleBrowser, wait, withoutChromium, type ConsoleBrowser } from '../support/console-browser.js';

const nina = { email: 'nina.petrova@example.com', name: 'Nina Petrova' };
const ethan = 'ethan.brooks@example.com';

describe.skipIf(withoutChromium)('The approvals inbox in a real browser', () => {
  let h: ConsoleBrowser;
  let page: Page;

  beforeAll(async () => {
    h = await startConsoleBrowser();
    page = await openPage(h.browser);
  });

  afterAll(async () => {
    await h?.close();
  });

  it('When an approver signs in through the provider and approves from the inbox, then the result is shown and the approval is decided', async () => {
    const requester = (await h.deps.directory.findByEmail(ethan))!;
    const submitted = await h.deps.lifecycle.submit({ requestTypeId: 'laptop', requester, fields: laptopFields, channel: 'api' });
    const second = await h.deps.lifecycle.submit({ requestTypeId: 'laptop', requester, fields: { ...laptopFields, 'asset-tag': 'LT-20000' }, channel: 'api' });

    await page.goto(`${h.origin}/console/approvals`);
    await signInThroughProvider(page, nina.email);

    await page.getByRole('heading', { level: 1, name: 'Approvals waiting for you' }).waitFor(wait);
    expect(page.url()).toBe(`${h.origin}/console/approvals`);
    await expect.poll(() => page.getByText(`Signed in as ${nina.name}`).count()).toBe(1);
    expect(await page.getByRole('heading', { level: 2 }).allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining(submitted.number), expect.stringContaining(second.number)]),
    );
    expect(await seriousViolations(page)).toEqual([]);
    await saveScreenshot(page, 'console-approvals.png', { fullPage: true });

    const card = page.getByRole('region', { name: new RegExp(`${submitted.number}:`) });
    // Keyboard: focus the Approve button and press Enter.
    await card.getByRole('button', { name: 'Approve' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('status').getByText(`Approved ${submitted.number}.`).waitFor(wait);
    expect(await page.getByRole('region', { name: new RegExp(`${submitted.number}:`) }).count()).toBe(0);

    // Deny the other one, first without a reason: the field says why and keeps focus.
    const other = page.getByRole('region', { name: new RegExp(`${second.number}:`) });
    await other.getByRole('button', { name: 'Deny' }).click();
    const reason = page.getByLabel(`Reason for denying ${second.number}`);
    await expect.poll(() => reason.getAttribute('aria-invalid'), wait).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('reason');
    expect(await seriousViolations(page)).toEqual([]);
    await reason.fill('There is a spare laptop in the London office');
    await page
      .getByRole('region', { name: new RegExp(`${second.number}:`) })
      .getByRole('button', { name: 'Deny' })
      .click();
    await page.getByRole('status').getByText(`Denied ${second.number}.`).waitFor(wait);
    await saveScreenshot(page, 'console-approvals-decided.png', { fullPage: true });

    const approver = (await h.deps.directory.findByEmail(nina.email))!;
    expect(await h.deps.lifecycle.pendingApprovals(approver)).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('When the signed-in person opens the web chat, then it opens as them without a person picker, and signing out ends it', async () => {
    await page.goto(`${h.origin}/chat`);
    await page.getByText(`Chatting as ${nina.name}.`).waitFor(wait);
    expect(await page.getByLabel('Chat as').count()).toBe(0);
    const sendBox = page.locator('[data-id="webchat-sendbox-input"]');
    await sendBox.waitFor(wait);
    await sendBox.fill('hello');
    await sendBox.press('Enter');
    // The message reached the server as hers: her latest conversation holds it, sent from her.
    const sentByHer = async () => {
      const conversation = await h.deps.store.read.directline.latestConversationOf(nina.email);
      if (!conversation) return false;
      const { activities } = await h.deps.store.read.directline.activitiesAfter(conversation.id, undefined);
      return JSON.stringify(activities).includes('"text":"hello"') && JSON.stringify(activities).includes(`"id":"${nina.email}"`);
    };
    await expect.poll(sentByHer, wait).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await saveScreenshot(page, 'webchat-signed-in.png');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'You are signed out' }).waitFor(wait);
    expect((await page.request.get(`${h.origin}/sign-in/session`)).status()).toBe(401);
    expect((await page.request.get(`${h.origin}/chat`, { maxRedirects: 0 })).status()).toBe(303);
    const again = await page.goto(`${h.origin}/chat`);
    // Sent to sign in again: the provider still knows the person, so it asks no more questions.
    expect(again?.url()).toBe(`${h.origin}/chat`);
  });
});
