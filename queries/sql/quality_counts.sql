-- Counts of the quality report over the filtered cases, in one pass: for
-- each measure (a fixed condition from quality.go) the exact count n_i and
-- the numerator of its cell key ck_i, as
--   count(CASE WHEN cond THEN 1 END) AS n_i,
--   CAST(coalesce(sum(CASE WHEN cond THEN rkey ELSE 0 END), 0) % 4294967296 AS UBIGINT) AS ck_i
-- The measures placeholder below expands to these column pairs.
WITH {{filtered}}
SELECT {{measures}}
FROM filtered
