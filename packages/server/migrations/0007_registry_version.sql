-- One number that changes, in the same transaction, whenever a table that registry reads show
-- changes. A cached read made at version V is exact for as long as the version is still V, so
-- hot reads (the units page) can be served from memory with no risk of a stale answer: every
-- request reads the current version in its session lookup. Statement-level triggers catch every
-- writer (API, roster import, demo load, a DBA's SQL), not only the ones that remember to.
CREATE TABLE IF NOT EXISTS registry_version (
  id  integer PRIMARY KEY CHECK (id = 1),
  v   bigint NOT NULL
);
INSERT INTO registry_version (id, v) VALUES (1, 1) ON CONFLICT (id) DO NOTHING;

CREATE OR REPLACE FUNCTION bump_registry_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE registry_version SET v = v + 1 WHERE id = 1;
  RETURN NULL;
END $$;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['estates', 'buildings', 'units', 'owners', 'ownerships'] LOOP
    EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', t || '_bump_registry_version', t);
    EXECUTE format(
      'CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I
         FOR EACH STATEMENT EXECUTE FUNCTION bump_registry_version()',
      t || '_bump_registry_version', t);
  END LOOP;
END $$;
