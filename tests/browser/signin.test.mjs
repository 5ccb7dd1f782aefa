// signin.test.mjs — the sign-in page over plain HTTP warns that the
// connection is not encrypted, a wrong password is refused with the error
// announced, and unknown addresses are a 404 page; every page passes axe.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { BASE, checkPage, openBrowser, visit, kwTest as test } from './lib.mjs';

let b;
before(async () => {
  b = await openBrowser();
});
after(async () => {
  await b?.close();
});

test('the sign-in page over HTTP says the connection is not encrypted', async () => {
  const { page } = b;
  await visit(page, '/signin');
  assert.ok(BASE.startsWith('http://'));
  const warning = page.getByText('This connection is not encrypted');
  assert.equal(await warning.count(), 1);
  assert.ok(await warning.isVisible());
  // the session cookie will be HttpOnly: the page's script cannot read it
  assert.equal(await page.evaluate(() => document.cookie), '');
});

test('a wrong password is refused and the reason is announced', async () => {
  const { page } = b;
  await visit(page, '/signin');
  await page.fill('#username', 'manager');
  await page.fill('#password', 'not-the-password-at-all');
  const [response] = await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  assert.equal(response.status(), 401);
  assert.match(await page.locator('[role=alert]').innerText(), /do not match/);
  await checkPage(page, 'sign-in refused');
});

test('signed out, a page sends you to sign in; an unknown address is 404', async () => {
  const { page } = b;
  await visit(page, '/children', { label: '/children signed out' });
  assert.ok(page.url().endsWith('/signin'));
  await visit(page, '/no-such-page', { status: 404 });
  assert.equal(await page.locator('h1').innerText(), 'Not found');
  assert.deepEqual(b.problems, []);
});
