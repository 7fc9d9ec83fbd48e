#!/usr/bin/env node
// The drawings of the partner, partnership, partnerships and contributions pages as a reader
// sees them, in Debian's Chromium (playwright-core), on a built example site:
//
//     node tests/browser/pages-visual.mjs OUTPUT_DIR
//
//   * a partnership's first screen at 1280 x 900 shows its sector coverage strip, each
//     missing sector with the word for missing, and every one of its members;
//   * at 375 px and 320 px the contributions page hides no column: every cell of its tables is
//     on screen horizontally, and no box scrolls sideways;
//   * axe-core finds no violation in the new components (the charts, the coverage strip, the
//     partnership cards and timeline, the heat map) at 1280 px and 375 px;
//   * the partner pages' bar charts are drawn to scale, each number beside its bar;
//   * the heat map, the timeline and the coverage tiles take their colour from the site's accent;
//   * opened from disk (file://), the drawings are drawn, and they are still there in print.
//
// tests/browser/pages.mjs checks the whole of each page type besides (axe, keyboard, reflow,
// text spacing). Exit status 0 when every check passes; otherwise 1, with every failure listed.

import path from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { loadPlaywright, launchBrowser, serve, requireFromRepo, watchContext, checker, expect, watchdog, fail } from './lib.mjs';

const out = process.argv[2];
if (!out) fail('usage: node tests/browser/pages-visual.mjs OUTPUT_DIR (a built example site)');
const outDir = path.resolve(out);

const PARTNERSHIP = 'partnerships/tre-partnerskaber-1/index.html';
const PARTNER = 'partners/riconfigure/index.html';
const MENTIONED = 'partners/vive/index.html';
const INDEX = 'partnerships/index.html';
const CONTRIBUTIONS = 'contributions/index.html';
for (const p of [PARTNERSHIP, PARTNER, MENTIONED, INDEX, CONTRIBUTIONS]) {
  if (!existsSync(path.join(outDir, p))) fail(`${p} is not in ${outDir}: is it the built example site?`);
}

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const axeSource = readFileSync(requireFromRepo('axe-core/axe.min.js', 'Run `npm ci` in the repository root.'), 'utf8');

/** The new components on each page: axe looks at these only (pages.mjs does whole pages). */
const COMPONENTS = [
  [PARTNER, ['.glance']],
  [MENTIONED, ['.glance', '.mentions']],
  [PARTNERSHIP, ['.coverage', 'table.members', '.milestones-pair']],
  [INDEX, ['.partnership-cards', '.partnerships-timeline']],
  [CONTRIBUTIONS, ['table.heat', '.not-yet', 'table.roles']],
];

watchdog();
const pw = await loadPlaywright();
const browser = await launchBrowser(pw);
const { check, finish } = checker();
const server = await serve(outDir, '/kb/');
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const problems = await watchContext(context, server.url, (u) => u.startsWith(server.url) || u.startsWith('file:') || u.startsWith('data:') || u === 'about:blank' ||
  u === server.origin + '/favicon.ico');
const page = await context.newPage();

async function open(p, width, height = 900) {
  await page.setViewportSize({ width, height });
  await page.goto(server.url + p);
}

await check('a partnership at 1280 x 900: the coverage strip, the missing sectors in words and the members are in the first screen', async () => {
  await open(PARTNERSHIP, 1280);
  const r = await page.evaluate(() => {
    const box = (e) => e && e.getBoundingClientRect();
    const inFirstScreen = (e) => { const b = box(e); return !!b && b.width > 0 && b.height > 0 && b.top >= 0 && b.bottom <= innerHeight && b.left >= 0 && b.right <= innerWidth; };
    const missing = [...document.querySelectorAll('.coverage-list li.missing')];
    return {
      strip: inFirstScreen(document.querySelector('svg.chart-coverage')),
      missing: missing.map((li) => ({ text: li.textContent.replace(/\s+/g, ' ').trim(), seen: inFirstScreen(li) })),
      crosses: document.querySelectorAll('svg.chart-coverage text.missing').length,
      members: inFirstScreen(document.querySelector('#members-heading')),
      firstMember: inFirstScreen(document.querySelector('table.members tbody tr th a')),
      everyMember: [...document.querySelectorAll('table.members tbody tr th a')].map((a) => ({ text: a.textContent.trim(), seen: inFirstScreen(a) })),
    };
  });
  expect(r.strip, 'the coverage strip is not wholly in the first screen');
  expect(r.missing.length === 3 && r.crosses === 3, `expected 3 missing sectors in the list and the strip, found ${r.missing.length} and ${r.crosses}`);
  for (const m of r.missing) {
    expect(m.seen, `"${m.text}" is not in the first screen`);
    expect(/mangler$/.test(m.text), `"${m.text}" does not say "mangler" in words`);
  }
  expect(r.members, 'the members heading is not in the first screen');
  expect(r.firstMember, 'the first member is not in the first screen');
  // On a desktop the coverage stands beside the members: every one of them is in view.
  expect(r.everyMember.length === 5, `expected 5 members, found ${r.everyMember.length}`);
  for (const m of r.everyMember) expect(m.seen, `member "${m.text}" is not in the first screen`);
});

