-- What the cubes of a store are computed from (cube.go): the case
-- records (their number and the sum of their record keys), every import
-- and the store's facts. Only `lagebild import` writes a store, and every
-- import adds a line to import_log, so this is cheap and changes with the
-- data. A cube file whose fingerprint differs is built again.
SELECT
    (SELECT count(*) || ':' || coalesce(sum(rkey), 0) FROM case_records)
    || '|' || (SELECT coalesce(string_agg(imported_at || ',' || file || ',' || rows || ',' || providers, ';'
                                          ORDER BY imported_at, file, rows, providers), '') FROM import_log)
    || '|' || (SELECT coalesce(string_agg(key || '=' || value, ';' ORDER BY key), '') FROM store_meta)
