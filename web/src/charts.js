// The report's charts, shared by the self-contained report (report.js) and the web app
// (app.js). Input: the JSON of concord::report::collect (docs/report.md). Every chart is a
// Vega-Lite spec compiled here and rendered by vega as SVG (so tests can count its marks);
// each exports as SVG and PNG. Tables and columns are read by name; a section whose data the
// store lacks shows why instead of a chart.
import * as vega from 'vega';
import { compile } from 'vega-lite';
import css from './style.css?inline';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

export function injectStyle(doc = document) {
  if (doc.getElementById('concord-style')) return;
  const style = doc.createElement('style');
  style.id = 'concord-style';
  style.textContent = css;
  doc.head.appendChild(style);
}

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c);
  return e;
}
export { el };

const stats = (data, statistic, metric) =>
  (data.statistics || []).filter(
    (r) => r.statistic === statistic && (metric === undefined || r.metric === metric),
  );

function stateLabel(data, ccode) {
  const s = (data.states || {})[String(ccode)];
  return s && s.stateabb ? s.stateabb : String(ccode);
}

function orderScale(data) {
  const domain = (data.orders || []).slice();
  return { domain, scheme: domain.length > 10 ? 'tableau20' : 'tableau10' };
}

function pickColumn(row, names) {
  return names.find((n) => row && Object.prototype.hasOwnProperty.call(row, n));
}

const fmt = (v, d = 3) => (v === null || v === undefined || Number.isNaN(v) ? '-' : Number(v).toFixed(d));

// --- chart specs -----------------------------------------------------------------------------

function headlineChart(data) {
  const rows = stats(data, 'proportion', 'gp_war').map((r) => ({
    order: r.grp, estimate: r.estimate, lo: r.lo, hi: r.hi, n: r.n,
  }));
  if (!rows.length) return null;
  const y = { field: 'order', type: 'nominal', sort: { field: 'estimate', order: 'ascending' }, title: null };
  return {
    name: 'gp_war',
    title: 'Probability of a great-power war within the horizon',
    caption: 'Share of runs with a war between great powers; 95% Wilson intervals. Orders ranked by the estimate.',
    spec: {
      $schema: SCHEMA, width: 460, height: { step: 18 }, data: { values: rows },
      encoding: { y },
      layer: [
        { mark: { type: 'rule' }, encoding: { x: { field: 'lo', type: 'quantitative', title: 'P(great-power war)', scale: { domain: [0, 1] } }, x2: { field: 'hi' } } },
        { mark: { type: 'point', filled: true, size: 60 },
          encoding: { x: { field: 'estimate', type: 'quantitative' }, color: { field: 'order', type: 'nominal', scale: orderScale(data), legend: null },
            tooltip: [{ field: 'order' }, { field: 'estimate', format: '.3f' }, { field: 'lo', format: '.3f' }, { field: 'hi', format: '.3f' }, { field: 'n', title: 'runs' }] } },
      ],
    },
  };
}

