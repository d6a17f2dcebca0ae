-- Owners' decisions (issue 3): meetings, their items and candidates, the roster frozen at notice,
-- proxies, ballots with a per-item receipt hash chain, idempotent cast requests and results.
-- States and actions are the domain's transition table (packages/domain/src/meetings); the
-- database only keeps the values valid.

CREATE TABLE meetings (
  id                  bigserial PRIMARY KEY,
  estate_id           bigint NOT NULL REFERENCES estates(id),
  title               text NOT NULL,
  description         text NOT NULL DEFAULT '',
  convener_kind       text NOT NULL CHECK (convener_kind IN ('committee', 'preparatory_group', 'renewal_group', 'street_office', 'acting_body')),
  convener_name       text NOT NULL,
  -- the rule profile (TALLY-SPEC §6) and the options the meeting sets over it
  rules               text NOT NULL CHECK (rules IN ('civil-code-2021', 'shanghai-2020', 'ningbo-2021')),
  options             jsonb NOT NULL DEFAULT '{}'::jsonb,
  extraordinary       boolean NOT NULL DEFAULT false,
  first_meeting       boolean NOT NULL DEFAULT false,
  household_count     integer NOT NULL CHECK (household_count > 0),
  state               text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'submitted', 'approved', 'notice_published', 'voting_open', 'closed', 'tallied', 'result_published', 'objection_period', 'final', 'cancelled')),
  voting_opens_at     timestamptz NOT NULL,
  voting_closes_at    timestamptz NOT NULL,
  -- owners may replace their ballot until close (false: the first ballot is final)
  allow_change        boolean NOT NULL DEFAULT true,
  -- interim yes/no shown before close (default hidden; turnout is always shown)
  interim_visible     boolean NOT NULL DEFAULT false,
  notice_published_at timestamptz,
  notice_published_on date,
  -- the developer's owner id when the roster was frozen (its single head, TALLY-SPEC §3)
  developer_owner_id  bigint REFERENCES owners(id),
  -- secret for ballot pseudonyms (HMAC key), so pseudonyms differ per meeting and cannot be
  -- linked across meetings; generated at notice
  pseudonym_salt      text,
  closed_at           timestamptz,
  tallied_at          timestamptz,
  result_published_at timestamptz,
  objection_ends_at   timestamptz,
  finalised_at        timestamptz,
  cancelled_at        timestamptz,
  cancel_reason       text,
  last_reject_reason  text,
  created_by          bigint NOT NULL REFERENCES accounts(id),
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  CHECK (voting_closes_at > voting_opens_at)
);
CREATE INDEX meetings_estate_idx ON meetings (estate_id, created_at DESC);

-- An item: a matter 1–9 (yes/no/abstain) or a committee election with N seats (counts as matter 3).
CREATE TABLE meeting_items (
  id           bigserial PRIMARY KEY,
  meeting_id   bigint NOT NULL REFERENCES meetings(id),
  position     integer NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('matter', 'election')),
  matter       smallint NOT NULL CHECK (matter BETWEEN 1 AND 9),
  title        text NOT NULL,
  description  text NOT NULL DEFAULT '',
  seats        integer CHECK (seats IS NULL OR seats > 0),
  -- charging scope (TALLY-SPEC §3): {"buildings": [...names], "units": [...unit keys]} or null
  scope        jsonb,
  -- head of this item's receipt hash chain (64 hex zeros until the first ballot)
  chain_head   text NOT NULL DEFAULT repeat('0', 64),
  chain_length integer NOT NULL DEFAULT 0,
  UNIQUE (meeting_id, position),
  CHECK ((kind = 'election') = (seats IS NOT NULL)),
  CHECK (kind = 'matter' OR matter = 3)
);

CREATE TABLE meeting_candidates (
  id          bigserial PRIMARY KEY,
  item_id     bigint NOT NULL REFERENCES meeting_items(id),
  position    integer NOT NULL,
  name        text NOT NULL,
  owner_id    bigint REFERENCES owners(id),
  statement   text NOT NULL DEFAULT '',
  UNIQUE (item_id, position)
);

-- The voting roster (投票列表登记), frozen when the notice is published: later ownership changes
-- do not change this meeting. `voter_key` is the head the unit belongs to while sold: 'o<id>' for
-- a sole owner, 'o<id>&o<id>' (sorted) for co-owners (one head, TALLY-SPEC §3).
CREATE TABLE meeting_roster_units (
  meeting_id   bigint NOT NULL REFERENCES meetings(id),
  unit_id      bigint NOT NULL REFERENCES units(id),
  building     text NOT NULL,
  number       text NOT NULL,
  kind         text NOT NULL,
  status       text NOT NULL,
  area_centi   integer NOT NULL,
  area_source  text NOT NULL,
  owner_ids    bigint[] NOT NULL DEFAULT '{}',
  voter_key    text,
  PRIMARY KEY (meeting_id, unit_id)
);
CREATE INDEX meeting_roster_voter_idx ON meeting_roster_units (meeting_id, voter_key);
CREATE INDEX meeting_roster_owner_idx ON meeting_roster_units USING gin (owner_ids);

