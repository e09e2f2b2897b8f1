-- Mirrors 012_page_revisions.sql: a debate's revision, one more at every write that can change
-- its page, kept by triggers.
CREATE TABLE debate_revisions (
  debate_id  bigint PRIMARY KEY REFERENCES debates (id) ON DELETE CASCADE,
  revision   bigint NOT NULL DEFAULT 1
);
INSERT INTO debate_revisions (debate_id) SELECT id FROM debates;

CREATE FUNCTION debate_revision_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO debate_revisions (debate_id) VALUES (NEW.id);
  RETURN NULL;
END $$;
CREATE TRIGGER debate_revision_new AFTER INSERT ON debates FOR EACH ROW EXECUTE FUNCTION debate_revision_new();

CREATE FUNCTION debate_revision_of_debate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE debate_revisions SET revision = revision + 1 WHERE debate_id = NEW.id;
  RETURN NULL;
END $$;
CREATE TRIGGER debate_revision_debate AFTER UPDATE ON debates FOR EACH ROW EXECUTE FUNCTION debate_revision_of_debate();

-- A row of a table with debate_id: the new row's debate, or the removed row's.
CREATE FUNCTION debate_revision_of_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE debate_revisions SET revision = revision + 1
    WHERE debate_id = CASE WHEN TG_OP = 'DELETE' THEN OLD.debate_id ELSE NEW.debate_id END;
  RETURN NULL;
END $$;
CREATE TRIGGER debate_revision_arguments AFTER INSERT OR UPDATE OR DELETE ON arguments FOR EACH ROW EXECUTE FUNCTION debate_revision_of_row();
CREATE TRIGGER debate_revision_votes AFTER INSERT OR UPDATE OR DELETE ON votes FOR EACH ROW EXECUTE FUNCTION debate_revision_of_row();
CREATE TRIGGER debate_revision_vote_events AFTER INSERT OR UPDATE OR DELETE ON vote_events FOR EACH ROW EXECUTE FUNCTION debate_revision_of_row();
CREATE TRIGGER debate_revision_summary_snapshots AFTER INSERT OR UPDATE OR DELETE ON summary_snapshots FOR EACH ROW EXECUTE FUNCTION debate_revision_of_row();

CREATE FUNCTION debate_revision_of_endorsement() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE debate_revisions SET revision = revision + 1 WHERE debate_id = (SELECT debate_id FROM arguments
    WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.argument_id ELSE NEW.argument_id END);
  RETURN NULL;
END $$;
CREATE TRIGGER debate_revision_endorsements AFTER INSERT OR UPDATE OR DELETE ON endorsements FOR EACH ROW EXECUTE FUNCTION debate_revision_of_endorsement();
