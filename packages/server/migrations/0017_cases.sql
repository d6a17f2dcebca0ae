-- Cases (issue 6, 投诉 / 报事报修): complaints and repair requests filed by owners (or for them),
-- routed by category and estate to a responsible party, answered and resolved within deadlines
-- counted in working hours or days, escalated up a ladder (company → committee → community →
-- street office 吹哨 → the departments it calls in, which report 报到), closed with the owner's
-- rating or by themselves. Rules (ladder, transitions, deadlines, routing defaults, duplicates)
-- live in packages/domain/src/cases; the database keeps the invariants even if the code is wrong.

-- Departments (职能部门) of a district or street: urban management, fire, market supervision,
-- police, housing. Their officers hold the role department_officer in scope kind 'department'.
CREATE TABLE departments (
  id          bigserial PRIMARY KEY,
  region_id   bigint NOT NULL REFERENCES regions(id),
  kind        text NOT NULL CHECK (kind IN ('urban_management', 'fire', 'market_supervision', 'police', 'housing', 'other')),
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (region_id, name)
);

ALTER TABLE role_grants DROP CONSTRAINT IF EXISTS role_grants_scope_kind_check;
ALTER TABLE role_grants ADD CONSTRAINT role_grants_scope_kind_check
  CHECK (scope_kind IN ('estate', 'company', 'region', 'owner', 'department'));

