// pages.test.mjs — every page each role reaches from the navigation (and
// the forms and records one click further) loads without a script or CSP
// error and passes axe: no serious or critical WCAG 2.1 AA violation.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { openBrowser, signIn, visit as visitPage, kwTest as test } from './lib.mjs';

let b;
before(async () => {
  b = await openBrowser();
});
after(async () => {
  await b?.close();
});

async function links(page, selector) {
  const hrefs = await page.locator(selector).evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  return [...new Set(hrefs.filter((h) => h && h.startsWith('/') && !h.startsWith('//')))];
}

async function signOut(page) {
  await Promise.all([page.waitForNavigation(), page.locator('form[action="/signout"] button').click()]);
  assert.equal(new URL(page.url()).pathname, '/signin');
}

// The first link on a list page that leads to one record.
async function firstRecord(page, list, pattern) {
  await visitPage(page, list, { label: `${list} (to find a record)` });
  const found = (await links(page, 'main a')).find((h) => pattern.test(h));
  assert.ok(found, `no link matching ${pattern} on ${list}`);
  return found;
}

for (const role of ['manager', 'keyperson', 'senco', 'dsl', 'admin', 'parent']) {
  test(`the pages of the ${role} pass axe`, async () => {
    const { page } = b;
    await b.context.clearCookies(); // each role from a fresh start, whatever the last test left
    b.problems.length = 0;
    await signIn(page, role);
    // every page is checked, and every failure reported at the end
    const failures = [];
    const visit = async (url, opts) => {
      try {
        await visitPage(page, url, opts);
      } catch (e) {
        failures.push(e.message.split('\n+ actual')[0]);
      }
    };
    const seen = new Set();
    const nav = await links(page, 'header nav a');
    assert.ok(nav.length >= 1, `no navigation for ${role}`);
    for (const href of nav) {
      if (seen.has(href)) continue;
      seen.add(href);
      // the navigation offers only what the role may open
      await visit(href, { label: `${role} ${href}` });
    }
    if (['manager', 'dsl', 'senco', 'keyperson'].includes(role))
      await visit(await firstRecord(page, '/children', /^\/children\/\d+$/), { label: `${role} a child` });
    if (role === 'manager') {
      for (const href of ['/children/new', '/staff/new', '/password'])
        await visit(href, { label: `${role} ${href}` });
      await visit(await firstRecord(page, '/staff', /^\/staff\/\d+$/), { label: 'a member of staff' });
      const child = await firstRecord(page, '/children', /^\/children\/\d+$/);
      await visit(`${child}/contacts/new`, { label: 'add a contact' });
    }
    if (role === 'parent') {
      await visit('/family', { label: 'the family page' });
      await visit(await firstRecord(page, '/family', /^\/children\/\d+$/), { label: 'their child' });
    }
    await signOut(page);
    assert.deepEqual(b.problems, [], `errors in the browser for ${role}`);
    assert.deepEqual(failures, [], `${failures.length} of the ${role}'s pages failed`);
  });
}
