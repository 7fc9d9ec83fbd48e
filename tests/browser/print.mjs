#!/usr/bin/env node
// The inspiration catalogue printed, in a real browser (Debian's Chromium via playwright-core).
//
//     node tests/browser/print.mjs EXAMPLE_OUTPUT_DIR PRINT_SITE_OUTPUT_DIR [PDF_DIR]
//
// EXAMPLE_OUTPUT_DIR is the built example site; PRINT_SITE_OUTPUT_DIR the built
// tests/browser/print-site, whose catalogue holds a table wider than the paper, long compound
// words and links to other sites (the example catalogue has neither tables nor such links).
// tests/browser.rs builds both and runs this script. The PDFs are written to PDF_DIR when given.
//
// For each catalogue, laid out for print at the width of an A4 page's printable area
// (print.css: 210 mm − 2 × 1.8 cm):
//   * no navigation: no <nav>, search form, skip link, footer or buttons are shown;
//   * nothing is cut off: no table is wider than the paper nor clipped by a scrolling box, and
//     the page is not wider than the paper;
//   * a link to another site has its address printed after it;
//   * Chromium's print to PDF gives a valid, non-empty PDF with as many pages as expected.
//
// Exit status 0 when every check passes; otherwise 1, with every failure listed.

import path from 'node:path';
import { existsSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { loadPlaywright, launchBrowser, watchContext, checker, expect, watchdog, fail } from './lib.mjs';

const [exampleOut, fixtureOut, pdfDir] = process.argv.slice(2);
if (!exampleOut || !fixtureOut) fail('usage: node tests/browser/print.mjs EXAMPLE_OUTPUT_DIR PRINT_SITE_OUTPUT_DIR [PDF_DIR]');
for (const d of [exampleOut, fixtureOut]) {
  if (!existsSync(path.join(d, 'catalogue', 'index.html'))) fail(`${d}/catalogue/index.html does not exist: is ${d} a built site?`);
}

// A4 is 210 mm wide; print.css's @page has 1.8 cm margins left and right. At 96 px per inch:
const PAPER_PX = Math.floor(((210 - 2 * 18) / 25.4) * 96); // 657

watchdog();
const pw = await loadPlaywright();
const browser = await launchBrowser(pw);
const { check, finish } = checker();
const context = await browser.newContext({ viewport: { width: PAPER_PX, height: 1000 } });
const problems = await watchContext(context, 'file://', (u) => u.startsWith('file:') || u.startsWith('data:') || u === 'about:blank');
const page = await context.newPage();

/** In the page, laid out for print: what of the screen's furniture still shows, and what is too wide. */
function printLayout(paper) {
  const shown = (e) => e.checkVisibility({ checkVisibilityCSS: true });
  const describe = (e) => `<${e.tagName.toLowerCase()}${e.className && typeof e.className === 'string' ? ' class="' + e.className + '"' : ''}>`;
  const furniture = [...document.querySelectorAll('nav, form, .skip-link, .site-footer, .button, .back')].filter(shown).map(describe);
  const tooWide = [];
  for (const t of document.querySelectorAll('table')) {
    const r = t.getBoundingClientRect();
    if (r.right > paper + 0.5) tooWide.push(`a table ${Math.round(r.width)} px wide reaches ${Math.round(r.right)} px`);
    for (let a = t.parentElement; a; a = a.parentElement) {
      if (getComputedStyle(a).overflowX !== 'visible' && a.scrollWidth > a.clientWidth + 1) {
        tooWide.push(`a table is clipped by ${describe(a)} (${a.scrollWidth} px of content in ${a.clientWidth} px)`);
      }
    }
    if (t.scrollWidth > t.clientWidth + 1 && getComputedStyle(t).overflowX !== 'visible') tooWide.push(`a table scrolls (${t.scrollWidth} px in ${t.clientWidth} px)`);
  }
  const doc = document.documentElement;
  if (doc.scrollWidth > paper + 0.5) tooWide.push(`the page is ${doc.scrollWidth} px wide`);
  const external = [...document.querySelectorAll('main a[href^="http"]')].map((a) => ({
    href: a.getAttribute('href'),
    text: a.textContent.trim(),
    after: getComputedStyle(a, '::after').content,
  }));
  return { furniture, tooWide, external, tables: document.querySelectorAll('table').length, entries: document.querySelectorAll('.catalogue-entry').length };
}

for (const [label, dir, expect_] of [
  ['example site', exampleOut, { tables: 0, external: 0, minPages: 5 }],
  ['print-site (wide table, links to other sites)', fixtureOut, { tables: 1, external: 2, minPages: 1 }],
]) {
  const url = pathToFileURL(path.join(path.resolve(dir), 'catalogue', 'index.html')).href;
  await page.emulateMedia({ media: 'print' });
  await page.goto(url);
  const layout = await page.evaluate(printLayout, PAPER_PX);

  await check(`${label}: the printed catalogue shows no navigation, search, skip link, footer or buttons`, async () => {
    expect(layout.entries > 0, 'the catalogue has no entries');
    expect(layout.furniture.length === 0, `still shown in print: ${layout.furniture.join(', ')}`);
  });
  await check(`${label}: the printed catalogue fits the paper (${PAPER_PX} px): no table cut off`, async () => {
    expect(layout.tables >= expect_.tables, `expected at least ${expect_.tables} tables, found ${layout.tables}`);
    expect(layout.tooWide.length === 0, layout.tooWide.join('\n'));
  });
  await check(`${label}: links to other sites are printed with their address`, async () => {
    expect(layout.external.length >= expect_.external, `expected at least ${expect_.external} links to other sites, found ${layout.external.length}`);
    const missing = layout.external.filter((l) => l.text !== l.href && !l.after.includes(l.href));
    expect(missing.length === 0, missing.map((l) => `"${l.text}" (${l.href}) is printed without its address (::after is ${l.after})`).join('\n'));
  });
  await check(`${label}: Chromium prints the catalogue to a valid PDF`, async () => {
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
    const head = pdf.subarray(0, 5).toString('latin1');
    const tail = pdf.subarray(-1024).toString('latin1');
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
    if (pdfDir) writeFileSync(path.join(pdfDir, `catalogue-${path.basename(path.resolve(dir))}.pdf`), pdf);
    expect(head === '%PDF-', `the file starts with ${JSON.stringify(head)}, not %PDF-`);
    expect(tail.includes('%%EOF'), 'the file does not end with %%EOF');
    expect(pdf.length > 5000, `the PDF has only ${pdf.length} bytes`);
    expect(pages >= expect_.minPages, `the PDF has ${pages} pages, expected at least ${expect_.minPages}`);
    console.log(`      ${pdf.length} bytes, ${pages} pages`);
  });
}

await check('no console errors, no request to any host', async () => {
  expect(problems.length === 0, problems.join('\n'));
});

await browser.close();
finish();
