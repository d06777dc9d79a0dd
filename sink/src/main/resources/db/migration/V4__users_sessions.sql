-- Moderator logins (sink/auth). Names are unique regardless of case; the hash is Argon2id in
-- spring-security-crypto's encoded form (parameters and salt inside), null for single-sign-on users.
CREATE TABLE users (
    name          text PRIMARY KEY,
    role          text NOT NULL CHECK (role IN ('moderator', 'admin')),
    password_hash text,
    disabled      boolean NOT NULL DEFAULT false,
    created_at    timestamptz NOT NULL
);
CREATE UNIQUE INDEX users_name_lower_idx ON users (lower(name));

-- A session is found by the SHA-256 of its token: the token itself is only ever in the moderator's cookie,
-- so a copy of this table lets no one in. The CSRF token is the synchronizer token the page sends back.
CREATE TABLE sessions (
    token_hash   text PRIMARY KEY,
    username     text NOT NULL REFERENCES users (name) ON DELETE CASCADE,
    csrf_token   text NOT NULL,
    created_at   timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL
);
CREATE INDEX sessions_username_idx ON sessions (username);

-- Every login attempt, its outcome and where it came from; never a password.
CREATE TABLE login_audit (
    id        bigserial PRIMARY KEY,
    at        timestamptz NOT NULL,
    username  text NOT NULL,
    address   text NOT NULL,
    outcome   text NOT NULL
);
CREATE INDEX login_audit_at_idx ON login_audit (at);

-- Single sign-on logins under way: the PKCE verifier and nonce of each authorization request, by its state,
-- until the provider sends the browser back (or 10 minutes pass). In the database, so any sink can finish a
-- login another one began.
CREATE TABLE oidc_logins (
    state       text PRIMARY KEY,
    verifier    text NOT NULL,
    nonce       text NOT NULL,
    next_path   text NOT NULL,
    created_at  timestamptz NOT NULL
);
