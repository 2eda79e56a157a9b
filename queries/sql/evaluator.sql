-- The evaluator's per-provider counts (evaluator.go): the filtered cases
-- by provider, quality flags (store qualityflags.go), whether returnee
-- applies to the case (only Islamist and foreign-ideology cases have one),
-- whether the case belongs to an intake cohort at least two years old
-- (intake month no later than $cohort_end, 24 months before the reference
-- month), and whether it was closed within 24 months of intake. For each
-- group the exact count n and the numerator of its cell key, as in
-- aggregate.sql.
-- The carry placeholder is empty, or the filter columns that the query's
-- cube (querycube.go) keeps beside its own columns.
WITH {{filtered}}
SELECT provider, qflags,
    enum_code(phenomenon) IN (enum_code('islamist'::phenomenon_code), enum_code('foreign_ideology'::phenomenon_code))
                                                    AS returnee_applies,
    intake <= CAST($cohort_end AS DATE)             AS in_cohort,
    coalesce(enum_code(status) IN (enum_code('closed_regular'::status_code), enum_code('closed_aborted'::status_code))
        AND duration_months BETWEEN 0 AND 23, false) AS closed_24{{carry}},
    count(*)                                        AS n,
    CAST(sum(rkey) % 4294967296 AS UBIGINT)         AS ck
FROM filtered
GROUP BY ALL
ORDER BY provider
