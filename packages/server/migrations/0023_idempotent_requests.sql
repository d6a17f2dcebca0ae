-- Generic Idempotency-Key for mutations (issue 7, platform/idempotency.ts). One row per
-- (account, key): written as the first statement of the route's transaction, its answer stored
-- before COMMIT, so the effect and the answer commit together. Scoped by account (not by estate):
-- a client's key is its own whatever estate the request touches. Purged after 7 days by the
-- daily job platform.idempotency-purge.
CREATE TABLE idempotent_requests (
  id            bigserial PRIMARY KEY,
  account_id    bigint NOT NULL REFERENCES accounts (id),
  key           text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
  method        text NOT NULL,
  route         text NOT NULL,
  request_hash  text NOT NULL,
  -- NULL while the transaction runs, and for answers that cannot be replayed (files)
  status        integer,
  response      jsonb,
  created_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (account_id, key)
);
CREATE INDEX idempotent_requests_created_idx ON idempotent_requests (created_at);
