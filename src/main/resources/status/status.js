// adult-etl status page: polls the service's JSON API every second and redraws, with plain DOM and SVG.
// Every text from the API goes into the page as text (textContent, text nodes, attributes), never as markup.
'use strict';

const POLL_MILLIS = 1000;
const DASH = '\u2013';
const SVG_NS = 'http://www.w3.org/2000/svg';

const view = { rejectFile: null, rejectRule: null, rejectField: null, rejectAfter: 0, rejectNext: null,
               fileOptions: '' };

// ---- small helpers -------------------------------------------------------------------------------------------

function $(selector) { return document.querySelector(selector); }

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value !== null && value !== undefined) node.setAttribute(name, value);
  }
  for (const child of children) {
    const text = child === null || child === undefined ? DASH : String(child);
    node.append(child instanceof Node ? child : document.createTextNode(text));
  }
  return node;
}

function svg(tag, attributes, text) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

function setText(selector, text) { $(selector).textContent = text === null || text === undefined ? DASH : text; }

function number(n) { return n === null || n === undefined ? DASH : Number(n).toLocaleString('en-US'); }

function duration(seconds) {
  if (seconds === null || seconds === undefined) return DASH;
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
  return (h ? h + 'h ' : '') + m + 'm ' + r + 's';
}

function clock(iso) { return iso ? new Date(iso).toLocaleTimeString('en-GB') : DASH; }

async function getJson(url) {
  const response = await fetch(url, { cache: 'no-store', headers: { Accept: 'application/json' } });
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new Error(body && body.error ? body.error : 'HTTP ' + response.status);
  return body;
}

// ---- progress ------------------------------------------------------------------------------------------------

function renderProgress(p) {
  const state = $('#state');
  state.textContent = p.state;
  state.className = 'badge ' + p.state.split(' ')[0];
  setText('#loaded', number(p.loaded));
  setText('#known', number(p.known));
  setText('#percent', p.percent.toFixed(1) + '%');
  $('#progress-fill').style.width = p.percent + '%';
  setText('#waiting', number(p.waiting));
  setText('#pace', p.recordsPerSecond === null ? DASH : number(p.recordsPerSecond) + ' records/s');
  setText('#time-left', p.waiting === 0 ? 'none' : duration(p.timeLeftSeconds) + ' at ' + p.timeLeftAt);
  if (p.nextTickAt) {
    const inMillis = Math.max(0, Date.parse(p.nextTickAt) - Date.parse(p.now));
    setText('#next-tick', 'in ' + (inMillis / 1000).toFixed(1) + ' s (' + clock(p.nextTickAt) + ')');
  } else {
    setText('#next-tick', 'not scheduled');
  }
  setText('#batches', number(p.batches) + ' of ' + number(p.batchSize) + ' every ' + number(p.periodMillis) + ' ms');
  const b = p.lastBatch;
  setText('#last-batch', b ? '#' + b.batchNo + ': ' + number(b.records) + ' records'
      + (b.tickMillis === null ? '' : ', ' + number(b.tickMillis) + ' ms') + ', ' + clock(b.committedAt)
      + (b.instance === null ? '' : ' by ' + b.instance) : 'none yet');
  setText('#on-delete', p.onDelete === 'keep' ? 'their rows are kept (adult.raw.on-delete=keep)'
      : 'their rows are removed (adult.raw.on-delete=remove)');
  setText('#rejected', number(p.rejected));
  setText('#skipped', number(p.skipped));
}

// ---- files ---------------------------------------------------------------------------------------------------

