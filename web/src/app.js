// The web app of `concord serve`: browse scenarios, edit orders (validated live by the same
// loader as the CLI), launch runs and comparisons with live progress, open results as the
// report's charts. Talks only to concord's JSON API under /api/ (docs/report.md).
import { renderReport, injectStyle, el } from './charts.js';

const app = { info: null, jobs: new Map(), sources: new Map() };

async function api(path, options = {}) {
  const res = await fetch(path, options);
  const type = res.headers.get('content-type') || '';
  const body = type.includes('json') ? await res.json() : await res.text();
  if (!res.ok) {
    const message = body && body.error ? body.error : `${res.status} ${res.statusText}`;
    const err = new Error(message);
    err.status = res.status;
    err.body = body;
    throw err;
  }
  return body;
}

function main() {
  injectStyle();
  const root = document.getElementById('concord-app');
  root.replaceChildren();
  const nav = el('header', { class: 'app' },
    el('span', { class: 'brand', text: 'concord' }),
    el('a', { href: '#/scenarios', text: 'Scenarios', 'data-nav': 'scenarios' }),
    el('a', { href: '#/orders', text: 'Orders', 'data-nav': 'orders' }),
    el('a', { href: '#/runs', text: 'Run & compare', 'data-nav': 'runs' }),
    el('a', { href: '#/stores', text: 'Results', 'data-nav': 'stores' }),
    el('span', { id: 'workspace', class: 'tag' }));
  const main = el('main', { class: 'app-main', id: 'view' });
  root.append(nav, main);
  api('/api/info').then((info) => {
    app.info = info;
    document.getElementById('workspace').textContent = `workspace ${info.workspace}`;
  }).catch(() => {});
  window.addEventListener('hashchange', route);
  route();
}

function route() {
  const hash = location.hash || '#/scenarios';
  const [path, query] = hash.slice(1).split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const params = new URLSearchParams(query || '');
  for (const a of document.querySelectorAll('header.app a')) a.classList.toggle('active', a.dataset.nav === parts[0] || (parts[0] === 'scenario' && a.dataset.nav === 'scenarios') || (parts[0] === 'order' && a.dataset.nav === 'orders') || (parts[0] === 'store' && a.dataset.nav === 'stores'));
  const view = document.getElementById('view');
  view.replaceChildren();
  view.dataset.view = parts[0] || 'scenarios';
  const show = {
    scenarios: () => scenariosView(view),
    scenario: () => scenarioView(view, parts[1], parts[2]),
    orders: () => ordersView(view),
    order: () => orderView(view, parts[1], parts[2]),
    runs: () => runsView(view),
    stores: () => storesView(view),
    store: () => storeView(view, params.get('path'), params.get('ensemble')),
  }[parts[0] || 'scenarios'];
  (show || (() => view.append(el('p', { text: 'No such page.' }))))().catch((err) => view.append(el('p', { class: 'error', text: err.message })));
}

const fmt = (v, d = 3) => (v === null || v === undefined || Number.isNaN(v) ? '-' : Number(v).toFixed(d));

// --- scenarios -------------------------------------------------------------------------------

async function scenariosView(view) {
  view.append(el('h1', { text: 'Scenarios' }));
  const { scenarios } = await api('/api/scenarios');
  const list = el('ul', { class: 'list', id: 'scenario-list' });
  for (const s of scenarios) {
    list.append(el('li', {}, el('a', { href: `#/scenario/${s.source}/${encodeURIComponent(s.name)}`, text: s.name }), el('span', { class: 'tag', text: s.source })));
  }
  view.append(list);
  view.append(el('h2', { text: 'Check a scenario file' }));
  view.append(el('p', { class: 'note', text: 'Paste a scenario (TOML, docs/scenario.md): every problem is reported with its line and column, as `concord scenario check` does. Valid files can be saved into the workspace.' }));
  const text = el('textarea', { class: 'toml', id: 'scenario-text', spellcheck: 'false', style: 'min-height:240px' });
  const name = el('input', { type: 'text', id: 'scenario-name', placeholder: 'name to save as' });
  const out = el('div', { id: 'scenario-check' });
  const check = async () => {
    const r = await api('/api/scenarios/check', { method: 'POST', headers: { 'content-type': 'application/toml' }, body: text.value });
    out.replaceChildren(problemList(r));
    return r;
  };
  view.append(text, el('div', { class: 'row' },
    el('button', { type: 'button', class: 'primary', text: 'Check', onclick: check }), name,
    el('button', { type: 'button', text: 'Save to workspace', onclick: async () => {
      try {
        const r = await api(`/api/scenarios/${encodeURIComponent(name.value)}`, { method: 'PUT', headers: { 'content-type': 'application/toml' }, body: text.value });
        out.replaceChildren(el('p', { class: 'status-ok', text: `saved as ${r.file}` }));
      } catch (err) {
        out.replaceChildren(err.body && err.body.problems ? problemList(err.body) : el('p', { class: 'error', text: err.message }));
      }
    } })), out);
}

