-- A coarser level of a cube (cube.go): the rows of the finest cube summed
-- over the filter columns the level leaves out, so that a filter that sets
-- none of them (or only the one the level keeps) reads a few thousand rows
-- instead of the finest cube, sorted by the filter column it keeps (the
-- order placeholder; ALL for a level without one) so that a filter on it
-- skips row groups. Placeholders as in cube_full.sql.
CREATE TABLE {{table}} AS
SELECT
    {{columns}},
    CAST(sum(n) AS BIGINT)                          AS n,
    CAST(sum(CAST(ck AS BIGINT)) % 4294967296 AS UBIGINT)           AS ck
FROM {{full}}
GROUP BY ALL
ORDER BY {{order}}
