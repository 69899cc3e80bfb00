-- A session's names setting (serve --collect-names), so every instance
-- and restart keeps what participants were told.
ALTER TABLE sessions ADD COLUMN collect_names BOOLEAN;