function problemList(r) {
  const ul = el('ul', { class: 'problems', 'data-ok': String(!!r.ok) });
  if (r.ok) ul.append(el('li', { class: 'ok', text: 'No problems: the file loads.' }));
  for (const p of r.problems || []) {
    const where = [p.line ? `line ${p.line}` : '', p.column ? `column ${p.column}` : ''].filter(Boolean).join(', ');
    ul.append(el('li', { class: 'problem', 'data-line': p.line || '', text: `${where}${p.field ? ` (${p.field})` : ''}: ${p.message}` }));
  }
  return ul;
}

async function scenarioView(view, source, name) {
  const s = await api(`/api/scenarios/${source}/${encodeURIComponent(name)}`);
  const sum = s.summary;
  view.append(el('h1', { text: sum.meta.name }), el('p', { class: 'lead', text: `${s.file} · start ${sum.meta.start_year}, horizon ${sum.meta.horizon} years, region ${sum.meta.region || '-'}` }));
  if (sum.meta.description) view.append(el('p', { text: sum.meta.description }));
  view.append(el('h2', { text: `Actors (${sum.actors.length})` }));
  const actors = el('table', { id: 'actors' }, el('tr', {}, ...['ccode', 'state', 'name', 'capability share (CINC in region)', 'GDP (m 2011$ PPP)', 'population (k)', 'great power'].map((h) => el('th', { text: h }))));
  for (const a of sum.actors) actors.append(el('tr', {}, el('td', { text: a.ccode }), el('td', { text: a.stateabb }), el('td', { text: a.name }), el('td', { text: fmt(a.cinc, 3) }), el('td', { text: fmt(a.gdp, 0) }), el('td', { text: fmt(a.population, 0) }), el('td', { text: a.great_power ? 'yes' : '' })));
  view.append(actors);
  view.append(el('h2', { text: `Institutions (${sum.institutions.length})` }));
  const inst = el('table', { id: 'institutions' }, el('tr', {}, ...['name', 'decision rule', 'mandate', 'members'].map((h) => el('th', { text: h }))));
  for (const i of sum.institutions) inst.append(el('tr', {}, el('td', { text: i.name }), el('td', { text: i.decision_rule }), el('td', { text: i.mandate.join(', ') }), el('td', { text: i.members.join(', ') })));
  view.append(inst);
  view.append(el('h2', { text: `Flashpoints (${sum.flashpoints.length})` }));
  const fl = el('table', { id: 'flashpoints' }, el('tr', {}, ...['name', 'parties (position 0-100)', 'incidents / year', 'status quo'].map((h) => el('th', { text: h }))));
  for (const f of sum.flashpoints) fl.append(el('tr', {}, el('td', { text: f.name }), el('td', { text: f.parties.map((p) => `${p.stateabb} ${fmt(p.position, 0)}`).join(', ') }), el('td', { text: fmt(f.incident_rate, 3) }), el('td', { text: fmt(f.status_quo, 0) })));
  view.append(fl);
  view.append(el('h2', { text: `Dyads with an alliance or trade (${sum.dyads.length})` }));
  const dy = el('table', { id: 'dyads' }, el('tr', {}, ...['a', 'b', 'alliance (0-3)', 'trade (m US$)', 'rivalry'].map((h) => el('th', { text: h }))));
  for (const d of sum.dyads.slice(0, 400)) dy.append(el('tr', {}, el('td', { text: d.a }), el('td', { text: d.b }), el('td', { text: d.alliance }), el('td', { text: fmt(d.trade, 0) }), el('td', { text: d.rivalry ? 'yes' : '' })));
  view.append(dy);
}

