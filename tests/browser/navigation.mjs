#!/usr/bin/env node
// The whole built example site, followed link by link in a real browser (Debian's Chromium via
// playwright-core), twice: opened from disk (file://) and served under a sub-path (/kb/) by a
// small node http server on 127.0.0.1.
//
//     node tests/browser/navigation.mjs OUTPUT_DIR
//
// OUTPUT_DIR is `brobygger build --output OUTPUT_DIR` of the repository's example site
// (tests/browser.rs builds it and runs this script). Nothing is built here.
//
// Starting from the front page (and the 404 page, which nothing links to), every page reached:
//   * shows with the stylesheet applied;
//   * links only to files that exist (never to a folder: from disk a folder opens a file
//     listing, not its index.html), and every #fragment names an element of its page;
//   * loads nothing from any other host, and logs no console error;
// and every HTML page of the output is reached this way (but for those in UNLINKED).
// (The search from disk and under /kb/ is tests/browser/search.mjs.)
//
// Exit status 0 when every check passes; otherwise 1, with every failure listed.

import path from 'node:path';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { loadPlaywright, launchBrowser, serve, watchContext, checker, expect, watchdog, fail } from './lib.mjs';

const out = process.argv[2];
if (!out) fail('usage: node tests/browser/navigation.mjs OUTPUT_DIR (a built example site)');
const outDir = path.resolve(out);
if (!existsSync(path.join(outDir, 'index.html'))) fail(`${outDir}/index.html does not exist: is ${outDir} a built site?`);

function htmlFiles(dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? htmlFiles(p) : p.endsWith('.html') ? [path.relative(outDir, p).split(path.sep).join('/')] : [];
  });
}
/** Pages no link leads to, on purpose. */
const UNLINKED = {
  'pages/index.html': 'the free pages are listed in the footer of every page instead',
};
const allPages = htmlFiles(outDir).filter((p) => !(p in UNLINKED)).sort();

watchdog();
const pw = await loadPlaywright();
const browser = await launchBrowser(pw);
const { check, finish } = checker();

/** In the page: whether style.css applies, every link-like URL, and every id. */
function readPage() {
  const skip = document.querySelector('.skip-link');
  const main = document.querySelector('main');
  const styled = !!skip && getComputedStyle(skip).position === 'absolute' && skip.getBoundingClientRect().bottom <= 0 &&
    !!main && getComputedStyle(main).maxWidth !== 'none';
  // getAttribute, not .href: an SVG <a> (the network drawing) has no string .href.
  const at = (e, name, kind) => ({ kind, raw: e.getAttribute(name), url: new URL(e.getAttribute(name), document.baseURI).href });
  const urls = [
    ...[...document.querySelectorAll('a[href], area[href]')].map((a) => at(a, 'href', 'link')),
    ...[...document.querySelectorAll('link[href]')].map((l) => at(l, 'href', `<link rel=${l.rel}>`)),
    ...[...document.querySelectorAll('script[src], img[src]')].map((e) => at(e, 'src', `<${e.tagName.toLowerCase()}>`)),
    // The search page is reached through the search form of every other page.
    ...[...document.querySelectorAll('form[action]')].map((f) => at(f, 'action', 'form')),
  ];
  const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
  return { styled, urls, ids, title: document.title };
}

/**
 * Follows every link of the site from `start`. `base` is the site's root URL; `exists(url)`
 * says whether a file of the site is there.
 */