function renderFiles(answer) {
  const rows = answer.files.map(f => {
    const links = el('td');
    if (f.links) {
      links.append(el('a', { href: f.links.refined }, 'refined'));
      // no reject file link for a file without rejects, or while the service hides their raw text (adult.status.raw-text=hide)
      if (f.links.rejected) links.append(el('a', { href: f.links.rejected }, 'rejects'));
      links.append(el('a', { href: f.links.report }, 'report'));
    }
    return el('tr', { 'data-file': f.id },
      el('td', null, f.sourceKey),
      el('td', { title: f.version }, f.version.replace(/"/g, '').slice(0, 8)),
      el('td', { class: 'state-' + f.state, title: f.heldBecause || '' },
        (f.heldBecause ? f.state + ': ' + f.heldBecause : f.state)
          + (f.listed === false ? ', deleted from raw/' : '') + (f.rulesDiffer ? ', other rules' : '')),
      el('td', { class: 'n' }, number(f.parts)),
      el('td', null, f.instance),
      el('td', { class: 'n' }, number(f.lines)),
      el('td', { class: 'n' }, number(f.valid)),
      el('td', { class: 'n' }, number(f.rejected)),
      el('td', { class: 'n' }, number(f.skipped)),
      el('td', { class: 'n' }, number(f.withUnknown)),
      el('td', { class: 'n' }, number(f.exactDuplicates)),
      el('td', { class: 'n' }, number(f.loaded)),
      links);
  });
  $('#files tbody').replaceChildren(...rows);
  renderFileOptions(answer.files);
}

// ---- instances -----------------------------------------------------------------------------------------------

function renderInstances(answer) {
  const rows = answer.instances.map(i => el('tr', null,
    el('td', null, i.instance + (i.self ? ' (this instance)' : '')),
    el('td', { class: i.alive ? 'alive' : 'dead' }, i.alive ? 'alive' : 'not alive'),
    el('td', null, clock(i.lastCheckinAt)),
    el('td', { class: 'n' }, number(i.batches)),
    el('td', { class: 'n' }, i.lastBatchNo === null ? DASH : '#' + i.lastBatchNo),
    el('td', { class: 'n' }, number(i.versionsRefined)),
    el('td', { class: 'n' }, number(i.refining))));
  $('#instances tbody').replaceChildren(...rows);
  setText('#last-batch-by', answer.lastBatchNo === null ? 'no batch committed yet'
      : 'batch #' + answer.lastBatchNo + ' was committed by ' + answer.lastBatchBy
      + (answer.more ? '; the first 100 instances are shown' : ''));
}

// ---- batches chart -------------------------------------------------------------------------------------------

function renderBatches(answer) {
  const batches = answer.batches;
  const width = 800, height = 220, left = 48, right = 48, top = 10, bottom = 24;
  const plot = { w: width - left - right, h: height - top - bottom };
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': 'batches' });
  chart.append(svg('line', { class: 'axis', x1: left, y1: top + plot.h, x2: left + plot.w, y2: top + plot.h }));
  if (batches.length === 0) {
    chart.append(svg('text', { x: left, y: top + 20 }, 'no batch committed yet'));
    $('#batch-chart').replaceChildren(chart);
    return;
  }
  const maxRecords = Math.max(1, ...batches.map(b => b.records));
  const timed = batches.filter(b => b.tickMillis !== null);
  const maxMillis = Math.max(1, ...timed.map(b => b.tickMillis));
  const step = plot.w / batches.length;
  const points = [];
  batches.forEach((b, i) => {
    const h = plot.h * b.records / maxRecords;
    const bar = svg('rect', { class: 'bar', x: left + i * step + step * 0.1, y: top + plot.h - h,
                              width: Math.max(0.5, step * 0.8), height: h });
    bar.append(svg('title', {}, '#' + b.batchNo + ': ' + number(b.records) + ' records'
        + (b.tickMillis === null ? '' : ', ' + b.tickMillis + ' ms') + (b.instance === null ? '' : ', ' + b.instance)));
    chart.append(bar);
    if (b.tickMillis !== null) {
      const y = top + plot.h - plot.h * b.tickMillis / maxMillis;
      points.push((left + (i + 0.5) * step).toFixed(1) + ',' + y.toFixed(1));
    }
  });
  if (points.length > 0) chart.append(svg('polyline', { class: 'millis', points: points.join(' ') }));
  chart.append(svg('text', { x: left - 4, y: top + 10, 'text-anchor': 'end' }, number(maxRecords)));
  chart.append(svg('text', { x: left - 4, y: top + plot.h, 'text-anchor': 'end' }, '0'));
  if (timed.length > 0) {
    chart.append(svg('text', { x: left + plot.w + 4, y: top + 10 }, number(maxMillis) + ' ms'));
  }
  chart.append(svg('text', { x: left, y: height - 6 }, '#' + batches[0].batchNo));
  chart.append(svg('text', { x: left + plot.w, y: height - 6, 'text-anchor': 'end' },
                   '#' + batches[batches.length - 1].batchNo));
  $('#batch-chart').replaceChildren(chart);
}

// ---- horizontal bars (rejects, insight) ----------------------------------------------------------------------

/** items: {label, value, text, selected, onClick}; max: the value of a full bar. */
function hbars(container, items, max, empty) {
  if (items.length === 0) {
    container.replaceChildren(el('p', { class: 'muted' }, empty));
    return;
  }
  const width = 360, row = 20, labelWidth = 120, textWidth = 100;
  const barArea = width - labelWidth - textWidth;
  const height = items.length * row + 4;
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, width: width, height: height, role: 'img' });
  items.forEach((item, i) => {
    const y = i * row + 2;
    const group = svg('g', item.onClick ? { class: 'clickable' } : {});
    group.append(svg('text', { x: labelWidth - 6, y: y + 14, 'text-anchor': 'end' }, item.label));
    const w = max > 0 ? Math.max(1, barArea * item.value / max) : 1;
    group.append(svg('rect', { class: 'bar' + (item.selected ? ' selected' : ''), x: labelWidth, y: y + 3,
                               width: w, height: row - 6 }));
    group.append(svg('text', { x: labelWidth + w + 6, y: y + 14 }, item.text));
    if (item.onClick) group.addEventListener('click', item.onClick);
    chart.append(group);
  });
  container.replaceChildren(chart);
}

