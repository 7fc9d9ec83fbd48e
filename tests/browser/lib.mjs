// Shared by tests/browser/search.mjs and bench/search.mjs: starting Debian's Chromium through
// playwright-core (which must never download a browser of its own), a tiny static file server
// of node's http module, the search's folding rule, and typing a query and reading the answer.

import { createRequire } from 'node:module';
import { existsSync, statSync, createReadStream } from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import { spawn } from 'node:child_process';

export const CHROMIUM = process.env.BROBYGGER_CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

const HOW_TO_INSTALL =
  'The browser tests need Debian\'s Chromium and the npm package playwright-core:\n' +
  '    apt-get install chromium      # gives /usr/bin/chromium\n' +
  '    npm ci                        # in the repository root; installs playwright-core from package-lock.json\n' +
  'playwright-core never downloads a browser; it drives /usr/bin/chromium.';

/** Loads playwright-core from the repository's node_modules, or exits with install advice. */
export async function loadPlaywright() {
  if (!existsSync(CHROMIUM)) {
    fail(`${CHROMIUM} not found.\n${HOW_TO_INSTALL}`);
  }
  try {
    const require = createRequire(import.meta.url);
    return require('playwright-core');
  } catch (e) {
    fail(`playwright-core is not installed (${e.code || e.message}).\n${HOW_TO_INSTALL}`);
  }
}

/**
 * Launches Chromium headless. Playwright gives it a fresh temporary profile (user-data dir),
 * removed when the browser closes; each browser.newContext() is a new, empty profile state
 * with its own cache.
 */
export async function launchBrowser(pw) {
  return pw.chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serves folder `root` at http://127.0.0.1:<random port><prefix> (prefix like "/kb/").
 * No compression, no caching headers: the bytes sent are the files' bytes. Records every
 * request path in `log` (array of { path, status }).
 */
export async function serve(root, prefix = '/') {
  const log = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    let status = 200;
    let file = null;
    const p = decodeURIComponent(url.pathname);
    if (!p.startsWith(prefix)) {
      status = 404;
    } else {
      file = path.join(root, p.slice(prefix.length));
      if (!path.resolve(file).startsWith(path.resolve(root))) status = 403;
      else if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
      if (status === 200 && !(existsSync(file) && statSync(file).isFile())) status = 404;
    }
    log.push({ path: p, status });
    if (status !== 200) {
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(`${status} ${p}\n`);
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[path.extname(file)] || 'application/octet-stream',
      'content-length': statSync(file).size,
      'cache-control': 'no-store',
    });
    createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}${prefix}`,
    log,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** The search's folding rule (search spec): lowercase, æ→ae, ø/ö→o, å/ä→a, accents dropped. */
export function fold(text) {
  const map = {
    æ: 'ae', ø: 'o', ö: 'o', ó: 'o', ò: 'o', ô: 'o', å: 'a', ä: 'a', á: 'a', à: 'a', â: 'a',
    ü: 'u', ú: 'u', ù: 'u', û: 'u', é: 'e', è: 'e', ê: 'e', ë: 'e', í: 'i', ì: 'i', î: 'i', ï: 'i', ß: 'ss',
  };
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]/g, (c) => map[c] ?? ' ')
    .split(/\s+/)
    .filter(Boolean);
}

/**
 * Reads what the search page shows: the status sentence and each result's link text, href
 * (as written and as resolved) and the whole item's text.
 */
export async function readResults(page) {
  return page.evaluate(() => {
    const status = document.querySelector('#search-status')?.textContent.trim() ?? null;
    const items = [...document.querySelectorAll('#search-results > li')].map((li) => {
      const a = li.querySelector('a[href]');
      return {
        title: a ? a.textContent.replace(/\s+/g, ' ').trim() : null,
        href: a ? a.getAttribute('href') : null,
        url: a ? a.href : null,
        text: li.textContent.replace(/\s+/g, ' ').trim(),
      };
    });
    return { status, items, input: document.querySelector('#search-input')?.value ?? null };
  });
}

/**
 * Waits until the page shows the answer to `query`: the status names the query (the sentences
 * are "{count} resultater for „{query}“" / "Ingen resultater for „{query}“"), or, failing that,
 * status and results have not changed for `quietMs`. Returns readResults().
 */
export async function waitForAnswer(page, query, { timeout = 10000, quietMs = 400 } = {}) {
  const q = query.trim();
  try {
    await page.waitForFunction(
      (q) => {
        const s = document.querySelector('#search-status');
        return !!s && s.textContent.includes(q);
      },
      q,
      { timeout: Math.min(timeout, 5000), polling: 10 },
    );
  } catch {
    // The status does not quote the query: wait until nothing changes any more.
    const end = Date.now() + timeout;
    let last = '';
    let since = Date.now();
    while (Date.now() < end) {
      const now = await page.evaluate(
        () => (document.querySelector('#search-status')?.textContent ?? '') + '\n' +
          (document.querySelector('#search-results')?.innerHTML ?? ''),
      );
      if (now !== last) {
        last = now;
        since = Date.now();
      } else if (Date.now() - since >= quietMs) {
        break;
      }
      await page.waitForTimeout(25);
    }
  }
  return readResults(page);
}

/**
 * Whether a console message is Chromium's own "Failed to load resource" for /favicon.ico, which
 * it asks for by itself when a page names no icon (not the site's doing).
 */
export function isFaviconNoise(msg) {
  return msg.text().startsWith('Failed to load resource') && /\/favicon\.ico$/.test(msg.location()?.url || '');
}

/**
 * Starts `brobygger serve` (the binary at `binary`) on a free port for the site at `root`, and
 * resolves once it names its address. `log()` is everything it has printed on stderr so far.
 */
export async function startServe(binary, root) {
  const child = spawn(binary, ['serve', '--port', '0', '--root', root], {
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${log}`)), 60000);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
      log += chunk;
      // The line that names the address, in the site's language.
      const m = log.match(/(http:\/\/\S+)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`serve exited (${code}):\n${log}`)));
  });
  return { serve: child, url, log: () => log };
}

