-- Registry lists: owners are reached through ownerships in the caller's estates, and searched by
-- the last four digits of their ID number.
CREATE INDEX ownerships_estate_owner_idx ON ownerships (estate_id, owner_id);
CREATE INDEX owners_last4_idx ON owners (id_number_last4) WHERE id_number_last4 IS NOT NULL;
-- The units page index and the per-estate statistics follow in 0004_registry_stats.sql.
