import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeIdentityServer } from '../../integrations/identity/fake-identity-server.js';
import { loadFileDirectory } from '../../src/directory/file-directory.js';
import { laptopFields } from '../lifecycle/harness.js';
import { seriousViolations } from '../support/axe-check.js';
import { openPage, requireChromium, saveScreenshot, signInThroughProvider, startConsoleBrowser, wait, withoutChromium, type ConsoleBrowser } from '../support/console-browser.js';

const identityToken = 'browser-identity-token';
const fatima = { email: 'fatima.haddad@example.com', name: 'Fatima Haddad' };

describe.skipIf(withoutChromium)("The service desk's request pages in a real browser", () => {
  let h: ConsoleBrowser;
  let identity: FakeIdentityServer;
  let page: Page;

  beforeAll(async () => {
    requireChromium();
    identity = new FakeIdentityServer(identityToken);
    for (const p of await (await loadFileDirectory('integrations/sample-directory/people.yaml')).list()) identity.addUser(p.email);
    await identity.start();
    h = await startConsoleBrowser({ IDENTITY_API_URL: identity.url, IDENTITY_API_TOKEN: identityToken, FULFILMENT_STEP_ATTEMPTS: '1', TIME_ZONE: 'UTC' });
    page = await openPage(h.browser);
  });

  afterAll(async () => {
    await h?.close();
    await identity?.close();
  });

  it('When an agent opens what needs attention and a request, then both pages pass axe and a request is routed with the keyboard', async () => {
    const person = async (email: string) => (await h.deps.directory.findByEmail(email))!;
    identity.failWhen(/^POST \/api\/v1\/users\/.*\/lifecycle\/unlock/, 503, 'Service unavailable');
    const failed = await h.deps.lifecycle.submit({
      requestTypeId: 'password-reset',
      requester: await person('sofia.rossi@example.com'),
      fields: { action: 'unlock', account: 'network' },
      channel: 'webchat',
    });
    await h.deps.fulfilment.idle();
    const unrouted = await h.deps.lifecycle.submit({
      requestTypeId: 'laptop',
      requester: await person('grace.holloway@example.com'),
      fields: laptopFields,
      channel: 'api',
    });

    await page.goto(`${h.origin}/console/requests?view=attention`);
    await signInThroughProvider(page, fatima.email);

    await page.getByRole('heading', { level: 1, name: 'Requests that need attention' }).waitFor(wait);
    expect(page.url()).toBe(`${h.origin}/console/requests?view=attention`);
    await expect.poll(() => page.getByText(`Signed in as ${fatima.name}`).count()).toBe(1);
    expect(await page.getByRole('link', { name: failed.number }).count()).toBeGreaterThan(0);
    expect(await seriousViolations(page)).toEqual([]);
    await saveScreenshot(page, 'console-requests-attention.png', { fullPage: true });

    // Route Grace's laptop by keyboard: the labelled fields, then Enter on the button.
    await page.getByLabel(`Approver for ${unrouted.number} (email)`).fill('marcus.chen@example.com');
    await page.getByLabel('Why this person decides').fill('The board asked Marcus to approve her equipment');
    await page.getByLabel('Why this person decides').press('Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('status').getByText(`${unrouted.number} now waits for Marcus Chen to approve.`).waitFor(wait);
    expect((await h.deps.store.read.requests.findById(unrouted.id))!.status).toBe('awaiting_approval');

    await page.getByRole('link', { name: failed.number }).first().click();
    await page.getByRole('heading', { level: 1, name: new RegExp(`^${failed.number}:`) }).waitFor(wait);
    expect(
      await page
        .getByRole('table', { name: /Fulfilment steps of/ })
        .getByRole('cell', { name: /HTTP 503/ })
        .count(),
    ).toBe(1);
    expect(
      await page
        .getByRole('table', { name: /Audit records of/ })
        .getByRole('cell', { name: 'fulfilment-step.failed' })
        .count(),
    ).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await saveScreenshot(page, 'console-request-detail.png', { fullPage: true });

    await page.getByLabel(/can run again now/).fill('The identity system is back');
    await page.getByRole('button', { name: 'Retry step' }).click();
    await page
      .getByRole('status')
      .getByText(/runs again\./)
      .waitFor(wait);
    await h.deps.fulfilment.idle();
    expect((await h.deps.store.read.requests.findById(failed.id))!.status).toBe('fulfilled');
    expect(await seriousViolations(page)).toEqual([]);
  });
});
