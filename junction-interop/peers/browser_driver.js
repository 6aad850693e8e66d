#!/usr/bin/env node
// Drives Debian's headless chromium with npm playwright-core 1.65.1 (no browser download):
// opens URL in a fresh context, waits until the page's #status is "done" or "failed: ...", and
// prints one JSON line with what the page shows: {"status": ..., "waitError": null or why the
// wait ended, "results": {key: [texts]}, "console": [...], "pageErrors": [...]}. The browser is
// always closed; exits 0 once the line is printed (the Java test judges it), 1 if the browser could not be driven.
//
//   browser_driver.js URL
'use strict';

const { chromium } = require('playwright-core');

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

async function main(url) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: 30000 });
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    const consoleLines = [];
    const pageErrors = [];
    page.on('console', (m) => consoleLines.push(m.type() + ': ' + m.text()));
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    await page.goto(url, { timeout: 30000 });
    let waitError = null;
    try {
      await page.waitForFunction(
        () => /^(done|failed)/.test(document.getElementById('status').textContent), null, { timeout: 30000 });
    } catch (e) {
      waitError = String(e.message || e); // still print what the page shows
    }
    const status = await page.textContent('#status');
    const results = await page.$$eval('[data-k]', (items) => {
      const out = {};
      for (const item of items) {
        (out[item.dataset.k] = out[item.dataset.k] || []).push(item.textContent);
      }
      return out;
    });
    process.stdout.write(JSON.stringify({ status, waitError, results, console: consoleLines, pageErrors }) + '\n');
  } finally {
    await browser.close();
  }
}

if (process.argv.length !== 3) {
  process.stderr.write('usage: browser_driver.js URL\n');
  process.exit(2);
}
setTimeout(() => {
  process.stderr.write('browser_driver: gave up after 90 s\n');
  process.exit(1);
}, 90000).unref();
main(process.argv[2]).then(() => process.exit(0), (e) => {
  process.stderr.write(String(e && e.stack ? e.stack : e) + '\n');
  process.exit(1);
});
