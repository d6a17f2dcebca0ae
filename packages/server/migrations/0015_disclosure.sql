-- Disclosure (issue 5, 信息公开 / 阳光物业): notices with read tracking, the common-revenue ledger
-- and its statements, periodic disclosure packages filed with the street office or district
-- bureau, and owners' questions with an answer deadline. Rules (periods, due dates, statement
-- totals, unit shares, the balance check) live in packages/domain/src/disclosure; the database
-- keeps what was published from changing even if the code is wrong.

-- Per city: the disclosure period, how many days after a period's end the package is due, whom
-- it is filed with, and how many days the company or committee has to answer an owner's question.
-- No row: quarterly, 30 days, the street office, 7 days.
CREATE TABLE disclosure_city_rules (
  city_region_id   bigint PRIMARY KEY REFERENCES regions(id),
  period_kind      text NOT NULL DEFAULT 'quarter' CHECK (period_kind IN ('month', 'quarter', 'half_year')),
  filing_due_days  integer NOT NULL DEFAULT 30 CHECK (filing_due_days BETWEEN 1 AND 120),
  file_with        text NOT NULL DEFAULT 'street' CHECK (file_with IN ('street', 'district')),
  answer_days      integer NOT NULL DEFAULT 7 CHECK (answer_days BETWEEN 1 AND 60)
);

-- Notices ---------------------------------------------------------------------------------------
-- kind: 通知 notice / 公告 announcement / 公示 publicity (with a period). audience: estate (every
-- owner of the estate and its board), owners (the owners only), buildings (owners of units in
-- building_ids), units (owners of unit_ids: a fund use's charging scope), committee (its members).
-- A published notice is never deleted and its content never changes: it is withdrawn (with a
-- reason, kept in the archive) or corrected by a new notice whose corrects_id points at it.
CREATE TABLE notices (
  id               bigserial PRIMARY KEY,
  estate_id        bigint NOT NULL REFERENCES estates(id),
  kind             text NOT NULL CHECK (kind IN ('notice', 'announcement', 'publicity')),
  title            text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  body             text NOT NULL CHECK (length(body) <= 20000),
  audience         text NOT NULL CHECK (audience IN ('estate', 'owners', 'buildings', 'units', 'committee')),
  building_ids     bigint[] NOT NULL DEFAULT '{}',
  unit_ids         bigint[] NOT NULL DEFAULT '{}',
  -- who speaks: the property company, the committee, an officer's body, or the platform itself
  publisher_kind   text NOT NULL CHECK (publisher_kind IN ('company', 'committee', 'community', 'street_office', 'district', 'platform')),
  publisher_name   text NOT NULL,
  -- what another module published through this one: meeting / fund_application / fund_statement /
  -- revenue_statement / disclosure_filing, with that record's id
  source_type      text,
  source_id        bigint,
  state            text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'published', 'withdrawn')),
  corrects_id      bigint REFERENCES notices(id),
  pinned           boolean NOT NULL DEFAULT false,
  publicity_start  date,
  publicity_end    date,
  expires_at       timestamptz,
  created_by       bigint REFERENCES accounts(id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  published_at     timestamptz,
  published_by     bigint REFERENCES accounts(id),
  withdrawn_at     timestamptz,
  withdrawn_by     bigint REFERENCES accounts(id),
  withdraw_reason  text,
  -- recipients frozen at publication (notice_recipients rows); later readers in the audience add theirs
  recipient_count  integer NOT NULL DEFAULT 0,
  last_reminded_at timestamptz,
  CHECK (kind <> 'publicity' OR state = 'draft' OR (publicity_start IS NOT NULL AND publicity_end >= publicity_start)),
  CHECK (state = 'draft' OR published_at IS NOT NULL),
  CHECK (state <> 'withdrawn' OR (withdrawn_at IS NOT NULL AND withdraw_reason IS NOT NULL)),
  CHECK (audience <> 'buildings' OR cardinality(building_ids) > 0),
  CHECK (audience <> 'units' OR cardinality(unit_ids) > 0)
);
CREATE INDEX notices_estate_idx ON notices (estate_id, state, published_at DESC);
CREATE INDEX notices_source_idx ON notices (source_type, source_id) WHERE source_type IS NOT NULL;
-- a notice is corrected once; a correction may itself be corrected
CREATE UNIQUE INDEX notices_one_correction ON notices (corrects_id) WHERE corrects_id IS NOT NULL AND state <> 'draft';

