-- A session's names setting (serve --collect-names), so every instance
-- and restart keeps what participants were told; NULL for sessions
-- recorded before it existed.
ALTER TABLE sessions ADD COLUMN collect_names INTEGER;
