-- Registry hot path (second part of the registry's migration 0004: a separate file because
-- 0004_registry.sql had already been applied to development databases). Idempotent, because for a
-- short while these statements were part of 0004_registry.sql itself.

-- The units page (the registry's hot path) picks its 50 ids from this index alone: the key gives the
-- order, INCLUDE holds the id and the usual filters, so skipping to page N reads no table rows.
-- It replaces the foundation's index on the same key.
CREATE INDEX IF NOT EXISTS units_estate_page_idx ON units (estate_id, building_id, number) INCLUDE (id, kind, status, area_source);
DROP INDEX IF EXISTS units_estate_idx;

-- Per-estate unit count and total area, kept by statement-level triggers on units. The units page
-- reads its total here instead of counting thousands of index entries per request, and the estates
-- list reads its figures here instead of aggregating every unit of every estate it shows.
-- Concurrent writers to one estate serialise on its row (INSERT .. ON CONFLICT adds deltas).
CREATE TABLE IF NOT EXISTS estate_unit_stats (
  estate_id         bigint PRIMARY KEY REFERENCES estates(id),
  unit_count        integer NOT NULL DEFAULT 0,
  total_area_centi  bigint NOT NULL DEFAULT 0
);

CREATE OR REPLACE FUNCTION estate_unit_stats_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- transition tables: new_rows for INSERT/UPDATE, old_rows for UPDATE/DELETE (see the triggers)
  IF TG_OP = 'INSERT' THEN
    INSERT INTO estate_unit_stats AS s (estate_id, unit_count, total_area_centi)
    SELECT estate_id, count(*), sum(area_centi) FROM new_rows GROUP BY estate_id ORDER BY estate_id
    ON CONFLICT (estate_id) DO UPDATE SET unit_count = s.unit_count + EXCLUDED.unit_count,
                                          total_area_centi = s.total_area_centi + EXCLUDED.total_area_centi;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO estate_unit_stats AS s (estate_id, unit_count, total_area_centi)
    SELECT estate_id, -count(*), -sum(area_centi) FROM old_rows GROUP BY estate_id ORDER BY estate_id
    ON CONFLICT (estate_id) DO UPDATE SET unit_count = s.unit_count + EXCLUDED.unit_count,
                                          total_area_centi = s.total_area_centi + EXCLUDED.total_area_centi;
  ELSE
    INSERT INTO estate_unit_stats AS s (estate_id, unit_count, total_area_centi)
    SELECT estate_id, sum(c), sum(a) FROM (
      SELECT estate_id, 1 AS c, area_centi::bigint AS a FROM new_rows
      UNION ALL SELECT estate_id, -1, -area_centi::bigint FROM old_rows) d
    GROUP BY estate_id ORDER BY estate_id
    ON CONFLICT (estate_id) DO UPDATE SET unit_count = s.unit_count + EXCLUDED.unit_count,
                                          total_area_centi = s.total_area_centi + EXCLUDED.total_area_centi;
  END IF;
  RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS units_stats_insert ON units;
CREATE TRIGGER units_stats_insert AFTER INSERT ON units
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION estate_unit_stats_apply();
DROP TRIGGER IF EXISTS units_stats_update ON units;
CREATE TRIGGER units_stats_update AFTER UPDATE ON units
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION estate_unit_stats_apply();
DROP TRIGGER IF EXISTS units_stats_delete ON units;
CREATE TRIGGER units_stats_delete AFTER DELETE ON units
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION estate_unit_stats_apply();

INSERT INTO estate_unit_stats (estate_id, unit_count, total_area_centi)
SELECT estate_id, count(*), sum(area_centi) FROM units GROUP BY estate_id
ON CONFLICT (estate_id) DO NOTHING;
