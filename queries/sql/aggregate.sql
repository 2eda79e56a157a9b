-- Counts of the filtered cases by several dimensions at once, the finest
-- split a view needs: for each non-empty combination the exact count n and
-- the numerator of its cell key, the sum of the record keys mod 2^32,
-- computed exactly in integer arithmetic so that the same records give the
-- same key in any table and order. Every table of the view is a sum of
-- these cells (aggregate.go): counts and key numerators both add up over
-- disjoint cells, so one pass over the records serves all of them.
-- The dimensions placeholder holds the dimension expressions of
-- dimensions.go in their own types (ENUM codes, years, booleans: cheaper
-- to group by than text), separated by commas; aggregate.go turns the
-- few result values into codes.
WITH {{filtered}}
SELECT
    {{dimensions}},
    count(*)                                        AS n,
    CAST(sum(rkey) % 4294967296 AS UBIGINT)         AS ck
FROM filtered
GROUP BY ALL
