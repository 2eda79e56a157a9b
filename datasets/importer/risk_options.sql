-- What drives the re-identification risk, and what coarsening helps
-- (RiskOptions): for each option the records in equivalence classes
-- smaller than k (the single parameter) and all records, measured by
-- grouping the stored cases again, not estimated.
--
-- Options, each a fixed grouping of the quasi-identifiers of risk.sql
-- (state, age band, gender, phenomenon, intake year):
--   as_stored                 the classes of the risk report
--   without_<column>          one quasi-identifier left out: how much it
--                             alone contributes
--   periods                   intake years as the fixed 3-year periods of
--                             the filters (2014–2016, 2017–2019, …)
--   regions                   states as four regions (north, east, south,
--                             west; RegionStates in riskoptions.go)
--   wide_age_bands            age bands under 18, 18–24, 25–39, 40 and over
--   and their combinations.
-- Gender stays as stored in every coarsening: NULL is a value of its own,
-- as in risk.sql.
--
-- The stored cases are grouped once, into the classes of risk.sql with
-- their sizes (fine); every option's classes are unions of those, so each
-- option sums the sizes of fine classes instead of grouping the case
-- records again. Grouping a CTE of every record for each option held all
-- records in memory, spilled to disk under the import's memory limit, and
-- took 7.2-7.5 s at 10M cases (docs/performance.md, "Round six").
WITH fine AS (
    SELECT state, age_band, gender, phenomenon, year(intake) AS intake_year, count(*) AS n
    FROM case_records
    GROUP BY ALL
),
coded AS (
    SELECT state, age_band, gender, phenomenon, intake_year, n,
        intake_year - (((intake_year - 2014) % 3) + 3) % 3 AS period,
        CASE
            WHEN state IN ('DE-SH', 'DE-HH', 'DE-HB', 'DE-NI', 'DE-MV') THEN 'north'
            WHEN state IN ('DE-BE', 'DE-BB', 'DE-SN', 'DE-ST', 'DE-TH') THEN 'east'
            WHEN state IN ('DE-BY', 'DE-BW') THEN 'south'
            WHEN state IN ('DE-NW', 'DE-HE', 'DE-RP', 'DE-SL') THEN 'west'
        END AS region,
        CASE
            WHEN age_band IN ('under_14', '14_17') THEN 'under_18'
            WHEN age_band IN ('18_20', '21_24') THEN '18_24'
            WHEN age_band IN ('25_29', '30_39') THEN '25_39'
            ELSE '40_plus'
        END AS age_wide
    FROM fine
),
k AS (SELECT CAST(? AS BIGINT) AS k),
classes AS (
    SELECT 'as_stored' AS option, CAST(sum(n) AS BIGINT) AS n FROM coded GROUP BY state, age_band, gender, phenomenon, intake_year
    UNION ALL
    SELECT 'without_state', CAST(sum(n) AS BIGINT) FROM coded GROUP BY age_band, gender, phenomenon, intake_year
    UNION ALL
    SELECT 'without_age_band', CAST(sum(n) AS BIGINT) FROM coded GROUP BY state, gender, phenomenon, intake_year
    UNION ALL
    SELECT 'without_gender', CAST(sum(n) AS BIGINT) FROM coded GROUP BY state, age_band, phenomenon, intake_year
    UNION ALL
    SELECT 'without_phenomenon', CAST(sum(n) AS BIGINT) FROM coded GROUP BY state, age_band, gender, intake_year
    UNION ALL
    SELECT 'without_intake_year', CAST(sum(n) AS BIGINT) FROM coded GROUP BY state, age_band, gender, phenomenon
    UNION ALL
    SELECT 'periods', CAST(sum(n) AS BIGINT) FROM coded GROUP BY state, age_band, gender, phenomenon, period
    UNION ALL
    SELECT 'regions', CAST(sum(n) AS BIGINT) FROM coded GROUP BY region, age_band, gender, phenomenon, intake_year
    UNION ALL
    SELECT 'wide_age_bands', CAST(sum(n) AS BIGINT) FROM coded GROUP BY state, age_wide, gender, phenomenon, intake_year
    UNION ALL
    SELECT 'periods+regions', CAST(sum(n) AS BIGINT) FROM coded GROUP BY region, age_band, gender, phenomenon, period
    UNION ALL
    SELECT 'periods+wide_age_bands', CAST(sum(n) AS BIGINT) FROM coded GROUP BY state, age_wide, gender, phenomenon, period
    UNION ALL
    SELECT 'regions+wide_age_bands', CAST(sum(n) AS BIGINT) FROM coded GROUP BY region, age_wide, gender, phenomenon, intake_year
    UNION ALL
    SELECT 'periods+regions+wide_age_bands', CAST(sum(n) AS BIGINT) FROM coded GROUP BY region, age_wide, gender, phenomenon, period
)
SELECT option,
    coalesce(sum(n) FILTER (WHERE n < k.k), 0) AS records_below,
    coalesce(sum(n), 0)                        AS records
FROM classes, k
GROUP BY option
