-- What the cubes of a store are computed from (cube.go): the case
-- records (their number, the sum of their record keys and of the hashes
-- of whole rows), every import and the store's facts. A cube file whose
-- fingerprint differs was built from other data and is built again.
SELECT
    (SELECT count(*) || ':' || coalesce(sum(rkey), 0) || ':' || coalesce(sum(hash(r)), 0) FROM case_records AS r)
    || '|' || (SELECT coalesce(string_agg(imported_at || ',' || file || ',' || rows || ',' || providers, ';'
                                          ORDER BY imported_at, file, rows, providers), '') FROM import_log)
    || '|' || (SELECT coalesce(string_agg(key || '=' || value, ';' ORDER BY key), '') FROM store_meta)
