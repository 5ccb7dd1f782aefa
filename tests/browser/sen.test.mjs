// sen.test.mjs — the SENCo's graduated approach in a browser: the senco
// puts a child on SEN support, adds a plan with a target and a review
// date, finds the target on the child's SEN page and the child on the SEN
// register with the next review; the behaviour overview opens. Every page
// on the way passes axe.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { openBrowser, signIn, visit, checkPage, day, kwTest as test } from './lib.mjs';

let b;
before(async () => {
  b = await openBrowser();
});
after(async () => {
  await b?.close();
});

test('the senco adds a SEN support plan with a target and sees it on the register', async () => {
  const { page } = b;
  await b.context.clearCookies();
  b.problems.length = 0;
  await signIn(page, 'senco');
  await visit(page, '/sen');
  const onRegister = await page.locator('table.sen-register tbody th a').allInnerTexts();
  await visit(page, '/children');
  const links = page.locator('a[href^="/children/"]');
  let href = null;
  let name = null;
  for (let i = 0; i < (await links.count()); i++) {
    const h = await links.nth(i).getAttribute('href');
    const t = (await links.nth(i).innerText()).trim();
    if (/^\/children\/\d+$/.test(h) && !onRegister.includes(t)) {
      href = h;
      name = t;
      break;
    }
  }
  assert.ok(href, 'a child not yet on the SEN register');
  await visit(page, href);
  await Promise.all([page.waitForNavigation(), page.click(`a[href="${href}/sen"]`)]);
  await checkPage(page, 'the child\'s SEN page');
  assert.match(await page.locator('.sen-status').innerText(), /Not on the SEN register/);

  await page.selectOption('#status-status', 'sen_support');
  await page.selectOption('#status-area_of_need', 'communication_interaction');
  await Promise.all([page.waitForNavigation(), page.click('#form-status button[type=submit]')]);
  assert.match(await page.locator('.sen-status').innerText(), /SEN support/);

  const review = day(42);
  await page.selectOption('#plan-kind', 'sen_support');
  await page.fill('#plan-review_on', review);
  await page.fill('#plan-targets', 'To ask for help with two words and a sign');
  await Promise.all([page.waitForNavigation(), page.click('#form-plan button[type=submit]')]);
  await checkPage(page, 'the SEN page with the plan');
  assert.match(await page.locator('article.sen-plan').first().innerText(),
    /To ask for help with two words and a sign/);

  await visit(page, '/sen');
  const row = page.locator('table.sen-register tbody tr', { hasText: name });
  assert.equal(await row.count(), 1, `${name} is on the register`);
  const text = await row.innerText();
  assert.match(text, /SEN support/);
  assert.ok(text.includes(review), `the next review ${review} is shown`);
  await visit(page, '/behaviour');
  assert.deepEqual(b.problems, []);
});
