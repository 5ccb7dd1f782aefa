// portal.test.mjs — the parent portal (issue 7, "For parents"): the demo
// parent sees their child's key person and buddy, sends the key person a
// message and tells the nursery the child is off sick today; the key
// person finds the message among the family messages waiting for an answer
// and the child among those not coming on /today; the parent switches the
// portal to Polish and the page is in Polish (then back to English, so the
// other tests meet the demo as it was). Every page passes axe.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { checkPage, openBrowser, signIn, visit, kwTest as test } from './lib.mjs';

let family, staff;
before(async () => {
  family = await openBrowser();
  staff = await openBrowser();
});
after(async () => {
  await family?.close();
  await staff?.close();
});

const text = async (loc) => (await loc.innerText()).replace(/\s+/g, ' ').trim();

async function submit(page, button) {
  await Promise.all([page.waitForNavigation(), button.click()]);
}

test('a parent messages the key person and reports the child off sick; the key person sees both; the portal speaks Polish', async () => {
  const { page } = family;
  const stamp = `Message ${Date.now()}`;
  await signIn(page, 'parent');
  assert.equal(new URL(page.url()).pathname, '/family');

  // the key person and buddy, by name, on the family page
  const card = page.locator('main section.child').first();
  const keyPerson = await text(card.locator('section.person[aria-label="Key person"] dd'));
  const buddy = await text(card.locator('section.person[aria-label="Buddy"] dd'));
  assert.ok(keyPerson && buddy && keyPerson !== buddy, `key person ${keyPerson}, buddy ${buddy}`);
  const childName = await text(card.locator('h2 a'));

  // the child's page: the same two people, with the days they are in
  await submit(page, card.getByRole('link', { name: 'Diary, observations and messages' }));
  const childPath = new URL(page.url()).pathname;
  assert.match(childPath, /^\/family\/children\/\d+$/);
  await checkPage(page, 'the portal page of the child');
  assert.match(await text(page.locator('main')), new RegExp(`Key person ${keyPerson}`));
  assert.match(await text(page.locator('main')), new RegExp(`Buddy ${buddy}`));

  // a message to the key person
  await page.fill('#message-text', stamp);
  await submit(page, page.getByRole('button', { name: 'Send the message' }));
  assert.match(await text(page.locator('[role=status]')), /Your message has been sent/);
  assert.match(await text(page.locator('ol.thread')), new RegExp(stamp));
  await checkPage(page, 'after sending a message');

  // off sick today
  await page.selectOption('#absence-reason', 'illness');
  await page.fill('#absence-note', 'a temperature in the night');
  await submit(page, page.getByRole('button', { name: 'Tell the nursery' }));
  assert.match(await text(page.locator('[role=status]')), /the nursery knows/);
  assert.match(await text(page.locator('ul.absences')), /Ill \(off sick\)/);
  await checkPage(page, 'after reporting the child off sick');

  // the key person: the message waits for an answer, the child is not coming today
  const k = staff.page;
  await signIn(k, 'keyperson');
  await visit(k, '/today', { label: 'today with a family absence' });
  const absent = await text(k.locator('#family-absences'));
  assert.match(absent, new RegExp(childName));
  assert.match(absent, /illness/);
  await visit(k, '/family-messages', { label: 'family messages for the key person' });
  const waiting = await text(k.locator('main table'));
  assert.match(waiting, new RegExp(stamp));
  assert.match(waiting, new RegExp(childName));
  // the key person answers in the thread
  await submit(k, k.locator('main table a').filter({ hasText: childName }).first());
  await checkPage(k, 'the family thread for the key person');
  await k.fill('#reply', 'Thank you, get well soon!');
  await submit(k, k.getByRole('button', { name: 'Send to the family' }));
  assert.match(await text(k.locator('ol.thread')), /get well soon/);

  // the parent reads the answer, then switches to Polish
  await visit(page, childPath, { label: 'the child page with the answer' });
  assert.match(await text(page.locator('ol.thread')), /get well soon/);
  await page.selectOption('#portal-language', 'pl');
  await submit(page, page.getByRole('button', { name: 'Change the language' }));
  assert.equal(new URL(page.url()).pathname, childPath);
  assert.equal(await page.locator('html').getAttribute('lang'), 'pl');
  const polish = await text(page.locator('body'));
  assert.match(polish, /Opiekun prowadzący/);
  assert.match(polish, /Zgłoś nieobecność dziecka/);
  for (const english of ['Key person', 'Buddy', 'Send the message', 'Tell the nursery', 'Your consents', 'Sign out'])
    assert.ok(!polish.includes(english), `the Polish page still says "${english}"`);
  await checkPage(page, 'the portal in Polish');

  // back to English for whoever comes next
  await page.selectOption('#portal-language', 'en');
  await submit(page, page.getByRole('button', { name: 'Zmień język' }));
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  assert.deepEqual(family.problems, []);
  assert.deepEqual(staff.problems, []);
});
