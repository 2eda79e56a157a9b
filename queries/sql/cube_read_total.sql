-- The count and cell-key numerator of every record a filter selects, from
-- a level of a covering's cube (population.go): the sum of the level's rows
-- that match the filter. The table and predicates placeholders are
-- cube_read.sql's, and the key numerators are summed as there; an empty
-- selection gives 0 and 0.
SELECT
    CAST(coalesce(sum(n), 0) AS BIGINT)                                   AS n,
    CAST(coalesce(CAST(sum(CAST(ck AS BIGINT)) AS BIGINT), 0) % 4294967296 AS UBIGINT) AS ck
FROM {{table}}
WHERE TRUE{{predicates}}