-- A proxy (委托投票): a holder acts for an owner in one meeting, with a written authorisation
-- (an uploaded attachment) approved by the convener.
CREATE TABLE meeting_proxies (
  id                 bigserial PRIMARY KEY,
  meeting_id         bigint NOT NULL REFERENCES meetings(id),
  voter_key          text NOT NULL,
  owner_id           bigint NOT NULL REFERENCES owners(id),
  holder_account_id  bigint NOT NULL REFERENCES accounts(id),
  holder_name        text NOT NULL,
  attachment_id      bigint REFERENCES attachments(id),
  status             text NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'revoked')),
  requested_by       bigint NOT NULL REFERENCES accounts(id),
  reviewed_by        bigint REFERENCES accounts(id),
  reviewed_at        timestamptz,
  review_note        text,
  created_at         timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX meeting_proxies_live_uq ON meeting_proxies (meeting_id, voter_key) WHERE status IN ('pending', 'approved');
CREATE INDEX meeting_proxies_holder_idx ON meeting_proxies (holder_account_id, meeting_id);

-- Ballots. Every accepted ballot is a link of its item's hash chain (chain_seq, prev_link,
-- receipt); replaced ballots stay (history) with status 'superseded'. A paper ballot waits in
-- 'pending' until a second person confirms it; only then is it chained. 'overridden': a confirmed
-- ballot that the profile's paper/online precedence ranks below the owner's current one.
CREATE TABLE ballots (
  id                 bigserial PRIMARY KEY,
  meeting_id         bigint NOT NULL REFERENCES meetings(id),
  item_id            bigint NOT NULL REFERENCES meeting_items(id),
  voter_key          text NOT NULL,
  -- the owner who cast it, or for whom the proxy / paper ballot speaks
  cast_by_owner_id   bigint REFERENCES owners(id),
  cast_by_account_id bigint REFERENCES accounts(id),
  proxy_id           bigint REFERENCES meeting_proxies(id),
  channel            text NOT NULL CHECK (channel IN ('online', 'paper')),
  choice             text CHECK (choice IN ('yes', 'no', 'abstain', 'spoiled')),
  approvals          bigint[],
  status             text NOT NULL CHECK (status IN ('pending', 'current', 'superseded', 'overridden', 'rejected')),
  cast_at            timestamptz NOT NULL DEFAULT now(),
  chain_seq          integer,
  pseudonym          text,
  prev_link          text,
  receipt            text UNIQUE,
  -- paper: the scanned ballot, who entered it and who confirmed it (never the same person)
  attachment_id      bigint REFERENCES attachments(id),
  entered_by         bigint REFERENCES accounts(id),
  confirmed_by       bigint REFERENCES accounts(id),
  confirmed_at       timestamptz,
  -- for the street officer's monitoring flags
  client_ip          text,
  device             text,
  CHECK ((choice IS NULL) <> (approvals IS NULL)),
  CHECK (status = 'pending' OR status = 'rejected' OR receipt IS NOT NULL),
  CHECK (confirmed_by IS NULL OR confirmed_by <> entered_by)
);
-- The rule of the issue: one current ballot per owner (head) per item, whatever the concurrency.
CREATE UNIQUE INDEX ballots_one_current_uq ON ballots (item_id, voter_key) WHERE status = 'current';
CREATE UNIQUE INDEX ballots_chain_uq ON ballots (item_id, chain_seq) WHERE chain_seq IS NOT NULL;
CREATE INDEX ballots_meeting_idx ON ballots (meeting_id, status);

-- Idempotent cast requests: a replay returns the stored response; the same key with another
-- body is refused (409).
CREATE TABLE ballot_requests (
  account_id       bigint NOT NULL REFERENCES accounts(id),
  idempotency_key  text NOT NULL,
  meeting_id       bigint NOT NULL REFERENCES meetings(id),
  request_hash     text NOT NULL,
  response         jsonb NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, idempotency_key)
);

-- The tally of each item (written once, at the tally transition) with the Merkle root of its
-- final ballots.
CREATE TABLE meeting_item_results (
  item_id      bigint PRIMARY KEY REFERENCES meeting_items(id),
  meeting_id   bigint NOT NULL REFERENCES meetings(id),
  result       jsonb NOT NULL,
  merkle_root  text NOT NULL,
  ballot_count integer NOT NULL,
  tallied_at   timestamptz NOT NULL DEFAULT now()
);