CREATE FUNCTION notices_guard() RETURNS trigger LANGUAGE plpgsql AS $$
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
       NEW.published_at, NEW.published_by, NEW.source_type, NEW.source_id
     ) IS DISTINCT FROM (
       OLD.estate_id, OLD.kind, OLD.title, OLD.body, OLD.audience, OLD.building_ids, OLD.unit_ids,
       OLD.publisher_kind, OLD.publisher_name, OLD.corrects_id, OLD.publicity_start, OLD.publicity_end,
       OLD.published_at, OLD.published_by, OLD.source_type, OLD.source_id
     ) THEN
    RAISE EXCEPTION 'notice % was published: its content never changes (publish a correction)', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  IF OLD.state = 'withdrawn' AND NEW.state <> 'withdrawn' THEN
    RAISE EXCEPTION 'notice % was withdrawn and stays withdrawn', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  IF OLD.state = 'published' AND NEW.state = 'draft' THEN
    RAISE EXCEPTION 'notice % was published and cannot return to draft', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER notices_guard BEFORE UPDATE OR DELETE ON notices FOR EACH ROW EXECUTE FUNCTION notices_guard();

-- Who a published notice is for, and when each read it. building_ids: the buildings the person
-- owns units in at publication (coverage by building counts an owner under each); empty for a
-- committee member who owns nothing. read_at is set once (the first opening) and never changes.
CREATE TABLE notice_recipients (
  notice_id     bigint NOT NULL REFERENCES notices(id),
  account_id    bigint NOT NULL REFERENCES accounts(id),
  building_ids  bigint[] NOT NULL DEFAULT '{}',
  -- false: joined after publication by opening it (an owner bound later); counted from then on
  at_publication boolean NOT NULL DEFAULT true,
  read_at       timestamptz,
  reminded_at   timestamptz,
  PRIMARY KEY (notice_id, account_id)
);
CREATE INDEX notice_recipients_account_idx ON notice_recipients (account_id, notice_id);

CREATE FUNCTION notice_recipients_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'a notice''s recipients are never deleted' USING ERRCODE = 'check_violation';
  END IF;
  IF OLD.read_at IS NOT NULL AND NEW.read_at IS DISTINCT FROM OLD.read_at THEN
    RAISE EXCEPTION 'a read receipt never changes' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER notice_recipients_guard BEFORE UPDATE OR DELETE ON notice_recipients FOR EACH ROW EXECUTE FUNCTION notice_recipients_guard();

