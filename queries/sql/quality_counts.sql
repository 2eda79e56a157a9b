-- Counts of the quality report over the filtered cases, in one pass, per
-- provider (quality.go adds the providers up for the whole report; counts
-- and cell key numerators add up exactly): for each measure (a fixed
-- condition from quality.go) the exact count n_i and the numerator of its
-- cell key ck_i, as
--   count(CASE WHEN cond THEN 1 END) AS n_i,
--   CAST(coalesce(sum(CASE WHEN cond THEN rkey ELSE 0 END), 0) % 4294967296 AS UBIGINT) AS ck_i
-- The measures placeholder below expands to these column pairs.
WITH {{filtered}}
SELECT provider, {{measures}}
FROM filtered
GROUP BY provider
ORDER BY provider
