-- Money invariants of the maintenance fund, enforced by the database (issue 7, part D).
--
-- The model (0014_funds.sql): balances are STORED on fund_accounts (debits_fen, credits_fen and,
-- for a unit, initial_fen = its initial deposits) and follow the ledger (fund_transfers) through a
-- statement trigger on INSERT. 0014 already refuses a unit overdraft (CHECK), a movement whose
-- transfers do not add up to its total (deferred trigger), and any edit of the ledger (append-only
-- triggers). What it did not refuse: a balance that no longer matches its ledger (an UPDATE of
-- fund_accounts without a transfer, or a transfer whose balance effect is undone or skipped), a
-- transfer that moves money between estates, and a counter account with the wrong sign.
-- This file closes those, so that at every commit, for every account touched:
--     stored debits  = Σ transfers debiting it
--     stored credits = Σ transfers crediting it
--     stored initial = Σ deposit transfers crediting it (unit accounts; counters hold 0)
-- and, with double entry, the accounts of an estate sum to zero.
--
-- Superusers can still bypass every trigger (session_replication_role = replica, as the fund
-- statement bench does to seed a million rows and then recomputes the balances); that is a
-- maintenance door, not an application path.

-- The checks sum an account's transfers; these make the sums index-only scans.
CREATE INDEX fund_transfers_debit_idx ON fund_transfers (debit_account_id) INCLUDE (amount_fen);
CREATE INDEX fund_transfers_credit_idx ON fund_transfers (credit_account_id) INCLUDE (amount_fen, kind);

-- Signs. Units never below zero (0014). Money leaves the fund only into payouts and refunds, so
-- they never go below zero either (a reversal returns at most what a stage paid out); money
-- enters only from deposits and interest, which are never credited above what they gave.
ALTER TABLE fund_accounts ADD CONSTRAINT fund_sink_balance_not_negative
  CHECK (kind NOT IN ('payouts', 'refunds') OR debits_fen <= credits_fen);
ALTER TABLE fund_accounts ADD CONSTRAINT fund_source_balance_not_positive
  CHECK (kind NOT IN ('deposits', 'interest') OR credits_fen <= debits_fen);
ALTER TABLE fund_accounts ADD CONSTRAINT fund_initial_only_on_units
  CHECK (kind = 'unit' OR initial_fen = 0);

-- The accounts among `ids` whose stored figures differ from their ledger (none when all is well).
CREATE FUNCTION fund_ledger_mismatches(ids bigint[])
RETURNS TABLE (account_id bigint, debits_fen bigint, ledger_debits bigint, credits_fen bigint, ledger_credits bigint,
               initial_fen bigint, ledger_initial bigint)
LANGUAGE sql STABLE AS $$
  SELECT a.id, a.debits_fen, coalesce(d.s, 0)::bigint, a.credits_fen, coalesce(c.s, 0)::bigint,
         a.initial_fen, CASE WHEN a.kind = 'unit' THEN coalesce(c.dep, 0) ELSE 0 END::bigint
    FROM fund_accounts a
    LEFT JOIN LATERAL (SELECT sum(t.amount_fen) AS s FROM fund_transfers t WHERE t.debit_account_id = a.id) d ON true
    LEFT JOIN LATERAL (SELECT sum(t.amount_fen) AS s, sum(t.amount_fen) FILTER (WHERE t.kind = 'deposit') AS dep
                         FROM fund_transfers t WHERE t.credit_account_id = a.id) c ON true
   WHERE a.id = ANY(ids)
     AND (a.debits_fen <> coalesce(d.s, 0) OR a.credits_fen <> coalesce(c.s, 0)
          OR a.initial_fen <> CASE WHEN a.kind = 'unit' THEN coalesce(c.dep, 0) ELSE 0 END)
$$;

