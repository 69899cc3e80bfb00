-- Claims (one screen writes a participant's answers), instance presence
-- and a host key kept in the database, as the PostgreSQL schema has them.
ALTER TABLE participants ADD COLUMN generation INTEGER NOT NULL DEFAULT 0;
CREATE TABLE instances (
	id        TEXT PRIMARY KEY,
	session   TEXT NOT NULL,
	connected INTEGER NOT NULL,
	seen_ms   INTEGER NOT NULL
);
CREATE TABLE host_keys (
	name TEXT PRIMARY KEY,
	pem  TEXT NOT NULL
);
