// Browser tests of concord's web app and report (issue 15), run by ctest (web.browser):
// playwright-core drives Debian's headless Chromium against `concord serve` on a free loopback
// port with a fresh workspace, then opens a generated report offline.
//   1. the app loads and lists the shipped scenarios; a scenario shows its actors,
//      institutions, flashpoints and dyads;
//   2. an error introduced in an order is located at its line by the order loader;
//   3. a small comparison runs with live progress to completion, and its Kaplan-Meier chart
//      holds one curve per order (the rendered SVG's marks are counted, not pixels);
//   4. a report written by `concord report` opens offline (every request that is not a
//      file: URL is refused and counted) and every chart in it renders.
// Screenshots of each page go to $CONCORD_ARTEFACTS. Environment: CONCORD_BINARY,
// CONCORD_CHROMIUM, CONCORD_ARTEFACTS (set by cmake/web.cmake and run-browser-tests.sh).
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const binary = process.env.CONCORD_BINARY;
const executablePath = process.env.CONCORD_CHROMIUM || '/usr/bin/chromium';
const artefacts = process.env.CONCORD_ARTEFACTS || path.join(os.tmpdir(), 'concord-browser-artefacts');
fs.mkdirSync(artefacts, { recursive: true });
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-browser-'));
const workspace = path.join(work, 'workspace');
const started = Date.now();
const ORDERS = ['multiplex', 'g2', 'concert'];

let passed = 0;
let failed = 0;
const failures = [];
function check(cond, what) {
  if (cond) {
    passed++;
    console.log(`ok: ${what}`);
  } else {
    failed++;
    failures.push(what);
    console.log(`FAILED: ${what}`);
  }
}

function startServer() {
  return new Promise((resolve, reject) => {
    const proc = spawn(binary, ['serve', '--port', '0', '--workspace', workspace, '--max-runs', '2000', '--max-jobs', '2'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`concord serve printed no address within 30 s: ${out}`)), 30000);
    proc.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) {
        clearTimeout(timer);
        resolve({ proc, url: `http://127.0.0.1:${m[1]}` });
      }
    });
    proc.stderr.on('data', (d) => process.stderr.write(`[serve] ${d}`));
    proc.on('exit', (code) => reject(new Error(`concord serve exited with ${code}: ${out}`)));
  });
}

const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

async function shot(page, name) {
  await page.screenshot({ path: path.join(artefacts, `${name}.png`), fullPage: true });
}

