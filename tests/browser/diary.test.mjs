// diary.test.mjs — the key person's records of issue 7 on a tablet: the key
// person opens the daily diary, enters lunch for the whole key group with
// one form and one submit, and sees every child's lunch in the day so far
// (not yet published to the parents); the manager sees, per key person,
// the weekly updates still outstanding this week, and the children due
// their progress check at two. Every page on the way passes axe.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { openBrowser, signIn, visit, checkPage, kwTest as test } from './lib.mjs';

let b;
before(async () => {
  b = await openBrowser();
});
after(async () => {
  await b?.close();
});

const amounts = ['all', 'most', 'some', 'none'];

test('the key person enters lunch for the whole key group at once', async () => {
  const { page } = b;
  await b.context.clearCookies();
  b.problems.length = 0;
  await signIn(page, 'keyperson');
  await visit(page, '/diary?kind=meal');
  const rows = page.locator('form.diary-quick tbody tr');
  const n = await rows.count();
  assert.ok(n >= 2, `the key group has ${n} children on the diary page`);
  assert.equal(await page.locator('#item').inputValue(), 'lunch');
  await page.fill('#time', '11:45');
  const names = [];
  for (let i = 0; i < n; i++) {
    names.push((await rows.nth(i).locator('th').innerText()).trim());
    await rows.nth(i).locator(`select[name=amount${i}]`).selectOption(amounts[i % amounts.length]);
  }
  await rows.nth(0).locator('input[name=detail0]').fill('Asked for more');
  await Promise.all([page.waitForNavigation(), page.click('form.diary-quick button[type=submit]')]);
  assert.match(page.url(), /saved=/);
  await checkPage(page, 'diary after the group entry');
  assert.match(await page.locator('[role=status]').innerText(), new RegExp(`Saved ${n} diary entries`));
  const day = await page.locator('#day').locator('xpath=..').innerText();
  for (let i = 0; i < n; i++) {
    assert.ok(day.includes(names[i]), `${names[i]} is in the day so far`);
    assert.ok(day.includes(`Lunch: ${amounts[i % amounts.length]}`), `lunch of ${names[i]}`);
  }
  assert.match(day, /Asked for more \(not yet published\)/);
  assert.deepEqual(b.problems, []);
});

test('a bad row is named and nothing is saved', async () => {
  const { page } = b;
  await visit(page, '/diary?kind=sleep');
  const rows = page.locator('form.diary-quick tbody tr');
  await rows.nth(0).locator('input[name=time0]').fill('13:00');
  await rows.nth(0).locator('input[name=end0]').fill('12:00');
  const [response] = await Promise.all([
    page.waitForNavigation(),
    page.click('form.diary-quick button[type=submit]'),
  ]);
  assert.equal(response.status(), 422);
  await checkPage(page, 'diary with a bad row');
  assert.match(await page.locator('[role=alert]').innerText(), /Row 1 .*end.*nothing was saved/);
});

test('the manager sees the weekly updates outstanding and the checks at two due', async () => {
  const { page } = b;
  await b.context.clearCookies();
  b.problems.length = 0;
  await signIn(page, 'manager');
  await visit(page, '/weekly');
  const heading = await page.locator('#outstanding').innerText();
  const count = Number(heading.match(/\((\d+)\)/)[1]);
  assert.ok(count > 0, 'some weekly updates are outstanding');
  const rows = page.locator('table.outstanding tbody tr');
  assert.equal(await rows.count(), count);
  const states = await page.locator('table.outstanding tbody td:last-child').allInnerTexts();
  assert.ok(states.includes('draft') && states.includes('not started'), states.join(', '));
  // open one and send it: it leaves the outstanding list
  const first = rows.nth(0).locator('a');
  const child = (await first.innerText()).trim();
  await Promise.all([page.waitForNavigation(), first.click()]);
  await checkPage(page, 'a weekly update');
  const text = await page.locator('#text').inputValue();
  assert.ok(text.length > 0, 'the draft has words');
  await Promise.all([page.waitForNavigation(), page.click('button[value=send]')]);
  assert.match(await page.locator('.notice').innerText(), /Sent to the family/);
  await visit(page, '/weekly');
  assert.match(await page.locator('#outstanding').innerText(), new RegExp(`\\(${count - 1}\\)`));
  assert.ok(!(await page.locator('table.outstanding').innerText()).includes(child) ||
    (await page.locator(`table.outstanding a:text-is("${child}")`).count()) === 0);

  await visit(page, '/twoyear');
  assert.ok((await page.locator('table.twoyear-due tbody tr').count()) > 0, 'children are due');
  const draft = page.locator('table.twoyear-due tbody tr', { hasText: 'draft' }).first().locator('a');
  await Promise.all([page.waitForNavigation(), draft.click()]);
  await checkPage(page, 'the check at two');
  assert.deepEqual(b.problems, []);
});
