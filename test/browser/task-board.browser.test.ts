import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { laptopFields } from '../lifecycle/harness.js';
import { seriousViolations } from '../support/axe-check.js';
import { openPage, saveScreenshot, signInThroughProvider, startConsoleBrowser, wait, withoutChromium, type ConsoleBrowser } from '../support/console-browser.js';

const carlos = { email: 'carlos.mendes@example.com', name: 'Carlos Mendes' };
const ethan = 'ethan.brooks@example.com';
const nina = 'nina.petrova@example.com';

describe.skipIf(withoutChromium)('The team task board in a real browser', () => {
  let h: ConsoleBrowser;
  let page: Page;

  beforeAll(async () => {
    h = await startConsoleBrowser();
    page = await openPage(h.browser);
  });

  afterAll(async () => {
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
    await signInThroughProvider(page, carlos.email);

    await page.getByRole('heading', { level: 1, name: 'Team tasks' }).waitFor(wait);
    expect(page.url()).toBe(`${h.origin}/console/tasks`);
    await expect.poll(() => page.getByText(`Signed in as ${carlos.name}`).count()).toBe(1);
    const task = page.getByRole('region', { name: new RegExp(`${submitted.number}:`) });
    await task.waitFor(wait);
    expect(await seriousViolations(page)).toEqual([]);
    await saveScreenshot(page, 'console-task-board.png', { fullPage: true });

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
    await saveScreenshot(page, 'console-task-board-completed.png', { fullPage: true });

    await h.deps.fulfilment.idle();
    expect((await h.deps.store.read.requests.findById(submitted.id))!.status).toBe('fulfilled');
    const notes = await h.deps.store.read.manualTasks.visibleNotesOfRequest(submitted.id);
    expect(notes.map((n) => [n.authorId, n.text])).toEqual([[carlos.email, 'Imaging with the developer profile']]);
  });
});
