// The operator console: an operator creates a campaign and launches a drop; a person grabs it; the
// console shows the grab, the rate and the budget left. The operator's session is a token minted for
// the test (PAI_OPERATOR_TOKEN), as `./pai token <name> --operator` mints one for scripts.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BASE_URL, explained, launchBrowser, person, screenshot, signUp, uniqueName, watch } from './browser.mjs';

let browser;
before(async () => (browser = await launchBrowser()));
after(async () => browser?.close());

async function operator() {
  const token = process.env.PAI_OPERATOR_TOKEN;
  assert.ok(token, 'PAI_OPERATOR_TOKEN: an operator token for the services under test');
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US', reducedMotion: 'reduce' });
  const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
  await context.addInitScript(([session]) => {
    if (!localStorage.getItem('pai.session')) localStorage.setItem('pai.session', session);
  }, [JSON.stringify({ userId: claims.sub, name: claims.sub, displayName: 'Operator', accessToken: token,
    refreshToken: '', roles: claims.groups })]);
  const page = await context.newPage();
  watch(page);
  await page.goto(`${BASE_URL}/#/console`);
  return { context, page };
}

test('an operator creates a campaign and a drop in the console and watches a person grab it', async () => {
  const pages = [];
  await explained('console', pages, async () => {
    const ops = await operator();
    pages.push(ops.page);
    const name = uniqueName('Lantern festival');
    await ops.page.getByTestId('console-campaign-name').fill(name);
    await ops.page.getByTestId('console-campaign-create').click();
    await ops.page.getByTestId('console-campaign').filter({ hasText: name }).waitFor();
    await ops.page.getByTestId('console-campaign').filter({ hasText: name }).click();
    await ops.page.getByTestId('console-drop-packets').fill('20');
    await ops.page.getByTestId('console-drop-amount').fill('20');
    await ops.page.getByTestId('console-drop-launch').click();
    await ops.page.getByTestId('console-drop').first().waitFor();

    const alice = await person(browser);
    pages.push(alice.page);
    await signUp(alice.page, uniqueName('alice'));
    await alice.page.getByTestId('campaign-banner').filter({ hasText: name }).getByTestId('grab-button').click({ timeout: 20_000 });
    await alice.page.getByTestId('packet-amount').waitFor();

    await ops.page.waitForFunction(() => document.querySelector('[data-testid=console-grabs]')?.textContent === '1',
      null, { timeout: 15_000 });
    await ops.page.waitForFunction(() => Number(document.querySelector('[data-testid=console-grabs-rate]')?.textContent) > 0,
      null, { timeout: 15_000 });
    assert.notEqual(await ops.page.getByTestId('console-remaining').textContent(), '¥10,000.00');
    await ops.page.getByTestId('console-reconcile').click();
    await ops.page.getByTestId('console-reconciliation').waitFor();
    await screenshot(ops.page, 'console');
    await ops.context.close();
    await alice.context.close();
  });
});
