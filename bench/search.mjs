#!/usr/bin/env node
// What one search costs in a browser: bytes of the index loaded and time to the answer.
//
//     node bench/search.mjs SITE_OUTPUT [--runs 5] [--slow-delay 200]
//
// SITE_OUTPUT is a built site (normally bench/search.sh's 10,000-item build). It is served by a
// small node http server on 127.0.0.1 (no compression, no caching: the bytes counted are the
// files' bytes), and headless Chromium (/usr/bin/chromium via playwright-core) opens
// search/index.html in a new browser context for every run of every query, so nothing is cached.
//
// Per run the query is typed with real key events, 20 ms apart (faster than the client's
// debounce, so only the whole query is searched), and the page records with performance.now():
//   - the last keydown,
//   - when #search-status first shows the sentence for the whole query (the answer),
//   - when the last search/t/ or search/d/ file it loaded had arrived (Resource Timing).
// "last key → answer" includes the client's debounce; "last part → answer" is the time to
// run the part scripts, intersect, rank and render once the bytes are there.
// One more run per query types 200 ms per key (like a person; the prefixes typed on the way
// are searched too) and counts the bytes only.
//
// Progress goes to stderr; stdout gets a Markdown table for BENCHMARKS.md.

import path from 'node:path';
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { loadPlaywright, launchBrowser, serve, waitForAnswer, isFaviconNoise, fail } from '../tests/browser/lib.mjs';

function arg(name, dflt) {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : dflt;
}
const site = process.argv[2] && path.resolve(process.argv[2]);
if (!site || site.startsWith('--')) fail('usage: node bench/search.mjs SITE_OUTPUT [--runs 5] [--slow-delay 200]');
if (!existsSync(path.join(site, 'search', 'index.js'))) fail(`${site}/search/index.js not found: build the site first`);
const RUNS = Number(arg('--runs', 5));
const SLOW = Number(arg('--slow-delay', 200));
const FAST = 20;
const TARGET_FIRST_KB = 300;
const TARGET_AFTER_PARTS_MS = 50;

const log = (s) => process.stderr.write(`search.mjs: ${s}\n`);
const kb = (b) => (b / 1024).toFixed(1);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const size = (rel) => statSync(path.join(site, rel)).size;

// The documents, read from the index itself, to pick a partner's name for a query.
function docs() {
  const dir = path.join(site, 'search', 'd');
  const all = [];
  const files = readdirSync(dir).filter((f) => /^\d+\.js$/.test(f)).sort((a, b) => parseInt(a) - parseInt(b));
  for (const f of files) {
    const text = readFileSync(path.join(dir, f), 'utf8');
    all.push(...JSON.parse(text.slice(text.indexOf(',') + 1, text.lastIndexOf(')'))));
  }
  return all;
}
const partner = docs().find((d) => d[0] === 'partner' && /[æøå]/i.test(d[1]) && d[1].split(' ').length === 2);

// Words of the generator's Danish text (bench/gen_site.py), typed as a user would.
const QUERIES = [
  ['trivsel', 'common word, also a tag'],
  ['økonomi', 'word typed with ø'],
  ['praktikpladser', 'less common word'],
  ['koordinering', 'word'],
  ['fo', '2-letter prefix'],
  ['partnerskaber', 'plural of a word of the text (issue #19)'],
  ['fastholdelsen', 'definite form (issue #19)'],
  ['milepæle', 'plural typed with æ (issue #19)'],
  ['milepæl', 'the word as in the text'],
  ['fælles mål', 'two words'],
  ['sarbare unges', 'two words, å typed as a'],
  [partner ? partner[1] : 'Jobcenter Køge', 'a partner\'s name'],
];

const pw = await loadPlaywright();
const browser = await launchBrowser(pw);
const version = browser.version();
const server = await serve(site, '/');
const searchUrl = server.url + 'search/index.html';

