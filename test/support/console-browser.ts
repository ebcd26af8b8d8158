import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { startSignInApp, type SignInHarness } from '../sign-in/sign-in-harness.js';

/** Debian's Chromium (scripts/install-chromium.sh); playwright-core brings no browser of its own. */
export const chromiumPath = '/usr/bin/chromium';
export const hasChromium = existsSync(chromiumPath);
const inCi = process.env.CI === 'true';

/**
 * For `describe.skipIf`: a machine without Chromium skips the browser tests, but CI must not
 * pass by skipping them, so there the suite runs and fails on the missing browser.
 */
export const withoutChromium = !hasChromium && !inCi;

/** Pages load over local HTTP, but the first load of a page and its scripts can be slow on a busy machine. */
export const wait = { timeout: 20_000 };

/** Screenshots for people to look at (CI keeps the folder as artifacts); git ignores it. */
export const screenshots = join(process.cwd(), 'artifacts', 'screenshots');

/** Fails the suite (in CI) where Chromium is missing, saying how to install it; call it before starting anything. */
export function requireChromium(): void {
  if (!hasChromium) throw new Error(`${chromiumPath} is missing: run scripts/install-chromium.sh`);
}

/** Headless Chromium with nothing of its own going to the network (updates, sync, QUIC). */
export async function launchChromium(): Promise<Browser> {
  requireChromium();
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A page in a context of its own (its own cookies, so its own person) whose script errors show in the test's output. */
export async function openPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const page = await browser.newPage(options);
  page.on('pageerror', (error) => console.error('page error:', error.message));
  return page;
}

/** Saves what the page shows now under artifacts/screenshots/<fileName>. */
export async function saveScreenshot(page: Page, fileName: string, options: { fullPage?: boolean } = {}): Promise<void> {
  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: join(screenshots, fileName), fullPage: options.fullPage ?? false });
}

/**
 * Signs `email` in through the OpenID provider's own login and consent pages
 * (test/support/oidc-provider.ts), from wherever the app sent the page; the provider takes any password.
 */
export async function signInThroughProvider(page: Page, email: string): Promise<void> {
  await page.locator('input[name="login"]').fill(email, wait);
  await page.locator('input[name="password"]').fill('any');
  await page.locator('button[type="submit"]').click();
  await page.getByRole('button', { name: 'Continue' }).click(wait);
}

/**
 * The app in secure mode, signing people in with oidc-provider (test/sign-in/sign-in-harness.ts),
 * and Chromium to open its pages. Closing it closes the browser, then the app and the provider.
 */
export interface ConsoleBrowser extends SignInHarness {
  browser: Browser;
}

/**
 * Chromium and the app it talks to, for tests of the pages people sign in to. `env` adds
 * settings over the sign-in harness's. Fails before starting anything when Chromium is missing.
 */
export async function startConsoleBrowser(env: Record<string, string> = {}): Promise<ConsoleBrowser> {
  requireChromium();
  const h = await startSignInApp(env);
  let browser: Browser;
  try {
    browser = await launchChromium();
  } catch (error) {
    await h.close();
    throw error;
  }
  return {
    ...h,
    browser,
    async close() {
      await browser.close();
      await h.close();
    },
  };
}
