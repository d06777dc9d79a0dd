'use strict';
/*
 * The moderators' page: review queue, threads, audit trail. Plain DOM, no framework, no build step.
 *
 * Everything a commenter wrote is untrusted: it only ever reaches the page as text nodes (el() and
 * textContent), never as HTML. The server's Content-Security-Policy forbids inline script as a second
 * line of defence.
 */
(function () {
  const FLAG_LABELS = { DUPLICATE: 'Duplicate', OFF_TOPIC: 'Off topic', SUPPORT_REQUEST: 'Support request' };
  const SCORE_KEYS = { DUPLICATE: 'duplicate', OFF_TOPIC: 'offTopic', SUPPORT_REQUEST: 'supportRequest' };
  const CORRECTIONS = {
    DUPLICATE: ['NOT_DUPLICATE', 'Not a duplicate'],
    OFF_TOPIC: ['NOT_OFF_TOPIC', 'Not off topic'],
    SUPPORT_REQUEST: ['NOT_SUPPORT_REQUEST', 'Not a support request'],
  };
  const ACTION_LABELS = {
    APPROVE: 'Approved', REJECT: 'Rejected', NOT_DUPLICATE: 'Not a duplicate',
    NOT_OFF_TOPIC: 'Not off topic', NOT_SUPPORT_REQUEST: 'Not a support request',
  };
  const PAGE_SIZE = 50;
  // A decided comment stays hidden until the sink has applied the decision (or this long has passed).
  const PENDING_MS = 30000;

  const $ = (id) => document.getElementById(id);

  /** Creates an element; string children become text nodes, so user text can never become markup. */
  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    if (props) {
      for (const [key, value] of Object.entries(props)) {
        if (value === null || value === undefined || value === false) continue;
        if (key === 'className') node.className = value;
        else if (key === 'text') node.textContent = value;
        else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
        else node.setAttribute(key, value === true ? '' : String(value));
      }
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  // --- talking to the sink (the endpoints of /openapi.yaml) ---------------------------------------

  async function request(method, path, body) {
    // Same-origin referrer policy, so the browser sends our Origin with the change (the page's no-referrer
    // policy would make it "null"), and the session's CSRF token with every change.
    const init = { method, headers: { Accept: 'application/json' }, credentials: 'same-origin',
      referrerPolicy: 'same-origin' };
    if (method !== 'GET') init.headers['X-CSRF-Token'] = window.ThreadguardSession.csrfToken();
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(path, init);
    } catch (e) {
      throw new Error('The sink did not answer (' + e.message + ').');
    }
    if (response.status === 401) return window.ThreadguardSession.expired();
    const data = await response.json().catch(() => null);
    if (!response.ok) {
      let message = (data && data.detail) || response.status + ' ' + response.statusText;
      if (data && Array.isArray(data.errors) && data.errors.length) {
        message = data.errors.map((e) => e.field + ': ' + e.message).join('; ');
      }
      throw new Error(message);
    }
    return data;
  }

  const api = {
    settings: () => request('GET', '/api/moderation/settings'),
    summary: () => request('GET', '/api/moderation/summary'),
    articles: () => request('GET', '/api/articles?limit=500'),
    queue: (params) => request('GET', '/api/review-queue?' + params.toString()),
    thread: (articleId, view) =>
      request('GET', '/api/threads/' + encodeURIComponent(articleId) + '?view=' + encodeURIComponent(view)),
    audit: (params) => request('GET', '/api/audit?' + params.toString()),
    decide: (decisions) => request('POST', '/api/decisions', decisions.length === 1 ? decisions[0] : decisions),
  };

  // --- small helpers ------------------------------------------------------------------------------

  function announce(message, isError) {
    const status = $('status');
    status.textContent = message;
    status.classList.toggle('error', Boolean(isError));
  }

  function uuid() {
    if (window.crypto && typeof window.crypto.randomUUID === 'function') return window.crypto.randomUUID();
    // Outside a secure context (plain http on a LAN address) randomUUID is missing; getRandomValues is not.
    const b = window.crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
    return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
  }

  // Total: a time the browser cannot represent (JavaScript dates end at year 275760; old rows or another writer
  // may hold anything) is shown as the raw text, never thrown, so one bad row cannot take a page down.
  function timeEl(iso) {
    if (!iso) return el('span', { className: 'muted' }, 'unknown time');
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) {
      return el('span', { className: 'muted', title: 'not a time this browser can show' }, String(iso));
    }
    let shown;
    try {
      shown = date.toLocaleString() + ' (' + ago(date) + ')';
    } catch (e) {
      shown = String(iso);
    }
    return el('time', { datetime: String(iso), title: date.toISOString() }, shown);
  }

  function ago(date) {
    const seconds = Math.max(0, (Date.now() - date.getTime()) / 1000);
    const units = [[31536000, 'year'], [2592000, 'month'], [86400, 'day'], [3600, 'hour'], [60, 'minute']];
    for (const [size, name] of units) {
      if (seconds >= size) {
        const n = Math.floor(seconds / size);
        return n + ' ' + name + (n === 1 ? '' : 's') + ' ago';
      }
    }
    return 'just now';
  }

  function statusBadge(status) {
    return el('span', { className: 'badge status status-' + String(status).toLowerCase() }, String(status));
  }

  // A flag the verdict judges provisionally (in `awaiting`: a second opinion, a revised verdict, is on its way).
  function flagBadge(flag, scores, awaiting) {
    const key = SCORE_KEYS[flag];
    const score = scores && typeof scores[key] === 'number' ? ' ' + scores[key].toFixed(2) : '';
    const provisional = (awaiting || []).includes(flag);
    return el('span', { className: 'badge flag flag-' + flag.toLowerCase().replace('_', '-')
        + (provisional ? ' provisional' : ''),
      title: 'score' + score + (provisional ? ', provisional: a second opinion is on its way' : '') },
      (FLAG_LABELS[flag] || flag) + score + (provisional ? ' (provisional)' : ''));
  }

  function commentText(comment, className) {
    return el('div', { className },
      comment.title ? el('p', { className: 'comment-title' }, comment.title) : null,
      el('p', { className: 'comment-body' }, comment.body || ''));
  }

  // --- state --------------------------------------------------------------------------------------

  const state = {
    settings: null,
    articles: [],
    items: [],
    next: null,
    total: 0,
    current: 0,
    selected: new Set(),
    pending: new Map(), // commentId -> time it was decided
    auditNext: null,
    rejectTargets: [],
  };

  // --- the queue ----------------------------------------------------------------------------------

  function queueParams(after) {
    const params = new URLSearchParams();
    params.set('limit', String(PAGE_SIZE));
    if ($('filter-flag').value) params.set('flag', $('filter-flag').value);
    if ($('filter-article').value) params.set('articleId', $('filter-article').value);
    const age = $('filter-age').value;
    if (age) {
      const [name, value] = age.split('=');
      params.set(name, value);
    }
    if (after) params.set('after', after);
    return params;
  }

  async function loadQueue(more) {
    try {
      const page = await api.queue(queueParams(more ? state.next : null));
      const currentId = state.items[state.current] && state.items[state.current].commentId;
      const now = Date.now();
      const listed = new Set(page.items.map((i) => i.commentId));
      for (const [id, at] of state.pending) {
        // Gone from the queue: the decision is applied. Or it took too long: show it again.
        if ((!more && !listed.has(id)) || now - at > PENDING_MS) state.pending.delete(id);
      }
      const fresh = page.items.filter((i) => !state.pending.has(i.commentId));
      state.items = more ? state.items.concat(fresh) : fresh;
      state.next = page.next;
      state.total = page.total;
      const keep = state.items.findIndex((i) => i.commentId === currentId);
      state.current = keep >= 0 ? keep : Math.min(state.current, Math.max(0, state.items.length - 1));
      for (const id of [...state.selected]) {
        if (!state.items.some((i) => i.commentId === id)) state.selected.delete(id);
      }
      renderQueue();
    } catch (e) {
      announce('Could not load the queue: ' + e.message, true);
    }
  }

  function renderQueue() {
    const list = $('queue-list');
    clear(list);
    state.items.forEach((item, index) => list.append(queueItem(item, index)));
    $('queue-empty').hidden = state.items.length > 0;
    $('queue-more').hidden = !state.next;
    const waiting = Math.max(0, state.total - state.pending.size);
    $('queue-summary').textContent = waiting === 1 ? '1 comment waiting, oldest first'
      : waiting + ' comments waiting, oldest first';
    renderSelection();
    markCurrent(false);
  }

  function queueItem(item, index) {
    const checkboxId = 'select-' + index;
    const headingId = 'item-heading-' + index;
    const checkbox = el('input', { type: 'checkbox', id: checkboxId, className: 'select-box',
      'aria-label': 'Select comment ' + item.commentId + ' by ' + (item.author || 'anonymous') });
    checkbox.checked = state.selected.has(item.commentId);
    checkbox.addEventListener('change', () => {
      toggleSelected(item.commentId, checkbox.checked);
      state.current = index;
      markCurrent(false);
    });

    const flags = el('div', { className: 'flags' },
      item.queueFlags.map((f) => flagBadge(f, item.scores, item.awaiting)),
      item.flags.filter((f) => !item.queueFlags.includes(f))
        .map((f) => el('span', { className: 'badge muted-badge', title: 'log only: not queued for this flag' },
          (FLAG_LABELS[f] || f) + ' (log only)')),
      item.teams.map((t) => el('span', { className: 'badge team' }, 'for the ' + t + ' team')),
      statusBadge(item.status));

    const meta = el('p', { className: 'meta' }, 'Posted ', timeEl(item.postedAt), ' · on ',
      el('a', { href: '#/thread/' + encodeURIComponent(item.articleId) }, item.articleTitle || item.articleId),
      el('span', { className: 'muted' }, ' · ' + item.commentId));

    const parent = item.parent
      ? el('div', { className: 'context' },
        el('p', { className: 'context-label' }, 'In reply to ' + (item.parent.author || 'anonymous') + ' (' +
          item.parent.commentId + ')'),
        el('blockquote', { className: 'context-body' }, (item.parent.title ? item.parent.title + ' — ' : '') +
          truncate(item.parent.body, 400)))
      : (item.parentId ? el('p', { className: 'context-label' }, 'In reply to ' + item.parentId + ' (not stored)') : null);

    let body;
    if (item.duplicateOf && item.original && item.queueFlags.includes('DUPLICATE')) {
      body = duplicateComparison(item);
    } else {
      body = commentText(item, 'comment');
    }

    const reasons = item.reasons.length
      ? el('ul', { className: 'reasons-list', 'aria-label': 'Why it was flagged' },
        item.reasons.map((r) => el('li', null, r)))
      : null;

    const actions = el('div', { className: 'actions' },
      el('button', { type: 'button', className: 'approve', onclick: () => approve([item.commentId]) }, 'Approve'),
      el('button', { type: 'button', className: 'reject', onclick: () => openReject([item.commentId]) }, 'Reject…'),
      item.queueFlags.filter((f) => CORRECTIONS[f]).map((f) =>
        el('button', { type: 'button', className: 'secondary',
          onclick: () => correct(item.commentId, CORRECTIONS[f][0], f) }, CORRECTIONS[f][1])));

    const li = el('li', { className: 'item', 'data-comment-id': item.commentId, tabindex: '-1',
      'aria-labelledby': headingId },
    el('div', { className: 'item-head' },
      checkbox,
      el('label', { for: checkboxId, className: 'item-heading', id: headingId },
        'Comment by ' + (item.author || 'anonymous')),
      flags),
    meta, parent, body, reasons, actions);
    li.addEventListener('click', (e) => {
      if (e.target.closest('button, a, input, label')) return;
      state.current = index;
      markCurrent(true);
    });
    return li;
  }

  function truncate(text, max) {
    const s = text || '';
    return s.length > max ? s.slice(0, max - 1) + '…' : s;
  }

  /** The comment and the original side by side; words only in one of them are highlighted. */
  function duplicateComparison(item) {
    const original = item.original;
    const diff = window.ThreadguardDiff.wordDiff(fullText(item), fullText(original));
    const render = (tokens, tag) => tokens.map((t) => (t.changed ? el(tag, null, t.text) : t.text));
    return el('div', { className: 'compare' },
      el('figure', { className: 'compare-side' },
        el('figcaption', null, 'This comment'),
        el('p', { className: 'comment-body' }, render(diff.a, 'ins'))),
      el('figure', { className: 'compare-side original' },
        el('figcaption', null, 'Original ' + original.commentId + ' by ' + (original.author || 'anonymous') + ' · ',
          statusBadge(original.status)),
        el('p', { className: 'comment-body' }, render(diff.b, 'del'))),
      el('p', { className: 'compare-note muted' }, diff.same ? 'Identical text.'
        : 'Words only in this comment are marked green, words only in the original red.'));
  }

  function fullText(c) {
    return c.title ? c.title + '\n' + (c.body || '') : (c.body || '');
  }

  function markCurrent(focus) {
    const nodes = $('queue-list').children;
    for (let i = 0; i < nodes.length; i++) {
      const isCurrent = i === state.current;
      nodes[i].classList.toggle('current', isCurrent);
      if (isCurrent) nodes[i].setAttribute('aria-current', 'true');
      else nodes[i].removeAttribute('aria-current');
    }
    if (focus && nodes[state.current]) {
      nodes[state.current].focus({ preventScroll: true });
      nodes[state.current].scrollIntoView({ block: 'nearest' });
    }
  }

  function move(delta) {
    if (!state.items.length) return;
    state.current = Math.max(0, Math.min(state.items.length - 1, state.current + delta));
    markCurrent(true);
  }

  function toggleSelected(id, on) {
    if (on) state.selected.add(id);
    else state.selected.delete(id);
    renderSelection();
  }

  function renderSelection() {
    const n = state.selected.size;
    $('selection-count').textContent = n + ' selected';
    $('approve-selected').disabled = n === 0;
    $('reject-selected').disabled = n === 0;
    const all = $('select-all');
    all.checked = n > 0 && n === state.items.length;
    all.indeterminate = n > 0 && n < state.items.length;
    for (const box of $('queue-list').querySelectorAll('.select-box')) {
      const id = box.closest('.item').dataset.commentId;
      box.checked = state.selected.has(id);
    }
  }

  /** The selected comments, or else the current one. */
  function targets() {
    if (state.selected.size) return [...state.selected];
    const item = state.items[state.current];
    return item ? [item.commentId] : [];
  }

  // --- decisions ----------------------------------------------------------------------------------

  async function send(ids, action, reason, hide) {
    if (!ids.length) return false;
    // Who decides is the session's user: the sink takes the name from the login, not from the page.
    const decisions = ids.map((commentId) => ({ decisionId: uuid(), commentId, action, reason }));
    try {
      await api.decide(decisions);
    } catch (e) {
      announce('Nothing was decided: ' + e.message, true);
      return false;
    }
    const now = Date.now();
    if (hide) {
      ids.forEach((id) => { state.pending.set(id, now); state.selected.delete(id); });
      state.items = state.items.filter((i) => !state.pending.has(i.commentId));
      state.current = Math.min(state.current, Math.max(0, state.items.length - 1));
      renderQueue();
      markCurrent(true);
    }
    const what = ids.length === 1 ? 'comment ' + ids[0] : ids.length + ' comments';
    announce(ACTION_LABELS[action] + ': ' + what + (reason ? ' (' + reason + ')' : '') + '.');
    // The sink applies the decision once it reads it back from Kafka, within moments.
    setTimeout(refreshAll, 700);
    setTimeout(refreshAll, 2500);
    return true;
  }

  function approve(ids) {
    return send(ids, 'APPROVE', null, true);
  }

  function correct(id, action, flag) {
    const item = state.items.find((i) => i.commentId === id);
    // Dismissing its last queued flag takes the comment out of the queue.
    const last = item && item.queueFlags.length === 1 && item.queueFlags[0] === flag;
    return send([id], action, null, last);
  }

  function openReject(ids) {
    if (!ids.length) return;
    state.rejectTargets = ids;
    $('reject-what').textContent = ids.length === 1 ? 'Comment ' + ids[0] + ' will not be published.'
      : ids.length + ' comments will not be published.';
    $('reject-error').textContent = '';
    $('reject-other').value = '';
    const first = $('reject-reasons').querySelector('input');
    if (first) first.checked = true;
    $('reject-dialog').showModal();
    if (first) first.focus();
  }

  async function confirmReject(event) {
    event.preventDefault();
    const chosen = $('reject-form').querySelector('input[name="reason"]:checked');
    let reason = chosen ? chosen.value : '';
    if (chosen && chosen.id === 'reason-other') reason = $('reject-other').value.trim();
    if (!reason) {
      $('reject-error').textContent = 'Choose a reason or type one.';
      return;
    }
    $('reject-dialog').close();
    await send(state.rejectTargets, 'REJECT', reason, true);
  }

  function renderReasons() {
    const box = $('reject-reasons');
    clear(box);
    state.settings.rejectReasons.forEach((reason, i) => {
      const id = 'reason-' + i;
      box.append(el('div', { className: 'reason' },
        el('input', { type: 'radio', name: 'reason', id, value: reason }),
        el('label', { for: id }, reason)));
    });
    $('reject-other').maxLength = state.settings.maxReasonLength;
    const policy = $('policy-list');
    clear(policy);
    for (const [flag, value] of Object.entries(state.settings.policy)) {
      policy.append(el('dt', null, FLAG_LABELS[flag] || flag), el('dd', null, value));
    }
  }

  // --- keyboard -----------------------------------------------------------------------------------

  function onKey(event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
    if ($('view-queue').hidden || $('reject-dialog').open) return;
    const target = event.target;
    if (target.closest && target.closest('input, textarea, select, [contenteditable]')) return;
    const item = state.items[state.current];
    switch (event.key) {
      case 'j': move(1); break;
      case 'k': move(-1); break;
      case 'x':
        if (item) {
          toggleSelected(item.commentId, !state.selected.has(item.commentId));
          markCurrent(true);
        }
        break;
      case 'a': approve(targets()); break;
      case 'r': openReject(targets()); break;
      default: return;
    }
    event.preventDefault();
  }

  // --- threads ------------------------------------------------------------------------------------

  async function loadThread(articleId) {
    const tree = $('thread-tree');
    const info = $('thread-info');
    clear(tree);
    clear(info);
    if (!articleId) {
      info.append(el('p', { className: 'empty' }, 'No article stored yet.'));
      return;
    }
    try {
      const thread = await api.thread(articleId, $('thread-view').value);
      const article = thread.article;
      info.append(el('h3', null, article ? article.title : articleId),
        el('p', { className: 'muted' }, thread.commentCount + ' comments shown · ' +
          (thread.view === 'public' ? 'what readers see' : 'every comment, with its status')));
      thread.comments.forEach((c) => tree.append(threadNode(c)));
    } catch (e) {
      info.append(el('p', { className: 'error' }, 'Could not load the thread: ' + e.message));
    }
  }

  function threadNode(c) {
    const flags = (c.flags || []).map((f) => flagBadge(f, c.scores, c.awaiting));
    return el('li', null,
      el('article', { className: 'node' + (c.status ? ' node-' + c.status.toLowerCase() : '') },
        el('p', { className: 'meta' }, el('span', { className: 'author' }, c.author || 'anonymous'), ' · ',
          timeEl(c.postedAt), el('span', { className: 'muted' }, ' · ' + c.commentId), ' ',
          c.status ? statusBadge(c.status) : null, ' ', flags,
          (c.dismissedFlags || []).map((f) => el('span', { className: 'badge muted-badge' },
            'not ' + (FLAG_LABELS[f] || f).toLowerCase()))),
        commentText(c, 'comment'),
        c.decisionReason ? el('p', { className: 'decision-reason' }, 'Moderator: ' + c.decisionReason) : null),
      c.replies.length ? el('ul', null, c.replies.map(threadNode)) : null);
  }

  // --- audit --------------------------------------------------------------------------------------

  async function loadAudit(more) {
    const params = new URLSearchParams();
    params.set('limit', '100');
    for (const [name, id] of [['moderator', 'audit-moderator'], ['commentId', 'audit-comment'],
      ['articleId', 'audit-article'], ['from', 'audit-from'], ['to', 'audit-to']]) {
      const value = $(id).value.trim();
      if (value) params.set(name, value);
    }
    if (more && state.auditNext) params.set('before', state.auditNext);
    try {
      const page = await api.audit(params);
      const rows = $('audit-rows');
      if (!more) clear(rows);
      const titles = new Map(state.articles.map((a) => [a.articleId, a.title]));
      for (const e of page.entries) {
        rows.append(el('tr', { 'data-decision-id': e.decisionId },
          el('td', null, timeEl(e.decidedAt)),
          el('td', null, e.moderator),
          el('td', null, ACTION_LABELS[e.action] || e.action),
          el('td', null, e.commentId),
          el('td', null, el('a', { href: '#/thread/' + encodeURIComponent(e.articleId) },
            titles.get(e.articleId) || e.articleId)),
          el('td', null, statusBadge(e.fromStatus), ' → ', statusBadge(e.toStatus)),
          el('td', null, e.reason || '')));
      }
      state.auditNext = page.next;
      $('audit-more').hidden = !page.next;
      $('audit-empty').hidden = rows.children.length > 0;
    } catch (e) {
      announce('Could not load the audit trail: ' + e.message, true);
    }
  }

  // --- articles, summary, routing -----------------------------------------------------------------

  async function loadArticles() {
    try {
      state.articles = await api.articles();
    } catch (e) {
      announce('Could not list the articles: ' + e.message, true);
      return;
    }
    for (const [id, withAll] of [['filter-article', true], ['audit-article', true], ['thread-article', false]]) {
      const select = $(id);
      const chosen = select.value;
      clear(select);
      if (withAll) select.append(el('option', { value: '' }, 'All articles'));
      for (const a of state.articles) {
        const label = withAll && id === 'filter-article' ? a.title + ' (' + a.queued + ')' : a.title;
        select.append(el('option', { value: a.articleId }, label));
      }
      if ([...select.options].some((o) => o.value === chosen)) select.value = chosen;
    }
  }

  async function loadSummary() {
    try {
      const summary = await api.summary();
      $('queue-count').textContent = String(summary.queued);
    } catch (e) {
      // The queue itself reports errors; the badge just stays as it was.
    }
  }

  function refreshAll() {
    loadSummary();
    if (!$('view-queue').hidden) loadQueue(false);
    if (!$('view-audit').hidden) loadAudit(false);
    if (!$('view-thread').hidden) loadThread($('thread-article').value);
  }

  function route() {
    const hash = location.hash || '#/queue';
    const [, view, arg] = hash.match(/^#\/(queue|thread|audit)(?:\/(.*))?$/) || [null, 'queue', null];
    for (const name of ['queue', 'thread', 'audit']) {
      $('view-' + name).hidden = name !== view;
      const link = $('nav-' + name);
      if (name === view) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
    if (view === 'queue') loadQueue(false);
    if (view === 'audit') loadAudit(false);
    if (view === 'thread') {
      const articleId = arg ? decodeURIComponent(arg) : $('thread-article').value;
      if (articleId && [...$('thread-article').options].some((o) => o.value === articleId)) {
        $('thread-article').value = articleId;
      }
      loadThread(articleId);
    }
  }

  async function start() {
    if (!window.ThreadguardSession) {
      announce('Part of this page (/session.js) did not load. Reload the page.', true);
      return;
    }
    try {
      await window.ThreadguardSession.ready;
    } catch (e) {
      // session.js shows why; without a session (and its CSRF token) nothing here would work.
      return;
    }
    document.addEventListener('keydown', onKey);
    for (const id of ['filter-flag', 'filter-article', 'filter-age']) {
      $(id).addEventListener('change', () => { state.selected.clear(); state.current = 0; loadQueue(false); });
    }
    $('queue-filters').addEventListener('submit', (e) => e.preventDefault());
    $('queue-refresh').addEventListener('click', () => { loadArticles(); refreshAll(); });
    $('queue-more').addEventListener('click', () => loadQueue(true));
    $('select-all').addEventListener('change', (e) => {
      state.selected = e.target.checked ? new Set(state.items.map((i) => i.commentId)) : new Set();
      renderSelection();
    });
    $('approve-selected').addEventListener('click', () => approve([...state.selected]));
    $('reject-selected').addEventListener('click', () => openReject([...state.selected]));
    $('reject-form').addEventListener('submit', confirmReject);
    $('reject-cancel').addEventListener('click', () => $('reject-dialog').close());
    $('reject-other').addEventListener('input', () => { $('reason-other').checked = true; });
    $('thread-form').addEventListener('submit', (e) => e.preventDefault());
    $('thread-article').addEventListener('change', () => {
      location.hash = '#/thread/' + encodeURIComponent($('thread-article').value);
    });
    $('thread-view').addEventListener('change', () => loadThread($('thread-article').value));
    $('audit-filters').addEventListener('submit', (e) => { e.preventDefault(); loadAudit(false); });
    $('audit-more').addEventListener('click', () => loadAudit(true));
    window.addEventListener('hashchange', route);

    try {
      state.settings = await api.settings();
      renderReasons();
    } catch (e) {
      announce('Could not load the settings: ' + e.message, true);
    }
    await loadArticles();
    loadSummary();
    route();
    document.body.dataset.ready = 'true';
  }

  start();
}());
