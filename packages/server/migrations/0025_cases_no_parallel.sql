-- Cases (issue 6): no parallel workers for scans of cases. A queue page reads a few hundred index
-- entries, but on an estimate of tens of thousands of rows (running cases without a running
-- deadline, say: 56,000 estimated, 0 found) the planner sent a part of the street's landing page
-- to two parallel workers; starting them cost ~35 ms and two process starts' CPU per page, on
-- every such page, against well under 1 ms of work. With 50 clients on a few cores there are no
-- idle cores for workers anyway; the figures' aggregates run serially too.
ALTER TABLE cases SET (parallel_workers = 0);
