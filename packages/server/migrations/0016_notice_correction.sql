-- Notices (issue 5, D1): a correction carries its reason (shown to owners beside the corrected
-- text), and the guard keeps that reason as fixed as the rest of a published notice's content.

ALTER TABLE notices ADD COLUMN correction_reason text CHECK (correction_reason IS NULL OR length(correction_reason) BETWEEN 1 AND 500);
ALTER TABLE notices ADD CONSTRAINT notices_correction_reason CHECK (correction_reason IS NULL OR corrects_id IS NOT NULL);

CREATE OR REPLACE FUNCTION notices_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.state <> 'draft' THEN
      RAISE EXCEPTION 'notice % was published and is never deleted (withdraw it instead)', OLD.id USING ERRCODE = 'check_violation';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.state <> 'draft' AND (
       NEW.estate_id, NEW.kind, NEW.title, NEW.body, NEW.audience, NEW.building_ids, NEW.unit_ids,
       NEW.publisher_kind, NEW.publisher_name, NEW.corrects_id, NEW.publicity_start, NEW.publicity_end,
       NEW.published_at, NEW.published_by, NEW.source_type, NEW.source_id, NEW.correction_reason
     ) IS DISTINCT FROM (
       OLD.estate_id, OLD.kind, OLD.title, OLD.body, OLD.audience, OLD.building_ids, OLD.unit_ids,
       OLD.publisher_kind, OLD.publisher_name, OLD.corrects_id, OLD.publicity_start, OLD.publicity_end,
       OLD.published_at, OLD.published_by, OLD.source_type, OLD.source_id, OLD.correction_reason
     ) THEN
    RAISE EXCEPTION 'notice % was published: its content never changes (publish a correction)', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  IF OLD.state = 'withdrawn' AND NEW.state <> 'withdrawn' THEN
    RAISE EXCEPTION 'notice % was withdrawn and stays withdrawn', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  -- a withdrawal is final: its time and reason are part of the archive
  IF OLD.state = 'withdrawn' AND (NEW.withdrawn_at, NEW.withdrawn_by, NEW.withdraw_reason) IS DISTINCT FROM (OLD.withdrawn_at, OLD.withdrawn_by, OLD.withdraw_reason) THEN
    RAISE EXCEPTION 'notice % was withdrawn: the withdrawal never changes', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  IF OLD.state = 'published' AND NEW.state = 'draft' THEN
    RAISE EXCEPTION 'notice % was published and cannot return to draft', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;

-- Every recipient row is updated once (its first read), thousands within minutes for an
-- estate-wide notice. Room left on each page lets that update stay on the row's page (a HOT
-- update: no new index entries, no table extension that every reader would queue on).
ALTER TABLE notice_recipients SET (fillfactor = 50);