// --- orders ----------------------------------------------------------------------------------

async function ordersView(view) {
  view.append(el('h1', { text: 'Orders' }));
  view.append(el('p', { class: 'note', text: 'The thirteen presets (orders/) and the orders saved in the workspace. Open one to edit it: the form and the TOML stay in step, and every change is checked by the same loader as `concord run --order FILE`.' }));
  const { orders } = await api('/api/orders');
  const list = el('ul', { class: 'list', id: 'order-list' });
  for (const o of orders) list.append(el('li', {}, el('a', { href: `#/order/${o.source}/${encodeURIComponent(o.name)}`, text: o.name }), el('span', { class: 'tag', text: o.source })));
  view.append(list);
}

// The value part of a `key = value` line: [start, end) in the line, or null when the value
// spans lines or is an inline table (edit those in the TOML).
function valueSpan(line) {
  let i = 0;
  let inQuote = null;
  for (; i < line.length; i++) {
    const c = line[i];
    if (inQuote) { if (c === inQuote) inQuote = null; continue; }
    if (c === '"' || c === "'") inQuote = c;
    else if (c === '=') break;
  }
  if (i >= line.length) return null;
  let start = i + 1;
  while (start < line.length && line[start] === ' ') start++;
  const c = line[start];
  let end = start;
  if (c === '"' || c === "'") {
    end = line.indexOf(c, start + 1);
    if (end < 0) return null;
    end += 1;
  } else if (c === '[') {
    let depth = 0;
    for (; end < line.length; end++) {
      if (line[end] === '[') depth++;
      else if (line[end] === ']' && --depth === 0) { end++; break; }
    }
    if (depth !== 0) return null;
  } else if (c === '{') {
    return null;
  } else {
    while (end < line.length && !/[\s#,]/.test(line[end])) end++;
  }
  return [start, end];
}

function tomlValue(field, input) {
  const v = input.value;
  if (field.type === 'string') return JSON.stringify(v);
  if (field.type === 'boolean') return input.checked ? 'true' : 'false';
  if (field.type === 'array') {
    const items = v.split(',').map((s) => s.trim()).filter(Boolean);
    const quoted = field.value.length === 0 || typeof field.value[0] === 'string';
    return `[${items.map((s) => (quoted ? JSON.stringify(s) : s)).join(', ')}]`;
  }
  return v.trim() === '' ? '0' : v.trim();
}

async function orderView(view, source, name) {
  const order = await api(`/api/orders/${source}/${encodeURIComponent(name)}`);
  view.append(el('h1', { text: `Order: ${order.name}` }), el('p', { class: 'lead', text: `${order.source === 'preset' ? 'preset' : 'workspace'} file ${order.file}; format in docs/orders.md` }));
  const form = el('div', { class: 'form-grid', id: 'order-form' });
  const text = el('textarea', { class: 'toml', id: 'order-toml', spellcheck: 'false' });
  text.value = order.toml;
  const problems = el('div', { id: 'order-problems' });
  const saveName = el('input', { type: 'text', id: 'order-save-name', value: order.source === 'workspace' ? order.name : `my-${order.name}` });
  const saved = el('span', { id: 'order-saved' });
  let timer = null;
  let seq = 0;
  const buildForm = (fields) => {
    form.replaceChildren();
    for (const f of fields) {
      let input;
      if (f.type === 'boolean') {
        input = el('input', { type: 'checkbox' });
        input.checked = !!f.value;
      } else {
        input = el('input', { type: f.type === 'integer' || f.type === 'float' ? 'number' : 'text', step: f.type === 'float' ? 'any' : undefined });
        input.value = f.type === 'array' ? f.value.join(', ') : String(f.value);
      }
      input.dataset.path = f.path;
      input.addEventListener('change', () => {
        const lines = text.value.split('\n');
        const li = f.line - 1;
        const span = li >= 0 && li < lines.length ? valueSpan(lines[li]) : null;
        if (!span) return;
        lines[li] = lines[li].slice(0, span[0]) + tomlValue(f, input) + lines[li].slice(span[1]);
        text.value = lines.join('\n');
        validate(false);
      });
      form.append(el('label', { text: f.path, for: undefined }), input);
    }
  };
  const validate = async (rebuild) => {
    const mine = ++seq;
    const r = await api('/api/orders/check', { method: 'POST', headers: { 'content-type': 'application/toml' }, body: text.value });
    if (mine !== seq) return;
    problems.replaceChildren(problemList(r));
    if (rebuild && r.fields) buildForm(r.fields);
  };
  text.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => validate(true), 250);
  });
  buildForm(order.fields || []);
  problems.append(problemList(order));
  view.append(el('div', { class: 'split' },
    el('div', {}, el('h2', { text: 'Fields' }), form),
    el('div', {}, el('h2', { text: 'TOML' }), text, problems,
      el('div', { class: 'row' }, saveName, el('button', { type: 'button', class: 'primary', id: 'order-save', text: 'Save to workspace', onclick: async () => {
        try {
          const r = await api(`/api/orders/${encodeURIComponent(saveName.value)}`, { method: 'PUT', headers: { 'content-type': 'application/toml' }, body: text.value });
          saved.textContent = `saved as ${r.file}`;
          saved.className = 'status-ok';
        } catch (err) {
          saved.textContent = err.message;
          saved.className = 'status-bad';
        }
      } }), saved))));
}

