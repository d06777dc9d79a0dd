'use strict';
/* The login page: POST /api/session, then back to the page that sent us here (only ever a page of this site). */
(function () {
  const form = document.getElementById('login-form');
  const error = document.getElementById('login-error');

  function next() {
    const raw = new URLSearchParams(location.search).get('next') || '/';
    // Only a path on this site: never "//elsewhere" or "/\elsewhere", which browsers treat as other hosts.
    return /^\/(?![\/\\])[^\s]*$/.test(raw) ? raw : '/';
  }

  // Single sign-on, when the site turned it on: the link keeps where the person was going.
  fetch('/api/session/options', { headers: { Accept: 'application/json' } })
    .then((r) => (r.ok ? r.json() : null))
    .then((options) => {
      if (!options || !options.singleSignOn) return;
      document.getElementById('sso-link').href = '/login/oidc?next=' + encodeURIComponent(next() + location.hash);
      document.getElementById('sso').hidden = false;
    })
    .catch(() => {});

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    const button = document.getElementById('login-submit');
    button.disabled = true;
    try {
      const response = await fetch('/api/session', {
        method: 'POST', credentials: 'same-origin', referrerPolicy: 'same-origin',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({
          username: document.getElementById('username').value.trim(),
          password: document.getElementById('password').value,
        }),
      });
      if (response.status === 204) {
        // A redirect here from /#/audit keeps "#/audit" (browsers carry the fragment over): go back to it.
        const target = next();
        location.assign(target.includes('#') ? target : target + location.hash);
        return;
      }
      const problem = await response.json().catch(() => null);
      if (response.status === 429) {
        error.textContent = 'Too many attempts. Try again in ' + (response.headers.get('Retry-After') || 'a few')
          + ' seconds.';
      } else if (response.status === 401) {
        error.textContent = 'Unknown user name or wrong password.';
      } else {
        error.textContent = (problem && problem.detail) || 'The sink answered ' + response.status + '.';
      }
    } catch (e) {
      error.textContent = 'The sink did not answer (' + e.message + ').';
    } finally {
      button.disabled = false;
    }
  });
}());
