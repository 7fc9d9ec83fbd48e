// The editing forms under `brobygger serve`: /admin/ (Decap CMS) loads with no request to
// another host, every collection opens without a configuration or console error, a partner
// created through the form (with a logo uploaded into static/images/) is saved under the id
// `brobygger new` gives its Danish title, checked and shown by the preview, and members written
// as bare ids show in the form.
//
// Usage: node tests/browser/cms.mjs SITE_ROOT BROBYGGER_BINARY
// SITE_ROOT is a copy of the example site with the Decap bundle at admin/decap-cms.js.

import { existsSync, readFileSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { loadPlaywright, launchBrowser, isFaviconNoise, fail, requireFromRepo, startServe, checker, expect } from './lib.mjs';

const [root, binary] = process.argv.slice(2);
if (!root || !binary) fail('usage: node tests/browser/cms.mjs SITE_ROOT BROBYGGER_BINARY');

// A partnership whose members are bare ids, as `new` and `init` write them.
writeFileSync(path.join(root, 'content/partnerships/bare-ids.md'),
  '---\ntitle: Bare ider\npartners: [region-hovedstaden, peer-stoette-partnere]\n---\nTekst.\n');

/** Every file under `dir` with its size and time, by path. */
function files(dir, out = new Map(), rel = '') {
  for (const name of readdirSync(path.join(dir, rel))) {
    const r = rel ? `${rel}/${name}` : name;
    const s = statSync(path.join(dir, r));
    if (s.isDirectory()) files(dir, out, r);
    else out.set(r, `${s.size} ${s.mtimeMs}`);
  }
  return out;
}
// A file as `brobygger new` writes it, to save unchanged through the real Decap.
import { execFileSync } from 'node:child_process';
execFileSync(binary, ['new', 'challenge', 'Runde tur med møder', '--root', root]);
const newFile = path.join(root, 'content/challenges/runde-tur-med-moeder.md');
const newText = readFileSync(newFile, 'utf8');
const before = files(root);

const { serve, url } = await startServe(binary, root);

const { check, finish } = checker();

const COLLECTIONS = ['partners', 'partnerships', 'challenges', 'opportunities',
  'recommendations', 'learnings', 'quotes', 'pages'];

const pw = await loadPlaywright();
const browser = await launchBrowser(pw);
const page = await browser.newPage();
// Loading Decap's 5 MB bundle takes long on a busy machine (the CI machine is shared).
page.setDefaultNavigationTimeout(90000);
page.setDefaultTimeout(60000);
const consoleErrors = [];
const foreign = [];
page.on('console', (m) => {
  if (m.type() === 'error' && !isFaviconNoise(m)) consoleErrors.push(m.text());
});
page.on('pageerror', (e) => consoleErrors.push(`page error: ${e.message}`));
page.on('response', (r) => {
  if (r.status() >= 400) consoleErrors.push(`${r.status()} ${r.url()}`);
});
page.on('request', (r) => {
  const u = r.url();
  if (!u.startsWith(url) && !u.startsWith('data:') && !u.startsWith('blob:')) foreign.push(u);
});

try {
  await check('/admin/ loads Decap with no configuration error', async () => {
    await page.goto(`${url}admin/`);
    // The local backend asks for no password, only a click ("Log ind" on a Danish site).
    await page.getByRole('button', { name: /^(Log ind|Login|Logga in)$/ }).click({ timeout: 60000 });
    await page.waitForSelector(`a[href$="#/collections/partners"], a[href="#/collections/partners"]`, { timeout: 60000 });
    const body = await page.evaluate(() => document.body.innerText);
    expect(!/Error loading the CMS configuration|Config Errors/i.test(body), body.slice(0, 500));
  });

  for (const name of COLLECTIONS) {
    await check(`the ${name} collection opens`, async () => {
      const before = consoleErrors.length;
      await page.goto(`${url}admin/#/collections/${name}`);
      await page.waitForTimeout(1500);
      const body = await page.evaluate(() => document.body.innerText);
      expect(!/Error|Fejl|Fel/.test(body.split('\n').slice(0, 3).join(' ')), body.slice(0, 300));
      expect(consoleErrors.length === before, consoleErrors.slice(before).join('\n'));
    });
  }

  await check('members written as bare ids show in the form', async () => {
    await page.goto(`${url}admin/#/collections/partnerships/entries/bare-ids`);
    await page.reload();
    await page.locator('input[id^="title-field"]').first().waitFor({ timeout: 30000 });
    await page.waitForFunction(() => document.querySelector('input[id^="title-field"]').value !== '');
    await page.waitForTimeout(1000);
    const body = await page.evaluate(() => document.body.innerText);
    for (const id of ['region-hovedstaden', 'peer-stoette-partnere']) {
      expect(body.includes(id), `member ${id} not shown:\n${body.slice(0, 1500)}`);
    }
  });

  await check('a partner created through the form, with an uploaded logo, is saved under new\'s id and shown', async () => {
    await page.goto(`${url}admin/#/collections/partners/new`);
    const name = page.locator('input[id^="name-field"]').first();
    await name.waitFor({ timeout: 30000 });
    // Decap's own slug would be `aero-formularforeningen`; `brobygger new` gives `aeroe-…`.
    await name.fill('Ærø Formularforeningen');
    // The sector: Decap's select (react-select).
    await page.locator('input[id^="sector-field"]').first().focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    // The logo: upload a picture through the media library.
    const choose = page.getByRole('button', { name: /^(Vælg et billede|Choose an image|Välj en bild)$/ }).first();
    const upload = page.locator('input[type="file"]').first();
    await choose.click();
    // On a busy machine the first click can land before the widget listens: once more.
    await upload.waitFor({ state: 'attached', timeout: 15000 }).catch(() => choose.click());
    await upload.waitFor({ state: 'attached', timeout: 30000 });
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    await upload.setInputFiles({ name: 'formular-logo.png', mimeType: 'image/png', buffer: png });
    // The upload comes selected, as a draft saved with the entry.
    await page.getByText('formular-logo.png').first().waitFor({ timeout: 10000 });
    await page.getByRole('button', { name: /^(Anvend valgte|Choose selected|Välj markerade)$/ }).first().click();
    await page.getByRole('button', { name: /^(Publicer|Publish|Publicera)$/ }).first().click();
    await page.getByText(/^(Publicer nu|Publish now|Publicera nu)$/).first().click();
    const file = path.join(root, 'content/partners/aeroe-formularforeningen.md');
    for (let i = 0; i < 100 && !existsSync(file); i++) await page.waitForTimeout(100);
    expect(existsSync(file), `no ${file}`);
    // A logo picked for an entry is saved with it, into the media folder.
    const uploaded = path.join(root, 'static/images/formular-logo.png');
    expect(existsSync(uploaded), `the upload did not land in ${uploaded}`);
    expect(readFileSync(uploaded).equals(png), 'the uploaded file differs from the picture');
    expect(!existsSync(path.join(root, 'content/partners/aero-formularforeningen.md')), 'also saved under Decap\'s slug');
    const text = readFileSync(file, 'utf8');
    expect(/name: Ærø Formularforeningen/.test(text), text);
    expect(/logo: images\/formular-logo.png/.test(text), text);
    let shown = '';
    for (let i = 0; i < 100; i++) {
      const r = await fetch(`${url}partners/aeroe-formularforeningen/`);
      if (r.ok) { shown = await r.text(); break; }
      await new Promise((ok) => setTimeout(ok, 100));
    }
    expect(shown.includes('Ærø Formularforeningen'), 'the preview never showed the new partner');
    expect(shown.includes('formular-logo.png'), 'the partner page shows no logo');
  });

  await check('a partnership is given the new partner through the relation picker', async () => {
    // A fresh load: Decap's editor keeps the last entry's state across a hash change.
    await page.goto(`${url}admin/#/collections/partnerships/entries/dropin`);
    await page.reload();
    await page.locator('input[id^="title-field"]').first().waitFor({ timeout: 30000 });
    await page.waitForFunction(() => document.querySelector('input[id^="title-field"]').value !== '');
    const add = page.locator('button', { hasText: /Tilføj medlemmer|Add members|Lägg till medlemmar/ }).first();
    await add.waitFor({ timeout: 30000 });
    const before = await page.locator('input[id^="id-field"]').count();
    await add.click();
    const picker = page.locator('input[id^="id-field"]').nth(before);
    await picker.waitFor({ timeout: 10000 });
    await picker.focus();
    await page.keyboard.type('Ærø Formular');
    await page.getByText('Ærø Formularforeningen', { exact: true }).last().waitFor({ timeout: 10000 });
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: /^(Publicer|Publish|Publicera)$/ }).first().click();
    await page.getByText(/^(Publicer nu|Publish now|Publicera nu)$/).first().click();
    const file = path.join(root, 'content/partnerships/dropin.md');
    let text = '';
    for (let i = 0; i < 100; i++) {
      text = readFileSync(file, 'utf8');
      if (text.includes('aeroe-formularforeningen')) break;
      await page.waitForTimeout(100);
    }
    expect(/- id: aeroe-formularforeningen/.test(text), text);
    let shown = '';
    for (let i = 0; i < 100; i++) {
      shown = await (await fetch(`${url}partnerships/dropin/`)).text();
      if (shown.includes('Ærø Formularforeningen')) break;
      await new Promise((ok) => setTimeout(ok, 100));
    }
    expect(shown.includes('Ærø Formularforeningen'), 'the partnership page never listed the new partner');
  });

  await check('a file `new` wrote, saved in the form with a new title, keeps its keys in order', async () => {
    await page.goto(`${url}admin/#/collections/challenges/entries/runde-tur-med-moeder`);
    await page.reload();
    const title = page.locator('input[id^="title-field"]').first();
    await title.waitFor({ timeout: 30000 });
    await page.waitForFunction(() => document.querySelector('input[id^="title-field"]').value !== '');
    // Decap saves only a changed entry (a change undone is no change): a word more.
    await title.press('End');
    await title.type(' igen');
    await page.getByRole('button', { name: /^(Publicer|Publish|Publicera)$/ }).first().click();
    await page.getByText(/^(Publicer nu|Publish now|Publicera nu)$/).first().click();
    let saved = newText;
    for (let i = 0; i < 100 && saved === newText; i++) {
      await page.waitForTimeout(100);
      saved = readFileSync(newFile, 'utf8');
    }
    expect(saved !== newText, 'the entry was not saved');
    const keys = (t) => t.split('---')[1].split('\n').filter((l) => /^[a-z_]+:/.test(l)).map((l) => l.split(':')[0]);
    console.log(`     new's file:\n${newText.replace(/^/gm, '       | ')}\n     saved by Decap:\n${saved.replace(/^/gm, '       | ')}`);
    const kept = keys(newText).filter((k) => keys(saved).includes(k));
    expect(kept.join() === keys(saved).filter((k) => kept.includes(k)).join(),
      `key order changed: ${keys(newText)} -> ${keys(saved)}`);
  });

  await check('the forms wrote nothing but the saved entries and the upload', async () => {
    const after = files(root);
    const expected = new Set(['content/partners/aeroe-formularforeningen.md',
      'content/challenges/runde-tur-med-moeder.md',
      'static/images/formular-logo.png', 'content/partnerships/dropin.md']);
    const touched = [...after.keys()].filter((f) => before.get(f) !== after.get(f));
    const gone = [...before.keys()].filter((f) => !after.has(f));
    const unexpected = touched.filter((f) => !expected.has(f));
    expect(unexpected.length === 0 && gone.length === 0,
      `written: ${unexpected.join(', ') || '-'}; removed: ${gone.join(', ') || '-'}`);
  });

  await check('axe finds in Decap exactly the issues docs/accessibility.md lists', async () => {
    const axeSource = readFileSync(requireFromRepo('axe-core/axe.min.js', 'Run `npm ci`.'), 'utf8');
    const found = new Set();
    for (const at of ['#/collections/partners', '#/collections/partnerships/entries/dropin']) {
      await page.goto(`${url}admin/${at}`);
      await page.reload();
      await page.waitForTimeout(3000);
      await page.addScriptTag({ content: axeSource });
      const ids = await page.evaluate(async () =>
        (await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }))
          .violations.map((v) => v.id));
      ids.forEach((id) => found.add(id));
    }
    const doc = readFileSync(new URL('../../docs/accessibility.md', import.meta.url), 'utf8');
    const section = doc.split('<!-- decap-axe')[1].split('<!-- /decap-axe -->')[0];
    const listed = new Set([...section.matchAll(/^- `([a-z-]+)`/gm)].map((m) => m[1]));
    const missing = [...found].filter((id) => !listed.has(id));
    const gone = [...listed].filter((id) => !found.has(id));
    console.log(`     axe on /admin/: ${[...found].sort().join(', ')}`);
    expect(missing.length === 0 && gone.length === 0,
      `docs/accessibility.md lists the wrong issues: not listed ${missing.join(', ') || '-'}; no longer found ${gone.join(', ') || '-'}`);
  });

  await check('no request went to another host', async () => {
    expect(foreign.length === 0, foreign.join('\n'));
  });
  await check('no console errors', async () => {
    expect(consoleErrors.length === 0, consoleErrors.join('\n'));
  });
} finally {
  await browser.close();
  serve.kill('SIGINT');
}
finish();
