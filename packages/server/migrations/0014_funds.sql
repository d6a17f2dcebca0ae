-- Maintenance fund (issue 4): a double-entry ledger per estate (按幢立账、按户核算), use
-- applications with their charging scope and frozen apportionment, confirmations, statements.
-- Rules (apportionment, working days, emergency lists, the application's transitions) live in
-- packages/domain/src/funds; the database keeps money consistent even if the code is wrong.

-- Per city: which emergency list (national / shanghai / hangzhou / shenzhen, data in the domain)
-- and how many working days the district has to review. No row: national list, 5 days.
CREATE TABLE fund_city_rules (
  city_region_id       bigint PRIMARY KEY REFERENCES regions(id),
  emergency_list       text NOT NULL DEFAULT 'national' CHECK (emergency_list IN ('national', 'shanghai', 'hangzhou', 'shenzhen')),
  review_working_days  integer NOT NULL DEFAULT 5 CHECK (review_working_days BETWEEN 1 AND 60)
);

-- Accounts: one per unit (分户账, the owners' money for that unit) and, per estate, the counter
-- accounts money comes from or goes to. Every transfer debits one account and credits another
-- with the same amount (double entry), so the sum of (credits − debits) over all accounts is 0.
-- A unit's balance is credits − debits and may never go below zero (CHECK below).
CREATE TABLE fund_accounts (
  id           bigserial PRIMARY KEY,
  estate_id    bigint NOT NULL REFERENCES estates(id),
  -- unit: 分户账; deposits: owners' and developer's payments in; interest: the bank's interest;
  -- payouts: paid to contractors for approved uses; refunds: paid back to owners
  kind         text NOT NULL CHECK (kind IN ('unit', 'deposits', 'interest', 'payouts', 'refunds')),
  unit_id      bigint REFERENCES units(id),
  building_id  bigint REFERENCES buildings(id),
  debits_fen   bigint NOT NULL DEFAULT 0 CHECK (debits_fen >= 0),
  credits_fen  bigint NOT NULL DEFAULT 0 CHECK (credits_fen >= 0),
  -- 首期交存额: the sum of the unit's initial deposits, the basis of the 30% replenishment rule
  initial_fen  bigint NOT NULL DEFAULT 0 CHECK (initial_fen >= 0),
  created_at   timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'unit') = (unit_id IS NOT NULL)),
  CHECK ((kind = 'unit') = (building_id IS NOT NULL)),
  CONSTRAINT fund_unit_balance_not_negative CHECK (kind <> 'unit' OR debits_fen <= credits_fen)
);
CREATE UNIQUE INDEX fund_accounts_unit_uq ON fund_accounts (unit_id) WHERE kind = 'unit';
CREATE UNIQUE INDEX fund_accounts_estate_kind_uq ON fund_accounts (estate_id, kind) WHERE kind <> 'unit';
CREATE INDEX fund_accounts_building_idx ON fund_accounts (building_id) WHERE kind = 'unit';

