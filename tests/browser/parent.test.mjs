// parent.test.mjs — a parent reaches their own child and nobody else's:
// another family's child's address is the same 404 as a missing one, on the
// page and in the JSON API, while their own child's page works.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { BASE, checkPage, openBrowser, signIn, visit, kwTest as test } from './lib.mjs';

let staff, family;
before(async () => {
  staff = await openBrowser();
  family = await openBrowser();
});
after(async () => {
  await staff?.close();
  await family?.close();
});

// The ids of the child links on the current page.
async function childIds(page) {
  const hrefs = await page.locator('a[href^="/children/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  return [...new Set(hrefs.map((h) => h.match(/^\/children\/(\d+)$/)).filter(Boolean).map((m) => Number(m[1])))];
}

test("a parent opens their own child's page but not another family's child", async () => {
  // every child on roll, as the manager sees them
  await signIn(staff.page, 'manager');
  await visit(staff.page, '/children');
  const everyone = await childIds(staff.page);
  assert.ok(everyone.length >= 50, `the manager sees ${everyone.length} children`);

  // the parent lands on their family's page
  const { page } = family;
  await signIn(page, 'parent');
  assert.equal(new URL(page.url()).pathname, '/family');
  const own = await childIds(page);
  assert.ok(own.length >= 1, 'the family page links to the parent\'s child');

  // their own child's page works
  for (const id of own) {
    await visit(page, `/children/${id}`, { label: `own child ${id}` });
    assert.match(await page.locator('main').innerText(), /Key person/);
  }

  // another family's children: 404, the same as an id that does not exist
  const others = everyone.filter((id) => !own.includes(id));
  assert.ok(others.length >= 10);
  const sample = [others[0], others[Math.floor(others.length / 2)], others[others.length - 1]];
  for (const id of sample) {
    await visit(page, `/children/${id}`, { status: 404, label: `another family's child ${id}` });
    assert.equal(await page.locator('h1').innerText(), 'Not found');
  }
  await visit(page, '/children/999999', { status: 404, label: 'a child that does not exist' });
  for (const id of others) {
    const r = await page.request.get(`${BASE}/api/v1/children/${id}`);
    assert.equal(r.status(), 404, `/api/v1/children/${id} as the parent: ${r.status()}`);
  }
  const mine = await page.request.get(`${BASE}/api/v1/children/${own[0]}`);
  assert.equal(mine.status(), 200);

  // the staff pages are not theirs
  await visit(page, '/children', { status: 403, label: 'children list as a parent' });
  await checkPage(page, 'refused as a parent');
  assert.deepEqual(family.problems, []);
});