// ---- rejects -------------------------------------------------------------------------------------------------

function renderFileOptions(files) {
  const choices = files.filter(f => f.id !== null && f.state !== 'replaced');
  const signature = choices.map(f => f.id + ':' + f.rejected).join(',');
  if (signature === view.fileOptions) return;
  view.fileOptions = signature;
  const select = $('#reject-file');
  select.replaceChildren(...choices.map(f => el('option', { value: f.id },
      f.sourceKey + ' (' + number(f.rejected) + ' rejected)')));
  if (!choices.some(f => String(f.id) === view.rejectFile)) {
    const first = choices.find(f => f.rejected > 0) || choices[0];
    selectRejectFile(first ? String(first.id) : null);
  }
  if (view.rejectFile) select.value = view.rejectFile;
}

function selectRejectFile(id) {
  view.rejectFile = id;
  view.rejectRule = null;
  view.rejectField = null;
  view.rejectAfter = 0;
  loadRejects();
}

async function loadRejects() {
  if (!view.rejectFile) {
    $('#reject-rows tbody').replaceChildren();
    return;
  }
  try {
    const id = view.rejectFile;
    const params = new URLSearchParams({ file: id, after: view.rejectAfter, size: 25 });
    if (view.rejectRule) params.set('rule', view.rejectRule);
    if (view.rejectField) params.set('field', view.rejectField);
    const [file, page] = await Promise.all([getJson('api/files/' + encodeURIComponent(id)),
                                            getJson('api/rejects?' + params)]);
    if (id !== view.rejectFile) return;
    renderRejectCounts(file);
    renderRejectRows(page);
  } catch (e) {
    showProblem(e);
  }
}

function countBars(counts, selected, pick) {
  const entries = Object.entries(counts || {}).sort((a, b) => b[1] - a[1]);
  const max = Math.max(0, ...entries.map(e => e[1]));
  return [entries.map(([name, n]) => ({ label: name, value: n, text: number(n), selected: name === selected,
                                        onClick: () => pick(name === selected ? null : name) })), max];
}

function renderRejectCounts(file) {
  const unknown = file.rejectedByRule === null ? 'no report for this version' : 'no rejected record';
  const [rules, maxRule] = countBars(file.rejectedByRule, view.rejectRule, rule => {
    view.rejectRule = rule; view.rejectField = null; view.rejectAfter = 0; loadRejects();
  });
  hbars($('#rejects-by-rule'), rules, maxRule, unknown);
  const [fields, maxField] = countBars(file.rejectedByField, view.rejectField, field => {
    view.rejectField = field; view.rejectRule = null; view.rejectAfter = 0; loadRejects();
  });
  hbars($('#rejects-by-field'), fields, maxField, unknown);
}

function renderRejectRows(page) {
  const withText = page.rawText !== 'hide';
  $('#reject-rows').classList.toggle('text-hidden', !withText);
  const rows = page.rejects.map(r => el('tr', null,
    el('td', { class: 'n' }, r.line),
    el('td', null, r.rule),
    el('td', null, r.field),
    ...(withText ? [el('td', null, r.detail), el('td', { class: 'raw' }, r.raw + (r.rawCut ? ' \u2026 (cut)' : ''))]
      : [])));
  $('#reject-rows tbody').replaceChildren(...rows);
  view.rejectNext = page.next;
  $('#reject-next').disabled = page.next === null;
  $('#reject-first').disabled = page.after === 0;
  const filter = page.rule ? 'rule ' + page.rule : page.field ? 'field ' + page.field : 'all rules';
  setText('#reject-filter', page.sourceKey + ', ' + filter + ' (click a bar to filter)'
      + (page.kept ? '' : ': the rejects of a replaced version are not kept')
      + (withText ? '' : '; their text is not shown here (adult.status.raw-text=hide)'));
  const shown = page.rejects;
  setText('#reject-page', (page.total === null ? '' : number(page.total) + ' in all; ')
      + (shown.length ? 'lines ' + shown[0].line + DASH + shown[shown.length - 1].line : 'none'));
}

