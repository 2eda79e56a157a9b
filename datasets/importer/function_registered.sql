-- Whether the database has a function of this name (casefunction.go
-- registers the import's table function once per database).
SELECT count(*) FROM duckdb_functions() WHERE function_name = ?
