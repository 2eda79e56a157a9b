-- The finest cube of a covering aggregate (cube.go): the exact count n
-- and the cell-key numerator ck of every non-empty combination of the
-- covering's dimensions and every filter field's column, over the records
-- of the covering's base condition. Counts and key numerators add up over
-- disjoint cells, so a filter's aggregate is a sum of these rows (the
-- numerators mod 2^32 again, as aggregate.sql computes them). The rows are
-- sorted by the filter columns so that a selective filter skips most row
-- groups by their min/max. The table placeholder is a fixed qualified
-- name, the columns placeholder the dimension expressions of
-- dimensions.go and the filter columns of filterfields.go, the base
-- placeholder a base condition of dimensions.go: fixed text, never input.
CREATE TABLE {{table}} AS
SELECT
    {{columns}},
    count(*)                                        AS n,
    CAST(sum(rkey) % 4294967296 AS UBIGINT)         AS ck
FROM case_records
WHERE {{base}}
GROUP BY ALL
ORDER BY {{order}}
