-- Platform foundation: registry, identity, roles, audit, notifications, jobs, attachments.
-- Areas are integer hundredths of a square metre (area_centi); money, when it comes, is fen.

CREATE TYPE region_level AS ENUM ('city', 'district', 'street', 'community');
CREATE TYPE area_source AS ENUM ('registry', 'survey', 'contract');
CREATE TYPE unit_kind AS ENUM ('residential', 'commercial', 'parking');
CREATE TYPE unit_status AS ENUM ('sold', 'unsold', 'undelivered');
CREATE TYPE owner_kind AS ENUM ('person', 'organisation');

CREATE TABLE regions (
  id          bigserial PRIMARY KEY,
  parent_id   bigint REFERENCES regions(id),
  level       region_level NOT NULL,
  name        text NOT NULL,
  code        text NOT NULL UNIQUE,
  -- materialised path of ids ("/1/3/7/") so a subtree is one LIKE on an index
  path        text NOT NULL,
  CHECK ((level = 'city') = (parent_id IS NULL))
);
CREATE INDEX regions_path_idx ON regions (path text_pattern_ops);

-- Owners: persons and organisations. The developer is an organisation owner flagged is_developer.
CREATE TABLE owners (
  id               bigserial PRIMARY KEY,
  kind             owner_kind NOT NULL,
  name             text NOT NULL,
  phone            text,
  -- ID number (居民身份证号码): AES-256-GCM ciphertext; the key lives outside the database.
  id_number_enc    text,
  id_number_last4  text,
  -- keyed HMAC of the normalised ID number: lets us find duplicates without decrypting
  id_number_hmac   text UNIQUE,
  credit_code      text UNIQUE,
  is_developer     boolean NOT NULL DEFAULT false,
  created_at       timestamptz NOT NULL DEFAULT now(),
  CHECK (kind = 'organisation' OR credit_code IS NULL),
  CHECK (kind = 'person' OR id_number_enc IS NULL)
);
CREATE INDEX owners_name_idx ON owners (name);

