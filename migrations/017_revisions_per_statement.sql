-- Mirrors postgres/017_revisions_per_statement.sql, where a debate's revision moved from one
-- update per row to one per statement. Nothing changes here: SQLite updates the revision's row in
-- place, so many rows of one debate written in one transaction cost one small update each.
SELECT 1;
