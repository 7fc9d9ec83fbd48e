#!/usr/bin/env node
// The search of a built example site, in a real browser (Debian's Chromium via playwright-core).
//
//     node tests/browser/search.mjs OUTPUT_DIR
//     node tests/browser/search.mjs --families da=DIR sv=DIR en=DIR nb=DIR
//
// OUTPUT_DIR is `brobygger build --output OUTPUT_DIR` of the repository's example site
// (tests/browser.rs builds it and runs this script). Nothing is built here.
//
// With --families, each DIR is a built site of tests/fixtures/search/LANG (nb's index written
// with the Norwegian stemmer): every inflected query of FAMILIES below must find the page with
// another form of its word, every near-miss must not find its page, and exact word, same stem
// and prefix must rank in that order; from disk and over HTTP under /kb/.
//
// Checks, with the page opened from disk (file://, no server):
//   * typing (real key events) finds partners by name with æ, ø, å, ä, ö typed as such, folded
//     or in Danish spelling (vasteras/vaesteraas, koping/koepings, stotte/stoette,
//     okonomi/oekonomi, ildsjaele, faelles);
//   * Swedish words of the Dropin quote (skillnad, göra), a tag (sverige), a prefix
//     (partner → partnerskab), two words at once;
//   * ranking: a title match comes before a body-only match, and a partner's own page comes
//     first when its name is searched;
//   * the body is indexed as shown: a wikilink's text (the target's title) is found, the
//     internal wikilink markers (a0, t0, e0) are not;
//   * ArrowDown moves focus to the first result, Enter opens it;
//   * ?q= on the URL fills the input and searches; the header search form of other pages
//     leads there;
//   * results are text, never HTML; no console errors; no request to any host.
// and with the site served under a sub-path (/kb/) by a small node http server on 127.0.0.1.
//
// Exit status 0 when every check passes; otherwise 1, with every failure listed.

import path from 'node:path';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { loadPlaywright, launchBrowser, serve, fold, readResults, waitForAnswer, isFaviconNoise, fail, checker, expect, watchdog } from './lib.mjs';

const familyMode = process.argv[2] === '--families';
const out = process.argv[2];
if (!out) fail('usage: node tests/browser/search.mjs OUTPUT_DIR (a built example site) | --families LANG=DIR …');
/** Language → built family site, with --families. */
const familySites = {};
for (const a of familyMode ? process.argv.slice(3) : []) {
  const [lang, dir] = a.split('=');
  if (!dir) fail(`expected LANG=DIR, got ${a}`);
  familySites[lang] = path.resolve(dir);
}
const outDir = path.resolve(familyMode ? Object.values(familySites)[0] || '' : out);
for (const dir of familyMode ? Object.values(familySites) : [outDir]) {
  if (!existsSync(path.join(dir, 'search', 'index.html'))) {
    fail(`${dir}/search/index.html does not exist: is ${dir} a built site with search?`);
  }
}

watchdog(Number(process.env.BROBYGGER_BROWSER_TIMEOUT_MS || 180000));

const pw = await loadPlaywright();
const browser = await launchBrowser(pw);

const { check, finish, failures } = checker();

function show(r, n = 8) {
  const lines = r.items.slice(0, n).map((it, i) => `  ${i + 1}. ${it.title}  (${it.href})`);
  if (r.items.length > n) lines.push(`  … ${r.items.length - n} more`);
  return `status: ${JSON.stringify(r.status)}; ${r.items.length} results${lines.length ? ':\n' + lines.join('\n') : ''}`;
}

const titles = (r) => r.items.map((it) => it.title);
const indexOfTitle = (r, title) => r.items.findIndex((it) => it.title === title);
const indexOfHref = (r, part) => r.items.findIndex((it) => (it.href || '').includes(part));

/**
 * A browser context that records console errors, page errors, failed loads and every request
 * that does not go where `allowed(url)` says it may (those are also aborted).
 */
