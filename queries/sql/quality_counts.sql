-- Counts of the filtered cases by provider and quality flags (the bits of
-- store.QualityFlags: which optional columns are filled, closed status,
-- documented outcome, plausibility findings), each with the exact count
-- and the numerator of its cell key. Every measure of the quality report
-- is a sum of these groups (quality.go): one cheap grouping instead of a
-- dozen conditions evaluated over every record.
WITH {{filtered}}
SELECT provider, qflags, count(*) AS n, CAST(sum(rkey) % 4294967296 AS UBIGINT) AS ck
FROM filtered
GROUP BY ALL
ORDER BY provider, qflags
