// `brobygger serve` in a real browser: a save reloads the open page by itself; a mistake lays
// the errors over the page (in the site's language, accessible), the last good page stays
// underneath; the fix clears them.
//
// Usage: node tests/browser/serve.mjs SITE_ROOT BROBYGGER_BINARY
// SITE_ROOT is a copy of the example site that this script edits.

import { readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import path from 'node:path';
import { loadPlaywright, launchBrowser, requireFromRepo, isFaviconNoise, fail, startServe, checker, expect } from './lib.mjs';

const [root, binary] = process.argv.slice(2);
if (!root || !binary) fail('usage: node tests/browser/serve.mjs SITE_ROOT BROBYGGER_BINARY');

const axeSource = readFileSync(
  requireFromRepo('axe-core/axe.min.js', 'Run `npm ci` in the repository root.'),
  'utf8',
);

const { serve, url, log } = await startServe(binary, root);

const { check, finish } = checker();

const pw = await loadPlaywright();
const browser = await launchBrowser(pw);
const page = await browser.newPage();
const consoleErrors = [];
const foreign = [];
page.on('console', (m) => {
  if (m.type() === 'error' && !isFaviconNoise(m)) consoleErrors.push(m.text());
});
page.on('request', (r) => {
  if (!r.url().startsWith(url)) foreign.push(r.url());
});

const item = path.join(root, 'content/challenges/manglende-mandat.md');
const original = readFileSync(item, 'utf8');
const text = () => page.evaluate(() => document.querySelector('main').innerText);
const overlay = () => page.$('#brobygger-errors');

try {
  await page.goto(`${url}challenges/manglende-mandat/`);
  await page.waitForFunction(() => !!document.querySelector('script[src="/__brobygger/live.js"]'));
  // The event stream is open once the script has run; give it a moment to connect.
  await page.waitForTimeout(300);

  await check('the corner tells how many warnings check finds, in Danish, politely', async () => {
    const note = await page.waitForSelector('#brobygger-warnings', { timeout: 15000 });
    const shown = await note.innerText();
    expect(/^\d+ advars(el|ler); `brobygger check` viser de[nm]$/.test(shown), `not the Danish count: ${shown}`);
    expect((await note.getAttribute('role')) === 'status', 'the note is not a status');
    expect((await note.getAttribute('aria-live')) === 'polite', 'the note is not polite');
    expect(await page.evaluate(() => document.activeElement !== document.querySelector('#brobygger-warnings')),
      'the note took the focus');
  });

  await check('a save reloads the open page with the new text', async () => {
    appendFileSync(item, '\nEn sætning tilføjet mens siden var åben.\n');
    await page.waitForFunction(
      () => document.querySelector('main').innerText.includes('En sætning tilføjet mens siden var åben.'),
      null,
      { timeout: 15000 },
    );
  });

  await check('a mistake shows the errors over the page, in Danish, with file and line', async () => {
    writeFileSync(item, original.replace('partners: [', 'partners: [findes-ikke, '));
    await page.waitForSelector('#brobygger-errors', { timeout: 15000 });
    const box = await overlay();
    const shown = await box.innerText();
    expect(shown.includes('Sitet har fejl'), `heading not in Danish: ${shown}`);
    expect(shown.includes('content/challenges/manglende-mandat.md, linje 4'), `no file and line: ${shown}`);
    expect(shown.includes('ukendt partner "findes-ikke"'), `the message is not the Danish one: ${shown}`);
    expect((await box.getAttribute('role')) === 'alert', 'the errors are not announced (role=alert)');
    expect((await box.isVisible()), 'the errors are not visible');
  });

  await check('the last good page stays underneath the errors', async () => {
    expect((await text()).includes('En sætning tilføjet mens siden var åben.'), 'the page under the errors changed');
  });

  await check('the errors pass axe-core (WCAG 2.1 A and AA)', async () => {
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(() => window.axe.run(document.querySelector('#brobygger-errors'), {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    }));
    const found = result.violations.map((v) => `${v.id}: ${v.nodes.length}`);
    expect(found.length === 0, found.join('; '));
  });

  await check('the warnings note passes axe-core too, and stays while the site has errors', async () => {
    const result = await page.evaluate(() => window.axe.run(document.querySelector('#brobygger-warnings'), {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    }));
    const found = result.violations.map((v) => `${v.id}: ${v.nodes.length}`);
    expect(found.length === 0, found.join('; '));
  });

  await check('the fix clears the errors and shows the fixed page', async () => {
    writeFileSync(item, original);
    await page.waitForFunction(() => !document.querySelector('#brobygger-errors'), null, { timeout: 15000 });
    await page.waitForFunction(
      () => !document.querySelector('main').innerText.includes('En sætning tilføjet mens siden var åben.'),
      null,
      { timeout: 15000 },
    );
  });

  await check('no console errors and no request to another host', async () => {
    expect(consoleErrors.length === 0, consoleErrors.join('\n'));
    expect(foreign.length === 0, foreign.join('\n'));
  });
} finally {
  writeFileSync(item, original);
  await browser.close();
  serve.kill('SIGINT');
}

finish(() => `serve's log:\n${log()}`);
