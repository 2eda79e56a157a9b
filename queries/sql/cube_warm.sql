-- Reads every column of every row of a cube table and keeps one number,
-- so that its blocks are loaded into DuckDB's buffer pool before a filter
-- change needs them (cubewarm.go). The table placeholder is a fixed
-- qualified name from cube.go, never input.
SELECT sum(hash(*COLUMNS(*))) FROM {{table}}