-- Common revenue (公共收益, 民法典 第282条) ----------------------------------------------------------
-- Append-only. A wrong entry is reversed by a new entry (reverses_id) in an open period; an entry
-- whose booking date falls in a period already stated is refused by the code (the statement stays true).
CREATE TABLE revenue_entries (
  id             bigserial PRIMARY KEY,
  estate_id      bigint NOT NULL REFERENCES estates(id),
  direction      text NOT NULL CHECK (direction IN ('income', 'expense')),
  category       text NOT NULL,
  counterparty   text NOT NULL CHECK (length(counterparty) BETWEEN 1 AND 200),
  period_start   date NOT NULL,
  period_end     date NOT NULL,
  booked_on      date NOT NULL,
  amount_fen     bigint NOT NULL CHECK (amount_fen > 0),
  memo           text NOT NULL DEFAULT '',
  -- who manages this revenue: the company (under its contract) or the committee
  managed_by     text NOT NULL CHECK (managed_by IN ('company', 'committee')),
  -- a reversal counts with the opposite sign of the entry it reverses
  reverses_id    bigint UNIQUE REFERENCES revenue_entries(id),
  created_by     bigint REFERENCES accounts(id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  CHECK (period_end >= period_start)
);
CREATE INDEX revenue_entries_estate_idx ON revenue_entries (estate_id, booked_on);

-- Statements: a month or a quarter of an estate, never overlapping another of the same estate.
-- opening = the previous statement's closing (0 for the first); closing = opening + income − expense
-- and equals the account balance the publisher declared (checked by the code, kept here).
CREATE TABLE revenue_statements (
  id                  bigserial PRIMARY KEY,
  estate_id           bigint NOT NULL REFERENCES estates(id),
  period_kind         text NOT NULL CHECK (period_kind IN ('month', 'quarter')),
  period_key          text NOT NULL,
  period_start        date NOT NULL,
  period_end          date NOT NULL,
  opening_fen         bigint NOT NULL,
  income_fen          bigint NOT NULL,
  expense_fen         bigint NOT NULL,
  net_fen             bigint NOT NULL,
  closing_fen         bigint NOT NULL,
  -- by category and the entries behind the totals (see contracts disclosure-revenue.ts)
  body                jsonb NOT NULL,
  total_area_centi    bigint NOT NULL,
  unit_count          integer NOT NULL,
  published_by        bigint REFERENCES accounts(id),
  published_at        timestamptz NOT NULL DEFAULT now(),
  notice_id           bigint REFERENCES notices(id),
  UNIQUE (estate_id, period_start),
  CHECK (period_end >= period_start),
  CHECK (closing_fen = opening_fen + income_fen - expense_fen),
  CHECK (net_fen = income_fen - expense_fen)
);

-- Each unit's share of the period's net income by exclusive area (第283条), to the fen, summing to net_fen.
CREATE TABLE revenue_statement_shares (
  statement_id  bigint NOT NULL REFERENCES revenue_statements(id),
  unit_id       bigint NOT NULL REFERENCES units(id),
  area_centi    bigint NOT NULL,
  share_fen     bigint NOT NULL,
  PRIMARY KEY (statement_id, unit_id)
);
CREATE INDEX revenue_statement_shares_unit_idx ON revenue_statement_shares (unit_id);

CREATE FUNCTION disclosure_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'check_violation';
END $$;
CREATE TRIGGER revenue_entries_append_only BEFORE UPDATE OR DELETE ON revenue_entries FOR EACH ROW EXECUTE FUNCTION disclosure_append_only();
CREATE TRIGGER revenue_shares_append_only BEFORE UPDATE OR DELETE ON revenue_statement_shares FOR EACH ROW EXECUTE FUNCTION disclosure_append_only();

CREATE FUNCTION revenue_statements_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'a published revenue statement is never deleted' USING ERRCODE = 'check_violation';
  END IF;
  -- only the link to the notice that published it may be set, once
  IF (NEW.*) IS DISTINCT FROM (OLD.*) AND NOT (OLD.notice_id IS NULL AND
      ROW(NEW.id, NEW.estate_id, NEW.period_kind, NEW.period_key, NEW.period_start, NEW.period_end, NEW.opening_fen, NEW.income_fen,
          NEW.expense_fen, NEW.net_fen, NEW.closing_fen, NEW.body, NEW.total_area_centi, NEW.unit_count, NEW.published_by, NEW.published_at)
      IS NOT DISTINCT FROM
      ROW(OLD.id, OLD.estate_id, OLD.period_kind, OLD.period_key, OLD.period_start, OLD.period_end, OLD.opening_fen, OLD.income_fen,
          OLD.expense_fen, OLD.net_fen, OLD.closing_fen, OLD.body, OLD.total_area_centi, OLD.unit_count, OLD.published_by, OLD.published_at)) THEN
    RAISE EXCEPTION 'a published revenue statement never changes' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER revenue_statements_guard BEFORE UPDATE OR DELETE ON revenue_statements FOR EACH ROW EXECUTE FUNCTION revenue_statements_guard();

-- Periodic disclosure packages (公示备案) -------------------------------------------------------
-- One package per estate, party (company / committee) and period, in versions. A version is
-- edited only as a draft; filing publishes it to the owners and sends it to the street office or
-- district bureau, which acknowledges it or returns it with reasons. Any change after filing is a
-- new version (supersedes_id) that goes through the same steps; earlier versions stay as they were.
CREATE TABLE disclosure_filings (
  id                    bigserial PRIMARY KEY,
  estate_id             bigint NOT NULL REFERENCES estates(id),
  party                 text NOT NULL CHECK (party IN ('company', 'committee')),
  company_id            bigint REFERENCES companies(id),
  period_kind           text NOT NULL CHECK (period_kind IN ('month', 'quarter', 'half_year')),
  period_key            text NOT NULL,
  period_start          date NOT NULL,
  period_end            date NOT NULL,
  due_on                date NOT NULL,
  version               integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  supersedes_id         bigint REFERENCES disclosure_filings(id),
  state                 text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'filed', 'acknowledged', 'returned')),
  -- fee standards, service contract, contractors, notes (shape in contracts disclosure-filings.ts)
  content               jsonb NOT NULL DEFAULT '{}',
  revenue_statement_id  bigint REFERENCES revenue_statements(id),
  fund_statement_id     bigint REFERENCES fund_statements(id),
  filed_with            text CHECK (filed_with IN ('street', 'district')),
  filed_with_region_id  bigint REFERENCES regions(id),
  filed_at              timestamptz,
  filed_by              bigint REFERENCES accounts(id),
  reviewed_at           timestamptz,
  reviewed_by           bigint REFERENCES accounts(id),
  review_note           text,
  notice_id             bigint REFERENCES notices(id),
  created_by            bigint REFERENCES accounts(id),
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  UNIQUE (estate_id, party, period_key, version),
  CHECK (period_end >= period_start),
  CHECK (state = 'draft' OR (filed_at IS NOT NULL AND filed_with_region_id IS NOT NULL)),
  CHECK (state <> 'returned' OR review_note IS NOT NULL)
);
-- one version in the works at a time
CREATE UNIQUE INDEX disclosure_filings_one_draft ON disclosure_filings (estate_id, party, period_key) WHERE state = 'draft';
CREATE INDEX disclosure_filings_period_idx ON disclosure_filings (period_key, estate_id);