// --- runs ------------------------------------------------------------------------------------

async function runsView(view) {
  view.append(el('h1', { text: 'Run or compare' }));
  const [{ scenarios }, { orders }, { runs }] = await Promise.all([api('/api/scenarios'), api('/api/orders'), api('/api/runs')]);
  const limits = (app.info && app.info.limits) || {};
  const scen = el('select', { id: 'run-scenario' });
  for (const s of scenarios) scen.append(el('option', { value: `${s.source}:${s.name}`, text: `${s.name} (${s.source})` }));
  const checks = el('div', { class: 'checks', id: 'run-orders' });
  for (const o of orders) {
    const id = `order-${o.source}-${o.name}`;
    const box = el('input', { type: 'checkbox', id, value: o.source === 'preset' ? o.name : `workspace:${o.name}` });
    if (o.source === 'preset' && ['multiplex', 'g2', 'concert'].includes(o.name)) box.checked = true;
    checks.append(el('label', { for: id }, box, ` ${o.name}`, o.source === 'workspace' ? el('span', { class: 'tag', text: 'workspace' }) : null));
  }
  const runsIn = el('input', { type: 'number', id: 'run-runs', value: 50, min: 1, max: limits.max_runs || 100000 });
  const yearsIn = el('input', { type: 'number', id: 'run-years', value: 20, min: 1, max: limits.max_years || 1000 });
  const seedIn = el('input', { type: 'number', id: 'run-seed', value: 1, min: 0 });
  const allEvents = el('input', { type: 'checkbox', id: 'run-events-all' });
  allEvents.checked = true;
  const err = el('p', { class: 'error', id: 'run-error' });
  const jobs = el('div', { id: 'jobs' });
  view.append(el('div', { class: 'row' }, el('label', {}, 'scenario ', scen)), el('h3', { text: 'Orders (baseline: multiplex when chosen)' }), checks,
    el('div', { class: 'row' }, el('label', {}, 'runs per order ', runsIn), el('label', {}, 'years ', yearsIn), el('label', {}, 'seed ', seedIn), el('label', { title: 'also store every dispute, crisis, measure and veto (for the timelines)' }, allEvents, ' all events'),
      el('button', { type: 'button', class: 'primary', id: 'run-start', text: 'Start', onclick: async () => {
        err.textContent = '';
        const chosen = [...checks.querySelectorAll('input:checked')].map((c) => c.value);
        try {
          const job = await api('/api/runs', { method: 'POST', headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ kind: chosen.length === 1 ? 'run' : 'compare', scenario: scen.value, orders: chosen, runs: Number(runsIn.value), years: Number(yearsIn.value), seed: Number(seedIn.value), events: allEvents.checked ? 'all' : 'wars' }) });
          jobs.prepend(jobView(job));
        } catch (e) {
          err.textContent = e.message;
        }
      } })),
    el('p', { class: 'note', text: `Limits of this server: ${limits.max_runs ?? '?'} runs per order, ${limits.max_years ?? '?'} years, ${limits.max_jobs ?? '?'} jobs at a time. Each job writes a results store in the workspace (runs/); a job stopped or killed can be continued with the command shown.` }),
    err, el('h2', { text: 'Jobs' }), jobs);
  for (const job of runs.slice().reverse()) jobs.append(jobView(job));
}

