-- The aggregate of a covering under a filter, read from a level of its
-- cube (cube.go) instead of the case records: the same rows aggregate.sql
-- gives, summed from the cube's cells. The predicates placeholder holds
-- the filter's conditions (Filter.predicates) on the cube's columns, which
-- carry the case table's column names and types, the years applying to
-- the cube's year column; their values are bound. The dimensions and
-- table placeholders are fixed names from cube.go.
SELECT
    {{dimensions}},
    CAST(sum(n) AS BIGINT)                          AS n,
    CAST(sum(ck) % 4294967296 AS UBIGINT)           AS ck
FROM {{table}}
WHERE ({{base}}){{predicates}}
GROUP BY ALL