for (const width of [375, 320]) {
  await check(`contributions at ${width} px: no column is hidden and nothing scrolls sideways`, async () => {
    await open(CONTRIBUTIONS, width, 800);
    const r = await page.evaluate(() => {
      const doc = document.documentElement;
      const cells = [...document.querySelectorAll('table.heat th, table.heat td, table.roles tbody th, table.roles td:not(.no-role)')];
      const off = cells.filter((c) => {
        const b = c.getBoundingClientRect();
        return b.width === 0 || b.left < -0.5 || b.right > doc.clientWidth + 0.5;
      }).map((c) => c.textContent.trim().slice(0, 40));
      const scrollers = [...document.querySelectorAll('main *')].filter((e) => e.scrollWidth > e.clientWidth + 1 && /auto|scroll/.test(getComputedStyle(e).overflowX))
        .map((e) => `${e.tagName.toLowerCase()}.${e.className} (${e.scrollWidth} px in ${e.clientWidth} px)`);
      const counts = [...document.querySelectorAll('table.heat td.num')].filter((c) => !/^\d+$/.test(c.textContent.trim()));
      return { cells: cells.length, off, scrollers, page: doc.scrollWidth > doc.clientWidth ? `${doc.scrollWidth} px in ${doc.clientWidth} px` : null, counts: counts.length };
    });
    expect(r.cells > 20, `only ${r.cells} cells found: are the tables there?`);
    expect(r.off.length === 0, `cells off screen or hidden: ${r.off.slice(0, 8).join(' | ')}`);
    expect(r.scrollers.length === 0, `boxes that scroll sideways: ${r.scrollers.join(', ')}`);
    expect(!r.page, `the page scrolls sideways: ${r.page}`);
    expect(r.counts === 0, 'a heat map cell does not show its number');
  });
}

for (const [p, parts] of COMPONENTS) {
  await check(`${p}: axe-core finds no violation in ${parts.join(', ')} at 1280 px and 375 px`, async () => {
    const report = [];
    for (const width of [1280, 375]) {
      await open(p, width);
      const found = await page.evaluate((ps) => ps.filter((s) => !document.querySelector(s)), parts);
      expect(found.length === 0, `not on the page: ${found.join(', ')}`);
      await page.addScriptTag({ content: axeSource });
      const res = await page.evaluate(([ps, tags]) => window.axe.run({ include: ps.map((s) => [s]) }, {
        runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'],
      }), [parts, AXE_TAGS]);
      for (const v of res.violations) report.push(`at ${width} px: ${v.id}: ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`);
    }
    expect(report.length === 0, report.join('\n'));
  });
}

await check('the bar charts are drawn to scale: bar lengths in proportion to their numbers, each number after its bar', async () => {
  const errors = [];
  for (const p of [PARTNER, MENTIONED]) {
    for (const width of [1280, 375]) {
      await open(p, width);
      const charts = await page.evaluate(() => [...document.querySelectorAll('.glance svg.chart-bars')].map((svg) => {
        const frame = svg.getBoundingClientRect();
        const values = [...svg.querySelectorAll('text.chart-value')];
        return [...svg.querySelectorAll('rect.bar')].map((bar, i) => {
          const b = bar.getBoundingClientRect();
          const v = values.find((t) => Math.abs(t.getBoundingClientRect().top - b.top) < b.height) || values[i];
          return { n: Number(v.textContent), w: b.width, right: b.right, numberLeft: v.getBoundingClientRect().left, frame: frame.width };
        });
      }));
      if (charts.length === 0) errors.push(`${p}: no bar chart`);
      for (const bars of charts) {
        const unit = Math.max(...bars.map((b) => b.w / b.n));
        for (const b of bars) {
          if (Math.abs(b.w - unit * b.n) > 1.5) errors.push(`${p} at ${width} px: the bar for ${b.n} is ${Math.round(b.w)} px, not ${Math.round(unit * b.n)}`);
          if (b.numberLeft < b.right - 0.5) errors.push(`${p} at ${width} px: the number ${b.n} is drawn over its bar`);
          if (b.w > b.frame - 20) errors.push(`${p} at ${width} px: a bar fills its whole drawing (${Math.round(b.w)} of ${Math.round(b.frame)} px)`);
        }
      }
    }
  }
  expect(errors.length === 0, errors.join('\n'));
});

