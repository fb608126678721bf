// Listening together: two browsers follow one session and stay within 200 ms of each other.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, person, screenshot, signUp, uniqueName } from './browser.mjs';

let browser;
before(async () => (browser = await launchBrowser()));
after(async () => browser?.close());

/** The player's position at one wall-clock instant, read off the page with the time it was read. */
async function positionAt(page) {
  return page.getByTestId('shared-media').evaluate((media) => ({
    positionMs: media.currentTime * 1000, atMs: performance.timeOrigin + performance.now(), paused: media.paused,
  }));
}

test('two browsers listening together stay within 200 ms of each other, also after a seek', async () => {
  const alice = await person(browser);
  const bob = await person(browser);
  await signUp(alice.page, uniqueName('alice'));
  await signUp(bob.page, uniqueName('bob'));
  await alice.page.getByTestId('pai-name').fill('Music night');
  await alice.page.getByTestId('pai-create').click();
  const code = (await alice.page.getByTestId('invite-code').textContent()).trim();
  await bob.page.getByTestId('pai-join-code').fill(code);
  await bob.page.getByTestId('pai-join-submit').click();
  await bob.page.getByText('Music night').waitFor();

  await alice.page.getByTestId('player-toggle').click();
  await alice.page.getByTestId('session-title').fill('Evening chord');
  await alice.page.getByTestId('session-start').click();
  await alice.page.getByTestId('session-play').click();
  await bob.page.getByTestId('player-toggle').click();
  await bob.page.getByTestId('shared-player').waitFor();

  async function driftBetween() {
    const [a, b] = await Promise.all([positionAt(alice.page), positionAt(bob.page)]);
    assert.ok(!a.paused && !b.paused, 'both are playing');
    // Both positions carried to the later of the two reading times.
    const at = Math.max(a.atMs, b.atMs);
    return Math.abs((a.positionMs + (at - a.atMs)) - (b.positionMs + (at - b.atMs)));
  }

  await alice.page.waitForTimeout(4000);
  const drifts = [];
  for (let i = 0; i < 5; i++) {
    drifts.push(await driftBetween());
    await alice.page.waitForTimeout(300);
  }
  console.log(`drift between the two browsers (ms): ${drifts.map((d) => d.toFixed(0)).join(' ')}`);
  assert.ok(Math.max(...drifts) < 200, `drift ${Math.max(...drifts).toFixed(0)} ms`);

  await alice.page.getByText('+10s').click();
  await alice.page.waitForTimeout(3000);
  const afterSeek = await driftBetween();
  console.log(`drift after a seek (ms): ${afterSeek.toFixed(0)}`);
  assert.ok(afterSeek < 200, `drift after the seek ${afterSeek.toFixed(0)} ms`);
  const position = await positionAt(bob.page);
  assert.ok(position.positionMs > 12_000, `bob followed the seek (at ${position.positionMs.toFixed(0)} ms)`);
  await screenshot(bob.page, 'listening-together');
  await alice.context.close();
  await bob.context.close();
});