-- A use application (维修资金使用申请).
CREATE TABLE fund_applications (
  id                   bigserial PRIMARY KEY,
  estate_id            bigint NOT NULL REFERENCES estates(id),
  applicant_kind       text NOT NULL CHECK (applicant_kind IN ('company', 'committee')),
  company_id           bigint REFERENCES companies(id),
  title                text NOT NULL,
  reason               text NOT NULL DEFAULT '',
  -- work category, a code of the domain's FUND_WORK_CATEGORIES (elevator, roof, ...)
  category             text NOT NULL,
  path                 text NOT NULL CHECK (path IN ('ordinary', 'emergency')),
  -- the city's list (frozen at submission) and the category in it, for the emergency path
  emergency_list       text,
  emergency_category   text,
  -- the charging scope (列支范围): units, whole buildings, or a shared facility's units
  scope_kind           text NOT NULL CHECK (scope_kind IN ('units', 'buildings', 'facility')),
  scope_building_ids   bigint[] NOT NULL DEFAULT '{}',
  scope_unit_ids       bigint[] NOT NULL DEFAULT '{}',
  facility_name        text,
  budget_fen           bigint NOT NULL CHECK (budget_fen > 0),
  -- the applicant's declaration that none of the four exclusions (办法 第25条) applies:
  -- {"warranty": true, "utility": true, "personDamage": true, "companyUpkeep": true}
  exclusions_declared  jsonb NOT NULL DEFAULT '{}'::jsonb,
  contractor_name      text NOT NULL DEFAULT '',
  contractor_account   text NOT NULL DEFAULT '',
  -- stages of disbursement in basis points of the cost, summing to 10000; the last is paid at settlement
  stage_plan           integer[] NOT NULL DEFAULT '{7000,3000}',
  state                text NOT NULL DEFAULT 'draft' CHECK (state IN (
                         'draft', 'submitted', 'in_vote', 'committee_confirmed', 'under_review', 'approved',
                         'disbursing', 'accepted', 'settled', 'published', 'rejected', 'cancelled')),
  -- ordinary path: the matter-5 item that decides it
  meeting_id           bigint REFERENCES meetings(id),
  meeting_item_id      bigint REFERENCES meeting_items(id),
  -- district review: started on / due on (Asia/Shanghai dates, working days), overdue flag
  review_started_on    date,
  review_due_on        date,
  review_overdue       boolean NOT NULL DEFAULT false,
  escalated_at         timestamptz,
  -- why it was rejected (a reviewer, a failed vote) and, when a reviewer rejects on one of
  -- the exclusions, which one
  decision_reason      text,
  rejected_exclusion   text CHECK (rejected_exclusion IS NULL OR rejected_exclusion IN ('warranty', 'utility', 'personDamage', 'companyUpkeep')),
  actual_cost_fen      bigint CHECK (actual_cost_fen IS NULL OR actual_cost_fen > 0),
  submitted_at         timestamptz,
  approved_at          timestamptz,
  accepted_at          timestamptz,
  settled_at           timestamptz,
  published_at         timestamptz,
  cancelled_at         timestamptz,
  created_by           bigint NOT NULL REFERENCES accounts(id),
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  CHECK ((path = 'emergency') = (emergency_category IS NOT NULL)),
  CHECK ((scope_kind = 'facility') = (facility_name IS NOT NULL))
);
CREATE INDEX fund_applications_estate_idx ON fund_applications (estate_id, created_at DESC);
CREATE INDEX fund_applications_review_idx ON fund_applications (review_due_on) WHERE state = 'under_review';
CREATE UNIQUE INDEX fund_applications_item_uq ON fund_applications (meeting_item_id) WHERE meeting_item_id IS NOT NULL;

-- The apportionment of the budget over the scope's units, frozen at submission (units in
-- building / number order, which breaks ties), and each unit's actual share after settlement.
CREATE TABLE fund_application_shares (
  application_id  bigint NOT NULL REFERENCES fund_applications(id),
  unit_id         bigint NOT NULL REFERENCES units(id),
  position        integer NOT NULL,
  area_centi      integer NOT NULL CHECK (area_centi > 0),
  share_fen       bigint NOT NULL CHECK (share_fen >= 0),
  -- who pays: the owner, or the developer for its unsold / undelivered units
  payer           text NOT NULL CHECK (payer IN ('owner', 'developer')),
  actual_fen      bigint CHECK (actual_fen IS NULL OR actual_fen >= 0),
  PRIMARY KEY (application_id, unit_id),
  UNIQUE (application_id, position)
);
CREATE INDEX fund_application_shares_unit_idx ON fund_application_shares (unit_id);

-- Confirmations by people: the committee and the street office / community for the emergency
-- path, and the acceptance (验收) by the committee with owner representatives.
CREATE TABLE fund_application_confirmations (
  id                     bigserial PRIMARY KEY,
  application_id         bigint NOT NULL REFERENCES fund_applications(id),
  kind                   text NOT NULL CHECK (kind IN ('committee', 'street', 'acceptance')),
  account_id             bigint NOT NULL REFERENCES accounts(id),
  role                   text NOT NULL,
  note                   text NOT NULL DEFAULT '',
  owner_representatives  text[] NOT NULL DEFAULT '{}',
  created_at             timestamptz NOT NULL DEFAULT now(),
  UNIQUE (application_id, kind)
);

-- A movement (业务): one booking of one kind, made of transfers between accounts.
CREATE TABLE fund_movements (
  id              bigserial PRIMARY KEY,
  estate_id       bigint NOT NULL REFERENCES estates(id),
  -- deposit: initial deposit (首期交存); replenishment: 续筹; interest: interest allocated by
  -- balance; withdrawal: a stage paid for an approved use; reversal: an over-withdrawn stage
  -- returned to the units at settlement; refund: paid back to an owner
  kind            text NOT NULL CHECK (kind IN ('deposit', 'replenishment', 'interest', 'withdrawal', 'reversal', 'refund')),
  total_fen       bigint NOT NULL CHECK (total_fen > 0),
  memo            text NOT NULL DEFAULT '',
  application_id  bigint REFERENCES fund_applications(id),
  stage_no        integer CHECK (stage_no IS NULL OR stage_no >= 1),
  -- payee of a withdrawal (the contractor) or a refund
  payee           text NOT NULL DEFAULT '',
  booked_on       date NOT NULL,
  created_by      bigint REFERENCES accounts(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind IN ('withdrawal', 'reversal')) = (application_id IS NOT NULL AND stage_no IS NOT NULL))
);
-- one withdrawal per stage of an application: a second disbursement of a stage has no effect
CREATE UNIQUE INDEX fund_movements_stage_uq ON fund_movements (application_id, stage_no) WHERE kind = 'withdrawal';
CREATE INDEX fund_movements_estate_idx ON fund_movements (estate_id, booked_on, id);

