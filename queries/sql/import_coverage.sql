-- Which providers' exports a store holds and when they were imported:
-- one row per import, the providers as the importer listed them (comma
-- separated). Row counts are exact and stay out: the briefing names
-- the providers and dates only.
SELECT imported_at, providers
FROM import_log
ORDER BY imported_at, file
