#!/usr/bin/env node
// Every page type of a built example site, in a real browser (Debian's Chromium via
// playwright-core), served under a sub-path (/kb/) by a small node http server on 127.0.0.1.
// (Over http, not file://: axe-core reads the stylesheets with XMLHttpRequest, which Chromium
// refuses for file:// pages. tests/browser/navigation.mjs opens every page from disk.)
//
//     node tests/browser/pages.mjs OUTPUT_DIR
//
// OUTPUT_DIR is `brobygger build --output OUTPUT_DIR` of the repository's example site
// (tests/browser.rs builds it and runs this script). Nothing is built here.
//
// On each page of PAGES:
//   * axe-core (npm, injected into the page) with the tags wcag2a, wcag2aa, wcag21a and
//     wcag21aa finds no violation, at 1280 px and at 375 px (some rules, such as
//     scrollable-region-focusable, only bite on a narrow screen);
//   * at 375 px and at 320 px (WCAG 1.4.10 Reflow) nothing scrolls sideways, nor at 375 px with
//     the wider line, letter, word and paragraph spacing of WCAG 1.4.12, which cuts no text off;
//   * Tab from the top reaches the skip link first, then every link and control in DOM order
//     (no positive tabindex, no CSS that reorders them), each on screen with a focus
//     indicator that differs from its unfocused look; the skip link moves focus to <main>;
//   * no console error, no uncaught exception, no request but for the site's own files.
//
// Exit status 0 when every check passes; otherwise 1, with every failure listed.

import path from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { loadPlaywright, launchBrowser, serve, requireFromRepo, watchContext, checker, expect, watchdog, fail } from './lib.mjs';

const out = process.argv[2];
if (!out) fail('usage: node tests/browser/pages.mjs OUTPUT_DIR (a built example site)');
const outDir = path.resolve(out);

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const axePath = requireFromRepo('axe-core/axe.min.js', 'Run `npm ci` in the repository root (axe-core is a devDependency in package.json).');
const axeSource = readFileSync(axePath, 'utf8');
const axeVersion = JSON.parse(readFileSync(path.join(path.dirname(axePath), 'package.json'), 'utf8')).version;

/**
 * One page of each type of the example site: [what it is, path, what must be on it once
 * loaded (a CSS selector), so a page that renders empty cannot pass].
 */
const PAGES = [
  ['front page', 'index.html', '.figures'],
  ['partners index', 'partners/index.html', '.cards'],
  ['partnerships index', 'partnerships/index.html', '.cards'],
  ['challenges index', 'challenges/index.html', '.cards'],
  ['opportunities index', 'opportunities/index.html', '.cards'],
  ['recommendations index', 'recommendations/index.html', '.cards'],
  ['learnings index', 'learnings/index.html', '.cards'],
  ['quotes index', 'quotes/index.html', '.cards'],
  ['pages index', 'pages/index.html', '.cards'],
  ['a challenge', 'challenges/tid-til-moeder/index.html', 'main h1'],
  ['a recommendation (addresses challenges)', 'recommendations/fleksible-moedeformer/index.html', 'main h1'],
  ['a learning', 'learnings/dropin-skole-og-praktik/index.html', 'main h1'],
  ['an opportunity', 'opportunities/jaevnlige-moeder-med-facilitator/index.html', 'main h1'],
  ['a quote', 'quotes/vinster-aat-alle/index.html', 'blockquote'],
  ['a partner', 'partners/vive/index.html', 'main h1'],
  ['a partner with a website and roles', 'partners/riconfigure/index.html', 'main h1'],
  ['a partnership', 'partnerships/tre-partnerskaber-1/index.html', '.timeline, table'],
  ['a partnership whose members\' many credited items fold away', 'partnerships/dropin/index.html', 'table.members details'],
  ['the catalogue', 'catalogue/index.html', '.catalogue-entry'],
  ['contributions', 'contributions/index.html', 'table'],
  ['network', 'network/index.html', 'svg.network-graph'],
  ['network sorted by betweenness', 'network/betweenness/index.html', 'table'],
  ['tags index', 'tags/index.html', 'main a[href*="tags/"]'],
  ['a tag', 'tags/sverige/index.html', 'main li a'],
  ['search with results', 'search/index.html?q=tillid', '#search-results li a'],
  ['search without results', 'search/index.html?q=xylofonqz', '#search-status:not(:empty)'],
  ['a free page (table, footnote, task list)', 'pages/metode/index.html', 'main table'],
  ['a free page', 'pages/om/index.html', 'main h1'],
  ['accessibility statement', 'accessibility/index.html', 'main h1'],
  ['404', '404.html', 'main h1'],
];

