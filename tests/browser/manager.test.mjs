// manager.test.mjs — the manager's day one: enrol a child with the form,
// plan key groups, accept the plan for that child, and see the new key
// person on the child's page. Every page on the way passes axe.
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

test('enrol a child, plan key groups, accept, and the child has a key person', async () => {
  const { page } = b;
  const code = `C${900 + (process.pid % 99)}`;
  const first = 'Wilhelmina';
  const last = `Testfield${process.pid % 1000}`;

  await signIn(page, 'manager');

  // enrol: /children/new
  await visit(page, '/children/new');
  await page.fill('#id', code);
  await page.fill('#first_name', first);
  await page.fill('#last_name', last);
  await page.fill('#date_of_birth', day(-3 * 365 - 120)); // about three and a third: Pre-school
  await page.selectOption('#room', { label: 'Pre-school' });
  await page.fill('#start_date', day(-7));
  for (const d of ['mon', 'tue', 'wed', 'thu', 'fri'])
    await page.fill(`#${d}`, '08:30-15:30');
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Enrol' }).click()]);
  const m = new URL(page.url()).pathname.match(/^\/children\/(\d+)$/);
  assert.ok(m, `after enrolling, the page is ${page.url()}: ${await page.locator('main').innerText()}`);
  const childPath = m[0];
  await checkPage(page, 'the new child');
  assert.match(await page.locator('h1').innerText(), new RegExp(first));
  assert.match(await page.locator('main').innerText(), /Key person\s*not chosen yet/);

  // a form sent back with a mistake keeps what was typed and names the field
  await visit(page, '/children/new', { label: '/children/new again' });
  await page.fill('#id', code); // the same code again: taken
  await page.fill('#first_name', first);
  await page.fill('#last_name', last);
  await page.fill('#date_of_birth', day(-3 * 365 - 120));
  await page.selectOption('#room', { label: 'Pre-school' });
  await page.fill('#start_date', day(-7));
  const [refused] = await Promise.all([
    page.waitForNavigation(),
    page.getByRole('button', { name: 'Enrol' }).click(),
  ]);
  assert.ok([409, 422].includes(refused.status()), `enrolling ${code} twice: ${refused.status()}`);
  assert.equal(await page.inputValue('#first_name'), first);
  await checkPage(page, 'enrol refused');

  // plan: /keygroups → Plan key groups → the proposal
  await visit(page, '/keygroups');
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Plan key groups' }).click()]);
  assert.match(new URL(page.url()).pathname, /^\/plans\/\d+$/, `after planning: ${page.url()}`);
  await checkPage(page, 'the proposal');

  // accept for the new child only, from today
  const row = page.locator('tr', { has: page.locator(`#child-${code}`) });
  assert.equal(await row.count(), 1, `the proposal does not list ${code}`);
  const keyPerson = (await row.locator('td strong').first().innerText()).trim();
  assert.ok(keyPerson.length > 0);
  for (const box of await page.locator('input[name=child]').all())
    await box.setChecked(false);
  await page.locator(`#child-${code}`).check();
  await page.fill('#from', day(0));
  await Promise.all([
    page.waitForNavigation(),
    page.getByRole('button', { name: 'Accept the ticked children' }).click(),
  ]);
  await checkPage(page, 'after accepting');

  // the child's page names the new key person
  await visit(page, childPath, { label: 'the child with a key person' });
  const facts = await page.locator('main').innerText();
  assert.match(facts, new RegExp(`Key person\\s*${keyPerson.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
    `the child's page does not show ${keyPerson} as key person:\n${facts}`);

  // and the other pages the manager uses every day pass axe too
  for (const url of ['/', '/today', '/children', '/rooms', '/staff', '/import', '/admin/users'])
    await visit(page, url);
  assert.deepEqual(b.problems, []);
});