async function main() {
  const server = await startServer();
  const browser = await chromium.launch({ executablePath, headless: true, args: FLAGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const pageErrors = [];
    page.on('pageerror', (e) => pageErrors.push(String(e)));

    // 1. the app and a scenario
    await page.goto(`${server.url}/#/scenarios`);
    await page.waitForSelector('#scenario-list li');
    const shipped = fs.readdirSync(path.join(path.dirname(new URL(import.meta.url).pathname), '..', '..', 'scenarios')).filter((f) => f.endsWith('.toml'));
    check(await page.locator('#scenario-list li').count() === shipped.length, `the app lists the ${shipped.length} shipped scenarios`);
    await shot(page, '01-scenarios');
    await page.click('#scenario-list a >> text=asia-pacific-2015');
    await page.waitForSelector('#actors tr >> nth=1');
    const toml = fs.readFileSync(path.join(path.dirname(new URL(import.meta.url).pathname), '..', '..', 'scenarios', 'asia-pacific-2015.toml'), 'utf8');
    const actorCount = (toml.match(/^\[\[actor\]\]/gm) || []).length;
    check(await page.locator('#actors tr').count() === actorCount + 1, `the scenario page shows its ${actorCount} actors`);
    const instCount = (toml.match(/^\[\[institution\]\]/gm) || []).length;
    check(await page.locator('#institutions tr').count() === instCount + 1, `and its ${instCount} institutions`);
    check(await page.locator('#flashpoints tr').count() > 1, 'and its flashpoints');
    await shot(page, '02-scenario');

    // 2. an error introduced in an order is located
    await page.goto(`${server.url}/#/order/preset/multiplex`);
    await page.waitForSelector('#order-toml');
    await page.waitForSelector('#order-problems li.ok');
    check(await page.locator('#order-form input').count() > 3, 'the order form shows the order file\'s fields');
    const original = await page.inputValue('#order-toml');
    const badLine = original.split('\n').length + 1;
    await page.fill('#order-toml', `${original}\nrestraintt = 0.5\n`);
    await page.waitForSelector('#order-problems li.problem', { timeout: 15000 });
    const problem = await page.locator('#order-problems li.problem').first().textContent();
    check(problem.includes(`line ${badLine}`) && problem.includes('restraintt'), `the misspelt key is located at line ${badLine}: "${problem}"`);
    await shot(page, '03-order-error');
    // fixing the text removes the problem; the form edits the TOML in place
    await page.fill('#order-toml', original);
    await page.waitForSelector('#order-problems li.ok', { timeout: 15000 });
    check(true, 'restoring the text clears the problem');
    const field = page.locator('#order-form input[data-path="restraint.toward_great_powers"]');
    await field.fill('0.7');
    await field.dispatchEvent('change');
    const edited = await page.inputValue('#order-toml');
    check(/^toward_great_powers = 0\.7$/m.test(edited) && edited.split('\n').length === original.split('\n').length,
      'a form field rewrites its own line of the TOML, nothing else');
    await field.fill('7');
    await field.dispatchEvent('change');
    await page.waitForSelector('#order-problems li.problem', { timeout: 15000 });
    const range = await page.locator('#order-problems li.problem').first().textContent();
    check(range.includes('toward_great_powers'), `an out-of-range value typed in the form is located too: "${range}"`);

    // 3. a small comparison with live progress; one Kaplan-Meier curve per order
    await page.goto(`${server.url}/#/runs`);
    await page.waitForSelector('#run-orders input');
    await page.$$eval('#run-orders input', (boxes) => boxes.forEach((b) => { b.checked = false; }));
    for (const o of ORDERS) await page.check(`#run-orders input[value="${o}"]`);
    await page.fill('#run-runs', '40');
    await page.fill('#run-years', '15');
    await page.click('#run-start');
    await page.waitForSelector('.job[data-status]', { timeout: 120000 });
    const status = await page.locator('.job').first().getAttribute('data-status');
    check(status === 'complete', `the comparison finished (status ${status})`);
    const counted = await page.locator('.job .job-count').first().textContent();
    check(counted.trim() === `${40 * ORDERS.length} / ${40 * ORDERS.length} runs`, `progress reached every run (${counted.trim()})`);
    await shot(page, '04-run-complete');
    await page.click('.job a.job-open');
    await page.waitForSelector('#result[data-rendered]', { timeout: 60000 });
    const km = await page.locator('figure[data-chart="survival"] .mark-line path').count();
    check(km === ORDERS.length, `the Kaplan-Meier chart holds one curve per order (${km} of ${ORDERS.length})`);
    const points = await page.locator('figure[data-chart="gp_war"] .mark-symbol path').count();
    check(points === ORDERS.length, `the P(great-power war) chart holds one point per order (${points})`);
    const forest = await page.locator('figure[data-chart="forest"] .mark-symbol path').count();
    check(forest === ORDERS.length - 1, `the forest plot holds one point per order but the baseline (${forest})`);
    const fans = await page.locator('figure[data-chart="fan_mids"] .mark-line path').count();
    check(fans === ORDERS.length, `the fan chart of disputes has one median line per order (${fans})`);
    await shot(page, '05-result');
    check(pageErrors.length === 0, `no script error in the app (${pageErrors.join('; ')})`);

    // 4. the report, offline
    const jobs = await (await fetch(`${server.url}/api/runs`)).json();
    const store = path.join(workspace, jobs.runs[0].store);
    const report = path.join(work, 'report.html');
    execFileSync(binary, ['report', store, '-o', report], { stdio: 'inherit' });
    const offline = await browser.newContext({ offline: true, viewport: { width: 1280, height: 900 } });
    const outside = [];
    await offline.route('**/*', (route) => {
      if (route.request().url().startsWith('file:')) return route.continue();
      outside.push(route.request().url());
      return route.abort();
    });
    const rp = await offline.newPage();
    const reportErrors = [];
    rp.on('pageerror', (e) => reportErrors.push(String(e)));
    await rp.goto(`file://${report}`);
    await rp.waitForSelector('main[data-rendered]', { timeout: 60000 });
    const figures = await rp.locator('figure.chart').count();
    const rendered = await rp.locator('figure.chart[data-rendered="true"]').count();
    check(figures > 0 && rendered === figures, `every chart of the report rendered (${rendered} of ${figures})`);
    const empty = await rp.evaluate(() => [...document.querySelectorAll('figure.chart')].filter((f) => f.querySelectorAll('svg .role-mark path, svg .role-mark line, svg .role-mark rect').length === 0).map((f) => f.dataset.chart));
    check(empty.length === 0, `every chart holds marks (empty: ${empty.join(', ') || 'none'})`);
    check(outside.length === 0, `the report made no network request (${outside.join(', ') || 'none'})`);
    check(reportErrors.length === 0, `no script error in the report (${reportErrors.join('; ')})`);
    const kmReport = await rp.locator('figure[data-chart="survival"] .mark-line path').count();
    check(kmReport === ORDERS.length, `the report's Kaplan-Meier chart holds one curve per order (${kmReport})`);
    await shot(rp, '06-report-offline');
    await offline.close();
  } finally {
    await browser.close();
    server.proc.kill('SIGTERM');
    await new Promise((r) => { server.proc.once('exit', r); setTimeout(r, 10000); });
  }
}

try {
  await main();
} catch (err) {
  failed++;
  failures.push(String(err && err.stack ? err.stack : err));
  console.log(`FAILED: ${err && err.stack ? err.stack : err}`);
}
fs.rmSync(work, { recursive: true, force: true });
console.log(`screenshots: ${artefacts}`);
console.log(`browser tests took ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