for (const [, p] of PAGES) {
  const file = path.join(outDir, p.split('?')[0]);
  if (!existsSync(file)) fail(`${file} does not exist: is ${outDir} the built example site?`);
}

watchdog();
const pw = await loadPlaywright();
const browser = await launchBrowser(pw);
const { check, finish, failures } = checker();

const server = await serve(outDir, '/kb/');
const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
const problems = await watchContext(context, server.url, (u) => u.startsWith(server.url) || u.startsWith('data:') || u === 'about:blank' ||
  u === server.origin + '/favicon.ico'); // Chromium asks for it by itself when a page names no icon

// One tab for all pages: a new tab costs more than the page it shows.
const page = await context.newPage();

/** Loads `p` afresh (nothing focused, scrolled to the top) and waits until `ready` shows. */
async function open(p, ready) {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(server.url + p);
  await page.waitForSelector(ready, { timeout: 10000 });
}

async function axe(page) {
  if (!(await page.evaluate(() => !!window.axe))) await page.addScriptTag({ content: axeSource });
  return page.evaluate((tags) => window.axe.run(document, {
    runOnly: { type: 'tag', values: tags },
    resultTypes: ['violations'],
  }), AXE_TAGS);
}

function showViolations(violations) {
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n` + v.nodes.slice(0, 5).map((n) =>
    `    at ${n.target.join(' ')}\n      ${n.html.slice(0, 160)}\n      ${(n.failureSummary || '').replace(/\n\s*/g, ' ').slice(0, 300)}`,
  ).join('\n') + (v.nodes.length > 5 ? `\n    … ${v.nodes.length - 5} more` : '')).join('\n');
}

/** Whether the page scrolls sideways at `width`: the widest elements, when it does. */
async function sideways(page, width) {
  await page.setViewportSize({ width, height: 800 });
  return page.evaluate(() => {
    const doc = document.documentElement;
    if (doc.scrollWidth <= doc.clientWidth) return null;
    // Elements inside a box that scrolls on its own (a wide table) do not widen the page.
    const inScroller = (e) => {
      for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
        if (getComputedStyle(a).overflowX !== 'visible') return true;
      }
      return false;
    };
    const wide = [...document.body.querySelectorAll('*')]
      .filter((e) => e.getBoundingClientRect().right > doc.clientWidth + 0.5 && !inScroller(e))
      .slice(-5)
      .map((e) => `${e.tagName.toLowerCase()}${e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : ''} (right edge ${Math.round(e.getBoundingClientRect().right)} px)`);
    return `scrollWidth ${doc.scrollWidth} > clientWidth ${doc.clientWidth}; too wide: ${wide.join(', ')}`;
  });
}

/**
 * With the text spacing WCAG 1.4.12 says a reader may set, at `width`: whether the page then
 * scrolls sideways, and which boxes cut their text off.
 */
async function spacedOut(page, width) {
  await page.setViewportSize({ width, height: 800 });
  const style = await page.addStyleTag({ content: `* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
    p { margin-bottom: 2em !important; }` });
  const r = await page.evaluate(() => {
    const doc = document.documentElement;
    const clipped = [...document.body.querySelectorAll('*')].filter((e) => {
      if (e.closest('.skip-link, svg')) return false;
      const s = getComputedStyle(e);
      // Text for screen readers only sits in a 1 px box on purpose.
      if (e.clientWidth <= 1 && e.clientHeight <= 1) return false;
      const cuts = (o) => o === 'hidden' || o === 'clip';
      return (cuts(s.overflowY) && e.scrollHeight > e.clientHeight + 1) || (cuts(s.overflowX) && e.scrollWidth > e.clientWidth + 1);
    }).map((e) => e.outerHTML.slice(0, 100));
    return { sideways: doc.scrollWidth > doc.clientWidth ? `${doc.scrollWidth} px wide in ${doc.clientWidth} px` : null, clipped };
  });
  await style.evaluate((e) => e.remove());
  return r;
}

/**
 * In the page: every element a keyboard user must be able to reach, in DOM order, kept in
 * window.__tabbable; and what each looks like unfocused. Returns descriptions and problems
 * (positive tabindex, CSS reordering) found on the way.
 */
function collectTabbable() {
  const SEL = 'a[href], area[href], button, input:not([type="hidden"]), select, textarea, summary, iframe, audio[controls], video[controls], [contenteditable]:not([contenteditable="false"]), [tabindex]';
  const els = [...document.querySelectorAll(SEL)].filter((el) => {
    if (el.matches(':disabled') || el.closest('[inert]')) return false;
    const ti = el.getAttribute('tabindex');
    if (ti !== null && Number(ti) < 0) return false;
    return el.checkVisibility({ checkVisibilityCSS: true });
  });
  const problems = [];
  for (const el of document.querySelectorAll('[tabindex]')) {
    if (Number(el.getAttribute('tabindex')) > 0) problems.push(`tabindex="${el.getAttribute('tabindex')}" on ${el.outerHTML.slice(0, 100)} (focus order would differ from reading order)`);
  }
  for (const el of els) {
    for (let e = el; e && e !== document.body; e = e.parentElement) {
      const parent = e.parentElement && getComputedStyle(e.parentElement);
      if (!parent) break;
      const flexOrGrid = /flex|grid/.test(parent.display);
      if (flexOrGrid && getComputedStyle(e).order !== '0') problems.push(`CSS order ${getComputedStyle(e).order} moves ${e.outerHTML.slice(0, 80)} away from its place in the focus order`);
      if (/flex/.test(parent.display) && /reverse/.test(parent.flexDirection + parent.flexWrap)) problems.push(`flex ${parent.flexDirection} ${parent.flexWrap} reverses the visual order of ${e.parentElement.outerHTML.slice(0, 80)}`);
    }
  }
  window.__tabbable = els;
  window.__focusLook = (el) => {
    // The element's own outline and shadow, and its SVG parts' strokes (the network drawing
    // marks a focused node with a ring).
    const parts = [el, ...el.querySelectorAll('*')].slice(0, 12);
    return parts.map((p) => {
      const s = getComputedStyle(p);
      return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.outlineOffset, s.boxShadow, s.stroke, s.strokeWidth, s.backgroundColor, s.borderColor].join(' ');
    });
  };
  window.__unfocused = els.map((el) => window.__focusLook(el));
  const describe = (el) => `<${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.getAttribute('href') ? ` href="${el.getAttribute('href')}"` : ''}> ${(el.textContent || el.getAttribute('aria-label') || '').replace(/\s+/g, ' ').trim().slice(0, 50)}`;
  window.__describe = describe;
  return { items: els.map(describe), problems, skipFirst: els[0]?.classList.contains('skip-link') ?? false };
}

/** In the page: where focus is now, and whether it can be seen. */
function focusNow() {
  const el = document.activeElement;
  const k = window.__tabbable.indexOf(el);
  if (k < 0) return { k, what: el ? window.__describe(el) : 'nothing' };
  const look = window.__focusLook(el);
  const before = window.__unfocused[k];
  const s = getComputedStyle(el);
  const own = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1 && !/rgba\(.*, 0\)$/.test(s.outlineColor);
  const shadow = s.boxShadow !== 'none';
  const changed = look.some((l, i) => l !== before[i]);
  const r = el.getBoundingClientRect();
  const onScreen = r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth;
  return { k, what: window.__describe(el), visible: changed && (own || shadow || look.length > 1), changed, onScreen, rect: [r.left, r.top, r.width, r.height].map(Math.round) };
}

async function keyboard(page) {
  const { items, problems, skipFirst } = await page.evaluate(collectTabbable);
  const errors = [...problems];
  if (!skipFirst) errors.push(`the first focusable element is ${items[0]}, not the skip link`);
  const seen = [];
  for (let step = 0; step <= items.length; step++) {
    await page.keyboard.press('Tab');
    const f = await page.evaluate(focusNow);
    // After the last one, focus leaves the page or comes round to the first again.
    if (step === items.length && f.k <= 0) break;
    if (f.k < 0) {
      if (step < items.length) errors.push(`Tab number ${step + 1} went to ${f.what}, expected ${items[step]}`);
      break;
    }
    seen.push(f.k);
    if (f.k !== step) {
      errors.push(`Tab number ${step + 1} went to ${f.what}, expected ${items[step] ?? 'focus to leave the page'}`);
      break;
    }
    if (!f.visible) errors.push(`no visible focus indicator on ${f.what} (outline, box-shadow and strokes look the same focused and unfocused)`);
    if (!f.onScreen) errors.push(`${f.what} is focused but not on screen (at ${f.rect.join(', ')})`);
  }
  if (seen.length < items.length && !errors.some((e) => e.startsWith('Tab number'))) {
    errors.push(`Tab reached ${seen.length} of ${items.length} links and controls`);
  }
  return { errors, count: items.length };
}

async function skipLink(page) {
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  return page.evaluate(() => {
    const main = document.querySelector('main');
    const next = window.__tabbable.find((el) => main.contains(el) || (main.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING));
    return { onMain: document.activeElement === main, next: next ? window.__tabbable.indexOf(next) : -1 };
  });
}

for (const [name, p, ready] of PAGES) {
  try {
    await open(p, ready);
  } catch (e) {
    await check(`${name} (${p}) opens and shows ${ready}`, () => { throw e; });
    continue;
  }

  await check(`${name} (${p}): axe-core ${axeVersion} finds no WCAG 2.1 A/AA violation at 1280 px and at 375 px`, async () => {
    const wide = await axe(page);
    await page.setViewportSize({ width: 375, height: 800 });
    const narrow = await axe(page);
    await page.setViewportSize({ width: 1280, height: 800 });
    const report = [];
    if (wide.violations.length) report.push('at 1280 px:\n' + showViolations(wide.violations));
    if (narrow.violations.length) report.push('at 375 px:\n' + showViolations(narrow.violations));
    expect(report.length === 0, report.join('\n'));
  });

  await check(`${name} (${p}): nothing scrolls sideways at 375 px or 320 px`, async () => {
    const at375 = await sideways(page, 375);
    const at320 = await sideways(page, 320);
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(!at375 && !at320, [at375 && `at 375 px: ${at375}`, at320 && `at 320 px: ${at320}`].filter(Boolean).join('\n'));
  });

  await check(`${name} (${p}): with wider text spacing (WCAG 1.4.12) at 375 px, no text is cut off and nothing scrolls sideways`, async () => {
    const r = await spacedOut(page, 375);
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(!r.sideways && r.clipped.length === 0, [r.sideways && `the page is ${r.sideways}`, ...r.clipped.map((c) => `text cut off in ${c}`)].filter(Boolean).join('\n'));
  });

  await open(p, ready);
  await check(`${name} (${p}): Tab reaches the skip link first, then every link and control in order, each with a visible focus`, async () => {
    const { errors, count } = await keyboard(page);
    expect(count >= 3, `only ${count} focusable elements: is the page's header missing?`);
    expect(errors.length === 0, errors.slice(0, 12).join('\n') + (errors.length > 12 ? `\n… ${errors.length - 12} more` : ''));
  });

  await open(p, ready);
  await check(`${name} (${p}): the skip link moves focus to the main content`, async () => {
    await page.evaluate(collectTabbable);
    const s = await skipLink(page);
    expect(s.onMain, 'after Tab and Enter on the skip link, focus is not on <main>');
    if (s.next >= 0) {
      await page.keyboard.press('Tab');
      const f = await page.evaluate(focusNow);
      expect(f.k === s.next, `the Tab after the skip link went to ${f.what}, not to the first link or control of the main content`);
    }
  });
}

await check('no console errors, no uncaught exceptions, no request but for the site\'s own files', async () => {
  expect(problems.length === 0, problems.join('\n'));
});

await context.close();
await browser.close();
await server.close();
console.log(`${PAGES.length} pages checked`);
if (failures.length === 0) console.log(`axe-core ${axeVersion}; tags ${AXE_TAGS.join(', ')}`);
finish();
