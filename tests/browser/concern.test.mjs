// concern.test.mjs — a safeguarding concern end to end (issue 8): a
// practitioner reports one, marking the upper arm on the body map, and is
// shown only that it was received; the DSL sees the new concern counted on
// their home page, is asked for their password before the chronology opens,
// reads the concern and adds a referral, which the chronology then shows.
// Every page on the way passes axe.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { checkPage, day, openBrowser, signIn, visit, USERS, kwTest as test } from './lib.mjs';

let b;
before(async () => {
  b = await openBrowser();
});
after(async () => {
  await b?.close();
});

const text = async (loc) => (await loc.innerText()).replace(/\s+/g, ' ').trim();
const SEEN = 'A round bruise on the left upper arm, about 2 cm across';
const WORDS = 'Mummy squeezed me';

test('a practitioner reports a concern and sees only "received"; the DSL reads it after the password and adds a referral', async () => {
  const { page } = b;
  await b.context.clearCookies();
  b.problems.length = 0;

  await signIn(page, 'keyperson');
  await visit(page, '/concerns/new', { label: 'the concern form' });
  const child = await page.locator('#child option').nth(1).getAttribute('value');
  assert.ok(child, 'no child to report about');
  await page.selectOption('#child', child);
  await page.fill('#date', day(-1)); // yesterday: 09:10 today may still be in the future
  await page.fill('#time', '09:10');
  await page.fill('#seen_heard', SEEN);
  await page.fill('#child_words', WORDS);
  // the drawing ticks the radio button (progressive enhancement)
  await page.locator('svg.bodymap [data-region="left_arm"]').click();
  assert.ok(await page.locator('#region-left_arm').isChecked(), 'the body map click did not choose the region');
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Send to the safeguarding lead' }).click()]);
  assert.match(page.url(), /\/concerns\/received$/);
  await checkPage(page, 'concern received');
  const received = await text(page.locator('main'));
  assert.match(received, /Received\./);
  assert.ok(!received.includes(WORDS) && !received.includes('bruise'), 'the reporter is shown the concern');
  // no way back for the reporter
  const chron = await page.goto(`${new URL(page.url()).origin}/safeguarding/children/${child}`);
  assert.equal(chron.status(), 403);
  assert.ok(!(await page.content()).includes(WORDS));

  // the DSL
  await b.context.clearCookies();
  await signIn(page, 'dsl');
  assert.match(await text(page.locator('main')), /new safeguarding concern/);
  await visit(page, '/safeguarding', { label: 'the safeguarding list' });
  await Promise.all([page.waitForNavigation(), page.locator(`a[href="/safeguarding/children/${child}"]`).click()]);
  await checkPage(page, 'the step-up');
  assert.match(await text(page.locator('main')), /Confirm it is you/);
  assert.ok(!(await page.content()).includes(WORDS), 'the chronology shows before the password');
  await page.fill('#password', USERS.dsl);
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Open the chronology' }).click()]);
  await checkPage(page, 'the chronology');
  const main = await text(page.locator('main'));
  assert.ok(main.includes(SEEN), 'the chronology lacks what was seen');
  assert.ok(main.includes(WORDS), "the chronology lacks the child's words");
  assert.match(main, /left arm/);

  // a referral, added to the concern
  const section = page.locator('section.card').last();
  await section.locator('summary').click();
  await section.locator('select[name=kind]').selectOption('referral');
  await section.locator('select[name=agency]').selectOption('childrens_services');
  await section.locator('textarea[name=text]').fill('Referred to children\'s services by phone');
  await Promise.all([page.waitForNavigation(), section.getByRole('button', { name: 'Add to the chronology' }).click()]);
  await checkPage(page, 'the chronology with a referral');
  const withReferral = await text(page.locator('main'));
  assert.match(withReferral, /referral to children's services/);
  assert.ok(withReferral.includes("Referred to children's services by phone"));
  assert.ok(withReferral.includes(SEEN), 'the concern changed');
  assert.deepEqual(b.problems, []);
});
