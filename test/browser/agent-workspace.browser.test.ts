import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/axe-check.js';
import { openPage, saveScreenshot, signInThroughProvider, startConsoleBrowser, wait, withoutChromium, type ConsoleBrowser } from '../support/console-browser.js';

const agent = { email: 'fatima.haddad@example.com', name: 'Fatima Haddad' };
const employee = { email: 'ethan.brooks@example.com', name: 'Ethan Brooks' };

describe.skipIf(withoutChromium)('The agent workspace in a real browser', { timeout: 120_000 }, () => {
  let h: ConsoleBrowser;
  let agentPage: Page;
  let employeePage: Page;

  beforeAll(async () => {
    h = await startConsoleBrowser();
    // Two people, two sessions: each page has its own cookies.
    agentPage = await openPage(h.browser);
    employeePage = await openPage(h.browser);
  });

  afterAll(async () => {
    await h?.close();
  });

  it('When an agent takes over an unclear message, then agent and employee talk live: each page shows what the other wrote', async () => {
    // The employee writes something the assistant cannot place.
    await employeePage.goto(`${h.origin}/chat`);
    await signInThroughProvider(employeePage, employee.email);
    await employeePage.getByText(`Chatting as ${employee.name}.`).waitFor(wait);
    const sendBox = employeePage.locator('[data-id="webchat-sendbox-input"]');
    await sendBox.waitFor(wait);
    await sendBox.fill('blorp wibble zark');
    await sendBox.press('Enter');
    await employeePage
      .getByText(/passed this to the service desk/)
      .first()
      .waitFor(wait);

    // The agent finds it in the queue.
    await agentPage.goto(`${h.origin}/console/triage`);
    await signInThroughProvider(agentPage, agent.email);
    await agentPage.getByRole('heading', { level: 1, name: 'Triage queue' }).waitFor(wait);
    expect(await seriousViolations(agentPage)).toEqual([]);
    await agentPage.getByRole('link', { name: 'blorp wibble zark' }).first().click();
    await agentPage.getByRole('heading', { level: 1, name: `Message from ${employee.name}` }).waitFor(wait);
    await agentPage.getByRole('button', { name: 'Take over the conversation' }).click();

    // Taken: the result is said and focus is in the message box.
    await agentPage
      .getByRole('status')
      .getByText(/You have the conversation/)
      .waitFor(wait);
    expect(await agentPage.evaluate(() => document.activeElement?.id)).toBe('message');
    await employeePage.getByText(`${agent.name} from the service desk has joined; you are now talking to a person.`).first().waitFor(wait);

    await agentPage.getByLabel(`Message to ${employee.name}`).fill('Hello Ethan, I am here. What do you need?');
    await agentPage.getByRole('button', { name: 'Send' }).click();
    await agentPage.getByRole('status').getByText('Sent.').waitFor(wait);
    await employeePage.getByText(`${agent.name}: Hello Ethan, I am here. What do you need?`).first().waitFor(wait);

    // The agent starts a reply; the employee's answer arrives without a reload, and the draft stays.
    await agentPage.getByLabel(`Message to ${employee.name}`).fill('One moment');
    await sendBox.fill('My laptop screen keeps flickering');
    await sendBox.press('Enter');
    const transcript = agentPage.getByRole('region', { name: 'Conversation' }).getByRole('listitem');
    await transcript.filter({ hasText: `${employee.name}: My laptop screen keeps flickering` }).waitFor(wait);
    expect(await agentPage.getByLabel(`Message to ${employee.name}`).inputValue()).toBe('One moment');
    expect(await agentPage.locator('#transcript').getAttribute('aria-live')).toBe('polite');

    expect(await seriousViolations(agentPage)).toEqual([]);
    await saveScreenshot(agentPage, 'console-agent-workspace.png', { fullPage: true });
    await saveScreenshot(employeePage, 'webchat-with-agent.png');

    const [item] = (await h.deps.triage.list('taken')).filter((i) => i.personId === employee.email);
    expect(item?.takenBy).toBe(agent.email);
    expect(item?.transcript).toEqual(expect.arrayContaining([`${employee.name}: My laptop screen keeps flickering`]));
  });
});
