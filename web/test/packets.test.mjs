// Red packets in the browser: a live drop grabbed from the campaign banner, and a lucky packet sent
// into a pai and opened by another member. The campaign itself is made through the API with an
// operator's token (PAI_OPERATOR_TOKEN), as the operator console would.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BASE_URL, explained, launchBrowser, person, screenshot, signUp, uniqueName } from './browser.mjs';

let browser;
before(async () => (browser = await launchBrowser()));
after(async () => browser?.close());

async function asOperator(method, path, body) {
  const token = process.env.PAI_OPERATOR_TOKEN;
  assert.ok(token, 'PAI_OPERATOR_TOKEN: an operator token for the services under test');
  const response = await fetch(BASE_URL + path, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body && JSON.stringify(body),
  });
  assert.ok(response.ok, `${method} ${path}: ${response.status} ${await response.clone().text()}`);
  return response.json();
}

/** A campaign open now with one drop of even packets of ¥1.00, active within a few seconds. */
async function liveDrop(name) {
  const now = Date.now();
  const campaign = await asOperator('POST', '/api/redpackets/campaigns', {
    name, budgetCents: 100_000, startsAt: new Date(now - 60_000).toISOString(),
    endsAt: new Date(now + 3_600_000).toISOString(), timezone: 'Asia/Shanghai', maxGrabsPerUser: 1,
    shareBonusGrabs: 1, maxBonusGrabsPerUser: 1,
  });
  const drop = await asOperator('POST', `/api/redpackets/campaigns/${campaign.id}/drops`, {
    packetCount: 50, amountCents: 5_000, split: 'EVEN', startsAt: new Date(now).toISOString(),
    endsAt: new Date(now + 3_600_000).toISOString(),
  });
  return { campaign, drop };
}

/** The banner of one campaign: the test database holds other tests' campaigns too. */
function bannerOf(page, campaignName) {
  return page.getByTestId('campaign-banner').filter({ hasText: campaignName });
}

test('a person grabs the live drop from the campaign banner and sees the amount, which reaches the wallet', async () => {
  const name = uniqueName('Spring rain');
  await liveDrop(name);
  const alice = await person(browser);
  await signUp(alice.page, uniqueName('alice'));
  await bannerOf(alice.page, name).getByTestId('grab-button').click({ timeout: 20_000 });
  const amount = alice.page.getByTestId('packet-amount');
  await amount.waitFor();
  assert.equal((await amount.textContent()).trim(), '¥1.00');
  await screenshot(alice.page, 'grab-won');
  await amount.click();

  await alice.page.getByTestId('nav-wallet').click();
  const balance = alice.page.getByTestId('wallet-balance');
  for (let tries = 0; tries < 20 && (await balance.textContent()).trim() !== '¥1.00'; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    await alice.page.reload();
  }
  assert.equal((await balance.textContent()).trim(), '¥1.00');
  assert.deepEqual(alice.problems, []);
  await alice.context.close();
});

test('a member sends a lucky packet into the pai and another member opens it', async () => {
  const pages = [];
  await explained('lucky-packet', pages, async () => {
    const name = uniqueName('Lantern');
    await liveDrop(name);
    const alice = await person(browser);
    const bob = await person(browser);
    pages.push(alice.page, bob.page);
    await signUp(alice.page, uniqueName('alice'));
    await signUp(bob.page, uniqueName('bob'));

    // Alice wins ¥1.00 first: lucky packets come out of the wallet.
    await bannerOf(alice.page, name).getByTestId('grab-button').click({ timeout: 20_000 });
    await alice.page.getByTestId('packet-amount').click();
    await alice.page.getByTestId('pai-name').fill('New year');
    await alice.page.getByTestId('pai-create').click();
    const code = (await alice.page.getByTestId('invite-code').textContent()).trim();
    await bob.page.getByTestId('pai-join-code').fill(code);
    await bob.page.getByTestId('pai-join-submit').click();
    await bob.page.getByText('New year').waitFor();

    await alice.page.getByTestId('send-packet-toggle').click();
    await alice.page.getByTestId('send-packet-amount').fill('0.50');
    await alice.page.getByTestId('send-packet-count').fill('1');
    await alice.page.getByTestId('send-packet-greeting').fill('新年快乐');
    // The grab reaches the wallet through the ledger a moment later; until then the send is refused.
    for (let tries = 0; tries < 30; tries++) {
      await alice.page.getByTestId('send-packet-submit').click();
      const sent = await alice.page.getByTestId('send-packet').waitFor({ state: 'hidden', timeout: 1000 })
        .then(() => true, () => false);
      if (sent) break;
    }
    const card = bob.page.getByTestId('packet-card').filter({ hasText: '新年快乐' });
    await card.waitFor({ timeout: 15_000 });
    await card.getByTestId('packet-open').click();
    const amount = bob.page.getByTestId('packet-amount');
    await amount.waitFor();
    assert.equal((await amount.textContent()).trim(), '¥0.50');
    await screenshot(bob.page, 'lucky-packet-opened');
    assert.deepEqual(bob.problems, []);
    await alice.context.close();
    await bob.context.close();
  });
});