CREATE FUNCTION fund_raise_mismatch(ids bigint[], what text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE m record;
BEGIN
  SELECT * INTO m FROM fund_ledger_mismatches(ids) LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'fund account % does not match its ledger after %: stored debits/credits/initial %/%/% fen, ledger %/%/% fen',
      m.account_id, what, m.debits_fen, m.credits_fen, m.initial_fen, m.ledger_debits, m.ledger_credits, m.ledger_initial
      USING ERRCODE = 'check_violation';
  END IF;
END $$;

-- 1. At commit, every account a movement touched matches its ledger, and every transfer stays in
-- the movement's estate (so each estate's books sum to zero on their own). One set-based check per
-- movement: a disbursement over 2,000 units is one query, not 2,000.
CREATE FUNCTION fund_check_movement_accounts() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE ids bigint[]; stray bigint;
BEGIN
  SELECT t.id INTO stray FROM fund_transfers t
    JOIN fund_accounts d ON d.id = t.debit_account_id JOIN fund_accounts c ON c.id = t.credit_account_id
   WHERE t.movement_id = NEW.id AND (t.estate_id <> NEW.estate_id OR d.estate_id <> NEW.estate_id OR c.estate_id <> NEW.estate_id)
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'fund transfer % of movement % leaves estate %', stray, NEW.id, NEW.estate_id USING ERRCODE = 'check_violation';
  END IF;
  SELECT array_agg(DISTINCT x) INTO ids FROM (
    SELECT debit_account_id AS x FROM fund_transfers WHERE movement_id = NEW.id
    UNION ALL SELECT credit_account_id FROM fund_transfers WHERE movement_id = NEW.id) s;
  PERFORM fund_raise_mismatch(ids, format('movement %s', NEW.id));
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER fund_movements_match_ledger AFTER INSERT ON fund_movements
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION fund_check_movement_accounts();

-- 2. A transfer added later to a movement of an earlier transaction is checked the same way (that
-- movement's trigger fired long ago). Transfers of a movement written in this transaction are left
-- to check 1: one query per movement rather than one per transfer row. "Earlier transaction": the
-- movement's created_at (default now(), the transaction's start) is not this transaction's now().
CREATE FUNCTION fund_movement_is_old(movement bigint) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT coalesce((SELECT m.created_at <> now() FROM fund_movements m WHERE m.id = movement), true)
$$;
CREATE FUNCTION fund_check_late_transfer() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE m record;
BEGIN
  -- 0014 checks a movement's total when the movement is written; a transfer added later must not
  -- make it over-written either
  SELECT mv.id, mv.total_fen, (SELECT coalesce(sum(t.amount_fen), 0) FROM fund_transfers t WHERE t.movement_id = mv.id) AS s
    INTO m FROM fund_movements mv WHERE mv.id = NEW.movement_id;
  IF m.s <> m.total_fen THEN
    RAISE EXCEPTION 'fund movement % transfers sum to % fen, not its total % fen', m.id, m.s, m.total_fen USING ERRCODE = 'check_violation';
  END IF;
  PERFORM fund_raise_mismatch(ARRAY[NEW.debit_account_id, NEW.credit_account_id], format('transfer %s', NEW.id));
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER fund_transfers_late_match_ledger AFTER INSERT ON fund_transfers
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (fund_movement_is_old(NEW.movement_id))
  EXECUTE FUNCTION fund_check_late_transfer();

-- 3. A balance written by anything but the balance trigger must match the ledger at commit: any
-- UPDATE of the figures (even one made inside some other trigger or function), and any account
-- opened with figures other than zero. The balance trigger's own updates are covered by 1 and 2;
-- it marks them with a transaction-local setting for the duration of its UPDATE, so they are not
-- checked a second time, row by row (2,000 checks for a 2,000-unit movement instead of one). The
-- mark counts only inside a trigger: setting it by hand at the top level exempts nothing.
CREATE OR REPLACE FUNCTION fund_apply_transfers() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM set_config('gongzhi.fund_applying', 'on', true);
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
  PERFORM set_config('gongzhi.fund_applying', '', true);
  RETURN NULL;
END $$;

CREATE FUNCTION fund_check_account_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM fund_raise_mismatch(ARRAY[NEW.id], format('a direct write of account %s', NEW.id));
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER fund_accounts_update_match_ledger AFTER UPDATE OF debits_fen, credits_fen, initial_fen ON fund_accounts
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (pg_trigger_depth() = 0 OR coalesce(current_setting('gongzhi.fund_applying', true), '') <> 'on')
  EXECUTE FUNCTION fund_check_account_row();
CREATE CONSTRAINT TRIGGER fund_accounts_insert_match_ledger AFTER INSERT ON fund_accounts
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (NEW.debits_fen <> 0 OR NEW.credits_fen <> 0 OR NEW.initial_fen <> 0)
  EXECUTE FUNCTION fund_check_account_row();
