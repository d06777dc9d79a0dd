'use strict';
/*
 * The logged-in moderator, shared by the review page and the dashboard: shows who is logged in, logs out,
 * and hands app.js the CSRF token it sends with every change. Without a session (or once it expires) the
 * page goes to /login and comes back here after.
 *
 * This file is public (the server gives it to anyone, see sink.auth.Access): it must run even when the session
 * ended between the page and its scripts, because it is what takes the person to the login page. When anything
 * but "no session" goes wrong it says so in the page's status line rather than leaving a page that does nothing.
 */
(function () {
  // A sink restarting or a database hiccup answers 502/503/504 or not at all for a moment: ask again before
  // showing an error. A 401 is an answer, not a failure, and is never retried.
  const RETRY_DELAYS_MS = [500, 1500];
  let me = null;
  let leaving = false;

  function toLogin() {
    if (!leaving) {
      leaving = true;
      location.assign('/login?next=' + encodeURIComponent(location.pathname + location.hash));
    }
    return new Promise(() => {}); // the page is going away: nothing after this runs
  }

  /** Shows a failure in the page's status line (both pages have one), so it never just sits there. */
  function showError(message) {
    const status = document.getElementById('status');
    if (!status) return;
    status.textContent = message;
    status.classList.add('error');
  }

  const delay = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

  /** GET /api/session: the response, after retrying what may pass; throws with a message a person can read. */
  async function askSession() {
    for (let attempt = 0; ; attempt++) {
      let response = null;
      let failure;
      try {
        // no-store: the answer must be about now, never a copy from before a logout.
        response = await fetch('/api/session', { headers: { Accept: 'application/json' },
          credentials: 'same-origin', cache: 'no-store' });
        failure = 'the sink answered ' + response.status + ' to GET /api/session';
      } catch (e) {
        failure = 'the sink did not answer GET /api/session (' + e.message + ')';
      }
      const transient = response === null || [502, 503, 504].includes(response.status);
      if (!transient || attempt >= RETRY_DELAYS_MS.length) {
        if (response !== null && (response.ok || response.status === 401)) return response;
        throw new Error(failure);
      }
      await delay(RETRY_DELAYS_MS[attempt]);
    }
  }

  async function load() {
    let response;
    try {
      response = await askSession();
    } catch (e) {
      showError('Could not tell who is logged in: ' + e.message + '. Reload the page to try again.');
      throw e;
    }
    if (response.status === 401) return toLogin();
    me = await response.json();
    const who = document.getElementById('who');
    if (who) who.textContent = me.username + ' (' + me.role + ')';
    const account = document.getElementById('account');
    if (account) account.hidden = false;
    return me;
  }

  async function logout() {
    try {
      await fetch('/api/session', {
        method: 'DELETE', credentials: 'same-origin', referrerPolicy: 'same-origin',
        headers: { 'X-CSRF-Token': me ? me.csrfToken : '' },
      });
    } finally {
      leaving = true;
      location.assign('/login');
    }
  }

  // Another of the page's scripts did not load: a 401 (the session ended just now) goes to the login page,
  // anything else is shown. Script errors do not bubble, so this listens in the capture phase; the scripts are
  // deferred and run in order after this one, so it is listening before any of them can fail.
  window.addEventListener('error', (event) => {
    const script = event.target;
    if (!(script instanceof HTMLScriptElement) || leaving) return;
    askSession().then((response) => {
      if (response.status === 401) return toLogin();
      showError('Part of this page (' + new URL(script.src).pathname + ') did not load. Reload the page.');
      return null;
    }, (e) => showError('Part of this page did not load and ' + e.message + '. Reload the page.'));
  }, true);

  // A page the browser kept and shows again (Back after a logout): ask again who is logged in.
  window.addEventListener('pageshow', (event) => {
    if (!event.persisted) return;
    leaving = false;
    window.ThreadguardSession.ready = load();
    window.ThreadguardSession.ready.catch(() => {});
  });

  const button = document.getElementById('logout');
  if (button) button.addEventListener('click', logout);

  const ready = load();
  ready.catch(() => {}); // shown in the page already; a page that does not wait for it has nothing more to do

  window.ThreadguardSession = {
    /** Resolves to {username, role, csrfToken} once known; rejects (and the page shows why) when it cannot be. */
    ready,
    csrfToken: () => (me ? me.csrfToken : ''),
    /** Called on a 401 from the API: the session ended (idle, expired, user disabled). */
    expired: toLogin,
  };
}());
