-- Reminders to owners who have not voted (issue 3): one row per reminder sent, manual (by the
-- convener) or scheduled (the 'meeting.remind' job). The manual throttle (one per meeting per
-- hour) reads the latest manual row; the row also keeps how many accounts were reached.

CREATE TABLE meeting_reminders (
  id          bigserial PRIMARY KEY,
  meeting_id  bigint NOT NULL REFERENCES meetings(id),
  kind        text NOT NULL CHECK (kind IN ('manual', 'scheduled')),
  sent_by     bigint REFERENCES accounts(id),
  recipients  integer NOT NULL CHECK (recipients >= 0),
  sent_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX meeting_reminders_meeting_idx ON meeting_reminders (meeting_id, kind, sent_at DESC);
