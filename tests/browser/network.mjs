#!/usr/bin/env node
// The network page's drawing as a reader sees it, in Debian's Chromium (playwright-core),
// opened from disk:
//
//     node tests/browser/network.mjs OUTPUT_DIR [more OUTPUT_DIRs…]
//
// OUTPUT_DIR is a built site (tests/browser.rs builds the example site, and a site with long
// names and a partnership too large to draw member by member). On each, at 1280 px:
//   * every partner in the drawing has a visible label of its own: its full name or its short
//     name (the link's title reads "Name (Short name)"), never cut with "…";
//   * no two labels' drawn boxes intersect, and no label covers a partner's shape or a
//     partnership's disc (measured with getBoundingClientRect of each <text> as rendered);
//   * every partnership drawn has its name on it;
//   * labels are at least 12 CSS px tall, and at 800 px still are (the drawing then scrolls in
//     its own box; the page does not scroll sideways).
// At 375 px the drawing gives way to the list of partnerships and their members: the list
// names every partner of the drawing, in text at least 12 CSS px, and the drawing is hidden.
//
// Exit status 0 when every check passes; otherwise 1, with every failure listed.

import path from 'node:path';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { loadPlaywright, launchBrowser, checker, expect, watchdog, fail } from './lib.mjs';

const sites = process.argv.slice(2).map((p) => path.resolve(p));
if (!sites.length) fail('usage: node tests/browser/network.mjs OUTPUT_DIR…');
for (const s of sites) {
  if (!existsSync(path.join(s, 'network/index.html'))) fail(`${s}/network/index.html does not exist`);
}

watchdog();
const pw = await loadPlaywright();
const browser = await launchBrowser(pw);
const { check, finish } = checker();

/** What the drawing shows, measured in the page. */
function measure() {
  const svg = document.querySelector('svg.network-graph');
  if (!svg) return null;
  const box = (e) => {
    const r = e.getBoundingClientRect();
    return { x0: r.left, y0: r.top, x1: r.right, y1: r.bottom };
  };
  const lines = (t) => [...t.querySelectorAll('tspan')].map((s) => s.textContent).join(' ').trim() || t.textContent.trim();
  const partners = [...svg.querySelectorAll('a.ng-partner')].map((a) => {
    const t = a.querySelector('text');
    return {
      title: a.querySelector('title')?.textContent ?? '',
      label: t ? lines(t) : null,
      box: t ? box(t) : null,
      fontSize: t ? parseFloat(getComputedStyle(t).fontSize) * (svg.getBoundingClientRect().width / svg.viewBox.baseVal.width) : 0,
      shape: box(a.querySelector('.ng-shape')),
    };
  });
  const groups = [...svg.querySelectorAll('a.ng-group')].map((a) => {
    const t = a.querySelector('text');
    const disc = a.querySelector('.ng-disc');
    return { label: t ? lines(t) : null, box: t ? box(t) : null, disc: disc ? box(disc) : null };
  });
  return { partners, groups, visible: svg.getBoundingClientRect().width > 0 };
}

const intersect = (a, b) => a.x0 < b.x1 - 0.5 && b.x0 < a.x1 - 0.5 && a.y0 < b.y1 - 0.5 && b.y0 < a.y1 - 0.5;