await check('the heat map and the timeline are drawn in tints of the site\'s accent, not a colour of their own', async () => {
  const colours = async (p, sels) => {
    await open(p, 1280);
    return page.evaluate((ss) => {
      const probe = document.createElement('span');
      probe.style.color = 'var(--accent)';
      document.body.append(probe);
      const accent = getComputedStyle(probe).color.match(/\d+/g).slice(0, 3).map(Number);
      probe.remove();
      // color-mix() computes to color(srgb r g b) with channels from 0 to 1.
      const rgb = (c) => (c.match(/[\d.]+/g) || []).slice(0, 3).map((v) => Math.round(Number(v) * (c.startsWith('color(srgb') ? 255 : 1)));
      return { accent, found: ss.map(([sel, prop]) => { const e = document.querySelector(sel); return [sel, e ? rgb(getComputedStyle(e)[prop]) : null]; }) };
    }, sels);
  };
  // A tint of the accent lies on the line from white to the accent: each channel the same
  // share of the way there.
  const onTheLine = (c, a) => {
    const shares = c.map((v, i) => (a[i] === 255 ? null : (255 - v) / (255 - a[i]))).filter((x) => x !== null);
    return shares.every((x) => Math.abs(x - shares[0]) < 0.03 && x > 0);
  };
  const errors = [];
  for (const [p, sels] of [
    [CONTRIBUTIONS, [['table.heat td.heat-4', 'backgroundColor'], ['table.heat td.heat-3', 'backgroundColor'], ['table.heat td.heat-1', 'backgroundColor']]],
    [INDEX, [['.partnerships-timeline svg rect.period', 'fill']]],
    [PARTNERSHIP, [['.coverage-list li.covered', 'backgroundColor']]],
  ]) {
    const { accent, found } = await colours(p, sels);
    for (const [sel, c] of found) {
      if (!c) errors.push(`${p}: no ${sel}`);
      else if (!onTheLine(c, accent)) errors.push(`${p}: ${sel} is rgb(${c}), not a tint of the accent rgb(${accent})`);
    }
  }
  expect(errors.length === 0, errors.join('\n'));
});

await check('from disk (file://) the drawings are drawn, with their text alternative, and they print', async () => {
  const errors = [];
  for (const [p, sel] of [[PARTNER, '.glance svg'], [PARTNERSHIP, 'svg.chart-coverage'], [INDEX, '.partnerships-timeline svg']]) {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(pathToFileURL(path.join(outDir, p)).href);
    for (const media of ['screen', 'print']) {
      await page.emulateMedia({ media });
      const r = await page.evaluate((s) => [...document.querySelectorAll(s)].map((svg) => {
        const b = svg.getBoundingClientRect();
        return { w: b.width, h: b.height, alt: svg.getAttribute('aria-label') || '', role: svg.getAttribute('role'), shapes: svg.querySelectorAll('rect, circle').length };
      }), sel);
      if (r.length === 0) errors.push(`${p} (${media}): no ${sel}`);
      for (const d of r) {
        if (!(d.w > 50 && d.h > 10 && d.shapes > 0)) errors.push(`${p} (${media}): a drawing ${sel} is not drawn (${Math.round(d.w)} x ${Math.round(d.h)}, ${d.shapes} shapes)`);
        if (d.role !== 'img' || d.alt.length < 10) errors.push(`${p}: a drawing ${sel} has no text alternative`);
      }
    }
    await page.emulateMedia({ media: 'screen' });
  }
  expect(errors.length === 0, errors.join('\n'));
});

await check('no console errors, no uncaught exceptions, no request but for the site\'s own files', async () => {
  expect(problems.length === 0, problems.join('\n'));
});

await context.close();
await browser.close();
await server.close();
finish();
