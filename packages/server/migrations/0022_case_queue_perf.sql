-- Cases (issue 6): the queue page at 1,000,000 cases and 50 clients (bench:cases-queue), where a
-- page must cost a few ms of database time.
--
-- The queue splits running cases into overdue (past the resolve deadline) and not, by one key
-- (case-list.ts OVERDUE_KEY, written identically there): the resolve deadline of a running case
-- ('infinity' without one), null otherwise. resolve_due_at alone misleads the planner (closed
-- cases keep their past deadlines, so "overdue" looked like most of the table and it walked every
-- running case); statistics on the key itself say how few are overdue.
CREATE STATISTICS cases_overdue_key_stats ON
  ((CASE WHEN state IN ('open', 'in_progress') THEN COALESCE(resolve_due_at, 'infinity'::timestamptz) END))
  FROM cases;
-- Overdue cases lead every queue and at the street or a department they have no running deadline
-- to sort by: found as a range of the key per estate in scope, read without the table (every
-- column the queue's filters and order use is included), then sorted (they are few).
CREATE INDEX cases_overdue_idx ON cases
  (estate_id, (CASE WHEN state IN ('open', 'in_progress') THEN COALESCE(resolve_due_at, 'infinity'::timestamptz) END))
  INCLUDE (id, state, resolve_due_at, next_due_at, level, category, priority, assignee_account_id)
  WHERE (CASE WHEN state IN ('open', 'in_progress') THEN COALESCE(resolve_due_at, 'infinity'::timestamptz) END) IS NOT NULL;
-- The running cases of many estates (a street, a district, a company) in the queue's order: a walk
-- of this index stops after the page instead of sorting every running case of the estates
-- (cases_active_queue_idx is ordered per estate only).
CREATE INDEX cases_running_due_idx ON cases (next_due_at, id)
  INCLUDE (estate_id, state, resolve_due_at, level, category, priority, assignee_account_id)
  WHERE state IN ('open', 'in_progress');
-- Running cases without a running deadline (every called department reported, or overdue at
-- the street or a department): few, listed by id after the running deadlines. Their own small
-- index, so that finding them is not a scan of cases_running_due_idx's null end in parallel workers.
CREATE INDEX cases_running_undated_idx ON cases (id)
  INCLUDE (estate_id, state, resolve_due_at, level, category, priority, assignee_account_id)
  WHERE next_due_at IS NULL AND state IN ('open', 'in_progress');
-- Cases no longer running of an estate in one state (a street office's "resolved in estate X"),
-- in id order: the rest of the queue walks this instead of the primary key filtering for them.
CREATE INDEX cases_rest_idx ON cases (estate_id, state, id) WHERE state NOT IN ('open', 'in_progress');
-- A rung's queue (the street office's level=street, the community's level=community): its running
-- cases in the due order, so that a rung holding few of the running cases is not looked for
-- along cases_running_due_idx among everyone's.
CREATE INDEX cases_level_due_idx ON cases (level, next_due_at, id)
  INCLUDE (estate_id, state, resolve_due_at, category, priority, assignee_account_id)
  WHERE state IN ('open', 'in_progress');
