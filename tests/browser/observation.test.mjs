// observation.test.mjs — issue 7, the key person's side: the keyperson
// login writes an observation with a photo for one of their key children
// (the photo a PNG made here, sent through the form's file input), shares
// it, and finds it on the child's record with the photo shown; the child's
// page links to it; coverage counts it in the child's PSED column. Every
// page on the way passes axe.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { BASE, checkPage, openBrowser, signIn, visit, kwTest as test } from './lib.mjs';

let b;
before(async () => {
  b = await openBrowser();
});
after(async () => {
  await b?.close();
});

// A 1x1 PNG (IHDR, IDAT, IEND), with a tEXt chunk naming the place it was "taken".
function crc32(buf) {
  let c = ~0;
  for (const x of buf) {
    c ^= x;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return ~c >>> 0;
}
function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}
const PNG = Buffer.concat([
  Buffer.from('89504e470d0a1a0a', 'hex'),
  chunk('IHDR', Buffer.from('0000000100000001080200000000'.slice(0, 26), 'hex')),
  chunk('tEXt', Buffer.from('Location\0Park Rd', 'latin1')),
  chunk('IDAT', Buffer.from('08d763f8cfc0000003010100', 'hex')),
  chunk('IEND', Buffer.alloc(0)),
]);

test('a key person writes an observation with a photo; it is on the record and in coverage', async () => {
  const { page } = b;
  await b.context.clearCookies();
  b.problems.length = 0;
  await signIn(page, 'keyperson');

  // one of their key children, from their coverage map
  await visit(page, '/coverage');
  const href = await page.locator('svg.obs-map a').first().getAttribute('href');
  assert.match(href, /^\/children\/\d+\/observations$/, 'no key child on the coverage map');
  const childId = href.match(/\/children\/(\d+)\//)[1];

  await visit(page, `/observations/new?child=${childId}`);
  assert.ok(await page.locator(`#child-${childId}`).isChecked(), 'the child is not chosen');
  const text = `Filled the watering can and watered every plant in the garden (${Date.now()}).`;
  await page.fill('#obs-text', text);
  await page.check('#area-PSED');
  await page.check('#area-UW');
  await page.fill('#obs-next', 'Plant seeds in the key group and watch them grow.');
  await page.check('#obs-shared');
  await page.setInputFiles('#obs-photo', { name: 'garden.jpg', mimeType: 'image/jpeg', buffer: PNG });
  await Promise.all([page.waitForNavigation(), page.click('main form button[type=submit]')]);
  assert.match(new URL(page.url()).pathname, new RegExp(`^/children/${childId}/observations$`));
  await checkPage(page, 'the child\'s observations after saving');

  const card = page.locator('article.observation', { hasText: text });
  assert.equal(await card.count(), 1, 'the observation is not on the child\'s record');
  assert.match(await card.innerText(), /shared with the family/);
  const img = card.locator('.obs-photos img');
  assert.equal(await img.count(), 1, 'the photo is not shown');
  await img.evaluate((el) => (el.complete ? null : new Promise((r) => { el.onload = r; el.onerror = r; })));
  assert.ok(await img.evaluate((el) => el.naturalWidth > 0), 'the photo does not load');
  const photo = await (await page.request.get(BASE + (await img.getAttribute('src')))).body();
  assert.ok(!photo.includes(Buffer.from('Park Rd')), 'the photo kept the place it was taken');
  const name = (await card.locator(`h3 a[href="/children/${childId}/observations"]`).innerText()).trim();

  // the child's page links to the records
  await visit(page, `/children/${childId}`);
  assert.equal(await page.locator(`a[href="/children/${childId}/observations"]`).count(), 1);

  // coverage counts it: the child's PSED cell is no gap
  await visit(page, '/coverage');
  const titles = await page.locator('svg.obs-map rect title').allTextContents();
  const psed = titles.find((t) => t.startsWith(`${name}, Personal, Social and Emotional Development:`));
  assert.ok(psed, `no PSED count for ${name} on the coverage map`);
  assert.ok(Number(psed.split(': ')[1]) >= 1);
  assert.deepEqual(b.problems, []);
});
