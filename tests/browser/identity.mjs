#!/usr/bin/env node
// The site's identity and layout as a reader meets them, in Chromium (playwright-core),
// served under a sub-path (/kb/) over http (axe-core needs it):
//
//   * on a 375 px phone the content (the <main> landmark) starts within MAX_MENU_PX of the
//     top, on every page with the menu, and Tab from the top reaches every menu link, each
//     brought on screen with a visible focus ring: the menu is one row that scrolls sideways;
//   * at 1280 px an entry's key facts stand beside its text (not below it), and the text
//     column stays at a readable measure;
//   * the front page draws the sectors across the partnerships with each sector's numbers in
//     words beside its bar, and axe-core finds no WCAG 2.1 A/AA violation on it (nor on an
//     entry page) at 1280 and 375 px.
//
//     node tests/browser/identity.mjs OUTPUT_DIR   # a built example site
//
// Exit status 0 when every check passes; otherwise 1, with every failure listed.

import path from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { loadPlaywright, launchBrowser, serve, requireFromRepo, checker, expect, watchdog, fail } from './lib.mjs';

const out = process.argv[2];
if (!out) fail('usage: node tests/browser/identity.mjs OUTPUT_DIR (a built example site)');
const outDir = path.resolve(out);

/** The most the header (title, search, menu) may take on a phone before the content. */
const MAX_MENU_PX = 100;
/** The widest an entry's text column may be at 1280 px: about 75 characters a line. */
const MAX_MEASURE_PX = 760;

const FRONT = 'index.html';
const ENTRY = 'challenges/tid-til-moeder/index.html';
const PHONE_PAGES = [FRONT, ENTRY, 'pages/metode/index.html', 'tags/index.html', 'partners/vive/index.html', 'contributions/index.html'];
for (const p of PHONE_PAGES) {
  if (!existsSync(path.join(outDir, p))) fail(`${p} is not in ${outDir}: is it the built example site?`);
}
const axePath = requireFromRepo('axe-core/axe.min.js', 'Run `npm ci` in the repository root (axe-core is a devDependency in package.json).');
const axeSource = readFileSync(axePath, 'utf8');

watchdog();
const pw = await loadPlaywright();
const browser = await launchBrowser(pw);
const { check, finish } = checker();
const server = await serve(outDir, '/kb/');
const page = await browser.newPage({ viewport: { width: 375, height: 812 } });

async function open(p, width, height = 812) {
  await page.setViewportSize({ width, height });
  await page.goto(server.url + p);
  await page.waitForSelector('main');
}

for (const p of PHONE_PAGES) {
  await check(`${p}: at 375 px the content starts within ${MAX_MENU_PX} px of the top`, async () => {
    await open(p, 375);
    const top = await page.evaluate(() => document.querySelector('main').getBoundingClientRect().top);
    expect(top <= MAX_MENU_PX, `<main> starts at ${Math.round(top)} px`);
  });
}

await check(`at 375 px Tab reaches every menu link, on screen and with a visible focus ring`, async () => {
  await open(ENTRY, 375);
  const links = await page.$$eval('.site-nav a', (as) => as.map((a) => a.getAttribute('href')));
  expect(links.length >= 8, `only ${links.length} menu links`);
  const reached = [];
  for (let i = 0; i < 40 && reached.length < links.length; i++) {
    await page.keyboard.press('Tab');
    // Chromium scrolls the focused link into view on the next frame.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const f = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || !el.closest('.site-nav')) return null;
      const r = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      return {
        href: el.getAttribute('href'),
        onScreen: r.left >= 0 && r.right <= window.innerWidth + 0.5 && r.top >= 0 && r.bottom <= window.innerHeight,
        ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
        rect: [r.left, r.right].map(Math.round).join('–'),
      };
    });
    if (!f) continue;
    reached.push(f.href);
    expect(f.onScreen, `menu link ${f.href} is focused but off screen (x ${f.rect})`);
    expect(f.ring, `menu link ${f.href} has no visible focus ring`);
  }
  expect(JSON.stringify(reached) === JSON.stringify(links), `Tab reached ${JSON.stringify(reached)}, expected ${JSON.stringify(links)}`);
});

await check('at 375 px the menu does not widen the page', async () => {
  await open(ENTRY, 375);
  const wide = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
  expect(!wide, 'the page scrolls sideways');
});

await check(`at 1280 px an entry's key facts stand beside its text, which stays under ${MAX_MEASURE_PX} px wide`, async () => {
  await open(ENTRY, 1280, 800);
  const r = await page.evaluate(() => {
    const box = (s) => { const e = document.querySelector(s); return e && e.getBoundingClientRect().toJSON(); };
    return { text: box('.entry-text'), facts: box('.facts-aside'), prose: box('.entry-text .prose') };
  });
  expect(r.text && r.facts, 'no .entry-text or no .facts-aside');
  expect(r.facts.left >= r.text.right, `the facts (x ${Math.round(r.facts.left)}) are not right of the text (ends at x ${Math.round(r.text.right)})`);
  expect(r.facts.top < r.text.bottom && r.facts.top < 800, `the facts start at y ${Math.round(r.facts.top)}, not beside the text`);
  expect(r.prose.width <= MAX_MEASURE_PX, `the text is ${Math.round(r.prose.width)} px wide`);
});

await check('at 375 px the key facts follow the text in one column', async () => {
  await open(ENTRY, 375);
  const r = await page.evaluate(() => ({
    text: document.querySelector('.entry-text').getBoundingClientRect().toJSON(),
    facts: document.querySelector('.facts-aside').getBoundingClientRect().toJSON(),
  }));
  expect(r.facts.top >= r.text.bottom - 1, 'the facts are not below the text');
});

await check('the front page draws every sector with its numbers in words beside the bar', async () => {
  await open(FRONT, 1280, 800);
  const rows = await page.$$eval('.coverage-panel .bar-row', (rs) => rs.map((r) => ({
    label: r.querySelector('.bar-label')?.textContent.trim(),
    words: r.querySelector('.bar-value')?.textContent.trim(),
    drawn: !!r.querySelector('svg[aria-hidden="true"]'),
  })));
  expect(rows.length >= 2, `${rows.length} sectors drawn`);
  for (const row of rows) {
    expect(row.label && row.drawn, `a sector without a label or a bar: ${JSON.stringify(row)}`);
    expect(/\d/.test(row.words || ''), `sector ${row.label} has no numbers in words: ${row.words}`);
  }
  const recent = await page.$$eval('.recent li a', (as) => as.length);
  expect(recent > 0, 'no recent items');
  const toNetwork = await page.$$eval('a[href$="network/index.html"]', (as) => as.filter((a) => a.closest('main')).length);
  expect(toNetwork > 0, 'no link to the network from the front page');
});

for (const p of [FRONT, ENTRY]) {
  await check(`${p}: axe-core finds no WCAG 2.1 A/AA violation at 1280 px and at 375 px`, async () => {
    const report = [];
    for (const width of [1280, 375]) {
      await open(p, width, 800);
      await page.addScriptTag({ content: axeSource });
      const r = await page.evaluate(() => window.axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
        resultTypes: ['violations'],
      }));
      for (const v of r.violations) report.push(`at ${width} px: ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')})`);
    }
    expect(report.length === 0, report.join('\n'));
  });
}

await browser.close();
await server.close();
finish();
