// Entry of the self-contained report (`concord report`): reads the data inlined in
// <script id="concord-data"> and draws every chart. With the fragment #export (used by
// `concord report --figures` in headless Chromium) it then writes every chart as base64 SVG
// and PNG into <pre id="concord-export"> for concord to read from the dumped page.
import { renderReport, exportFigures } from './charts.js';

async function main() {
  const root = document.getElementById('concord-report');
  const exporting = location.hash === '#export';
  try {
    const data = JSON.parse(document.getElementById('concord-data').textContent);
    const views = await renderReport(root, data);
    window.concordViews = views;
    if (exporting) {
      const figures = await exportFigures(views);
      const failed = [...document.querySelectorAll('figure.chart[data-rendered="error"]')].map((f) => `${f.dataset.chart}: ${f.querySelector('.error') ? f.querySelector('.error').textContent : 'failed'}`);
      const pre = document.createElement('pre');
      pre.id = 'concord-export';
      pre.textContent = JSON.stringify({ figures, failed });
      document.body.append(pre);
    }
  } catch (err) {
    root.append(Object.assign(document.createElement('p'), { className: 'error', textContent: `The report could not be drawn: ${err && err.message ? err.message : err}` }));
    if (exporting) {
      const pre = document.createElement('pre');
      pre.id = 'concord-export';
      pre.textContent = JSON.stringify({ error: String(err && err.message ? err.message : err) });
      document.body.append(pre);
    }
  }
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', main);
else main();