async function watchedContext(label, allowed) {
  const context = await browser.newContext();
  const problems = [];
  await context.route((url) => !allowed(url.href), (route) => {
    problems.push(`${label}: request to ${route.request().url()} (aborted)`);
    return route.abort();
  });
  context.on('page', (page) => watchPage(page));
  function watchPage(page) {
    page.on('console', (m) => {
      if (m.type() === 'error' && !isFaviconNoise(m)) problems.push(`${label}: console error on ${page.url()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`${label}: uncaught exception on ${page.url()}: ${e.message}`));
    page.on('request', (req) => {
      if (!allowed(req.url())) problems.push(`${label}: request to ${req.url()}`);
    });
    page.on('requestfailed', (req) => {
      if (allowed(req.url())) problems.push(`${label}: failed to load ${req.url()}: ${req.failure()?.errorText}`);
    });
    page.on('response', (res) => {
      if (res.status() >= 400 && !/\/favicon\.ico$/.test(res.url())) problems.push(`${label}: ${res.status()} for ${res.url()}`);
    });
  }
  return { context, problems };
}

/** Opens the search page afresh, clicks the input and types `query` with key events. */
async function typeQuery(page, searchUrl, query) {
  await page.goto(searchUrl);
  await page.click('#search-input');
  await page.keyboard.type(query, { delay: 15 });
  return waitForAnswer(page, query);
}

// ---------------------------------------------------------------------------------------------
// Expectations about the example site (content/ of this repository).

/** [query, expected title among the results, why] */
const FINDS = [
  ['vasteras', 'Västerås stad', 'partner name, ä and å folded to a'],
  ['västerås', 'Västerås stad', 'partner name typed with ä and å'],
  ['vaesteraas', 'Västerås stad', 'partner name in Danish spelling (ä → ae, å → aa), as in its page id'],
  ['koepings', 'Köpings kommun', 'partner name with ö written oe'],
  ['koping', 'Köpings kommun', 'partner name with ö folded, found by prefix'],
  ['Köpings', 'Köpings kommun', 'partner name typed with ö and a capital'],
  ['stotte', 'Peer-støtte i Region Hovedstaden', 'ø folded to o'],
  ['stoette', 'Peer-støtte i Region Hovedstaden', 'ø written oe'],
  ['støtte', 'Øvrige partnere i Peer-støtte (unavngivne)', 'partner name typed with ø'],
  ['okonomi', 'Sørg for en stabil økonomi', 'ø folded to o'],
  ['oekonomi', 'Sørg for en stabil økonomi', 'ø written oe'],
  ['ildsjaele', 'Giv plads til engagerede ildsjæle', 'æ written ae'],
  ['faelles', 'Fælles efteruddannelse styrker fagrollerne', 'æ written ae'],
  ['sala', 'Sala kommun', 'Swedish partner name'],
  ['partner', 'Ordet partnerskab både samler og forpligter', 'prefix: partner finds partnerskab'],
];

/** [query, part of an href that must be among the results, why] */
const FINDS_HREF = [
  ['skillnad', 'quotes/vinster-aat-alle/', 'Swedish word of the Dropin quote'],
  ['göra', 'quotes/vinster-aat-alle/', 'Swedish word with ö typed as such'],
  ['gora', 'quotes/vinster-aat-alle/', 'Swedish word with ö folded'],
  ['sverige', 'quotes/vinster-aat-alle/', 'tag only: the quote has the tag sverige but not the word'],
  ['sverige', 'learnings/dropin-skole-og-praktik/', 'tag sverige on a learning'],
];

/** Partner name searched → that partner's page is the first result (title 10 beats names/body). */
const FIRST = [
  ['sala', 'Sala kommun'],
  ['vasteras', 'Västerås stad'],
  ['vive', 'VIVE'],
  ['dropin', 'Dropin'],
];

// ---------------------------------------------------------------------------------------------
// Word families (tests/fixtures/search/LANG): each page holds one form of a word, and the forms
// typed here appear nowhere in the site.

/** LANG → { finds: [query, page id, why], misses: [query, page id that must not be found, why] } */
const FAMILIES = {
  da: {
    finds: [
      ['partnerskaber', 'partnerskab', 'plural'],
      ['partnerskabet', 'partnerskab', 'definite'],
      ['partnerskabs', 'partnerskab', 'genitive -s'],
      ['partnerskabets', 'partnerskab', 'definite genitive'],
      ['milepæle', 'milepael', 'plural, typed with æ'],
      ['milepælene', 'milepael', 'definite plural'],
      ['milepaelen', 'milepael', 'definite, æ written ae'],
      ['fastholdelsen', 'fastholdelse', 'definite'],
      ['kommunes', 'kommune', 'genitive -s'],
      ['kommunens', 'kommune', 'definite genitive'],
      ['regnen', 'regn', 'definite'],
      ['busserne', 'bus', 'definite plural'],
      ['foreningen', 'svensk', 'a page marked language: sv is stemmed in Swedish too (föreningarna)'],
    ],
    misses: [
      ['regnen', 'regning', 'rain is not a bill'],
      ['busserne', 'business', 'buses are not business'],
    ],
  },
  sv: {
    finds: [
      ['maktbalansen', 'maktbalans', '-en (Snowball stems maktbalans to maktbalan, maktbalansen to maktbalans)'],
      ['kommunen', 'kommun', '-en'],
      ['stolen', 'stol', '-en'],
      ['banken', 'bank', '-en'],
      ['regioner', 'region', '-er'],
      ['aktörerna', 'aktor', '-erna (Snowball stems aktör to akt, aktörerna to aktör)'],
      ['föreningarna', 'forening', '-arna'],
      ['foreningarna', 'forening', '-arna, ö typed as o'],
    ],
    misses: [
      ['stolen', 'stolthet', 'a chair is not pride'],
      ['banken', 'bankett', 'a bank is not a banquet'],
    ],
  },
  en: {
    finds: [
      ['partnerships', 'partnership', 'plural'],
      ['policies', 'policy', 'plural -ies (the stem polici is not a beginning of policy)'],
      ['studies', 'study', 'plural -ies'],
      ['meetings', 'meeting', 'plural'],
      ['cards', 'card', 'plural'],
      ['plans', 'plan', 'plural'],
    ],
    misses: [
      ['cards', 'cardigan', 'cards are not a cardigan'],
      ['plans', 'planet', 'plans are not a planet'],
    ],
  },
  nb: {
    finds: [
      ['kommunen', 'kommune', 'definite'],
      ['kommunene', 'kommune', 'definite plural'],
      ['avtaler', 'avtale', 'plural'],
      ['avtalene', 'avtale', 'definite plural'],
      ['samarbeidet', 'samarbeid', 'definite'],
      ['skolene', 'skole', 'definite plural'],
      ['bilen', 'bil', 'definite'],
    ],
    misses: [
      ['bilen', 'bilde', 'a car is not a picture'],
    ],
  },
};

/** The family checks on one built family site, opened at `base` (file:// or http://…/kb/). */
async function familyChecks(lang, base, page, label) {
  const searchUrl = base + 'search/index.html';
  const family = FAMILIES[lang];
  if (!family) throw new Error(`no families for language ${lang}`);
  const hrefOf = (id) => `pages/${id}/index.html`;
  await check(`${label} ${lang}: the stemmer loads once a word of three letters is typed; the index is the site's language's`, async () => {
    await typeQuery(page, searchUrl, 'ab');
    const early = await page.evaluate(() => !!window.brobyggerSearch.stem);
    expect(!early, 'search/stem.js was loaded for a two-letter query, which Snowball leaves as it is');
    await typeQuery(page, searchUrl, family.finds[0][0]);
    const got = await page.evaluate(() => [window.brobyggerSearch.manifest.lang, typeof window.brobyggerSearch.stem]);
    expect(got[0] === lang && got[1] === 'function', `manifest lang and stemmer: ${JSON.stringify(got)}, expected ${lang} and a function`);
  });
  for (const [q, id, why] of family.finds) {
    await check(`${label} ${lang}: "${q}" finds pages/${id} (${why})`, async () => {
      const r = await typeQuery(page, searchUrl, q);
      expect(indexOfHref(r, hrefOf(id)) >= 0, `no result links to ${hrefOf(id)}.\n${show(r)}`);
    });
  }
  for (const [q, id, why] of family.misses) {
    await check(`${label} ${lang}: "${q}" does not find pages/${id} (${why})`, async () => {
      const r = await typeQuery(page, searchUrl, q);
      expect(r.items.length > 0, `"${q}" finds nothing at all, so this near-miss check proves nothing.\n${show(r)}`);
      expect(indexOfHref(r, hrefOf(id)) < 0, `a result links to ${hrefOf(id)}.\n${show(r)}`);
    });
  }
  if (lang === 'da') {
    await check(`${label} da: "tillid" ranks the word as typed, then its other forms, then longer words`, async () => {
      const r = await typeQuery(page, searchUrl, 'tillid');
      const order = ['rang-exact', 'rang-stem', 'rang-prefix'].map((id) => indexOfHref(r, hrefOf(id)));
      expect(order.every((i) => i >= 0) && order[0] < order[1] && order[1] < order[2],
        `tillid (typed), tilliden (same stem), tillidsfulde (prefix) are at ${JSON.stringify(order)}.\n${show(r)}`);
    });
    await check(`${label} da: the other form of the word is marked in the result`, async () => {
      await typeQuery(page, searchUrl, 'milepælene');
      const marks = await page.evaluate(() => [...document.querySelectorAll('#search-results mark')].map((m) => m.textContent));
      expect(marks.includes('milepæl'), `marks: ${JSON.stringify(marks)}`);
    });
  }
}

async function familiesFromDiskAndHttp() {
  for (const [lang, dir] of Object.entries(familySites)) {
    const base = pathToFileURL(dir + path.sep).href;
    const disk = await watchedContext(`file:// ${lang}`, (u) => u.startsWith('file:') || u.startsWith('data:') || u === 'about:blank');
    try {
      await familyChecks(lang, base, await disk.context.newPage(), 'file://');
      await check(`file:// ${lang}: no console errors, no request to any host`, async () => {
        expect(disk.problems.length === 0, disk.problems.join('\n'));
      });
    } finally {
      await disk.context.close();
    }
    const server = await serve(dir, '/kb/');
    const allowed = (u) => u.startsWith(server.url) || u === 'about:blank' || u.startsWith('data:') || u === server.origin + '/favicon.ico';
    const web = await watchedContext(server.url, allowed);
    try {
      await familyChecks(lang, server.url, await web.context.newPage(), 'http');
      await check(`http ${lang}: every request under /kb/ succeeds, search/stem.js is loaded; no console errors`, async () => {
        const bad = server.log.filter((l) => l.status !== 200 && l.path !== '/favicon.ico');
        expect(bad.length === 0, `failed requests: ${bad.map((l) => `${l.path} ${l.status}`).join(', ')}`);
        expect(server.log.some((l) => l.path === '/kb/search/stem.js'), 'search/stem.js was not loaded');
        expect(web.problems.length === 0, web.problems.join('\n'));
      });
    } finally {
      await web.context.close();
      await server.close();
    }
  }
}

async function fileChecks() {
  const base = pathToFileURL(outDir + path.sep).href; // file:///…/site/
  const searchUrl = base + 'search/index.html';
  const { context, problems } = await watchedContext('file://', (u) => u.startsWith('file:') || u.startsWith('data:') || u === 'about:blank');
  const page = await context.newPage();

  await check('search page has #search-input, #search-status, #search-results and loads the manifest', async () => {
    await page.goto(searchUrl);
    const s = await page.evaluate(() => ({
      input: !!document.querySelector('input#search-input[type=search]'),
      status: document.querySelector('#search-status')?.getAttribute('role'),
      results: document.querySelector('#search-results')?.tagName,
      manifest: !!(window.brobyggerSearch && window.brobyggerSearch.manifest),
    }));
    expect(s.input, 'no <input type="search" id="search-input">');
    expect(s.status === 'status', `#search-status role is ${s.status}, expected "status"`);
    expect(s.results === 'OL', `#search-results is ${s.results}, expected OL`);
    expect(s.manifest, 'window.brobyggerSearch.manifest is not set after load (search/index.js)');
  });

  for (const [q, title, why] of FINDS) {
    await check(`"${q}" finds "${title}" (${why})`, async () => {
      const r = await typeQuery(page, searchUrl, q);
      expect(indexOfTitle(r, title) >= 0, `"${title}" is not among the results.\n${show(r)}`);
    });
  }
  for (const [q, href, why] of FINDS_HREF) {
    await check(`"${q}" finds ${href} (${why})`, async () => {
      const r = await typeQuery(page, searchUrl, q);
      expect(indexOfHref(r, href) >= 0, `no result links to ${href}.\n${show(r)}`);
    });
  }

  await check('result links are relative to the search page and open existing pages', async () => {
    const r = await typeQuery(page, searchUrl, 'vasteras');
    expect(r.items.length > 0, `no results.\n${show(r)}`);
    for (const it of r.items) {
      expect(it.href.startsWith('../') && it.href.endsWith('/index.html'), `href ${it.href} is not ../…/index.html`);
      const file = new URL(it.url).pathname;
      expect(existsSync(decodeURIComponent(file)), `result ${it.title} links to ${file}, which does not exist`);
    }
  });

  for (const [q, title] of FIRST) {
    await check(`"${q}" ranks "${title}" (title match) first`, async () => {
      const r = await typeQuery(page, searchUrl, q);
      const i = indexOfTitle(r, title);
      expect(i === 0, `"${title}" is ${i < 0 ? 'missing' : `number ${i + 1}`}; by the spec a title word weighs 10, ` +
        `a linked name 5 and body words at most 5, so the page named "${title}" must come first.\n${show(r)}`);
    });
  }

  await check('"tillid": title matches rank before body-only matches', async () => {
    const r = await typeQuery(page, searchUrl, 'tillid');
    const withTitle = r.items
      .map((it, i) => [i, it.title])
      .filter(([, t]) => fold(t).some((w) => w.startsWith('tillid')));
    // In their bodies only (not in title, tags or linked names): checked by hand in content/.
    const bodyOnly = ['Vis, hvordan deltagernes bidrag bliver brugt', 'Inddrag alle deltageres perspektiver – også i enkeltsamtaler'];
    expect(withTitle.length >= 3, `expected the 3 titles with tillid/tilliden, got ${withTitle.length}.\n${show(r, 20)}`);
    const lastTitle = Math.max(...withTitle.map(([i]) => i));
    for (const b of bodyOnly) {
      const i = indexOfTitle(r, b);
      expect(i >= 0, `body-only match "${b}" is missing.\n${show(r, 20)}`);
      expect(i > lastTitle, `body-only match "${b}" (number ${i + 1}) ranks before a title match (number ${lastTitle + 1}).\n${show(r, 20)}`);
    }
  });

  await check('the body text of a wikilink without its own text (the target\'s title) is searchable', async () => {
    // recommendations/alle-perspektiver says ([[jaevnlige-moeder-med-facilitator]]), shown as
    // "Facilitatoren mødes jævnligt med hver enkelt deltager".
    const r = await typeQuery(page, searchUrl, 'jævnligt');
    expect(indexOfHref(r, 'recommendations/alle-perspektiver/') >= 0,
      `the page whose body shows the link "Facilitatoren mødes jævnligt …" is not found.\n${show(r)}`);
  });

  await check('internal wikilink markers are not indexed: "a0", "t0", "e0" find nothing', async () => {
    for (const q of ['a0', 't0', 'e0']) {
      const r = await typeQuery(page, searchUrl, q);
      expect(r.items.length === 0, `"${q}" (not a word of any page) finds pages.\n${show(r, 3)}`);
    }
  });

  await check('"tillid relationer": every word must match; the two titles with both come first', async () => {
    const r = await typeQuery(page, searchUrl, 'tillid relationer');
    const top = titles(r).slice(0, 2).sort();
    const want = ['Byg tillid og relationer – også uformelt', 'Det tager tid at skabe relationer og tillid, når interesserne er forskellige'];
    expect(JSON.stringify(top) === JSON.stringify(want), `top two are ${JSON.stringify(top)}.\n${show(r)}`);
    const one = await typeQuery(page, searchUrl, 'tillid');
    expect(r.items.length <= one.items.length, `"tillid relationer" has more results (${r.items.length}) than "tillid" (${one.items.length})`);
  });

  await check('a word that occurs nowhere: no results and the "none" sentence', async () => {
    const r = await typeQuery(page, searchUrl, 'xylofonqz');
    expect(r.items.length === 0, `expected no results.\n${show(r)}`);
    expect(/ingen/i.test(r.status) && r.status.includes('xylofonqz'), `status is ${JSON.stringify(r.status)}`);
  });

  await check('one character: no results and the "type at least 2" sentence', async () => {
    await page.goto(searchUrl);
    await page.click('#search-input');
    await page.keyboard.type('s');
    await page.waitForFunction(() => document.querySelector('#search-status').textContent.trim() !== '', null, { timeout: 5000 });
    const r = await readResults(page);
    expect(r.items.length === 0, `expected no results.\n${show(r)}`);
    expect(/2/.test(r.status), `status is ${JSON.stringify(r.status)}, expected the "at least 2 characters" sentence`);
  });

  await check('a query with markup is shown as text, never as HTML', async () => {
    const q = '<img src=x onerror=alert(1)>sala';
    let dialog = false;
    page.once('dialog', (d) => { dialog = true; d.dismiss(); });
    const r = await typeQuery(page, searchUrl, q);
    const injected = await page.evaluate(() => document.querySelectorAll('#search-status *, #search-results img').length);
    expect(!dialog && injected === 0, `markup from the query was rendered (${injected} elements, dialog: ${dialog})`);
    expect(r.status.includes('<img'), `status does not show the query as text: ${JSON.stringify(r.status)}`);
  });

  await check('snippet and kind label are shown, and matched words are marked', async () => {
    const r = await typeQuery(page, searchUrl, 'vasteras');
    const item = await page.evaluate(() => {
      const li = [...document.querySelectorAll('#search-results > li')]
        .find((li) => li.querySelector('a')?.textContent.trim() === 'Västerås stad');
      return li && {
        text: li.textContent.replace(/\s+/g, ' ').trim(),
        title: li.querySelector('a').textContent.trim(),
        marks: [...li.querySelectorAll('a mark')].map((m) => m.textContent),
      };
    });
    expect(item, `"Västerås stad" is not among the results.\n${show(r)}`);
    expect(item.marks.includes('Västerås'), `no <mark>Västerås</mark> in the title link; marks: ${JSON.stringify(item.marks)}`);
    expect(/partner/i.test(item.text.replace(item.title, '')), `no kind label "Partner" in ${JSON.stringify(item.text)}`);
    expect(item.text.length > item.title.length + 20, `no snippet in ${JSON.stringify(item.text)}`);
  });

  await check('ArrowDown moves focus to the first result; Enter opens it', async () => {
    const r = await typeQuery(page, searchUrl, 'sala');
    expect(r.items.length > 0, `no results.\n${show(r)}`);
    await page.keyboard.press('ArrowDown');
    const focused = await page.evaluate(() => {
      const a = document.querySelector('#search-results a');
      return { first: document.activeElement === a, href: a && a.href, active: document.activeElement?.outerHTML.slice(0, 120) };
    });
    expect(focused.first, `focus is on ${focused.active}, not on the first result link`);
    await page.keyboard.press('ArrowDown');
    const second = await page.evaluate(() => document.activeElement === document.querySelectorAll('#search-results a')[1]);
    expect(r.items.length < 2 || second, 'a second ArrowDown does not move to the second result');
    await page.keyboard.press('ArrowUp');
    await Promise.all([page.waitForURL(focused.href, { timeout: 5000 }), page.keyboard.press('Enter')]);
    expect(page.url() === focused.href, `Enter opened ${page.url()}, expected ${focused.href}`);
    const h1 = await page.textContent('h1');
    expect(h1 && h1.trim() === r.items[0].title, `the opened page's h1 is ${JSON.stringify(h1)}, expected ${JSON.stringify(r.items[0].title)}`);
  });

  await check('?q= on the URL fills the input and shows results', async () => {
    await page.goto(searchUrl + '?q=' + encodeURIComponent('västerås'));
    const r = await waitForAnswer(page, 'västerås');
    expect(r.input === 'västerås', `input holds ${JSON.stringify(r.input)}`);
    expect(indexOfTitle(r, 'Västerås stad') >= 0, `"Västerås stad" is not among the results.\n${show(r)}`);
  });

  for (const from of ['index.html', 'partners/vive/index.html']) {
    await check(`the header search form of ${from} opens the search page with the results`, async () => {
      await page.goto(base + from);
      const input = page.locator('header form[role=search] input[name=q]');
      expect((await input.count()) === 1, 'no header form[role=search] with input[name=q]');
      await input.click();
      await page.keyboard.type('sala');
      await Promise.all([page.waitForURL(/search\/index\.html\?q=sala$/, { timeout: 5000 }), page.keyboard.press('Enter')]);
      const r = await waitForAnswer(page, 'sala');
      expect(indexOfTitle(r, 'Sala kommun') >= 0, `"Sala kommun" is not among the results.\n${show(r)}`);
    });
  }

  await check('typing fast: the answer shown is for the last query', async () => {
    await page.goto(searchUrl);
    await page.click('#search-input');
    await page.keyboard.type('tillid', { delay: 0 });
    await page.keyboard.press('Control+A');
    await page.keyboard.type('skillnad', { delay: 0 });
    const r = await waitForAnswer(page, 'skillnad');
    await page.waitForTimeout(300);
    const later = await readResults(page);
    expect(JSON.stringify(later) === JSON.stringify(r), 'the results changed after the answer for the last query was shown');
    expect(indexOfHref(later, 'quotes/vinster-aat-alle/') >= 0 && later.items.length <= 3, `results are not those of "skillnad".\n${show(later)}`);
  });

  await check('file://: no console errors, no page errors, no request to any host', async () => {
    expect(problems.length === 0, problems.join('\n'));
  });

  await context.close();
}

async function subPathChecks() {
  const server = await serve(outDir, '/kb/');
  const allowed = (u) => u.startsWith(server.url) || u === 'about:blank' || u.startsWith('data:') ||
    u === server.origin + '/favicon.ico'; // Chromium asks for it by itself when a page names no icon
  const { context, problems } = await watchedContext(server.url, allowed);
  const page = await context.newPage();
  const searchUrl = server.url + 'search/index.html';
  try {
    await check(`under a sub-path (${searchUrl}): typing "vasteras" finds "Västerås stad"`, async () => {
      const r = await typeQuery(page, searchUrl, 'vasteras');
      expect(indexOfTitle(r, 'Västerås stad') >= 0, `"Västerås stad" is not among the results.\n${show(r)}`);
      for (const it of r.items) expect(it.url.startsWith(server.url), `result ${it.title} links to ${it.url}, outside ${server.url}`);
      const res = await page.goto(r.items[0].url);
      expect(res && res.status() === 200, `opening the first result ${r.items[0].url} gave ${res && res.status()}`);
    });
    await check('under a sub-path: ?q= and the header form work', async () => {
      await page.goto(server.url + 'partners/vive/index.html');
      await page.locator('header form[role=search] input[name=q]').click();
      await page.keyboard.type('skillnad');
      await Promise.all([page.waitForURL(/\/kb\/search\/index\.html\?q=skillnad$/, { timeout: 5000 }), page.keyboard.press('Enter')]);
      const r = await waitForAnswer(page, 'skillnad');
      expect(indexOfHref(r, 'quotes/vinster-aat-alle/') >= 0, `the quote is not among the results.\n${show(r)}`);
    });
    await check('under a sub-path: every request stays under /kb/ and succeeds; no console errors', async () => {
      const outside = server.log.filter((l) => !l.path.startsWith('/kb/') && l.path !== '/favicon.ico');
      const bad = server.log.filter((l) => l.path.startsWith('/kb/') && l.status !== 200);
      expect(outside.length === 0, `requests outside /kb/: ${outside.map((l) => l.path).join(', ')}`);
      expect(bad.length === 0, `failed requests: ${bad.map((l) => `${l.path} ${l.status}`).join(', ')}`);
      expect(problems.length === 0, problems.join('\n'));
      const searchFiles = server.log.filter((l) => l.path.startsWith('/kb/search/'));
      expect(searchFiles.some((l) => /\/kb\/search\/t\/\d+\.js$/.test(l.path)), 'no term part search/t/N.js was loaded');
    });
  } finally {
    await context.close();
    await server.close();
  }
}

try {
  if (familyMode) {
    await familiesFromDiskAndHttp();
  } else {
    await fileChecks();
    await subPathChecks();
  }
} catch (e) {
  failures.push(`unexpected error: ${e.stack || e}`);
} finally {
  await browser.close();
}

finish();
