// policy.test.mjs — the setting's policies, signed in the parent portal
// (issue 9): the demo parent opens a policy their family has not signed,
// types their full name and signs it; the manager then finds the family
// among those who signed that version and no longer among those who have
// not; the manager publishes a new version, and the parent is asked to read
// and sign again (their signature of the old version kept). The portal is
// found by element ids, not words, so the test holds whatever language the
// family reads it in. Every page passes axe.
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

async function submit(page, target) {
  await Promise.all([page.waitForNavigation(), target.click()]);
}

test('a parent signs the current policy, the manager sees the family signed, a new version asks again', async () => {
  const { page } = family;
  const name = `Signed In Browser ${Date.now() % 100000}`;
  await signIn(page, 'parent');

  // a policy the family is asked to sign
  await visit(page, '/family/policies', { label: 'the family\'s policies' });
  const row = page.locator('tr[data-policy]:has(td.to-sign)').first();
  const id = await row.getAttribute('data-policy');
  assert.ok(id, 'the demo family has a policy to sign');
  await submit(page, row.locator('th a'));
  assert.equal(new URL(page.url()).pathname, `/family/policies/${id}`);
  await checkPage(page, 'a policy to sign');

  // typed full name and the date (today, filled in)
  await page.fill('#signed_name', name);
  assert.match(await page.inputValue('#signed_on'), /^\d{4}-\d{2}-\d{2}$/);
  await submit(page, page.locator('#sign'));
  assert.match(await text(page.locator('#signed')), new RegExp(name));
  assert.equal(await page.locator('#form-sign').count(), 0);
  await checkPage(page, 'the policy after signing');
  await visit(page, '/family/policies', { label: 'the family\'s policies after signing' });
  assert.equal(await page.locator(`tr[data-policy="${id}"] td.signed`).count(), 1);

  // the manager: the family signed this version, and is not among those still to sign
  const m = staff.page;
  await signIn(m, 'manager');
  await visit(m, `/policies/${id}`, { label: 'the policy with its signatures' });
  const signedRow = m.locator('#signed tbody tr', { hasText: name });
  assert.equal(await signedRow.count(), 1);
  const familyName = await text(signedRow.locator('th'));
  assert.ok(!(await text(m.locator('#unsigned'))).includes(familyName),
    `${familyName} is still listed as not signed`);

  // a new version: every family is asked again, this one too
  const changed = `A change to the policy (${name})`;
  await m.fill('#text', changed);
  await submit(m, m.locator('#form-version button[type=submit]'));
  assert.equal(new URL(m.url()).pathname, `/policies/${id}`);
  await checkPage(m, 'the policy after a new version');
  assert.ok((await text(m.locator('#unsigned'))).includes(familyName),
    `${familyName} is not asked to sign the new version`);
  assert.equal(await m.locator('#signed tbody tr', { hasText: name }).count(), 0);

  // the parent is asked again; their signature of the old version is kept
  await visit(page, '/family/policies', { label: 'the family\'s policies after a new version' });
  assert.equal(await page.locator(`tr[data-policy="${id}"] td.to-sign`).count(), 1);
  await visit(page, `/family/policies/${id}`, { label: 'the new version to sign' });
  assert.equal(await page.locator('#form-sign').count(), 1);
  assert.match(await text(page.locator('article.policy-text')), new RegExp(name));
  assert.match(await text(page.locator('ul.signatures')), new RegExp(name));
  assert.deepEqual(family.problems, []);
  assert.deepEqual(staff.problems, []);
});
