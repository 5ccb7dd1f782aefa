// accident.test.mjs — accidents and injuries on arrival end to end (issue 8):
// the key person records an injury noticed at yesterday's greeting, marking
// two regions on the body map (a click on the drawing ticks a region, a
// second click unticks it), and reads it back; the parent reads the demo's
// bump in the portal and acknowledges it with their name; the manager's
// accident book shows the notifiable fall with its Ofsted deadline; the DSL
// sees the demo's child with repeated injuries. Every page passes axe.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { checkPage, day, openBrowser, signIn, visit, kwTest as test } from './lib.mjs';

let b;
before(async () => {
  b = await openBrowser();
});
after(async () => {
  await b?.close();
});

const text = async (loc) => (await loc.innerText()).replace(/\s+/g, ' ').trim();
const SEEN = 'A graze on the left knee and a small bruise on the chin';
const ACCOUNT = 'Fell on the pavement on the way in this morning';

test('an injury on arrival with two body map regions; the parent acknowledges; the book and the DSL', async () => {
  const { page } = b;
  await b.context.clearCookies();
  b.problems.length = 0;

  await signIn(page, 'keyperson');
  await visit(page, '/accidents/new', { label: 'choosing a child' });
  const child = await page.locator('#acc-child option').nth(1).getAttribute('value');
  assert.ok(child, 'no child to record for');
  await page.selectOption('#acc-child', child);
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'An injury noticed on arrival' }).click()]);
  assert.match(page.url(), new RegExp(`/children/${child}/accidents`));
  await checkPage(page, 'the accident form');
  assert.equal(await page.locator('#acc-kind').inputValue(), 'existing_injury');
  await page.fill('#acc-date', day(-1)); // yesterday: 08:10 today may still be in the future
  await page.fill('#acc-time', '08:10');
  await page.fill('#acc-what_happened', SEEN);
  await page.fill('#acc-parent_account', ACCOUNT);
  // the drawing toggles the checkboxes (progressive enhancement)
  await page.locator('svg.bodymap [data-region="left_leg"]').click();
  await page.locator('svg.bodymap [data-region="face"]').click();
  await page.locator('svg.bodymap [data-region="chest"]').click();
  await page.locator('svg.bodymap [data-region="chest"]').click();
  assert.ok(await page.locator('#region-left_leg').isChecked(), 'a click on the leg did not tick it');
  assert.ok(await page.locator('#region-face').isChecked(), 'a click on the face did not tick it');
  assert.ok(!(await page.locator('#region-chest').isChecked()), 'a second click did not untick the chest');
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Save the record' }).click()]);
  await checkPage(page, 'the child\'s records');
  const main = await text(page.locator('main'));
  assert.ok(main.includes(SEEN), 'the record is not shown');
  assert.ok(main.includes(ACCOUNT), "the parent's account is not shown");
  assert.match(main, /head and face, left leg|left leg, head and face/);

  // the parent: the demo's bump, acknowledged in the portal
  await b.context.clearCookies();
  await signIn(page, 'parent');
  await visit(page, '/family', { label: 'the family page' });
  await Promise.all([page.waitForNavigation(), page.locator('main a[href^="/family/children/"]').first().click()]);
  const link = page.locator('a[href$="/accidents"]');
  assert.equal(await link.count(), 1, 'the child page does not link to the accidents');
  await Promise.all([page.waitForNavigation(), link.click()]);
  await checkPage(page, 'the family\'s accidents');
  const form = page.locator('form[action$="/acknowledge"]').first();
  assert.equal(await form.count(), 1, 'nothing to acknowledge');
  await form.locator('input[name=parent_name]').fill('Amira Haddad');
  await Promise.all([page.waitForNavigation(), form.getByRole('button').click()]);
  await checkPage(page, 'the family\'s accidents, acknowledged');
  assert.match(await text(page.locator('main')), /Acknowledged by Amira Haddad/);

  // the manager's accident book
  await b.context.clearCookies();
  await signIn(page, 'manager');
  await visit(page, '/accidents', { label: 'the accident book' });
  const book = await text(page.locator('main'));
  assert.match(book, /due by \d{4}-\d{2}-\d{2}/, 'no Ofsted deadline in the book');

  // the DSL's repeated injuries
  await b.context.clearCookies();
  await signIn(page, 'dsl');
  await visit(page, '/safeguarding/injuries', { label: 'repeated injuries' });
  assert.match(await text(page.locator('main')), /3 injuries/);
  assert.deepEqual(b.problems, []);
});
