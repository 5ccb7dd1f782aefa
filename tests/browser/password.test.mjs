// password.test.mjs — the password fields' enhancements (app.js, ASVS 2.1.8
// and 2.1.12): a "Show" button beside the sign-in password switches it to
// plain text and back; on /password the new password's meter counts
// characters (a run of spaces as one) and warns of a common password, and
// rates a passphrase strong. Nothing is submitted: the demo keeps its passwords.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { checkPage, openBrowser, signIn, visit, kwTest as test } from './lib.mjs';

let b;
before(async () => {
  b = await openBrowser();
});
after(async () => {
  await b?.close();
});

test('the sign-in password can be shown and hidden again', async () => {
  const { page } = b;
  await visit(page, '/signin');
  const field = page.locator('#password');
  const show = page.getByRole('button', { name: 'Show' });
  assert.equal(await show.count(), 1);
  assert.equal(await field.getAttribute('type'), 'password');
  await show.click();
  assert.equal(await field.getAttribute('type'), 'text');
  assert.equal(await page.getByRole('button', { name: 'Hide' }).getAttribute('aria-pressed'), 'true');
  await page.getByRole('button', { name: 'Hide' }).click();
  assert.equal(await field.getAttribute('type'), 'password');
  await checkPage(page, 'sign-in with the Show button');
});

test('the new password has a strength meter', async () => {
  const { page } = b;
  await signIn(page, 'senco');
  await visit(page, '/password');
  const meter = page.locator('#new-meter');
  const hint = page.locator('#new-strength');
  assert.equal(await meter.count(), 1);
  await page.fill('#new', 'abcd        ');
  assert.equal(await hint.innerText(), '5 of at least 12 characters');
  await page.fill('#new', 'sunshine1234');
  assert.match(await hint.innerText(), /very common password/);
  assert.equal(await meter.evaluate((m) => m.value), 1);
  await page.fill('#new', 'bluebell rainy tuesday');
  assert.match(await hint.innerText(), /strong/);
  assert.equal(await meter.evaluate((m) => m.value), 4);
  // each password field has its own Show button
  assert.equal(await page.getByRole('button', { name: 'Show' }).count(), 2);
  await checkPage(page, '/password with the meter');
  assert.deepEqual(b.problems, []);
});
