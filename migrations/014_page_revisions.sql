-- A debate's revision: one more at every write that can change what its page shows, so a page
-- is built once per revision and served from memory until the next (see src/web/page-cache.ts).
-- Kept by triggers: no store method can forget it.
CREATE TABLE debate_revisions (
  debate_id  INTEGER PRIMARY KEY REFERENCES debates (id) ON DELETE CASCADE,
  revision   INTEGER NOT NULL DEFAULT 1
) STRICT;
INSERT INTO debate_revisions (debate_id) SELECT id FROM debates;

CREATE TRIGGER debate_revision_new AFTER INSERT ON debates BEGIN
  INSERT INTO debate_revisions (debate_id) VALUES (NEW.id);
END;
CREATE TRIGGER debate_revision_debate AFTER UPDATE ON debates BEGIN
  UPDATE debate_revisions SET revision = revision + 1 WHERE debate_id = NEW.id;
END;
CREATE TRIGGER debate_revision_arguments_insert AFTER INSERT ON arguments BEGIN
  UPDATE debate_revisions SET revision = revision + 1 WHERE debate_id = NEW.debate_id;
END;
CREATE TRIGGER debate_revision_arguments_update AFTER UPDATE ON arguments BEGIN
  UPDATE debate_revisions SET revision = revision + 1 WHERE debate_id = NEW.debate_id;
END;
CREATE TRIGGER debate_revision_arguments_delete AFTER DELETE ON arguments BEGIN
  UPDATE debate_revisions SET revision = revision + 1 WHERE debate_id = OLD.debate_id;
END;
CREATE TRIGGER debate_revision_votes_insert AFTER INSERT ON votes BEGIN
  UPDATE debate_revisions SET revision = revision + 1 WHERE debate_id = NEW.debate_id;
END;
CREATE TRIGGER debate_revision_votes_update AFTER UPDATE ON votes BEGIN
  UPDATE debate_revisions SET revision = revision + 1 WHERE debate_id = NEW.debate_id;
END;
CREATE TRIGGER debate_revision_votes_delete AFTER DELETE ON votes BEGIN
  UPDATE debate_revisions SET revision = revision + 1 WHERE debate_id = OLD.debate_id;
END;
CREATE TRIGGER debate_revision_vote_events_insert AFTER INSERT ON vote_events BEGIN
  UPDATE debate_revisions SET revision = revision + 1 WHERE debate_id = NEW.debate_id;
END;
CREATE TRIGGER debate_revision_vote_events_update AFTER UPDATE ON vote_events BEGIN
  UPDATE debate_revisions SET revision = revision + 1 WHERE debate_id = NEW.debate_id;
END;
CREATE TRIGGER debate_revision_vote_events_delete AFTER DELETE ON vote_events BEGIN
  UPDATE debate_revisions SET revision = revision + 1 WHERE debate_id = OLD.debate_id;
END;
CREATE TRIGGER debate_revision_summary_snapshots_insert AFTER INSERT ON summary_snapshots BEGIN
  UPDATE debate_revisions SET revision = revision + 1 WHERE debate_id = NEW.debate_id;
END;
CREATE TRIGGER debate_revision_summary_snapshots_update AFTER UPDATE ON summary_snapshots BEGIN
  UPDATE debate_revisions SET revision = revision + 1 WHERE debate_id = NEW.debate_id;
END;
CREATE TRIGGER debate_revision_summary_snapshots_delete AFTER DELETE ON summary_snapshots BEGIN
  UPDATE debate_revisions SET revision = revision + 1 WHERE debate_id = OLD.debate_id;
END;
CREATE TRIGGER debate_revision_endorsements_insert AFTER INSERT ON endorsements BEGIN
  UPDATE debate_revisions SET revision = revision + 1
    WHERE debate_id = (SELECT debate_id FROM arguments WHERE id = NEW.argument_id);
END;
CREATE TRIGGER debate_revision_endorsements_update AFTER UPDATE ON endorsements BEGIN
  UPDATE debate_revisions SET revision = revision + 1
    WHERE debate_id = (SELECT debate_id FROM arguments WHERE id = NEW.argument_id);
END;
CREATE TRIGGER debate_revision_endorsements_delete AFTER DELETE ON endorsements BEGIN
  UPDATE debate_revisions SET revision = revision + 1
    WHERE debate_id = (SELECT debate_id FROM arguments WHERE id = OLD.argument_id);
END;
