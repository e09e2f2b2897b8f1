-- A debate's revision goes up once per statement that writes its rows, not once per row. Each
-- update of the same revision row inside one transaction leaves a row version that the next one
-- must step over: a transaction writing 100,000 votes of one debate (`debat copy-to`, the unlink
-- of a big anonymous debate) slowed down with the square of its rows, about 20 s per batch of
-- 5,000 votes. The page still sees a new revision at every write that can change it.

-- As in PostgreSQL's own example of transition tables, one function reads the table its event has.
CREATE FUNCTION debate_revision_of_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE debate_revisions SET revision = revision + 1 WHERE debate_id IN (SELECT debate_id FROM new_rows);
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE debate_revisions SET revision = revision + 1 WHERE debate_id IN (SELECT debate_id FROM old_rows);
  ELSE
    UPDATE debate_revisions SET revision = revision + 1
      WHERE debate_id IN (SELECT debate_id FROM new_rows UNION SELECT debate_id FROM old_rows);
  END IF;
  RETURN NULL;
END $$;
-- Endorsements name their argument, whose debate it is.
CREATE FUNCTION debate_revision_of_endorsements() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE debate_revisions SET revision = revision + 1
      WHERE debate_id IN (SELECT a.debate_id FROM arguments a WHERE a.id IN (SELECT argument_id FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE debate_revisions SET revision = revision + 1
      WHERE debate_id IN (SELECT a.debate_id FROM arguments a WHERE a.id IN (SELECT argument_id FROM old_rows));
  ELSE
    UPDATE debate_revisions SET revision = revision + 1
      WHERE debate_id IN (SELECT a.debate_id FROM arguments a
        WHERE a.id IN (SELECT argument_id FROM new_rows UNION SELECT argument_id FROM old_rows));
  END IF;
  RETURN NULL;
END $$;

-- Transition tables take one event a trigger: three triggers for each table.
DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT * FROM (VALUES ('arguments', 'rows'), ('votes', 'rows'), ('vote_events', 'rows'),
      ('summary_snapshots', 'rows'), ('endorsements', 'endorsements')) AS v (name, kind)
  LOOP
    EXECUTE format('DROP TRIGGER debate_revision_%1$s ON %1$I', t.name);
    EXECUTE format('CREATE TRIGGER debate_revision_%1$s_inserted AFTER INSERT ON %1$I
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION debate_revision_of_%2$s()',
      t.name, t.kind);
    EXECUTE format('CREATE TRIGGER debate_revision_%1$s_updated AFTER UPDATE ON %1$I
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
      EXECUTE FUNCTION debate_revision_of_%2$s()', t.name, t.kind);
    EXECUTE format('CREATE TRIGGER debate_revision_%1$s_deleted AFTER DELETE ON %1$I
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION debate_revision_of_%2$s()',
      t.name, t.kind);
  END LOOP;
END $$;

DROP FUNCTION debate_revision_of_row();
DROP FUNCTION debate_revision_of_endorsement();
