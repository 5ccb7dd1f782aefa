// family.test.mjs — family details kept current (issue 9): the demo parent
// changes an emergency contact's phone in the portal and writes a morning
// health note for their child; the key person finds the change flagged on
// /family-changes (and acknowledges it) and the note on /today next to the
// child's name, flagged until seen. Every page passes axe.
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

test('a parent updates an emergency contact and sends a morning note; the key person sees both flagged', async () => {
  const { page } = family;
  const stamp = Date.now() % 1000;
  const phone = `01632 960 ${String(stamp).padStart(3, '0')}`;
  const note = `Teething, Calpol at 7am (${stamp})`;
  await signIn(page, 'parent');

  // the emergency contacts, on the contact details page
  await visit(page, '/family/contact', { label: 'the family contact page with emergency contacts' });
  const form = page.locator('form.emergency-contact').first();
  const name = await form.locator('input[name=name]').inputValue();
  assert.ok(name, 'the demo family has an emergency contact');
  await form.locator('input[name=phone]').fill(phone);
  await submit(page, form.getByRole('button', { name: 'Save this contact' }));
  assert.match(await text(page.locator('#emergency [role=status]')), /emergency contact is saved/);
  assert.match(await text(page.locator('ul.family-changes')),
    new RegExp(`${name} \\(.*\\), ${phone} \\(not yet seen by the nursery\\)`));
  await checkPage(page, 'after changing an emergency contact');

  // the morning note, on the child's page
  await visit(page, '/family', { label: 'the family page' });
  await submit(page, page.locator('main section.child').first()
    .getByRole('link', { name: 'Diary, observations and messages' }));
  const childName = await text(page.locator('main h1'));
  await page.fill('#health-text', note);
  await submit(page, page.getByRole('button', { name: 'Send the note' }));
  assert.match(await text(page.locator('#health [role=status]')), /will see the note/);
  assert.match(await text(page.locator('ul.health-notes')), new RegExp(`${note.replace(/[()]/g, '\\$&')} \\(not yet read\\)`));
  await checkPage(page, 'after sending a health note');

  // the key person: the change flagged until acknowledged, the note on /today
  const k = staff.page;
  await signIn(k, 'keyperson');
  await visit(k, '/family-changes', { label: 'family changes for the key person' });
  const change = k.locator('ul.family-changes li').filter({ hasText: phone });
  assert.match(await text(change), new RegExp(`^new .*emergency contact changed — ${name}`));
  await submit(k, change.getByRole('button', { name: 'Seen' }));
  assert.equal(await k.locator('ul.family-changes li').filter({ hasText: phone }).count(), 0);
  await checkPage(k, 'family changes after acknowledging');

  await visit(k, '/today', { label: 'today with a morning health note' });
  const item = k.locator('#health-notes li').filter({ hasText: note });
  assert.match(await text(item), /^new /);
  assert.match(await text(item), new RegExp(childName.split(' ')[0]));
  await submit(k, item.getByRole('button', { name: 'Seen' }));
  assert.match(await text(k.locator('#health-notes li').filter({ hasText: note })), /seen$/);
  await checkPage(k, 'today after the note was seen');

  // the family sees the nursery has read the note
  await page.reload();
  assert.match(await text(page.locator('ul.health-notes')), /read by the nursery/);
});
