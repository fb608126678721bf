// Shared by the browser tests: Debian's Chromium driven by playwright-core, against a running gateway.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const BASE_URL = process.env.PAI_URL ?? 'http://127.0.0.1:8080';
const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), '..', 'target', 'screenshots');

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    // Without the networking flags Chromium keeps calling home on a closed network and stalls.
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--no-first-run', '--disable-sync', '--disable-quic',
      // The shared player starts when the session plays, as after the tap a person gave it.
      '--autoplay-policy=no-user-gesture-required'],
  });
}

/** A person on a phone-sized screen, in their own browser context (own storage, own session). */
export async function person(browser, locale = 'en-US') {
  // Reduced motion: a pulsing button never holds still for a click.
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale, reducedMotion: 'reduce' });
  const page = await context.newPage();
  const problems = watch(page);
  await page.goto(BASE_URL + '/');
  return { context, page, problems };
}

const watched = new WeakMap();

/** The page's console errors and uncaught errors from now on, collected into the array returned. */
export function watch(page) {
  if (!watched.has(page)) {
    const problems = [];
    page.on('pageerror', (error) => problems.push(String(error)));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    watched.set(page, problems);
  }
  return watched.get(page);
}

/**
 * Runs a test's steps; when one fails, each page (of `pages`, which the steps may push to) gets a
 * screenshot `<name>-failed[-i]` and the error tells what the pages said: their alerts and status
 * notes and their console errors (of pages passed to watch() before).
 */
export async function explained(name, pages, steps) {
  try {
    return await steps();
  } catch (error) {
    const said = [];
    for (const [i, page] of pages.entries()) {
      if (page.isClosed()) continue;
      await screenshot(page, i === 0 ? `${name}-failed` : `${name}-failed-${i}`).catch(() => undefined);
      const notes = await page.locator('[role=alert], [role=status]').allTextContents().catch(() => []);
      said.push(`page ${i} at ${page.url()}: alerts/status ${JSON.stringify(notes)}, errors ${JSON.stringify(counted(watched.get(page) ?? []))}`);
    }
    throw new Error(`${error.message}\n${said.join('\n')}`, { cause: error });
  }
}

/** Each distinct text once, with how often it came when more than once: a render error repeats every tick. */
function counted(texts) {
  const counts = new Map();
  texts.forEach((text) => counts.set(text, (counts.get(text) ?? 0) + 1));
  return [...counts].map(([text, n]) => (n > 1 ? `${text} (×${n})` : text));
}

export function uniqueName(prefix) {
  return `${prefix}-${Math.random().toString(36).slice(2, 8)}`;
}

export async function signUp(page, name, password = 'correct horse battery') {
  await page.getByTestId('to-signup').click();
  await page.getByTestId('signin-name').fill(name);
  await page.getByTestId('signin-password').fill(password);
  await page.getByTestId('signup-submit').click();
  await page.getByTestId('pai-list').waitFor();
}

export async function screenshot(page, name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