-- Routing rules per estate and category (no row: the domain default DEFAULT_CASE_ROUTING).
-- party: company / committee (its members) / secretary (the committee's secretary) / community /
-- department (department_id names it).
CREATE TABLE case_routing_rules (
  estate_id      bigint NOT NULL REFERENCES estates(id),
  category       text NOT NULL,
  party          text NOT NULL CHECK (party IN ('company', 'committee', 'secretary', 'community', 'department')),
  department_id  bigint REFERENCES departments(id),
  updated_by     bigint REFERENCES accounts(id),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (estate_id, category),
  CHECK ((party = 'department') = (department_id IS NOT NULL))
);

-- Deadline rules per estate, category and priority (no row: DEFAULT_CASE_DEADLINES). Amounts in
-- whole working hours or working days under the mainland holiday calendar.
CREATE TABLE case_deadline_rules (
  estate_id       bigint NOT NULL REFERENCES estates(id),
  category        text NOT NULL,
  priority        text NOT NULL CHECK (priority IN ('normal', 'urgent')),
  respond_amount  integer NOT NULL CHECK (respond_amount BETWEEN 1 AND 1000),
  respond_unit    text NOT NULL CHECK (respond_unit IN ('working_hours', 'working_days')),
  resolve_amount  integer NOT NULL CHECK (resolve_amount BETWEEN 1 AND 1000),
  resolve_unit    text NOT NULL CHECK (resolve_unit IN ('working_hours', 'working_days')),
  updated_by      bigint REFERENCES accounts(id),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (estate_id, category, priority)
);

-- A case. level is the rung of the ladder that holds it now; handler_party who acts at that rung
-- (the routed party at first). state: open (filed, no response yet) → in_progress (responded) →
-- resolved (handler's evidence, awaiting the owner) → closed (confirmed and rated, or by itself);
-- resolved → in_progress again on a reopen; open/in_progress → merged into another case.
CREATE TABLE cases (
  id                   bigserial PRIMARY KEY,
  no                   text NOT NULL UNIQUE,        -- e.g. AJ20261122-000123: shown to people
  estate_id            bigint NOT NULL REFERENCES estates(id),
  category             text NOT NULL CHECK (category IN ('common_repair', 'cleaning', 'security', 'parking', 'noise', 'fees',
                         'committee_conduct', 'company_conduct', 'illegal_construction', 'fire_safety', 'other')),
  priority             text NOT NULL DEFAULT 'normal' CHECK (priority IN ('normal', 'urgent')),
  -- where: the whole estate, a building, a unit (private: only its filer, followers and handlers
  -- see it), or a named common area (e.g. "北门消防通道")
  location_kind        text NOT NULL CHECK (location_kind IN ('estate', 'building', 'unit', 'common_area')),
  building_id          bigint REFERENCES buildings(id),
  unit_id              bigint REFERENCES units(id),
  location_text        text CHECK (length(location_text) <= 200),
  title                text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
  description          text NOT NULL CHECK (length(description) BETWEEN 1 AND 4000),
  -- the owner the case is for (filed by them, or by staff on their behalf; null: staff's own)
  owner_account_id     bigint REFERENCES accounts(id),
  filed_by             bigint NOT NULL REFERENCES accounts(id),
  filed_by_role        text NOT NULL,
  state                text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'in_progress', 'resolved', 'closed', 'merged')),
  level                text NOT NULL CHECK (level IN ('company', 'committee', 'community', 'street', 'department')),
  handler_party        text NOT NULL CHECK (handler_party IN ('company', 'committee', 'secretary', 'community', 'street', 'department')),
  handler_department_id bigint REFERENCES departments(id),
  assignee_account_id  bigint REFERENCES accounts(id),
  -- deadlines of the current rung (reset by each escalation); next_due_at is the earliest one
  -- still running (respond while unanswered, else resolve), null when none runs
  respond_due_at       timestamptz,
  resolve_due_at       timestamptz,
  next_due_at          timestamptz,
  first_responded_at   timestamptz,
  resolved_at          timestamptz,
  -- resolved and unanswered by the owner: closes itself at this time
  auto_close_at        timestamptz,
  closed_at            timestamptz,
  close_kind           text CHECK (close_kind IN ('confirmed', 'auto')),
  rating               smallint CHECK (rating BETWEEN 1 AND 5),
  rating_comment       text CHECK (length(rating_comment) <= 1000),
  reopen_count         integer NOT NULL DEFAULT 0 CHECK (reopen_count >= 0),
  -- resolved within the resolve deadline of the rung it was resolved at (figures)
  resolved_in_time     boolean,
  merged_into_id       bigint REFERENCES cases(id),
  -- a complaint against the company found true by the committee or an officer (emits an event)
  company_id           bigint REFERENCES companies(id),
  verified_at          timestamptz,
  verified_by          bigint REFERENCES accounts(id),
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  CHECK ((location_kind = 'unit') = (unit_id IS NOT NULL)),
  CHECK (location_kind NOT IN ('building') OR building_id IS NOT NULL),
  CHECK (location_kind <> 'common_area' OR location_text IS NOT NULL),
  CHECK ((handler_party = 'department') = (handler_department_id IS NOT NULL)),
  CHECK ((state = 'merged') = (merged_into_id IS NOT NULL)),
  CHECK (merged_into_id IS NULL OR merged_into_id <> id),
  CHECK ((state = 'closed') = (closed_at IS NOT NULL AND close_kind IS NOT NULL)),
  CHECK (state <> 'resolved' OR (resolved_at IS NOT NULL AND auto_close_at IS NOT NULL)),
  CHECK (rating IS NULL OR state = 'closed'),
  CHECK (state IN ('open', 'in_progress') OR next_due_at IS NULL)
);
-- queues: by estate and state, ordered by the running deadline
CREATE INDEX cases_queue_idx ON cases (estate_id, state, next_due_at, id);
CREATE INDEX cases_level_idx ON cases (level, state, estate_id);
CREATE INDEX cases_owner_idx ON cases (owner_account_id, created_at DESC) WHERE owner_account_id IS NOT NULL;
CREATE INDEX cases_assignee_idx ON cases (assignee_account_id, state) WHERE assignee_account_id IS NOT NULL;
-- the sweeper: deadlines that run, and resolved cases waiting to close themselves
CREATE INDEX cases_due_idx ON cases (next_due_at) WHERE next_due_at IS NOT NULL;
CREATE INDEX cases_auto_close_idx ON cases (auto_close_at) WHERE state = 'resolved';
-- duplicates: same estate and category within a day
CREATE INDEX cases_dup_idx ON cases (estate_id, category, created_at);

-- Who follows a case (its owner, and the owners of cases merged into it): they see it and hear
-- of every hop.
CREATE TABLE case_followers (
  case_id     bigint NOT NULL REFERENCES cases(id),
  account_id  bigint NOT NULL REFERENCES accounts(id),
  since       timestamptz NOT NULL DEFAULT now(),
  via_case_id bigint REFERENCES cases(id),   -- the merged case that brought them, if any
  PRIMARY KEY (case_id, account_id)
);
CREATE INDEX case_followers_account_idx ON case_followers (account_id);

-- The timeline: every hop, note, deadline and decision, visible to the owner. Append-only.
-- kind: filed, routed, assigned, responded, note, deadline, escalated, department_called,
-- department_reported, resolved, confirmed, reopened, auto_closed, merged, merged_in, verified
CREATE TABLE case_events (
  id            bigserial PRIMARY KEY,
  case_id       bigint NOT NULL REFERENCES cases(id),
  at            timestamptz NOT NULL DEFAULT now(),
  kind          text NOT NULL,
  actor_account_id bigint REFERENCES accounts(id),
  actor_role    text,                      -- 'system' for the jobs
  actor_party   text,                      -- company / committee / ... / owner / system: shown instead of a name
  text          text CHECK (length(text) <= 4000),
  data          jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX case_events_case_idx ON case_events (case_id, id);

CREATE FUNCTION case_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'case_events is append-only';
END $$;
CREATE TRIGGER case_events_append_only BEFORE UPDATE OR DELETE ON case_events
  FOR EACH ROW EXECUTE FUNCTION case_events_append_only();

-- Escalations: one per rung left (UNIQUE), automatic when its deadline passed or by the owner's
-- hand with a reason; always to the next rung (the domain ladder; the database checks the order).
CREATE TABLE case_escalations (
  id          bigserial PRIMARY KEY,
  case_id     bigint NOT NULL REFERENCES cases(id),
  from_level  text NOT NULL CHECK (from_level IN ('company', 'committee', 'community', 'street')),
  to_level    text NOT NULL CHECK (to_level IN ('committee', 'community', 'street', 'department')),
  by_kind     text NOT NULL CHECK (by_kind IN ('auto', 'manual')),
  reason      text NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
  actor_account_id bigint REFERENCES accounts(id),
  at          timestamptz NOT NULL DEFAULT now(),
  UNIQUE (case_id, from_level),
  CHECK ((from_level, to_level) IN (('company', 'committee'), ('committee', 'community'), ('community', 'street'), ('street', 'department')))
);

-- 吹哨报到: the street office calls in departments; each must report within its own deadline.
CREATE TABLE case_department_calls (
  id              bigserial PRIMARY KEY,
  case_id         bigint NOT NULL REFERENCES cases(id),
  department_id   bigint NOT NULL REFERENCES departments(id),
  called_by       bigint NOT NULL REFERENCES accounts(id),
  called_at       timestamptz NOT NULL DEFAULT now(),
  instruction     text NOT NULL CHECK (length(instruction) BETWEEN 1 AND 2000),
  report_due_at   timestamptz NOT NULL,
  reported_at     timestamptz,
  reported_by     bigint REFERENCES accounts(id),
  report_text     text CHECK (length(report_text) <= 4000),
  overdue_flagged_at timestamptz,
  UNIQUE (case_id, department_id),
  CHECK ((reported_at IS NULL) = (report_text IS NULL))
);
CREATE INDEX case_department_calls_dept_idx ON case_department_calls (department_id, reported_at, report_due_at);
CREATE INDEX case_department_calls_due_idx ON case_department_calls (report_due_at) WHERE reported_at IS NULL AND overdue_flagged_at IS NULL;

-- Per estate: days after resolution before a case closes itself (no row: 7).
CREATE TABLE case_settings (
  estate_id        bigint PRIMARY KEY REFERENCES estates(id),
  auto_close_days  integer NOT NULL DEFAULT 7 CHECK (auto_close_days BETWEEN 1 AND 60),
  updated_by       bigint REFERENCES accounts(id),
  updated_at       timestamptz NOT NULL DEFAULT now()
);

-- An outbox of facts other modules consume later (first: the evaluation and credit module reads
-- 'case.company_complaint_verified'). Written in the transaction of the fact; consumers mark
-- what they have taken.
CREATE TABLE domain_events (
  id           bigserial PRIMARY KEY,
  topic        text NOT NULL,
  payload      jsonb NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  consumed_at  timestamptz,
  consumed_by  text
);
CREATE INDEX domain_events_topic_idx ON domain_events (topic, id) WHERE consumed_at IS NULL;

CREATE SEQUENCE case_no_seq;
