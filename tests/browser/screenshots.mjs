#!/usr/bin/env node
// Regenerates docs/screenshots/: the example site's front page, a partner page with its charts,
// a partnership with its sector coverage, the contributions heat map and the network page at
// 1280 px (a laptop) and 375 px (a phone), as Debian's Chromium shows them.
//
//     npm run screenshots                       # builds the example site with cargo first
//     node tests/browser/screenshots.mjs [OUTPUT_DIR]   # or: an already built site
//
// Each picture is one screen (the viewport), not the whole page, to keep the files small; when
// pngquant is installed (apt-get install pngquant) the pictures are squeezed with it.

import path from 'node:path';
import { mkdtempSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadPlaywright, launchBrowser, fail } from './lib.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const target = path.join(repo, 'docs', 'screenshots');

let site = process.argv[2] && path.resolve(process.argv[2]);
let tmp = null;
if (!site) {
  tmp = mkdtempSync(path.join(tmpdir(), 'brobygger-screenshots-'));
  site = path.join(tmp, 'site');
  try {
    execFileSync('cargo', ['run', '--quiet', '--', 'build', '--root', repo, '--output', site], { cwd: repo, stdio: 'inherit' });
  } catch (e) {
    fail(`building the example site failed: ${e.message}`);
  }
}

/** [file name, page, CSS selector scrolled to the top of the screen (or none)] */
const SHOTS = [
  ['front', 'index.html', null],
  ['partner', 'partners/riconfigure/index.html', null],
  ['partnership', 'partnerships/tre-partnerskaber-1/index.html', null],
  ['contributions', 'contributions/index.html', '#by-kind-heading'],
  ['network', 'network/index.html', '.network-figure'],
];
const WIDTHS = [[1280, 800], [375, 812]];

const pw = await loadPlaywright();
const browser = await launchBrowser(pw);
mkdirSync(target, { recursive: true });
try {
  for (const [width, height] of WIDTHS) {
    const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: 1 });
    for (const [name, p, scrollTo] of SHOTS) {
      await page.goto(pathToFileURL(path.join(site, p)).href);
      if (scrollTo) await page.evaluate((sel) => document.querySelector(sel)?.scrollIntoView(), scrollTo);
      const file = path.join(target, `${name}-${width}.png`);
      await page.screenshot({ path: file });
      // Lossy but not to the eye: a page is mostly flat colour, which a 256-colour palette keeps.
      spawnSync('pngquant', ['--force', '--skip-if-larger', '--quality', '70-95', '--ext', '.png', file]);
      console.log(`${path.relative(repo, file)}  ${Math.round(statSync(file).size / 1024)} KB`);
    }
    await page.close();
  }
} finally {
  await browser.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
}
