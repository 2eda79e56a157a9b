-- The rows of a cube level under a filter when they are already the sums
-- cube_read.sql would give (cubeDef.rowsAreGroups: every column of the
-- level besides the dimensions is a filter column the filter holds at one
-- value), so they need no grouping. The placeholders are cube_read.sql's.
SELECT
    {{dimensions}},
    CAST(n AS BIGINT)                               AS n,
    CAST(ck % 4294967296 AS UBIGINT)                AS ck
FROM {{table}}
WHERE TRUE{{predicates}}
