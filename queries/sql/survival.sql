-- Time in counselling of the filtered cases, for the Kaplan-Meier
-- estimate (survival.go): per stratum column (risk level, multi-agency,
-- phenomenon, case type), whether the case ended in a closure (an event) or is
-- censored, and the quarter of its time (months / 3, whole quarters).
--
-- The time is the stored duration_months (intake month to closing month)
-- for a case with a status other than ongoing and a closing month; every
-- other case is open and counts the months from its intake month to the
-- reference month $ref_month. Closures (closed_regular, closed_aborted)
-- are events; a transfer with a closing month is censored at its month
-- (it leaves the provider's observation without a closure), and so is
-- every open case at the reference month. Cases with a negative time (a
-- closing month before the intake month, a plausibility finding) are left
-- out. For each group the exact count n and the numerator of its cell
-- key, as in aggregate.sql.
-- The carry placeholder is empty, or the filter columns that the query's
-- cube (querycube.go) keeps beside its own columns.
WITH {{filtered}},
timed AS (
    SELECT risk_level, multi_agency, phenomenon, case_type, rkey{{carry}},
        (enum_code(status) IN (enum_code('closed_regular'::status_code), enum_code('closed_aborted'::status_code))
            AND closed IS NOT NULL) AS event,
        CASE WHEN enum_code(status) <> enum_code('ongoing'::status_code) AND closed IS NOT NULL
             THEN duration_months
             ELSE date_diff('month', intake, CAST($ref_month AS DATE))
        END AS months
    FROM filtered
)
SELECT risk_level, multi_agency, phenomenon, case_type, event,
    CAST(months // 3 AS INTEGER)                    AS quarter{{carry}},
    count(*)                                        AS n,
    CAST(sum(rkey) % 4294967296 AS UBIGINT)         AS ck
FROM timed
WHERE months >= 0
GROUP BY ALL