function survivalChart(data) {
  const rows = stats(data, 'survival').map((r) => ({ order: r.grp, t: r.at, S: r.estimate, lo: r.lo, hi: r.hi, n: r.n }));
  if (!rows.length) return null;
  const orders = [...new Set(rows.map((r) => r.order))];
  for (const o of orders) rows.push({ order: o, t: 0, S: 1, lo: 1, hi: 1 });
  rows.sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : a.t - b.t));
  const color = { field: 'order', type: 'nominal', scale: orderScale(data), title: 'order' };
  return {
    name: 'survival',
    title: 'Time to the first great-power war (Kaplan-Meier)',
    caption: 'Share of runs without a great-power war after t years, one curve per order, with 95% Greenwood bands. Runs without one are censored at the horizon.',
    spec: {
      $schema: SCHEMA, width: 520, height: 300, data: { values: rows },
      encoding: { x: { field: 't', type: 'quantitative', title: 'years from the start', scale: { nice: false } } },
      layer: [
        { mark: { type: 'area', interpolate: 'step-after', opacity: 0.12 },
          encoding: { y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' }, color } },
        { mark: { type: 'line', interpolate: 'step-after', strokeWidth: 1.8 },
          encoding: { y: { field: 'S', type: 'quantitative', title: 'P(no great-power war yet)', scale: { zero: false } }, color,
            tooltip: [{ field: 'order' }, { field: 't', title: 'year' }, { field: 'S', format: '.3f' }, { field: 'lo', format: '.3f' }, { field: 'hi', format: '.3f' }, { field: 'n', title: 'at risk' }] } },
      ],
    },
  };
}

// Probability of superiority (the uncertainty issue): a statistics row of that name for the
// same group and metric, or a `superiority` table; either may be absent.
function superiorityOf(data, group, metric) {
  const r = (data.statistics || []).find(
    (s) => (s.statistic === 'probability_of_superiority' || s.statistic === 'superiority') && s.grp === group && s.metric === metric,
  );
  if (r) return r.estimate;
  const t = (data.tables || {}).superiority || [];
  const row = t.find((s) => (s.grp === group || s.order_name === group) && (s.metric === undefined || s.metric === metric));
  if (!row) return null;
  const col = pickColumn(row, ['probability', 'estimate', 'p_superiority', 'value']);
  return col ? row[col] : null;
}

function pairedMetrics(data) {
  return [...new Set(stats(data, 'paired_difference').map((r) => r.metric))];
}

function forestChart(data, metric = 'gp_war') {
  const rows = stats(data, 'paired_difference', metric).map((r) => {
    const [order, base] = String(r.grp).split(' - ');
    const sup = superiorityOf(data, r.grp, metric);
    return { order, baseline: base, estimate: r.estimate, lo: r.lo, hi: r.hi, n: r.n, superiority: sup, sup_text: sup === null ? '' : `P(sup) ${fmt(sup, 2)}` };
  });
  if (!rows.length) return null;
  const base = rows[0].baseline;
  const anySup = rows.some((r) => r.superiority !== null);
  const y = { field: 'order', type: 'nominal', sort: { field: 'estimate', order: 'ascending' }, title: null };
  const tooltip = [{ field: 'order' }, { field: 'estimate', format: '.4f' }, { field: 'lo', format: '.4f' }, { field: 'hi', format: '.4f' }, { field: 'n', title: 'pairs' }];
  if (anySup) tooltip.push({ field: 'superiority', title: 'P(superiority)', format: '.2f' });
  const layer = [
    { mark: { type: 'rule', color: '#888', strokeDash: [4, 3] }, encoding: { x: { datum: 0, type: 'quantitative' } } },
    { mark: 'rule', encoding: { x: { field: 'lo', type: 'quantitative', title: `${metric}: order − ${base} (paired, 95% interval)` }, x2: { field: 'hi' } } },
    { mark: { type: 'point', filled: true, size: 60, shape: 'square' },
      encoding: { x: { field: 'estimate', type: 'quantitative' }, color: { field: 'order', type: 'nominal', scale: orderScale(data), legend: null }, tooltip } },
  ];
  if (anySup) {
    layer.push({ mark: { type: 'text', align: 'left', dx: 6, fontSize: 10, color: '#444' },
      encoding: { x: { field: 'hi', type: 'quantitative' }, text: { field: 'sup_text' } } });
  }
  return {
    name: 'forest',
    title: `Difference from the baseline (${base})`,
    caption: `Mean paired difference of ${metric} from ${base} over replicates on common random numbers, with 95% Student intervals${anySup ? ' and the probability of superiority over parameter draws' : ''}. Left of the dashed line: less than the baseline.`,
    spec: { $schema: SCHEMA, width: 460, height: { step: 20 }, data: { values: rows }, encoding: { y }, layer },
  };
}

function decompositionChart(data) {
  const tables = data.tables || {};
  const name = ['decomposition', 'mechanisms', 'explain'].find((t) => (tables[t] || []).length);
  if (!name) return null;
  const sample = tables[name][0];
  const label = pickColumn(sample, ['mechanism', 'channel', 'term', 'name']);
  const value = pickColumn(sample, ['share', 'estimate', 'contribution', 'value']);
  const group = pickColumn(sample, ['order_name', 'order', 'grp']);
  const lo = pickColumn(sample, ['lo', 'share_lo']);
  const hi = pickColumn(sample, ['hi', 'share_hi']);
  const kind = pickColumn(sample, ['basis', 'evidence', 'kind', 'assumption']);
  if (!label || !value) return null;
  const rows = tables[name].map((r) => ({
    mechanism: r[label], value: r[value], order: group ? r[group] : '', lo: lo ? r[lo] : null, hi: hi ? r[hi] : null,
    basis: kind ? String(r[kind]) : 'mechanism',
  }));
  const layer = [
    { mark: 'bar', encoding: { x: { field: 'value', type: 'quantitative', title: value }, color: { field: 'basis', type: 'nominal', title: kind || 'basis' },
      tooltip: [{ field: 'order' }, { field: 'mechanism' }, { field: 'value', format: '.3f' }, { field: 'lo', format: '.3f' }, { field: 'hi', format: '.3f' }, { field: 'basis' }] } },
  ];
  if (lo && hi) layer.push({ mark: 'rule', encoding: { x: { field: 'lo', type: 'quantitative' }, x2: { field: 'hi' } } });
  const inner = { width: 360, height: { step: 16 }, encoding: { y: { field: 'mechanism', type: 'nominal', title: null } }, layer };
  const spec = group
    ? { $schema: SCHEMA, data: { values: rows }, facet: { field: 'order', type: 'nominal', title: null }, columns: 2, spec: inner }
    : { $schema: SCHEMA, data: { values: rows }, ...inner };
  return {
    name: 'decomposition',
    title: 'Mechanism decomposition',
    caption: `Each mechanism's share of the order's difference from the baseline (table ${name}); assumption-backed shares are coloured apart where the store says so.`,
    spec,
  };
}

const FAN_TITLES = {
  mids: 'Militarized disputes per year',
  wars: 'Wars begun per year',
  con: 'Concentration of capability (Ray-Singer CON)',
  gp_trust: 'Mean trust among great powers',
};

function fanChart(data, metric) {
  const rows = (data.fans || []).filter((r) => r.metric === metric);
  if (!rows.length) return null;
  const orders = [...new Set(rows.map((r) => r.order))];
  const columns = Math.min(4, orders.length);
  const x = { field: 'year', type: 'quantitative', title: null, axis: { format: 'd' } };
  const title = FAN_TITLES[metric] || (metric.startsWith('capability_share') ? `Capability share ${metric.slice(17)}` : metric);
  return {
    name: `fan_${metric.replace(/[^A-Za-z0-9_-]/g, '_')}`,
    title,
    caption: 'Median (line) with the central 50% and 90% of runs (bands), per order and year.',
    spec: {
      $schema: SCHEMA, data: { values: rows },
      facet: { field: 'order', type: 'nominal', title: null, sort: data.orders || orders }, columns,
      spec: {
        width: 170, height: 110, encoding: { x },
        layer: [
          { mark: { type: 'area', opacity: 0.18, color: '#4c78a8' }, encoding: { y: { field: 'q05', type: 'quantitative', title: metric }, y2: { field: 'q95' } } },
          { mark: { type: 'area', opacity: 0.35, color: '#4c78a8' }, encoding: { y: { field: 'q25', type: 'quantitative' }, y2: { field: 'q75' } } },
          { mark: { type: 'line', color: '#1f3b5c', strokeWidth: 1.5 },
            encoding: { y: { field: 'q50', type: 'quantitative' }, tooltip: [{ field: 'order' }, { field: 'year' }, { field: 'q05', format: '.3g' }, { field: 'q50', format: '.3g' }, { field: 'q95', format: '.3g' }, { field: 'n', title: 'runs' }] } },
        ],
      },
    },
  };
}

// One heat map per backtest in the store (a store may hold several: regions, starts, orders).
function backtestDyadCharts(data) {
  const t = (data.tables || {}).backtest_dyads || [];
  const keys = [...new Set(t.map((r) => [r.region, r.start, r.years, r.order_name].filter((v) => v !== undefined).join(' ')))];
  return keys.map((key, i) => {
    const rows = [];
    for (const r of t) {
      if ([r.region, r.start, r.years, r.order_name].filter((v) => v !== undefined).join(' ') !== key) continue;
      const a = stateLabel(data, r.ccode_a);
      const b = stateLabel(data, r.ccode_b);
      rows.push({ a, b, rate: r.simulated_rate, source: 'simulated' });
      rows.push({ a, b, rate: r.observed_rate, source: 'record (MID 5.0)' });
    }
    return {
      name: i === 0 ? 'backtest_dyads' : `backtest_dyads_${i + 1}`,
      title: `Dispute rates by dyad, simulated beside the record (${key})`,
      caption: 'MID onsets per year for each pair of the backtest scenario\'s states: mean over simulated runs (left) and in the record (right).',
      spec: {
        $schema: SCHEMA, data: { values: rows },
        facet: { column: { field: 'source', type: 'nominal', title: null, sort: ['simulated', 'record (MID 5.0)'] } },
        spec: {
          width: { step: 14 }, height: { step: 14 },
          mark: 'rect',
          encoding: {
            x: { field: 'b', type: 'nominal', title: null }, y: { field: 'a', type: 'nominal', title: null },
            color: { field: 'rate', type: 'quantitative', title: 'MIDs/year', scale: { scheme: 'orangered' } },
            tooltip: [{ field: 'a' }, { field: 'b' }, { field: 'rate', format: '.3f' }, { field: 'source' }],
          },
        },
      },
    };
  });
}

function backtestYearsChart(data) {
  const t = (data.tables || {}).backtest_years || [];
  if (!t.length) return null;
  const rows = [];
  for (const r of t) {
    const key = [r.region, r.start, r.order_name].filter((v) => v !== undefined).join(' ');
    rows.push({ backtest: key, year: r.year, measure: 'MIDs', observed: r.observed_mids, mean: r.mids_mean, lo: r.mids_lo, hi: r.mids_hi });
    if (r.wars_mean !== undefined) rows.push({ backtest: key, year: r.year, measure: 'wars', observed: r.observed_wars, mean: r.wars_mean, lo: r.wars_lo, hi: r.wars_hi });
  }
  return {
    name: 'backtest_years',
    title: 'Yearly disputes and wars: simulated beside the record',
    caption: 'Central 90% of simulated counts (band), their mean (line) and the observed count (points), per year of the backtest.',
    spec: {
      $schema: SCHEMA, data: { values: rows },
      facet: { row: { field: 'backtest', type: 'nominal', title: null }, column: { field: 'measure', type: 'nominal', title: null } },
      spec: {
        width: 300, height: 140, encoding: { x: { field: 'year', type: 'quantitative', axis: { format: 'd' }, title: null } },
        layer: [
          { mark: { type: 'area', opacity: 0.25 }, encoding: { y: { field: 'lo', type: 'quantitative', title: 'count' }, y2: { field: 'hi' } } },
          { mark: 'line', encoding: { y: { field: 'mean', type: 'quantitative' } } },
          { mark: { type: 'point', filled: true, color: '#d62728' }, encoding: { y: { field: 'observed', type: 'quantitative' }, tooltip: [{ field: 'year' }, { field: 'observed' }, { field: 'mean', format: '.2f' }, { field: 'lo' }, { field: 'hi' }] } },
        ],
      },
      resolve: { scale: { y: 'independent' } },
    },
  };
}

const INSTITUTION_KINDS = new Set(['veto', 'measure', 'measure_adopted', 'proposal', 'decision']);

function sidesText(data, e) {
  const side = (s) => (Array.isArray(s) ? s.map((c) => stateLabel(data, c)).join(', ') : '');
  const a = side(e.side_a);
  const b = side(e.side_b);
  return b ? `${a} v ${b}` : a;
}

function timelineCharts(data, timeline) {
  if (!timeline) return [];
  const events = timeline.events || [];
  const rows = events.map((e) => ({
    lane: e.subject || e.kind,
    kind: e.kind,
    start: e.year,
    end: (e.end_year || e.year) + 1,
    year: e.year,
    last: e.end_year || e.year,
    outcome: e.outcome || '',
    sides: sidesText(data, e),
    value: e.value,
  }));
  const flash = rows.filter((r) => !INSTITUTION_KINDS.has(r.kind));
  const inst = rows.filter((r) => INSTITUTION_KINDS.has(r.kind));
  const first = (timeline.start_year || 0) + 1;
  const last = (timeline.start_year || 0) + (timeline.years || 0) + 1;
  const x = { field: 'start', type: 'quantitative', title: null, axis: { format: 'd' }, scale: { domain: [first, last] } };
  const tooltip = [{ field: 'kind' }, { field: 'lane', title: 'subject' }, { field: 'year' }, { field: 'last', title: 'last year' }, { field: 'outcome' }, { field: 'sides' }, { field: 'value', format: '.4g' }];
  const label = `run ${timeline.run_id} (${timeline.order}, replicate ${timeline.replicate})`;
  const out = [];
  out.push(flash.length ? {
    name: 'timeline',
    title: `Flashpoints: incidents, crises and wars in ${label}`,
    caption: 'Each bar spans an event from its first to its last year; wars last until their final year of fighting.',
    spec: { $schema: SCHEMA, width: 560, height: { step: 18 }, data: { values: flash }, mark: { type: 'bar', cornerRadius: 2, opacity: 0.85 },
      encoding: { x, x2: { field: 'end' }, y: { field: 'lane', type: 'nominal', title: null }, color: { field: 'kind', type: 'nominal', title: 'event' }, tooltip } },
  } : { name: 'timeline', title: `Flashpoints in ${label}`, absent: 'no incident, crisis or war recorded in this run (the store keeps wars by default; MIDs and crises with --events all)' });
  out.push(inst.length ? {
    name: 'institutions',
    title: `Institutions: measures adopted and vetoes in ${label}`,
    caption: 'One mark per decision, by institution.',
    spec: { $schema: SCHEMA, width: 560, height: { step: 18 }, data: { values: inst }, mark: { type: 'point', filled: true, size: 70 },
      encoding: { x: { ...x, field: 'year' }, y: { field: 'lane', type: 'nominal', title: null }, color: { field: 'kind', type: 'nominal', title: 'decision' }, shape: { field: 'outcome', type: 'nominal' }, tooltip } },
  } : { name: 'institutions', title: `Institutions in ${label}`, absent: 'no institutional decision recorded in this run (stored with --events all)' });
  return out;
}

// --- sections --------------------------------------------------------------------------------

export function sections(data, state = {}) {
  const s = [];
  const add = (id, title, chart, absent) => s.push({ id, title, charts: chart ? [chart] : [], absent: chart ? null : absent });
  const ens = data.ensemble;
  if (ens) {
    add('headline', 'Headline', headlineChart(data), 'no proportion statistics in the store (the ensemble is not complete)');
    add('survival', 'Time to the first great-power war', survivalChart(data), 'no survival statistics in the store');
    const metrics = pairedMetrics(data);
    const metric = state.forestMetric && metrics.includes(state.forestMetric) ? state.forestMetric : 'gp_war';
    const forest = forestChart(data, metric);
    s.push({ id: 'forest', title: 'Difference from the baseline', charts: forest ? [forest] : [], absent: forest ? null : 'no paired differences: compare two or more orders with a baseline among them', metrics, metric });
    add('decomposition', 'Mechanism decomposition', decompositionChart(data), 'not in this store (written by `concord explain`)');
    const fans = (data.fan_metrics || []).map((m) => fanChart(data, m)).filter(Boolean);
    const capability = (data.fan_metrics || []).some((m) => m.startsWith('capability_share'));
    s.push({ id: 'fans', title: 'Year by year', charts: fans, absent: fans.length ? null : 'no yearly rows in the store (write them with --yearly)',
      note: fans.length && !capability ? 'Capability shares of single great powers are not recorded by this engine version; the concentration of capability (CON) stands for them.' : null });
  }
  const backtest = [...backtestDyadCharts(data), backtestYearsChart(data)].filter(Boolean);
  s.push({ id: 'backtest', title: 'Backtest against the record', charts: backtest, absent: backtest.length ? null : 'no backtest in this store (`concord validate backtest --out` writes one)' });
  if (ens) {
    const tls = data.timelines || [];
    const idx = Math.max(0, tls.findIndex((t) => t.run_id === state.run));
    const charts = timelineCharts(data, tls[idx]);
    s.push({ id: 'events', title: 'A run, event by event', charts: charts.filter((c) => !c.absent), absent: tls.length ? null : 'no run in the store',
      notes: charts.filter((c) => c.absent).map((c) => `${c.title}: ${c.absent}`), runs: tls, run: tls[idx] ? tls[idx].run_id : null });
  }
  return s;
}

function provenance(data) {
  const ens = data.ensemble || {};
  const spec = ens.spec || {};
  const rows = [
    ['scenario', spec.scenario_name ? `${spec.scenario_name} (${spec.scenario})` : spec.scenario],
    ['orders', Array.isArray(spec.orders) ? spec.orders.join(', ') : undefined],
    ['baseline', spec.baseline],
    ['runs per order', spec.runs],
    ['years', spec.years !== undefined ? spec.years : ens.years],
    ['seed', spec.seed !== undefined ? spec.seed : ens.seed],
    ['parameters', spec.params ? JSON.stringify(spec.params) : undefined],
    ['hazards', spec.hazards],
    ['ensemble', data.ensemble ? `${ens.ensemble_id} (${ens.kind}, ${ens.status}, ${ens.committed_runs} of ${ens.planned_runs} runs)` : 'none'],
    ['store', data.store],
    ['made by commit', spec.commit || 'not recorded (store written before concord recorded it)'],
    ['command', spec.command ? (spec.command.includes(' --out ') ? spec.command : `${spec.command} --out ${data.store}`) : 'not recorded'],
    ['report by', `${data.generated_by.program} ${data.generated_by.version} (${data.generated_by.commit})`],
  ].filter((r) => r[1] !== undefined && r[1] !== null && r[1] !== '');
  const table = el('table', { class: 'provenance' });
  for (const [k, v] of rows) table.append(el('tr', {}, el('th', { text: k }), el('td', {}, k === 'command' ? el('code', { text: String(v) }) : String(v))));
  return table;
}

// --- rendering -------------------------------------------------------------------------------

function b64(text) {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

function download(name, url) {
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
}

async function renderChart(chart, host, views) {
  const box = el('figure', { class: 'chart', 'data-chart': chart.name });
  const plot = el('div', { class: 'plot' });
  const bar = el('div', { class: 'export' });
  const svgButton = el('button', { type: 'button', text: 'SVG', title: 'Save this chart as SVG' });
  const pngButton = el('button', { type: 'button', text: 'PNG', title: 'Save this chart as PNG (2x)' });
  bar.append(svgButton, pngButton);
  box.append(el('figcaption', {}, el('strong', { text: chart.title }), ' ', el('span', { text: chart.caption || '' })), bar, plot);
  host.append(box);
  try {
    const compiled = compile(chart.spec).spec;
    // vega logs dataflow errors and draws an empty chart: count them as a failure
    const errors = [];
    const logger = vega.logger(vega.Warn);
    logger.error = (...args) => errors.push(args.map(String).join(' '));
    const view = new vega.View(vega.parse(compiled), { renderer: 'svg', container: plot, hover: true, logger });
    await view.runAsync();
    if (errors.length) throw new Error(errors.join('; '));
    views.set(chart.name, view);
    svgButton.addEventListener('click', async () => download(`${chart.name}.svg`, URL.createObjectURL(new Blob([await view.toSVG()], { type: 'image/svg+xml' }))));
    pngButton.addEventListener('click', async () => download(`${chart.name}.png`, await view.toImageURL('png', 2)));
    box.dataset.rendered = 'true';
  } catch (err) {
    box.dataset.rendered = 'error';
    plot.append(el('p', { class: 'error', text: `chart failed: ${err && err.message ? err.message : err}` }));
  }
}

/// Renders the whole report into `root`. Resolves to a Map chart name -> vega View once every
/// chart is drawn; sets root.dataset.rendered to the number of charts.
export async function renderReport(root, data, state = {}) {
  injectStyle();
  root.replaceChildren();
  root.classList.add('concord-report');
  const views = new Map();
  const ens = data.ensemble;
  const spec = (ens && ens.spec) || {};
  root.append(el('h1', { text: spec.scenario_name ? `concord: ${spec.scenario_name}` : 'concord report' }));
  if (ens) {
    root.append(el('p', { class: 'lead', text: `${ens.kind} of ${(data.orders || []).length} order(s), ${spec.runs ?? '?'} runs each over ${spec.years ?? ens.years} years, seed ${spec.seed ?? ens.seed}; ensemble ${ens.ensemble_id} of ${data.store} is ${ens.status}.` }));
    if (ens.status !== 'complete') root.append(el('p', { class: 'warning', text: `Partial: ensemble ${ens.ensemble_id} is ${ens.status}.` }));
  }
  for (const n of data.notes || []) root.append(el('p', { class: 'note', text: n }));
  const pending = [];
  for (const sec of sections(data, state)) {
    const host = el('section', { id: `section-${sec.id}`, 'data-section': sec.id });
    host.append(el('h2', { text: sec.title }));
    if (sec.id === 'forest' && sec.metrics && sec.metrics.length > 1) {
      const sel = el('select', { 'aria-label': 'metric of the paired differences', onchange: (ev) => renderReport(root, data, { ...state, forestMetric: ev.target.value }) });
      for (const m of sec.metrics) sel.append(el('option', { value: m, text: m }));
      sel.value = sec.metric;
      host.append(el('label', { class: 'control' }, 'metric ', sel));
    }
    if (sec.id === 'events' && sec.runs && sec.runs.length > 1) {
      const sel = el('select', { 'aria-label': 'run shown', onchange: (ev) => renderReport(root, data, { ...state, run: Number(ev.target.value) }) });
      for (const t of sec.runs) sel.append(el('option', { value: t.run_id, text: `run ${t.run_id}: ${t.order}, replicate ${t.replicate} (${(t.events || []).length} events)` }));
      sel.value = String(sec.run);
      host.append(el('label', { class: 'control' }, 'run ', sel));
    }
    if (sec.note) host.append(el('p', { class: 'note', text: sec.note }));
    for (const n of sec.notes || []) host.append(el('p', { class: 'absent', text: n }));
    if (sec.absent) host.append(el('p', { class: 'absent', text: `Not shown: ${sec.absent}.` }));
    root.append(host);
    for (const c of sec.charts) pending.push(renderChart(c, host, views));
  }
  const prov = el('section', { id: 'section-provenance', 'data-section': 'provenance' }, el('h2', { text: 'What made this report' }), provenance(data));
  root.append(prov);
  await Promise.all(pending);
  root.dataset.rendered = String(views.size);
  return views;
}

/// Every rendered chart as SVG and PNG (base64), for `concord report --figures`.
export async function exportFigures(views) {
  const out = {};
  for (const [name, view] of views) {
    const svg = await view.toSVG();
    const png = await view.toImageURL('png', 2);
    out[name] = { svg: b64(svg), png: png.slice(png.indexOf(',') + 1) };
  }
  return out;
}
