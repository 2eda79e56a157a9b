-- Median case duration in whole months (intake month to closing month) of
-- the filtered closed cases, by outcome, with the exact count and cell key
-- numerator of each outcome group (the base that decides whether the
-- median may be shown).
WITH {{filtered}}
SELECT
    coalesce(outcome, 'not_stated')                                   AS outcome,
    count(*)                                                          AS n,
    CAST(sum(rkey) % 4294967296 AS UBIGINT)                           AS ck,
    median(date_diff('month', intake, closed))::DOUBLE                AS median_months
FROM filtered
GROUP BY ALL
