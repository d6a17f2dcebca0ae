-- Cases (issue 6, core): a department officer's queue is the cases its department was called in
-- on or routed to. The calls are found by case_department_calls_dept_idx; the routed ones need
-- this index, else each department queue reads the whole cases table (only a small share of
-- cases ever sits with a department).
CREATE INDEX cases_handler_department_idx ON cases (handler_department_id) WHERE handler_department_id IS NOT NULL;
