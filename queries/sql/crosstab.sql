-- Counts of the filtered cases by a row and a column dimension, with every
-- margin and the grand total as cells of their own (GROUPING SETS). For
-- each cell: the exact count n and the numerator of its cell key, the sum
-- of the record keys mod 2^32, computed exactly in integer arithmetic so
-- that the same records give the same key in any table and order (0 for
-- no records: the grand total of an empty selection).
-- {{row}} and {{col}} are dimension expressions from dimensions.go.
WITH {{filtered}}
SELECT
    CAST({{row}} AS VARCHAR)                        AS r,
    CAST({{col}} AS VARCHAR)                        AS c,
    GROUPING({{row}})                               AS gr,
    GROUPING({{col}})                               AS gc,
    count(*)                                        AS n,
    CAST(coalesce(sum(rkey), 0) % 4294967296 AS UBIGINT) AS ck
FROM filtered
GROUP BY GROUPING SETS (({{row}}, {{col}}), ({{row}}), ({{col}}), ())