/** One fresh page: type `q` with `delay` ms between keys; bytes and times as described above. */
async function runOnce(q, delay) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const loads = [];
  let phase = 'page';
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && !isFaviconNoise(m) && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('response', (res) => {
    const u = new URL(res.url());
    const at = phase;
    if (res.status() >= 400 && u.pathname !== '/favicon.ico') errors.push(`${res.status()} for ${u.pathname}`);
    loads.push(res.body().then((b) => ({ path: u.pathname, bytes: b.length, phase: at }), () => ({ path: u.pathname, bytes: 0, phase: at })));
  });
  await page.goto(searchUrl, { waitUntil: 'load' });
  await page.evaluate(() => {
    const b = (window.__bench = { keys: [], changes: [] });
    const status = document.getElementById('search-status');
    document.getElementById('search-input').addEventListener('keydown', () => b.keys.push(performance.now()), true);
    new MutationObserver(() => b.changes.push([performance.now(), status.textContent]))
      .observe(status, { childList: true, characterData: true, subtree: true });
  });
  phase = 'query';
  await page.click('#search-input');
  await page.keyboard.type(q, { delay });
  const shown = await waitForAnswer(page, q, { timeout: 30000 });
  const m = await page.evaluate((q) => {
    const b = window.__bench;
    const last = b.keys[b.keys.length - 1];
    const answer = b.changes.find(([t, s]) => t >= last && s.includes(q));
    const parts = performance.getEntriesByType('resource').filter((e) => /\/search\/[td]\/\d+\.js$/.test(e.name));
    const lastPart = parts.length ? Math.max(...parts.map((e) => e.responseEnd)) : null;
    return { last, answer: answer ? answer[0] : null, lastPart, status: answer ? answer[1] : null };
  }, q.trim());
  const files = await Promise.all(loads);
  await context.close();
  if (errors.length) fail(`"${q}": errors on the page: ${errors.join('; ')}`);
  if (m.answer === null) fail(`"${q}": #search-status never showed the answer (status ${JSON.stringify(shown.status)})`);
  const queryFiles = files.filter((f) => f.phase === 'query' && /^\/search\/[td]\//.test(f.path));
  const status = m.status.replace(q.trim(), ''); // the count, without digits of the query
  return {
    results: Number((status.match(/\d+/) || ['0'])[0]),
    shown: shown.items.length,
    t: queryFiles.filter((f) => f.path.startsWith('/search/t/')).length,
    d: queryFiles.filter((f) => f.path.startsWith('/search/d/')).length,
    bytes: queryFiles.reduce((s, f) => s + f.bytes, 0),
    tBytes: queryFiles.filter((f) => f.path.startsWith('/search/t/')).reduce((s, f) => s + f.bytes, 0),
    dBytes: queryFiles.filter((f) => f.path.startsWith('/search/d/')).reduce((s, f) => s + f.bytes, 0),
    pageBytes: files.filter((f) => f.phase === 'page').reduce((s, f) => s + f.bytes, 0),
    stemBytes: files.filter((f) => f.path === '/search/stem.js').reduce((s, f) => s + f.bytes, 0),
    answerMs: m.answer - m.last,
    afterPartsMs: m.lastPart === null ? null : m.answer - Math.max(m.lastPart, m.last),
  };
}

const manifestBytes = size('search/index.js');
const clientBytes = size('search.js');
// The stemmer (issue #19), loaded once a word of three letters is typed; none before it.
const stemBytes = existsSync(path.join(site, 'search/stem.js')) ? size('search/stem.js') : 0;
const pageBytes = size('search/index.html');
const manifest = JSON.parse(readFileSync(path.join(site, 'search/index.js'), 'utf8').split('manifest=')[1].trim().replace(/;$/, ''));
log(`site ${site}: ${manifest.docs} documents, ${Object.keys(manifest.shards).length} term parts; manifest ${kb(manifestBytes)} KB, search.js ${kb(clientBytes)} KB`);

const rows = [];
let firstOk = true;
let fastOk = true;
try {
  for (const [q, what] of QUERIES) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await runOnce(q, FAST));
    const slow = await runOnce(q, SLOW);
    const r = runs[0];
    if (runs.some((x) => x.bytes !== r.bytes || x.results !== r.results)) {
      log(`"${q}": bytes or results differ between runs: ${runs.map((x) => `${x.bytes} B/${x.results}`).join(', ')}`);
    }
    const answer = median(runs.map((x) => x.answerMs));
    const after = runs.every((x) => x.afterPartsMs !== null) ? median(runs.map((x) => x.afterPartsMs)) : null;
    const first = manifestBytes + clientBytes + r.stemBytes + r.bytes;
    firstOk &&= first <= TARGET_FIRST_KB * 1024;
    fastOk &&= after === null || after <= TARGET_AFTER_PARTS_MS;
    log(`"${q}": ${r.results} results, ${r.t} t + ${r.d} d files, ${kb(r.bytes)} KB; answer ${runs.map((x) => x.answerMs.toFixed(0)).join('/')} ms; after parts ${runs.map((x) => x.afterPartsMs?.toFixed(0)).join('/')} ms; typed slowly ${kb(slow.bytes)} KB`);
    rows.push(
      `| \`${q}\` | ${what} | ${r.results.toLocaleString('en')} | ${r.t} (${kb(r.tBytes)} KB) + ${r.d} (${kb(r.dBytes)} KB) | ${kb(r.bytes)} | ${kb(first)}${first > TARGET_FIRST_KB * 1024 ? ' ✗' : ''} | ${kb(slow.bytes)} | ${answer.toFixed(0)} | ${after === null ? '–' : after.toFixed(0) + (after > TARGET_AFTER_PARTS_MS ? ' ✗' : '')} |`,
    );
  }
} finally {
  await browser.close();
  await server.close();
}

console.log(`Search in headless Chromium ${version} on the ${manifest.docs.toLocaleString('en')}-document site: ` +
  `a new browser context per run (nothing cached), served from 127.0.0.1 without compression; ` +
  `median of ${RUNS} runs. The search page loads the manifest (search/index.js, ${kb(manifestBytes)} KB), ` +
  `search.js (${kb(clientBytes)} KB) before any query, and the stemmer (search/stem.js, ${kb(stemBytes)} KB) once a word of three letters is typed; the page itself is ${kb(pageBytes)} KB.`);
console.log();
console.log('| query | what | results | parts loaded: terms t/ + documents d/ | KB loaded by the query | KB for a first query (with manifest, search.js and, when loaded, stem.js) | KB typed at ' + SLOW + ' ms per key | last key → answer (ms) | last part → answer (ms) |');
console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) console.log(r);
console.log();
console.log(`Targets: a first query ≤ ${TARGET_FIRST_KB} KB: ${firstOk ? 'met' : 'missed (✗)'}; ` +
  `answer ≤ ${TARGET_AFTER_PARTS_MS} ms after the parts arrived: ${fastOk ? 'met' : 'missed (✗)'}. ` +
  '"last key → answer" includes the client\'s debounce (the wait after a key before it searches).');