CREATE TABLE fund_transfers (
  id                 bigserial PRIMARY KEY,
  movement_id        bigint NOT NULL REFERENCES fund_movements(id),
  estate_id          bigint NOT NULL REFERENCES estates(id),
  debit_account_id   bigint NOT NULL REFERENCES fund_accounts(id),
  credit_account_id  bigint NOT NULL REFERENCES fund_accounts(id),
  amount_fen         bigint NOT NULL CHECK (amount_fen > 0),
  -- denormalised from the movement and the unit account, so that statements read one table
  kind               text NOT NULL,
  unit_id            bigint REFERENCES units(id),
  building_id        bigint REFERENCES buildings(id),
  booked_on          date NOT NULL,
  CHECK (debit_account_id <> credit_account_id)
);
CREATE INDEX fund_transfers_movement_idx ON fund_transfers (movement_id);
CREATE INDEX fund_transfers_unit_idx ON fund_transfers (unit_id, booked_on, id);
CREATE INDEX fund_transfers_estate_idx ON fund_transfers (estate_id, booked_on);

-- Balances follow the transfers, once per statement (a disbursement over 2,000 units is one
-- INSERT and one UPDATE per account, not 2,000 updates of the counter account). The CHECK on
-- fund_accounts then refuses any statement that would overdraw a unit: the whole transaction
-- rolls back.
CREATE FUNCTION fund_apply_transfers() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE fund_accounts a
     SET debits_fen = a.debits_fen + s.debits, credits_fen = a.credits_fen + s.credits
    FROM (
      SELECT account_id, sum(debits) AS debits, sum(credits) AS credits FROM (
        SELECT debit_account_id AS account_id, amount_fen AS debits, 0::bigint AS credits FROM new_rows
        UNION ALL
        SELECT credit_account_id, 0::bigint, amount_fen FROM new_rows
      ) t GROUP BY account_id
    ) s
   WHERE a.id = s.account_id;
  -- initial deposits also set the basis of the 30% rule
  UPDATE fund_accounts a SET initial_fen = a.initial_fen + s.amount
    FROM (SELECT credit_account_id AS account_id, sum(amount_fen) AS amount FROM new_rows
           WHERE kind = 'deposit' GROUP BY credit_account_id) s
   WHERE a.id = s.account_id AND a.kind = 'unit';
  RETURN NULL;
END $$;
CREATE TRIGGER fund_transfers_apply AFTER INSERT ON fund_transfers
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fund_apply_transfers();

-- The books are append-only: a mistake is corrected by a new movement, never by an edit.
CREATE FUNCTION fund_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'fund ledger rows are append-only (%)', TG_TABLE_NAME USING ERRCODE = 'check_violation';
END $$;
CREATE TRIGGER fund_transfers_append_only BEFORE UPDATE OR DELETE ON fund_transfers
  FOR EACH ROW EXECUTE FUNCTION fund_append_only();
CREATE TRIGGER fund_movements_append_only BEFORE UPDATE OR DELETE ON fund_movements
  FOR EACH ROW EXECUTE FUNCTION fund_append_only();

-- At commit, a movement's transfers must add up to its total (a half-written movement cannot land).
CREATE FUNCTION fund_check_movement_total() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE s bigint;
BEGIN
  SELECT coalesce(sum(amount_fen), 0) INTO s FROM fund_transfers WHERE movement_id = NEW.id;
  IF s <> NEW.total_fen THEN
    RAISE EXCEPTION 'fund movement % transfers sum to % fen, not its total % fen', NEW.id, s, NEW.total_fen
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER fund_movements_balanced AFTER INSERT ON fund_movements
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION fund_check_movement_total();

-- Published statements (at least every half year): the figures as published, kept verbatim.
CREATE TABLE fund_statements (
  id            bigserial PRIMARY KEY,
  estate_id     bigint NOT NULL REFERENCES estates(id),
  period_start  date NOT NULL,
  period_end    date NOT NULL,
  body          jsonb NOT NULL,
  published_by  bigint REFERENCES accounts(id),
  published_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (estate_id, period_start, period_end),
  CHECK (period_end >= period_start)
);
