'use strict';
/*
 * The dashboard page: four live charts (uPlot, served from this server) over GET /api/dashboard, refreshed
 * every 5 seconds. Each chart has its numbers beside it and a text summary as its accessible name.
 * No inline script (the server's Content-Security-Policy forbids it); no data from anywhere else.
 */
(function () {
  const REFRESH_MS = 5000;
  const HEIGHT = 240;
  const FLAGS = [
    ['DUPLICATE', 'Duplicate', '#6b3fa0', 'duplicate'],
    ['OFF_TOPIC', 'Off topic', '#8a5a00', 'off-topic'],
    ['SUPPORT_REQUEST', 'Support request', '#0b6b8a', 'support-request'],
  ];
  const COLORS = { comments: '#8792a8', p50: '#2b5fd9', p90: '#c2410c', rows: '#137a3a', lag: '#b42318' };

  const $ = (id) => document.getElementById(id);
  const number = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
  const charts = {};
  let paused = false;

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  /** A duration in seconds as people say it: 45 s, 12 min, 3.5 h, 2 d. */
  function duration(seconds) {
    if (seconds === null || seconds === undefined || Number.isNaN(seconds)) return '–';
    if (seconds < 60) return number.format(seconds) + ' s';
    if (seconds < 3600) return number.format(seconds / 60) + ' min';
    if (seconds < 86400) return number.format(seconds / 3600) + ' h';
    return number.format(seconds / 86400) + ' d';
  }

  function clock(epochSeconds) {
    return new Date(epochSeconds * 1000).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  }

  /** The numbers beside a chart: [label, value, swatch class] each. */
  function numbers(id, items) {
    const dl = $(id);
    clear(dl);
    for (const [label, value, swatch] of items) {
      const dt = document.createElement('dt');
      if (swatch) {
        const s = document.createElement('span');
        s.className = 'swatch swatch-' + swatch;
        s.setAttribute('aria-hidden', 'true');
        dt.append(s);
      }
      dt.append(document.createTextNode(label));
      const dd = document.createElement('dd');
      dd.textContent = value;
      const group = document.createElement('div');
      group.append(dt, dd);
      dl.append(group);
    }
  }

  function note(panelId, text) {
    const panel = $(panelId);
    let p = panel.querySelector('.chart-note');
    if (!text) {
      if (p) p.remove();
      return;
    }
    if (!p) {
      p = document.createElement('p');
      p.className = 'chart-note';
      panel.append(p);
    }
    p.textContent = text;
  }

  /** Creates the chart on first use, then only replaces its data; tells assistive technology what it shows. */
  function draw(name, options, data, summary) {
    const el = $('chart-' + name);
    if (typeof uPlot === 'undefined') {
      el.setAttribute('aria-label', summary);
      return;
    }
    if (!charts[name]) {
      clear(el);
      const opts = Object.assign({ width: Math.max(el.clientWidth, 280), height: HEIGHT, legend: { show: true } },
        options);
      opts.scales = Object.assign({ x: { time: true } }, options.scales || {});
      charts[name] = new uPlot(opts, data, el);
    } else {
      charts[name].setData(data);
    }
    let points = 0;
    for (let i = 1; i < data.length; i++) points += data[i].filter((v) => v !== null && v !== undefined).length;
    el.dataset.points = String(points);
    el.setAttribute('aria-label', summary);
  }

  function flags(view) {
    const v = view.verdicts;
    const bars = typeof uPlot !== 'undefined' && uPlot.paths && uPlot.paths.bars;
    const series = [{ label: 'Comments', stroke: COLORS.comments, width: 1, fill: 'rgba(135, 146, 168, 0.35)',
      paths: bars ? bars({ size: [0.8, 14] }) : undefined, points: { show: false } }];
    const data = [v.minutes, v.comments];
    for (const [key, label, color] of FLAGS) {
      series.push({ label, stroke: color, width: 2, points: { show: true, size: 5 } });
      data.push(v.flags[key]);
    }
    const items = [['Comments (1 h)', number.format(v.totals.comments), 'comments']];
    for (const [key, label, , swatch] of FLAGS) items.push([label, number.format(v.totals[key]), swatch]);
    numbers('flags-numbers', items);
    let busiest = 0;
    v.comments.forEach((c, i) => { if (c > v.comments[busiest]) busiest = i; });
    const summary = 'Flags per minute over the last hour: ' + v.totals.comments + ' comments judged, '
      + FLAGS.map(([key, label]) => v.totals[key] + ' ' + label.toLowerCase()).join(', ')
      + (v.totals.comments > 0 ? '; busiest minute ' + clock(v.minutes[busiest]) + ' with ' + v.comments[busiest]
        + ' comments.' : '.');
    draw('flags', { series: [{}].concat(series), axes: [{}, { label: 'per minute' }] }, data, summary);
    note('panel-flags', v.totals.comments === 0 ? 'No comment was judged in the last hour.' : '');
  }

  function queue(view) {
    const q = view.queue;
    const series = [];
    const data = [q.times];
    for (const [key, label, color] of FLAGS) {
      series.push({ label, stroke: color, width: 2 });
      data.push(q.byFlag[key]);
    }
    const now = q.now;
    const items = [['Waiting', now ? number.format(q.total) : '–', null]];
    for (const [key, label, , swatch] of FLAGS) items.push([label, now ? number.format(now[key]) : '–', swatch]);
    numbers('queue-numbers', items);
    const summary = now
      ? 'Review queue: ' + q.total + ' comments waiting, ' + FLAGS.map(([key, label]) => now[key] + ' '
        + label.toLowerCase()).join(', ') + '.'
      : 'Review queue: unknown, the database did not answer.';
    draw('queue', { series: [{}].concat(series), axes: [{}, { label: 'comments' }] }, data, summary);
  }

  function timeToModerate(view) {
    const t = view.timeToModerate;
    const day = t.lastDay;
    numbers('ttm-numbers', [
      ['Decided (24 h)', number.format(day.decisions), null],
      ['Median', duration(day.p50Seconds), 'p50'],
      ['90th percentile', duration(day.p90Seconds), 'p90'],
      ['Longest', duration(day.maxSeconds), null],
    ]);
    const axisValues = (u, splits) => splits.map((s) => duration(s));
    const options = {
      series: [{},
        { label: 'Median', stroke: COLORS.p50, width: 2, points: { show: true, size: 7 }, value: (u, v) => duration(v) },
        { label: '90th percentile', stroke: COLORS.p90, width: 2, points: { show: true, size: 7 },
          value: (u, v) => duration(v) }],
      axes: [{}, { label: 'waited', values: axisValues, size: 70 }],
      scales: { y: { range: (u, min, max) => [0, Math.max(max === null ? 60 : max * 1.15, 1)] } },
    };
    const decided = t.p50.filter((v) => v !== null).length;
    const summary = day.decisions === 0
      ? 'Time to moderate: no flagged comment was decided in the last 24 hours.'
      : 'Time to moderate over the last 24 hours: ' + day.decisions + ' decisions, median ' + duration(day.p50Seconds)
        + ', 90th percentile ' + duration(day.p90Seconds) + '; decisions in ' + decided + ' minutes of the last hour.';
    draw('ttm', options, [t.minutes, t.p50, t.p90], summary);
    note('panel-ttm', decided === 0 ? 'No flagged comment was decided in the last hour.' : '');
  }

  function pipeline(view) {
    const p = view.pipeline;
    numbers('pipeline-numbers', [
      ['Rows per minute', p.rowsPerMinuteNow === null ? '–' : number.format(p.rowsPerMinuteNow), 'rows'],
      ['Consumer lag (records)', p.consumerLagNow === null ? '–' : number.format(p.consumerLagNow), 'lag'],
    ]);
    const options = {
      series: [{},
        { label: 'Rows per minute', stroke: COLORS.rows, width: 2, scale: 'rows' },
        { label: 'Consumer lag', stroke: COLORS.lag, width: 2, scale: 'lag' }],
      axes: [{}, { scale: 'rows', label: 'rows / min' }, { scale: 'lag', side: 1, label: 'records behind', grid: { show: false } }],
      scales: { rows: { range: (u, min, max) => [0, Math.max(max || 0, 1) * 1.1] },
        lag: { range: (u, min, max) => [0, Math.max(max || 0, 1) * 1.1] } },
    };
    const summary = 'Throughput and lag of this sink: '
      + (p.rowsPerMinuteNow === null ? 'throughput not measured yet' : number.format(p.rowsPerMinuteNow)
        + ' comment rows written per minute')
      + ', ' + (p.consumerLagNow === null ? 'consumer lag unknown' : p.consumerLagNow + ' records behind') + '.';
    draw('pipeline', options, [p.times, p.rowsPerMinute, p.consumerLag], summary);
  }

  async function refresh() {
    if (paused || document.hidden) return;
    let view;
    try {
      const response = await fetch('/api/dashboard', { headers: { Accept: 'application/json' } });
      if (response.status === 401) return window.ThreadguardSession.expired(); // the session ended
      view = await response.json();
      if (!response.ok) throw new Error(view.detail || response.status + ' ' + response.statusText);
    } catch (e) {
      $('status').textContent = 'Could not refresh the dashboard: ' + e.message;
      $('status').className = 'status error';
      return;
    }
    $('status').textContent = '';
    $('status').className = 'status';
    flags(view);
    queue(view);
    timeToModerate(view);
    pipeline(view);
    $('updated').textContent = 'Updated ' + new Date(view.generatedAt).toLocaleTimeString() + '.';
    document.body.dataset.loaded = 'true';
  }

  function start() {
    $('pause').addEventListener('click', () => {
      paused = !paused;
      $('pause').textContent = paused ? 'Resume' : 'Pause';
      $('pause').setAttribute('aria-pressed', String(paused));
      if (!paused) refresh();
    });
    window.addEventListener('resize', () => {
      for (const [name, chart] of Object.entries(charts)) {
        chart.setSize({ width: Math.max($('chart-' + name).clientWidth, 280), height: HEIGHT });
      }
    });
    document.addEventListener('visibilitychange', refresh);
    refresh();
    setInterval(refresh, REFRESH_MS);
  }

  if (!window.ThreadguardSession) {
    $('status').textContent = 'Part of this page (/session.js) did not load. Reload the page.';
    $('status').className = 'status error';
    return;
  }
  if (typeof uPlot === 'undefined') {
    $('status').textContent = 'The chart library did not load; the numbers still refresh.';
    $('status').className = 'status error';
  }
  start();
}());
