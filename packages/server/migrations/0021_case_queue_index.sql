-- Cases (issue 6): the officials' queue over a large history (bench:cases-queue, 1,000,000 cases).
-- The queue orders running cases by "overdue first, then the running deadline" and lists the rest
-- after them. Running cases (open, in progress) are a small share of all cases, but the queue of
-- a street office or a company spans several estates with tens of thousands of them; sorting
-- them from the heap reads one table page per case (EXPLAIN ANALYZE: 36,000 running cases of a
-- company's four estates, 11,700 heap pages, 35 ms warm and far more cold, for 20 rows).
-- This index holds every running case with all the queue sorts and filters on, so the top of the
-- queue is an index-only scan (the same 36,000 cases: 950 index pages, 9.6 ms) and only the 20
-- rows of the page are read from the table. Closed, resolved and merged cases (no running
-- deadline, never overdue) come after, in id order, straight from the primary key.
CREATE INDEX cases_active_queue_idx ON cases (estate_id, next_due_at, id)
  INCLUDE (state, resolve_due_at, level, category, priority, assignee_account_id)
  WHERE state IN ('open', 'in_progress');