// ---- insight -------------------------------------------------------------------------------------------------

function renderInsight(answer) {
  if (answer.computedAt === null) {
    setText('#insight-as-of', 'the view is being computed\u2026');
    return;
  }
  for (const [dimension, groups] of Object.entries(answer.dimensions)) {
    const container = $('#insight-' + dimension.replace(' ', '-'));
    if (!container) continue;
    hbars(container, groups.map(g => ({ label: g.value, value: Number(g.pctPeopleOver50k),
                                        text: Number(g.pctPeopleOver50k).toFixed(1) + '% of ' + number(g.records) })),
          100, 'no record loaded yet');
  }
  setText('#insight-as-of', 'as of batch ' + (answer.asOfBatch === null ? DASH : answer.asOfBatch)
      + ', computed ' + clock(answer.computedAt) + (answer.current ? '' : ' (newer batches are on their way)'));
}

// ---- audit ---------------------------------------------------------------------------------------------------

function renderAudit(answer) {
  const verdict = $('#audit-verdict');
  verdict.textContent = answer.consistent === null ? 'not run yet' : answer.consistent ? 'consistent'
      : number(answer.mismatchCount) + (answer.mismatchCount === 1 ? ' mismatch' : ' mismatches');
  verdict.className = 'badge ' + (answer.consistent === null ? '' : answer.consistent ? 'consistent' : 'inconsistent');
  setText('#audit-as-of', answer.checkedAt === null ? '' : 'checked ' + clock(answer.checkedAt) + ', as of batch '
      + (answer.asOfBatch === null ? DASH : answer.asOfBatch) + ', in ' + number(answer.auditMillis) + ' ms');
  $('#audit-mismatches tbody').replaceChildren(...answer.mismatches.map(m => el('tr', {},
      el('td', {}, m.sourceKey), el('td', { class: 'n' }, m.version === null ? DASH : String(m.version)),
      el('td', {}, m.what), el('td', { class: 'n' }, String(m.expected)), el('td', { class: 'n' }, String(m.found)))));
  $('#audit-mismatches').hidden = answer.mismatches.length === 0;
  setText('#audit-waiting', answer.waitingCount === 0 ? 'no version waits'
      : number(answer.waitingCount) + ' waiting: ' + answer.waiting.slice(0, 5)
          .map(w => w.sourceKey + ' ' + w.why).join('; ') + (answer.waitingCount > 5 ? '; \u2026' : ''));
}

// ---- the loop ------------------------------------------------------------------------------------------------

function showProblem(error) {
  const problem = $('#problem');
  problem.textContent = String(error && error.message ? error.message : error);
  problem.hidden = false;
}

async function poll() {
  try {
    const [progress, files, batches, instances] = await Promise.all([
      getJson('api/progress'), getJson('api/files'), getJson('api/batches'), getJson('api/instances')]);
    renderProgress(progress);
    renderFiles(files);
    renderInstances(instances);
    renderBatches(batches);
    setText('#updated', 'updated ' + clock(progress.now));
    $('#problem').hidden = true;
  } catch (e) {
    showProblem(e);
  } finally {
    setTimeout(poll, POLL_MILLIS);
  }
}

// apart from the rest: the service runs the view in the background, and may answer with the last run for a while
async function pollInsight() {
  try {
    renderInsight(await getJson('api/insight'));
  } catch (e) {
    showProblem(e);
  } finally {
    setTimeout(pollInsight, POLL_MILLIS);
  }
}

// the audit's last run: the service runs it in the background, every adult.audit.interval ms
async function pollAudit() {
  try {
    renderAudit(await getJson('api/audit'));
  } catch (e) {
    showProblem(e);
  } finally {
    setTimeout(pollAudit, POLL_MILLIS);
  }
}

document.addEventListener('DOMContentLoaded', () => {
  $('#reject-file').addEventListener('change', e => selectRejectFile(e.target.value));
  $('#reject-first').addEventListener('click', () => { view.rejectAfter = 0; loadRejects(); });
  $('#reject-next').addEventListener('click', () => {
    if (view.rejectNext !== null) { view.rejectAfter = view.rejectNext; loadRejects(); }
  });
  poll();
  pollInsight();
  pollAudit();
});