CREATE FUNCTION disclosure_filings_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.state <> 'draft' THEN
      RAISE EXCEPTION 'filing % was filed and is never deleted', OLD.id USING ERRCODE = 'check_violation';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.state <> 'draft' AND (
       NEW.content, NEW.revenue_statement_id, NEW.fund_statement_id, NEW.period_key, NEW.estate_id, NEW.party,
       NEW.version, NEW.filed_at, NEW.filed_by, NEW.filed_with_region_id
     ) IS DISTINCT FROM (
       OLD.content, OLD.revenue_statement_id, OLD.fund_statement_id, OLD.period_key, OLD.estate_id, OLD.party,
       OLD.version, OLD.filed_at, OLD.filed_by, OLD.filed_with_region_id
     ) THEN
    RAISE EXCEPTION 'filing % was filed: it changes only by a new version', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  IF OLD.state IN ('acknowledged', 'returned') AND NEW.state IS DISTINCT FROM OLD.state THEN
    RAISE EXCEPTION 'filing % was reviewed: its review stands', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  IF OLD.state = 'filed' AND NEW.state = 'draft' THEN
    RAISE EXCEPTION 'filing % was filed and cannot return to draft', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER disclosure_filings_guard BEFORE UPDATE OR DELETE ON disclosure_filings FOR EACH ROW EXECUTE FUNCTION disclosure_filings_guard();

-- A period whose package was not filed by its due date, flagged once by the daily job.
CREATE TABLE disclosure_overdue_flags (
  estate_id   bigint NOT NULL REFERENCES estates(id),
  party       text NOT NULL CHECK (party IN ('company', 'committee')),
  period_key  text NOT NULL,
  due_on      date NOT NULL,
  flagged_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (estate_id, party, period_key)
);

-- Owners' questions (质询) -----------------------------------------------------------------------
-- On any disclosed item. open → answered; an open question past its due time is escalated to the
-- community (still waiting for the answer, which the responsible party still owes).
CREATE TABLE disclosure_questions (
  id               bigserial PRIMARY KEY,
  estate_id        bigint NOT NULL REFERENCES estates(id),
  subject_type     text NOT NULL CHECK (subject_type IN ('notice', 'revenue_statement', 'revenue_entry', 'disclosure_filing', 'fund_statement', 'fund_application', 'meeting')),
  subject_id       bigint NOT NULL,
  subject_title    text NOT NULL,
  responsible      text NOT NULL CHECK (responsible IN ('company', 'committee')),
  asked_by         bigint NOT NULL REFERENCES accounts(id),
  -- what other owners see of the asker: "3栋业主", never a name
  asker_label      text NOT NULL,
  body             text NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
  asked_at         timestamptz NOT NULL DEFAULT now(),
  due_at           timestamptz NOT NULL,
  state            text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'escalated', 'answered')),
  escalated_at     timestamptz,
  answer           text CHECK (answer IS NULL OR length(answer) BETWEEN 1 AND 5000),
  answered_by      bigint REFERENCES accounts(id),
  answered_by_label text,
  answered_at      timestamptz,
  supervision_note text,
  supervised_by    bigint REFERENCES accounts(id),
  supervised_at    timestamptz,
  CHECK (state <> 'answered' OR (answer IS NOT NULL AND answered_at IS NOT NULL)),
  CHECK (state <> 'escalated' OR escalated_at IS NOT NULL)
);
CREATE INDEX disclosure_questions_estate_idx ON disclosure_questions (estate_id, state, due_at);
CREATE INDEX disclosure_questions_subject_idx ON disclosure_questions (subject_type, subject_id);

CREATE FUNCTION disclosure_questions_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'questions are never deleted' USING ERRCODE = 'check_violation';
  END IF;
  IF (NEW.estate_id, NEW.subject_type, NEW.subject_id, NEW.asked_by, NEW.body, NEW.asked_at, NEW.due_at)
     IS DISTINCT FROM (OLD.estate_id, OLD.subject_type, OLD.subject_id, OLD.asked_by, OLD.body, OLD.asked_at, OLD.due_at) THEN
    RAISE EXCEPTION 'a question never changes once asked' USING ERRCODE = 'check_violation';
  END IF;
  IF OLD.state = 'answered' AND (NEW.state, NEW.answer, NEW.answered_at) IS DISTINCT FROM (OLD.state, OLD.answer, OLD.answered_at) THEN
    RAISE EXCEPTION 'an answer never changes once given' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER disclosure_questions_guard BEFORE UPDATE OR DELETE ON disclosure_questions FOR EACH ROW EXECUTE FUNCTION disclosure_questions_guard();
