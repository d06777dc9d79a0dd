'use strict';
/*
 * The logged-in moderator, shared by the review page and the dashboard: shows who is logged in, logs out,
 * and hands app.js the CSRF token it sends with every change. Without a session (or once it expires) the
 * page goes to /login and comes back here after.
 */
(function () {
  let me = null;

  function toLogin() {
    location.assign('/login?next=' + encodeURIComponent(location.pathname + location.hash));
    return new Promise(() => {}); // the page is going away: nothing after this runs
  }

  async function load() {
    const response = await fetch('/api/session', { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    if (response.status === 401) return toLogin();
    if (!response.ok) throw new Error('the sink answered ' + response.status + ' to GET /api/session');
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
      location.assign('/login');
    }
  }

  const button = document.getElementById('logout');
  if (button) button.addEventListener('click', logout);

  window.ThreadguardSession = {
    /** Resolves to {username, role, csrfToken} once known. */
    ready: load(),
    csrfToken: () => (me ? me.csrfToken : ''),
    /** Called on a 401 from the API: the session ended (idle, expired, user disabled). */
    expired: toLogin,
  };
}());