CREATE TABLE estates (
  id              bigserial PRIMARY KEY,
  community_id    bigint NOT NULL REFERENCES regions(id),
  name            text NOT NULL,
  code            text NOT NULL UNIQUE,
  address         text NOT NULL DEFAULT '',
  developer_id    bigint REFERENCES owners(id),
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX estates_community_idx ON estates (community_id);

CREATE TABLE buildings (
  id          bigserial PRIMARY KEY,
  estate_id   bigint NOT NULL REFERENCES estates(id),
  name        text NOT NULL,
  floors      integer NOT NULL DEFAULT 1 CHECK (floors > 0),
  UNIQUE (estate_id, name)
);

CREATE TABLE units (
  id           bigserial PRIMARY KEY,
  estate_id    bigint NOT NULL REFERENCES estates(id),
  building_id  bigint NOT NULL REFERENCES buildings(id),
  number       text NOT NULL,
  area_centi   integer NOT NULL CHECK (area_centi > 0),
  area_source  area_source NOT NULL,
  kind         unit_kind NOT NULL,
  status       unit_status NOT NULL,
  UNIQUE (building_id, number)
);
CREATE INDEX units_estate_idx ON units (estate_id, building_id, number);

-- Ownership with history: a row is current while valid_to IS NULL. Several current rows on
-- one unit are co-owners (共有).
CREATE TABLE ownerships (
  id          bigserial PRIMARY KEY,
  unit_id     bigint NOT NULL REFERENCES units(id),
  owner_id    bigint NOT NULL REFERENCES owners(id),
  estate_id   bigint NOT NULL REFERENCES estates(id),
  valid_from  date NOT NULL,
  valid_to    date,
  CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE UNIQUE INDEX ownerships_current_uq ON ownerships (unit_id, owner_id) WHERE valid_to IS NULL;
CREATE INDEX ownerships_unit_idx ON ownerships (unit_id, valid_from);
CREATE INDEX ownerships_owner_idx ON ownerships (owner_id);

CREATE TABLE companies (
  id           bigserial PRIMARY KEY,
  name         text NOT NULL,
  credit_code  text NOT NULL UNIQUE,
  phone        text,
  created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE service_contracts (
  id          bigserial PRIMARY KEY,
  company_id  bigint NOT NULL REFERENCES companies(id),
  estate_id   bigint NOT NULL REFERENCES estates(id),
  starts_on   date NOT NULL,
  ends_on     date NOT NULL,
  CHECK (ends_on >= starts_on)
);
CREATE INDEX service_contracts_estate_idx ON service_contracts (estate_id);
CREATE INDEX service_contracts_company_idx ON service_contracts (company_id);

-- kind: committee (业委会) or an acting body where none exists (居委会 / 物业管理委员会 ...)
CREATE TABLE committees (
  id           bigserial PRIMARY KEY,
  estate_id    bigint NOT NULL REFERENCES estates(id),
  kind         text NOT NULL CHECK (kind IN ('committee', 'residents_committee', 'property_management_committee')),
  name         text NOT NULL,
  term_start   date NOT NULL,
  term_end     date NOT NULL,
  CHECK (term_end >= term_start)
);
CREATE INDEX committees_estate_idx ON committees (estate_id);

CREATE TABLE committee_members (
  id            bigserial PRIMARY KEY,
  committee_id  bigint NOT NULL REFERENCES committees(id),
  owner_id      bigint REFERENCES owners(id),
  name          text NOT NULL,
  role          text NOT NULL CHECK (role IN ('chair', 'vice_chair', 'member', 'secretary')),
  term_start    date NOT NULL,
  term_end      date NOT NULL
);
CREATE INDEX committee_members_committee_idx ON committee_members (committee_id);

-- Identity ---------------------------------------------------------------------------------

CREATE TABLE accounts (
  id              bigserial PRIMARY KEY,
  username        text UNIQUE,
  phone           text UNIQUE,
  password_hash   text,
  display_name    text NOT NULL,
  -- the person this account is, once bound (owners); officials need not be owners
  owner_id        bigint REFERENCES owners(id),
  mfa_required    boolean NOT NULL DEFAULT false,
  failed_logins   integer NOT NULL DEFAULT 0,
  locked_until    timestamptz,
  disabled        boolean NOT NULL DEFAULT false,
  created_at      timestamptz NOT NULL DEFAULT now(),
  CHECK (username IS NOT NULL OR phone IS NOT NULL)
);

-- A role held in a scope. scope_kind: 'estate' (committee roles), 'company' (property roles),
-- 'region' (officers, auditors, admin), 'owner' (owner role: its units come from bindings).
CREATE TABLE role_grants (
  id            bigserial PRIMARY KEY,
  account_id    bigint NOT NULL REFERENCES accounts(id),
  role          text NOT NULL,
  scope_kind    text NOT NULL CHECK (scope_kind IN ('estate', 'company', 'region', 'owner')),
  scope_id      bigint,
  granted_at    timestamptz NOT NULL DEFAULT now(),
  revoked_at    timestamptz
);
CREATE UNIQUE INDEX role_grants_uq ON role_grants (account_id, role, scope_kind, COALESCE(scope_id, 0)) WHERE revoked_at IS NULL;

CREATE TABLE sessions (
  -- sha256 of the cookie token: a leaked table does not leak usable sessions
  id_hash        text PRIMARY KEY,
  account_id     bigint NOT NULL REFERENCES accounts(id),
  active_grant_id bigint REFERENCES role_grants(id),
  mfa_passed     boolean NOT NULL DEFAULT false,
  created_at     timestamptz NOT NULL DEFAULT now(),
  last_seen_at   timestamptz NOT NULL DEFAULT now(),
  revoked_at     timestamptz,
  client_ip      text,
  user_agent     text
);
CREATE INDEX sessions_account_idx ON sessions (account_id);

CREATE TABLE one_time_codes (
  id          bigserial PRIMARY KEY,
  target      text NOT NULL,               -- phone number (or e-mail) it was sent to
  purpose     text NOT NULL CHECK (purpose IN ('login', 'binding', 'mfa')),
  code_hash   text NOT NULL,
  account_id  bigint REFERENCES accounts(id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL,
  attempts    integer NOT NULL DEFAULT 0,
  used_at     timestamptz
);
CREATE INDEX one_time_codes_target_idx ON one_time_codes (target, purpose, created_at DESC);

CREATE TABLE invitations (
  id           bigserial PRIMARY KEY,
  code         text NOT NULL UNIQUE,
  estate_id    bigint NOT NULL REFERENCES estates(id),
  unit_id      bigint NOT NULL REFERENCES units(id),
  owner_id     bigint NOT NULL REFERENCES owners(id),
  issued_by    bigint NOT NULL REFERENCES accounts(id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  used_at      timestamptz,
  used_by      bigint REFERENCES accounts(id)
);

-- An account bound to a unit as (one of) its owner(s).
CREATE TABLE bindings (
  id           bigserial PRIMARY KEY,
  account_id   bigint NOT NULL REFERENCES accounts(id),
  unit_id      bigint NOT NULL REFERENCES units(id),
  owner_id     bigint NOT NULL REFERENCES owners(id),
  estate_id    bigint NOT NULL REFERENCES estates(id),
  method       text NOT NULL CHECK (method IN ('invitation', 'roster_match')),
  status       text NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'revoked')),
  requested_at timestamptz NOT NULL DEFAULT now(),
  reviewed_by  bigint REFERENCES accounts(id),
  reviewed_at  timestamptz,
  review_note  text
);
CREATE UNIQUE INDEX bindings_live_uq ON bindings (account_id, unit_id) WHERE status IN ('pending', 'approved');
CREATE INDEX bindings_estate_idx ON bindings (estate_id, status);

-- Audit: append-only hash chain ---------------------------------------------------------------

CREATE TABLE audit_events (
  seq           bigint PRIMARY KEY,
  at            timestamptz NOT NULL,
  actor_account_id bigint,
  actor_role    text,
  action        text NOT NULL,
  target_type   text NOT NULL,
  target_id     text,
  estate_id     bigint,
  summary       jsonb NOT NULL DEFAULT '{}'::jsonb,
  client_ip     text,
  prev_hash     text NOT NULL,
  hash          text NOT NULL
);
CREATE INDEX audit_events_estate_idx ON audit_events (estate_id, seq);

CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only';
END $$;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();

-- Shared services ------------------------------------------------------------------------------

CREATE TABLE notifications (
  id           bigserial PRIMARY KEY,
  account_id   bigint REFERENCES accounts(id),
  channel      text NOT NULL CHECK (channel IN ('inbox', 'sms', 'email')),
  recipient    text NOT NULL,            -- account id, phone or e-mail address as sent
  subject      text NOT NULL,
  body         text NOT NULL,
  status       text NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
  error        text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  sent_at      timestamptz,
  read_at      timestamptz
);
CREATE INDEX notifications_inbox_idx ON notifications (account_id, created_at DESC) WHERE channel = 'inbox';

CREATE TABLE jobs (
  id            bigserial PRIMARY KEY,
  kind          text NOT NULL,
  payload       jsonb NOT NULL DEFAULT '{}'::jsonb,
  run_at        timestamptz NOT NULL,
  status        text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'failed')),
  attempts      integer NOT NULL DEFAULT 0,
  max_attempts  integer NOT NULL DEFAULT 5,
  last_error    text,
  dedupe_key    text UNIQUE,
  created_at    timestamptz NOT NULL DEFAULT now(),
  finished_at   timestamptz
);
CREATE INDEX jobs_due_idx ON jobs (run_at) WHERE status = 'pending';

CREATE TABLE attachments (
  id            bigserial PRIMARY KEY,
  -- the record it belongs to decides who may see it
  record_type   text NOT NULL,
  record_id     text NOT NULL,
  estate_id     bigint NOT NULL REFERENCES estates(id),
  filename      text NOT NULL,
  mime          text NOT NULL,
  size_bytes    integer NOT NULL,
  sha256        text NOT NULL,
  storage_key   text NOT NULL UNIQUE,
  uploaded_by   bigint NOT NULL REFERENCES accounts(id),
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX attachments_record_idx ON attachments (record_type, record_id);
