-- Paper ballots (纸质票) of issue 3: one scanned sheet per owner (voter key) groups the pending
-- ballot rows of every item it marks. Staff enter a sheet; a SECOND person confirms it (the
-- ballots are then chained and counted, subject to the profile's paper/online precedence) or
-- rejects it with a reason. The sheet keeps who did what; its ballots keep the choices.

CREATE TABLE meeting_paper_sheets (
  id             bigserial PRIMARY KEY,
  meeting_id     bigint NOT NULL REFERENCES meetings(id),
  voter_key      text NOT NULL,
  -- the owner the sheet speaks for (an owner id contained in voter_key)
  owner_id       bigint NOT NULL REFERENCES owners(id),
  -- the unit the staff looked the owner up by, when they did (the voter key covers all its units)
  unit_id        bigint REFERENCES units(id),
  attachment_id  bigint NOT NULL REFERENCES attachments(id),
  -- when the paper ballot reached the convener: must lie inside the voting window
  received_at    timestamptz NOT NULL,
  note           text NOT NULL DEFAULT '',
  status         text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'confirmed', 'rejected')),
  entered_by     bigint NOT NULL REFERENCES accounts(id),
  entered_at     timestamptz NOT NULL DEFAULT now(),
  confirmed_by   bigint REFERENCES accounts(id),
  confirmed_at   timestamptz,
  -- at confirmation: did the sheet's ballots count ('counted'), or did the precedence rank them
  -- below the owner's ballots on the other channel ('overridden'); 'partly' when items differ
  outcome        text CHECK (outcome IN ('counted', 'overridden', 'partly')),
  rejected_by    bigint REFERENCES accounts(id),
  rejected_at    timestamptz,
  reject_reason  text,
  CHECK (confirmed_by IS NULL OR confirmed_by <> entered_by),
  CHECK ((status = 'confirmed') = (confirmed_by IS NOT NULL AND outcome IS NOT NULL)),
  CHECK ((status = 'rejected') = (rejected_by IS NOT NULL AND reject_reason IS NOT NULL))
);
CREATE INDEX meeting_paper_sheets_meeting_idx ON meeting_paper_sheets (meeting_id, status, id);
-- one sheet waiting for its second person per owner: a second scan of the same owner waits
-- until the first is confirmed or rejected
CREATE UNIQUE INDEX meeting_paper_sheets_pending_uq ON meeting_paper_sheets (meeting_id, voter_key) WHERE status = 'pending';

ALTER TABLE ballots ADD COLUMN paper_sheet_id bigint REFERENCES meeting_paper_sheets(id);
CREATE INDEX ballots_paper_sheet_idx ON ballots (paper_sheet_id) WHERE paper_sheet_id IS NOT NULL;
