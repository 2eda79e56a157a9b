-- Re-identification risk of the stored cases (RiskReport).
-- Equivalence classes on the quasi-identifiers state, age band, gender
-- (NULL is a value of its own: GROUP BY puts all NULLs in one group),
-- phenomenon and intake year. The single parameter is k.
-- Rows: one per class size 1 … k-1 that occurs (size, classes, records),
-- plus one totals row with size 0 (all classes, all records).
WITH classes AS (
    SELECT count(*) AS n
    FROM case_records
    GROUP BY state, age_band, gender, phenomenon, year(intake)
),
k AS (SELECT CAST(? AS BIGINT) AS k)
SELECT n AS size, count(*) AS classes, sum(n) AS records
FROM classes, k
WHERE n < k.k
GROUP BY n
UNION ALL
SELECT 0, count(*), coalesce(sum(n), 0)
FROM classes
ORDER BY size
