-- The first schema (tangping serve before PostgreSQL support).
CREATE TABLE IF NOT EXISTS sessions (
	name       TEXT PRIMARY KEY,
	code       TEXT NOT NULL,
	created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS participants (
	id          TEXT PRIMARY KEY,
	session     TEXT NOT NULL REFERENCES sessions(name),
	resume_code TEXT NOT NULL,
	key_fp      TEXT,
	created_at  TEXT NOT NULL,
	UNIQUE (session, resume_code)
);
CREATE UNIQUE INDEX IF NOT EXISTS participants_key ON participants(session, key_fp) WHERE key_fp IS NOT NULL;
CREATE TABLE IF NOT EXISTS progress (
	participant_id TEXT PRIMARY KEY REFERENCES participants(id),
	doc            TEXT NOT NULL,
	updated_at     TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS results (
	seq            INTEGER PRIMARY KEY AUTOINCREMENT,
	participant_id TEXT NOT NULL UNIQUE REFERENCES participants(id),
	doc            TEXT NOT NULL,
	completed_at   TEXT NOT NULL
);