export function fail(message) {
  console.error(`FAIL: ${message}`);
  process.exit(1);
}

/** The repository's node_modules, for the npm packages the browser tests use besides playwright. */
export function requireFromRepo(name, advice) {
  try {
    const require = createRequire(import.meta.url);
    return require.resolve(name);
  } catch (e) {
    fail(`${name} is not installed (${e.code || e.message}).\n${advice}`);
  }
}

/**
 * Records, on every page of `context`, what a reader would count as the site misbehaving:
 * console errors, uncaught exceptions, failed loads, HTTP errors, and any request that
 * `allowed(url)` refuses (those are also aborted, so nothing leaves the machine).
 * Returns the list the problems are pushed to, each prefixed with `label`.
 */
export async function watchContext(context, label, allowed) {
  const problems = [];
  await context.route((url) => !allowed(url.href), (route) => {
    problems.push(`${label}: request to ${route.request().url()} (aborted)`);
    return route.abort();
  });
  const watch = (page) => {
    page.on('console', (m) => {
      if (m.type() === 'error' && !isFaviconNoise(m)) problems.push(`${label}: console error on ${page.url()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`${label}: uncaught exception on ${page.url()}: ${e.message}`));
    page.on('requestfailed', (req) => {
      if (allowed(req.url())) problems.push(`${label}: failed to load ${req.url()}: ${req.failure()?.errorText}`);
    });
    page.on('response', (res) => {
      if (res.status() >= 400 && !/\/favicon\.ico$/.test(res.url())) problems.push(`${label}: ${res.status()} for ${res.url()}`);
    });
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  return problems;
}

/**
 * A runner of named checks: an exception or a false `expect` records a failure and the run
 * goes on, so one report lists everything that is wrong.
 */
export function checker() {
  const failures = [];
  let passed = 0;
  return {
    failures,
    get passed() { return passed; },
    async check(name, fn) {
      const t = Date.now();
      try {
        await fn();
        passed++;
        console.log(`ok    ${name} (${Date.now() - t} ms)`);
      } catch (e) {
        failures.push(`${name}: ${e.message}`);
        console.log(`FAIL  ${name}\n      ${e.message.replace(/\n/g, '\n      ')}`);
      }
    },
    /** Reports the run; on a failure prints `context()` too (say, a server's log) and exits 1. */
    finish(context = () => '') {
      console.log(`\n${passed} passed, ${failures.length} failed`);
      if (failures.length) {
        const more = context();
        console.error(`\nFAILED (${failures.length}):\n- ${failures.join('\n- ')}${more ? `\n\n${more}` : ''}`);
        process.exit(1);
      }
    },
  };
}

export function expect(cond, message) {
  if (!cond) throw new Error(message);
}

/** Stops a hung browser from hanging the test run. */
export function watchdog(ms = Number(process.env.BROBYGGER_BROWSER_TIMEOUT_MS || 240000)) {
  const timer = setTimeout(() => fail(`timed out after ${ms / 1000} s`), ms);
  timer.unref();
}