async function crawl(label, base, allowed, exists) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const problems = await watchContext(context, label, allowed);
  const page = await context.newPage();
  const seen = new Set();
  const queue = ['index.html', '404.html'].map((p) => base + p);
  const ids = new Map(); // page URL → ids on it
  const fragments = []; // [from, to, hash]
  const errors = [];
  let unstyled = [];
  while (queue.length) {
    const url = queue.shift();
    if (seen.has(url)) continue;
    seen.add(url);
    const res = await page.goto(url);
    if (res && res.status() !== 200) {
      errors.push(`${url}: status ${res.status()}`);
      continue;
    }
    const info = await page.evaluate(readPage);
    ids.set(url, info.ids);
    if (!info.styled) unstyled.push(url.slice(base.length));
    for (const u of info.urls) {
      if (!u.url.startsWith(base)) {
        const to = new URL(u.url);
        const own = to.protocol === 'file:' || (to.protocol === 'http:' && to.origin === new URL(base).origin);
        // A root-relative or too deep link works on one host and breaks on another.
        if (own) errors.push(`${url.slice(base.length)}: ${u.kind} "${u.raw}" leads out of the site's folder, to ${u.url}`);
        if (u.url.startsWith('javascript:')) errors.push(`${url}: ${u.kind} to ${u.raw}`);
        continue; // a partner's website, a mail address: followed by the reader, not here
      }
      const target = new URL(u.url);
      const hash = decodeURIComponent(target.hash.slice(1));
      target.hash = '';
      target.search = '';
      const file = target.href;
      const rel = file.slice(base.length);
      if (rel === '' || rel.endsWith('/')) {
        errors.push(`${url.slice(base.length)}: ${u.kind} "${u.raw}" leads to a folder (${rel || './'}), which from disk shows a file listing; link to its index.html`);
        continue;
      }
      if (!(await exists(file))) {
        errors.push(`${url.slice(base.length)}: ${u.kind} "${u.raw}" leads to ${rel}, which does not exist`);
        continue;
      }
      if (hash) fragments.push([url, file, hash, u.raw]);
      if ((u.kind === 'link' || u.kind === 'form') && rel.endsWith('.html') && !seen.has(file)) queue.push(file);
    }
  }
  await context.close();
  for (const [from, to, hash, raw] of fragments) {
    const onTarget = ids.get(to);
    if (onTarget && !onTarget.includes(hash)) errors.push(`${from.slice(base.length)}: link "${raw}" names #${hash}, which ${to.slice(base.length)} does not have`);
  }
  const reached = new Set([...seen].map((u) => u.slice(base.length)));
  return { errors, problems, unstyled, unreached: allPages.filter((p) => !reached.has(p)), pages: reached.size };
}

function report(r) {
  const lines = [...r.errors];
  if (r.unstyled.length) lines.push(`style.css does not apply on ${r.unstyled.length} pages: ${r.unstyled.slice(0, 8).join(', ')}`);
  return lines.slice(0, 20).join('\n') + (lines.length > 20 ? `\n… ${lines.length - 20} more` : '');
}

// ---------------------------------------------------------------------------------------------

const fileBase = pathToFileURL(outDir + path.sep).href;
const fromDisk = await crawl('file://', fileBase,
  (u) => u.startsWith('file:') || u.startsWith('data:') || u === 'about:blank',
  async (u) => { const f = fileURLToPath(u); return existsSync(f) && statSync(f).isFile(); });

await check(`from disk (${fileBase}): every page shows styled and links only to files that exist, fragments included`, async () => {
  expect(fromDisk.errors.length === 0 && fromDisk.unstyled.length === 0, report(fromDisk));
});
await check('from disk: every HTML page of the site is reached by following links from the front page', async () => {
  expect(fromDisk.unreached.length === 0, `not reached: ${fromDisk.unreached.join(', ')}`);
});
await check('from disk: no console errors, no request to any host', async () => {
  expect(fromDisk.problems.length === 0, fromDisk.problems.slice(0, 20).join('\n'));
});

const server = await serve(outDir, '/kb/');
try {
  const underKb = await crawl(server.url, server.url,
    (u) => u.startsWith(server.url) || u.startsWith('data:') || u === 'about:blank' ||
      u === server.origin + '/favicon.ico', // Chromium asks for it by itself when a page names no icon
    async (u) => (await fetch(u, { method: 'HEAD' })).status === 200);

  await check(`under a sub-path (${server.url}): every page shows styled and links only to files that exist, fragments included`, async () => {
    expect(underKb.errors.length === 0 && underKb.unstyled.length === 0, report(underKb));
  });
  await check('under a sub-path: every HTML page of the site is reached by following links from the front page', async () => {
    expect(underKb.unreached.length === 0, `not reached: ${underKb.unreached.join(', ')}`);
  });
  await check('under a sub-path: every request stays under /kb/ and succeeds; no console errors', async () => {
    const outside = server.log.filter((l) => !l.path.startsWith('/kb/') && l.path !== '/favicon.ico');
    const bad = server.log.filter((l) => l.path.startsWith('/kb/') && l.status !== 200);
    expect(outside.length === 0, `requests outside /kb/: ${outside.map((l) => l.path).join(', ')}`);
    expect(bad.length === 0, `failed requests: ${bad.map((l) => `${l.path} ${l.status}`).join(', ')}`);
    expect(underKb.problems.length === 0, underKb.problems.slice(0, 20).join('\n'));
  });
  console.log(`${fromDisk.pages} pages followed from disk, ${underKb.pages} under ${server.url}`);
} finally {
  await server.close();
  await browser.close();
}
finish();