try {
  for (const site of sites) {
    const url = pathToFileURL(path.join(site, 'network/index.html')).href;
    const name = path.basename(site);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(url);
    const m = await page.evaluate(measure);

    await check(`${name}: every partner in the drawing has its whole name or short name as a label`, async () => {
      expect(m && m.visible, 'no visible svg.network-graph at 1280 px');
      expect(m.partners.length > 0, 'no partner drawn');
      const bad = m.partners.filter((p) => {
        if (!p.label || !p.box || p.box.x1 - p.box.x0 < 1) return true;
        if (p.label.endsWith('…') || p.label.endsWith('...')) return true;
        return !(p.label === p.title || p.title.endsWith(`(${p.label})`));
      });
      expect(!bad.length, `${bad.length} of ${m.partners.length} partners lack a whole label: ${bad.map((p) => `${p.title} → ${JSON.stringify(p.label)}`).join('; ')}`);
    });

    await check(`${name}: no two labels overlap, and no label covers a shape`, async () => {
      const labels = [...m.partners.map((p) => [p.title, p.box]), ...m.groups.map((g) => [g.label, g.box])].filter(([, b]) => b);
      const shapes = [...m.partners.map((p) => [p.title, p.shape]), ...m.groups.filter((g) => g.disc).map((g) => [g.label, g.disc])];
      const clashes = [];
      for (let i = 0; i < labels.length; i++) {
        for (let j = i + 1; j < labels.length; j++) {
          if (intersect(labels[i][1], labels[j][1])) clashes.push(`labels "${labels[i][0]}" and "${labels[j][0]}"`);
        }
        for (const [who, s] of shapes) {
          if (intersect(labels[i][1], s)) clashes.push(`label "${labels[i][0]}" covers the shape of "${who}"`);
        }
      }
      expect(!clashes.length, `${clashes.length} overlaps: ${clashes.slice(0, 20).join('; ')}`);
    });

    await check(`${name}: every partnership drawn shows its name`, async () => {
      expect(m.groups.length > 0, 'no partnership drawn');
      const unnamed = m.groups.filter((g) => !g.label || !g.box || g.box.x1 - g.box.x0 < 1);
      expect(!unnamed.length, `${unnamed.length} partnerships without a visible name`);
    });

    await check(`${name}: labels are at least 12 CSS px at 1280 px`, async () => {
      const small = m.partners.filter((p) => p.fontSize < 12);
      expect(!small.length, `${small.length} labels below 12 px, e.g. ${small.slice(0, 3).map((p) => `${p.title}: ${p.fontSize.toFixed(1)} px`).join(', ')}`);
    });
    await page.close();

    const tablet = await browser.newPage({ viewport: { width: 800, height: 1000 } });
    await tablet.goto(url);
    await check(`${name}: at 800 px the drawing keeps 12 px labels and scrolls in its own box, not the page`, async () => {
      const t = await tablet.evaluate(measure);
      const sideways = await tablet.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
      expect(t && t.visible, 'no drawing at 800 px');
      const small = t.partners.filter((p) => p.fontSize < 12);
      expect(!small.length, `${small.length} labels below 12 px, e.g. ${small.slice(0, 3).map((p) => `${p.title}: ${p.fontSize.toFixed(1)} px`).join(', ')}`);
      expect(!sideways, 'the page scrolls sideways at 800 px');
    });
    await tablet.close();

    const phone = await browser.newPage({ viewport: { width: 375, height: 812 } });
    await phone.goto(url);
    await check(`${name}: at 375 px the list of partnerships stands in for the drawing, readable`, async () => {
      const r = await phone.evaluate(() => {
        const svg = document.querySelector('svg.network-graph');
        const list = document.querySelector('.network-group-list');
        const drawn = svg ? [...svg.querySelectorAll('a.ng-partner')] : [];
        const links = list ? [...list.querySelectorAll('a')] : [];
        const listed = new Set(links.map((a) => a.href));
        return {
          svgShown: !!svg && svg.getBoundingClientRect().width > 0,
          listShown: !!list && list.getBoundingClientRect().height > 0,
          missing: drawn.filter((a) => !listed.has(a.href.baseVal ? new URL(a.href.baseVal, location.href).href : a.href))
            .map((a) => a.querySelector('title').textContent),
          smallest: Math.min(...links.map((a) => parseFloat(getComputedStyle(a).fontSize))),
          sideways: document.documentElement.scrollWidth > window.innerWidth,
        };
      });
      expect(!r.svgShown, 'the drawing is still shown at 375 px (a miniature)');
      expect(r.listShown, 'no list of partnerships at 375 px');
      expect(!r.missing.length, `the list lacks ${r.missing.join(', ')}`);
      expect(r.smallest >= 12, `the list's text is ${r.smallest} px`);
      expect(!r.sideways, 'the page scrolls sideways at 375 px');
    });
    await phone.close();
  }
} finally {
  await browser.close();
}
finish();
