// Two people sign up in two browsers, meet in one pai and see each other's messages live.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, person, screenshot, signUp, uniqueName, explained, watch } from './browser.mjs';

let browser;
before(async () => (browser = await launchBrowser()));
after(async () => browser?.close());

test('two people sign up, join one pai by its invite code and see each other\'s messages live', async () => {
  const alice = await person(browser);
  const bob = await person(browser);
  const aliceName = uniqueName('alice');
  await signUp(alice.page, aliceName);
  await signUp(bob.page, uniqueName('bob'));

  await alice.page.getByTestId('pai-name').fill('Weekend hike');
  await alice.page.getByTestId('pai-create').click();
  const code = (await alice.page.getByTestId('invite-code').textContent()).trim();
  assert.match(code, /\S{4,}/);

  await bob.page.getByTestId('pai-join-code').fill(code);
  await bob.page.getByTestId('pai-join-submit').click();
  await bob.page.getByText('Weekend hike').waitFor();

  await alice.page.getByTestId('composer').fill('Saturday 8am at the north gate?');
  await alice.page.getByTestId('composer-send').click();
  const atBob = bob.page.getByTestId('message').filter({ hasText: 'Saturday 8am at the north gate?' });
  await atBob.waitFor({ timeout: 10_000 });
  assert.equal((await atBob.getByTestId('message-sender').textContent()).trim(), aliceName, 'a sender shows by name');

  await bob.page.getByTestId('composer').pressSequentially(`@${aliceName.slice(0, 4)}`);
  await bob.page.getByTestId('mention-suggestion').filter({ hasText: aliceName }).click();
  assert.equal(await bob.page.getByTestId('composer').inputValue(), `@${aliceName} `, 'a member completes by name');
  await bob.page.getByTestId('composer').fill('I bring the tea 🍵');
  await bob.page.getByTestId('composer-send').click();
  await alice.page.getByTestId('message').filter({ hasText: 'I bring the tea 🍵' }).waitFor({ timeout: 10_000 });

  const seqs = await alice.page.getByTestId('message').evaluateAll((items) => items.map((item) => Number(item.dataset.seq)));
  assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b), 'in seq order');
  assert.equal(new Set(seqs).size, seqs.length, 'each message once');

  await alice.page.getByTestId('share-button').click();
  await alice.page.getByTestId('share-qr').waitFor();
  assert.match(await alice.page.getByTestId('share-url').inputValue(), /\/s\/[A-Za-z0-9]+$/);
  await screenshot(alice.page, 'share-qr');
  await alice.page.keyboard.press('Escape');
  await alice.page.mouse.click(5, 5);

  await screenshot(alice.page, 'chat-alice');
  await screenshot(bob.page, 'chat-bob');
  assert.deepEqual(alice.problems, []);
  assert.deepEqual(bob.problems, []);
  await alice.context.close();
  await bob.context.close();
});

test('a reload keeps the session and the conversation, and messages sent meanwhile arrive after it', async () => {
  const alice = await person(browser);
  const bob = await person(browser);
  await signUp(alice.page, uniqueName('alice'));
  await signUp(bob.page, uniqueName('bob'));
  await alice.page.getByTestId('pai-name').fill('Book club');
  await alice.page.getByTestId('pai-create').click();
  const code = (await alice.page.getByTestId('invite-code').textContent()).trim();
  await bob.page.getByTestId('pai-join-code').fill(code);
  await bob.page.getByTestId('pai-join-submit').click();
  await bob.page.getByText('Book club').waitFor();

  await bob.page.getByTestId('composer').fill('chapter one done');
  await bob.page.getByTestId('composer-send').click();
  await alice.page.getByTestId('message').filter({ hasText: 'chapter one done' }).waitFor();

  await alice.page.reload();
  await alice.page.getByTestId('message').filter({ hasText: 'chapter one done' }).waitFor();
  await bob.page.getByTestId('composer').fill('chapter two next week');
  await bob.page.getByTestId('composer-send').click();
  await alice.page.getByTestId('message').filter({ hasText: 'chapter two next week' }).waitFor({ timeout: 10_000 });
  assert.equal(await alice.page.getByTestId('message').count(), 2);
  await alice.context.close();
  await bob.context.close();
});

