-- Cases (issue 6): the queue's filters by priority and category over running cases (the manager's
-- urgent open cases of an estate, the district's fire-safety ones). Without these the count and
-- the page walked every running case of the estates (cases_active_queue_idx) and dropped the
-- rest: at 1M cases 10,750 entries read for 362 urgent ones, 15,658 for 1,001 fire-safety ones —
-- the count and then the page, a third of the queue's database time in bench:cases-queue.
-- Urgent cases are a tenth of the running ones: their own partial index, in the queue's order
-- per estate, with every column the queue's filters and order read (index-only). It serves only
-- statements that say priority = 'urgent' (a wider index keyed by priority misled the planner
-- into reading it for other filters' part "running without a deadline": 27 -> 495 buffers).
CREATE INDEX cases_running_urgent_idx ON cases (estate_id, next_due_at, id)
  INCLUDE (state, resolve_due_at, level, category, assignee_account_id)
  WHERE state IN ('open', 'in_progress') AND priority = 'urgent';
-- A category's running cases of some estates, for the capped count (index-only: the state is
-- all it reads besides the key). Without the deadlines, so that the page's parts keep to the
-- indexes made for them.
CREATE INDEX cases_running_category_idx ON cases (estate_id, category) INCLUDE (state)
  WHERE state IN ('open', 'in_progress');
