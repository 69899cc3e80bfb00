-- The schema of tangping serve on PostgreSQL: the same tables as SQLite.
CREATE TABLE sessions (
	name       TEXT PRIMARY KEY,
	code       TEXT NOT NULL,
	created_at TIMESTAMPTZ NOT NULL
);
CREATE TABLE participants (
	id          TEXT PRIMARY KEY,
	session     TEXT NOT NULL REFERENCES sessions(name),
	resume_code TEXT NOT NULL,
	key_fp      TEXT,
	created_at  TIMESTAMPTZ NOT NULL,
	-- Raised by every claim; only the latest claim's saves land.
	generation  BIGINT NOT NULL DEFAULT 0,
	UNIQUE (session, resume_code)
);
CREATE UNIQUE INDEX participants_key ON participants(session, key_fp) WHERE key_fp IS NOT NULL;
CREATE TABLE progress (
	participant_id TEXT PRIMARY KEY REFERENCES participants(id),
	doc            TEXT NOT NULL,
	updated_at     TIMESTAMPTZ NOT NULL
);
CREATE TABLE results (
	seq            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	participant_id TEXT NOT NULL UNIQUE REFERENCES participants(id),
	-- The result file's bytes, exactly as written (not JSONB, which
	-- would reorder them).
	doc            TEXT NOT NULL,
	completed_at   TIMESTAMPTZ NOT NULL
);
CREATE TABLE instances (
	id        TEXT PRIMARY KEY,
	session   TEXT NOT NULL,
	connected INTEGER NOT NULL,
	seen_ms   BIGINT NOT NULL
);
CREATE TABLE host_keys (
	name TEXT PRIMARY KEY,
	pem  TEXT NOT NULL
);