test('two tabs whose access token ran out together refresh it once and both stay signed in', async () => {
  const pages = [];
  await explained('two-tabs', pages, async () => {
    const alice = await person(browser);
    pages.push(alice.page);
    await signUp(alice.page, uniqueName('alice'));
    await alice.page.getByTestId('pai-name').fill('Two tabs');
    await alice.page.getByTestId('pai-create').click();
    await alice.page.getByTestId('invite-code').waitFor();
    const second = await alice.context.newPage();
    watch(second);
    pages.push(second);
    await second.goto(alice.page.url());
    await second.getByTestId('composer').waitFor();
    // A token whose exp is long past, as both tabs hold it after a quarter of an hour asleep.
    await alice.page.evaluate(() => {
      const session = JSON.parse(localStorage.getItem('pai.session'));
      localStorage.setItem('pai.session', JSON.stringify({ ...session, accessToken: 'e30.eyJleHAiOjF9.c2ln' }));
    });
    await Promise.all([alice.page.reload(), second.reload()]);

    await second.getByTestId('composer').fill('from the second tab');
    await second.getByTestId('composer-send').click();
    await alice.page.getByTestId('message').filter({ hasText: 'from the second tab' }).waitFor({ timeout: 10_000 });
    assert.equal(await alice.page.getByTestId('signin-submit').count(), 0, 'the first tab is still signed in');
    assert.equal(await second.getByTestId('signin-submit').count(), 0, 'the second tab is still signed in');
    await alice.context.close();
  });
});

test('the app speaks Chinese to a Chinese browser and English after the switch', async () => {
  const li = await person(browser, 'zh-CN');
  await li.page.getByText('登录派').waitFor();
  await screenshot(li.page, 'signin-zh');
  await li.page.getByTestId('lang-switch').click();
  await li.page.getByText('Sign in to Pai').waitFor();
  await screenshot(li.page, 'signin-en');
  assert.equal(await li.page.evaluate(() => document.documentElement.lang), 'en');
  assert.deepEqual(li.problems, []);
  await li.context.close();
});

test('a picture sent in the pai shows as a thumbnail to the others, who remix it as a cartoon, and a display name sticks', async () => {
  const alice = await person(browser);
  const bob = await person(browser);
  await signUp(alice.page, uniqueName('alice'));
  await signUp(bob.page, uniqueName('bob'));
  await alice.page.getByTestId('pai-name').fill('Photo walk');
  await alice.page.getByTestId('pai-create').click();
  const code = (await alice.page.getByTestId('invite-code').textContent()).trim();
  await bob.page.getByTestId('pai-join-code').fill(code);
  await bob.page.getByTestId('pai-join-submit').click();
  await bob.page.getByText('Photo walk').waitFor();

  const photo = new URL('../../agent-service/src/test/resources/images/hills.jpg', import.meta.url).pathname;
  await alice.page.getByTestId('image-input').setInputFiles(photo);
  const atBob = bob.page.getByTestId('message-image');
  await atBob.waitFor({ timeout: 15_000 });
  assert.ok(await atBob.evaluate((img) => img.complete && img.naturalWidth > 0 || new Promise((resolve) =>
    img.addEventListener('load', () => resolve(img.naturalWidth > 0), { once: true }))), 'the thumbnail loads');

  const message = bob.page.getByTestId('message').filter({ has: bob.page.getByTestId('message-image') }).first();
  await message.hover();
  await message.getByTestId('remix-cartoon').click();
  await alice.page.getByTestId('message-image').nth(1).waitFor({ timeout: 20_000 });
  await alice.page.getByTestId('message-quote').first().waitFor();
  await screenshot(alice.page, 'remixed');

  await alice.page.getByTestId('me').click();
  await alice.page.getByTestId('profile-display-name').fill('Alice W.');
  await alice.page.getByTestId('profile-save').click();
  await alice.page.getByText('Saved').waitFor();
  await alice.page.reload();
  assert.equal(await alice.page.getByTestId('profile-display-name').inputValue(), 'Alice W.');
  await alice.context.close();
  await bob.context.close();
});