function jobView(job) {
  const bar = el('progress', { max: job.total || 1, value: job.done || 0 });
  const status = el('span', { class: 'job-status', text: job.status });
  const count = el('span', { class: 'job-count', text: `${job.done || 0} / ${job.total || '?'} runs` });
  const cancel = el('button', { type: 'button', class: 'job-cancel', text: 'Cancel', onclick: async () => { cancel.disabled = true; await api(`/api/runs/${job.id}`, { method: 'DELETE' }).catch(() => {}); } });
  const open = el('a', { class: 'job-open', href: `#/store?path=${encodeURIComponent(job.store)}`, text: 'Open the result', style: 'display:none' });
  const msg = el('div', { class: 'note' });
  const box = el('div', { class: 'job', 'data-job': job.id }, el('strong', { text: `#${job.id} ${job.kind}: ` }), `${(job.orders || []).join(', ')} · ${job.runs} runs × ${job.years} years `, bar, ' ', count, ' ', status, ' ', cancel, ' ', open, msg);
  const finish = (j) => {
    status.textContent = j.status;
    box.dataset.status = j.status;
    cancel.style.display = 'none';
    if (j.status === 'complete' || j.status === 'interrupted' || j.status === 'cancelled') open.style.display = '';
    if (j.error) msg.textContent = j.error;
    if (j.status !== 'complete' && j.command) msg.append(el('div', {}, 'continue with: ', el('code', { text: `${j.command} --resume` })));
  };
  if (['complete', 'failed', 'interrupted', 'cancelled'].includes(job.status)) {
    bar.value = job.done || 0;
    finish(job);
  } else {
    const es = new EventSource(`/api/runs/${job.id}/events`);
    es.addEventListener('progress', (ev) => {
      const p = JSON.parse(ev.data);
      bar.max = p.total || 1;
      bar.value = p.done;
      count.textContent = `${p.done} / ${p.total} runs`;
      status.textContent = p.status;
    });
    es.addEventListener('end', (ev) => {
      es.close();
      const j = JSON.parse(ev.data);
      bar.max = j.total || 1;
      bar.value = j.done;
      count.textContent = `${j.done} / ${j.total} runs`;
      finish(j);
    });
    es.onerror = () => { if (es.readyState === EventSource.CLOSED) status.textContent = 'connection lost'; };
  }
  return box;
}

// --- results ---------------------------------------------------------------------------------

async function storesView(view) {
  view.append(el('h1', { text: 'Results in the workspace' }));
  const { stores } = await api('/api/stores');
  if (!stores.length) view.append(el('p', { class: 'note', text: 'No results store yet: start a run.' }));
  const list = el('ul', { class: 'list', id: 'store-list' });
  for (const s of stores) {
    const ens = (s.ensembles || []).map((e) => `${e.ensemble_id}: ${e.kind} ${e.status}`).join('; ');
    list.append(el('li', {}, el('a', { href: `#/store?path=${encodeURIComponent(s.path)}`, text: s.path }), el('span', { class: 'tag', text: ens || 'no ensemble' })));
  }
  view.append(list);
}

async function storeView(view, path, ensemble) {
  const q = new URLSearchParams({ store: path });
  if (ensemble) q.set('ensemble', ensemble);
  const data = await api(`/api/report?${q}`);
  const links = el('p', { class: 'row' },
    el('a', { href: `/api/report.html?${q}`, download: '', id: 'download-report', text: 'Download the report (one HTML file, opens offline)' }),
    el('a', { href: `/files/${path.split('/').map(encodeURIComponent).join('/')}`, text: 'Download the store (SQLite)' }));
  if ((data.ensembles || []).length > 1) {
    const sel = el('select', { 'aria-label': 'ensemble', onchange: (ev) => { location.hash = `#/store?path=${encodeURIComponent(path)}&ensemble=${ev.target.value}`; } });
    for (const e of data.ensembles) sel.append(el('option', { value: e.ensemble_id, text: `ensemble ${e.ensemble_id}: ${e.kind}, ${e.status}` }));
    if (data.ensemble) sel.value = String(data.ensemble.ensemble_id);
    links.append(sel);
  }
  const host = el('div', { id: 'result' });
  view.append(links, host);
  await renderReport(host, data);
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', main);
else main();
