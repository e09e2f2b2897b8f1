-- A debate's revision goes up once per statement that writes its rows, not once per row. Each
-- update of the same revision row inside one transaction leaves a row version that the next one
-- must step over: a transaction writing 100,000 votes of one debate (`debat copy-to`, the unlink
-- of a big anonymous debate) slowed down with the square of its rows, about 20 s per batch of
-- 5,000 votes. The page still sees a new revision at every write that can change it.

CREATE FUNCTION debate_revision_of_new_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE debate_revisions SET revision = revision + 1 WHERE debate_id IN (SELECT debate_id FROM new_rows);
  RETURN NULL;
END $$;
CREATE FUNCTION debate_revision_of_old_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE debate_revisions SET revision = revision + 1 WHERE debate_id IN (SELECT debate_id FROM old_rows);
  RETURN NULL;
END $$;
CREATE FUNCTION debate_revision_of_changed_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE debate_revisions SET revision = revision + 1
    WHERE debate_id IN (SELECT debate_id FROM new_rows UNION SELECT debate_id FROM old_rows);
  RETURN NULL;
END $$;
-- Endorsements name their argument, whose debate it is.
CREATE FUNCTION debate_revision_of_new_endorsements() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE debate_revisions SET revision = revision + 1
    WHERE debate_id IN (SELECT a.debate_id FROM new_rows n JOIN arguments a ON a.id = n.argument_id);
  RETURN NULL;
END $$;
CREATE FUNCTION debate_revision_of_old_endorsements() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE debate_revisions SET revision = revision + 1
    WHERE debate_id IN (SELECT a.debate_id FROM old_rows o JOIN arguments a ON a.id = o.argument_id);
  RETURN NULL;
END $$;
CREATE FUNCTION debate_revision_of_changed_endorsements() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE debate_revisions SET revision = revision + 1
    WHERE debate_id IN (SELECT a.debate_id FROM arguments a
      WHERE a.id IN (SELECT argument_id FROM new_rows UNION SELECT argument_id FROM old_rows));
  RETURN NULL;
END $$;

DROP TRIGGER debate_revision_arguments ON arguments;
CREATE TRIGGER debate_revision_arguments_inserted AFTER INSERT ON arguments REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION debate_revision_of_new_rows();
CREATE TRIGGER debate_revision_arguments_updated AFTER UPDATE ON arguments REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION debate_revision_of_changed_rows();
CREATE TRIGGER debate_revision_arguments_deleted AFTER DELETE ON arguments REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION debate_revision_of_old_rows();

DROP TRIGGER debate_revision_votes ON votes;
CREATE TRIGGER debate_revision_votes_inserted AFTER INSERT ON votes REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION debate_revision_of_new_rows();
CREATE TRIGGER debate_revision_votes_updated AFTER UPDATE ON votes REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION debate_revision_of_changed_rows();
CREATE TRIGGER debate_revision_votes_deleted AFTER DELETE ON votes REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION debate_revision_of_old_rows();

DROP TRIGGER debate_revision_vote_events ON vote_events;
CREATE TRIGGER debate_revision_vote_events_inserted AFTER INSERT ON vote_events REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION debate_revision_of_new_rows();
CREATE TRIGGER debate_revision_vote_events_updated AFTER UPDATE ON vote_events REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION debate_revision_of_changed_rows();
CREATE TRIGGER debate_revision_vote_events_deleted AFTER DELETE ON vote_events REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION debate_revision_of_old_rows();

DROP TRIGGER debate_revision_summary_snapshots ON summary_snapshots;
CREATE TRIGGER debate_revision_summary_snapshots_inserted AFTER INSERT ON summary_snapshots REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION debate_revision_of_new_rows();
CREATE TRIGGER debate_revision_summary_snapshots_updated AFTER UPDATE ON summary_snapshots REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION debate_revision_of_changed_rows();
CREATE TRIGGER debate_revision_summary_snapshots_deleted AFTER DELETE ON summary_snapshots REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION debate_revision_of_old_rows();

DROP TRIGGER debate_revision_endorsements ON endorsements;
CREATE TRIGGER debate_revision_endorsements_inserted AFTER INSERT ON endorsements REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION debate_revision_of_new_endorsements();
CREATE TRIGGER debate_revision_endorsements_updated AFTER UPDATE ON endorsements REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION debate_revision_of_changed_endorsements();
CREATE TRIGGER debate_revision_endorsements_deleted AFTER DELETE ON endorsements REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION debate_revision_of_old_endorsements();

DROP FUNCTION debate_revision_of_row();
DROP FUNCTION debate_revision_of_endorsement();
