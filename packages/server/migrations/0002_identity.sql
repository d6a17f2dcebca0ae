-- Identity: indexes for the queries the identity module runs on every request or review.

-- invitations listed per estate, newest first
CREATE INDEX invitations_estate_idx ON invitations (estate_id, created_at DESC);
-- an owner's scope is resolved from its approved bindings on every request
CREATE INDEX bindings_account_idx ON bindings (account_id, status);
-- committee members of an estate, told about new binding requests
CREATE INDEX role_grants_scope_idx ON role_grants (scope_kind, scope_id) WHERE revoked_at IS NULL;
