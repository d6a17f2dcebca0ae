-- Shared services: which server instance last ran a job; faster unread counts.

-- jobs.ran_by: the instance id of the server that finished (or last failed) the job, for
-- operators tracing a job across several instances.
ALTER TABLE jobs ADD COLUMN ran_by text;

-- the inbox badge counts unread messages on every page load
CREATE INDEX notifications_unread_idx ON notifications (account_id) WHERE channel = 'inbox' AND read_at IS NULL;

-- the audit log is filtered by actor ("what did this account do")
CREATE INDEX audit_events_actor_idx ON audit_events (actor_account_id, seq);
