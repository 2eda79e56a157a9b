-- Re-identification risk of the filtered cases: equivalence classes on the
-- quasi-identifiers state, age band, gender (NULL is a value of its own),
-- phenomenon and intake year, as in the importer's risk report. For all
-- classes and for those smaller than $k: the number of classes, the number
-- of records and the cell key numerator of those records.
WITH {{filtered}},
classes AS (
    SELECT count(*) AS n, sum(rkey) AS sk
    FROM filtered
    GROUP BY state, age_band, gender, phenomenon, year(intake)
)
SELECT
    count(*)                                                                   AS classes,
    coalesce(sum(n), 0)                                                        AS records,
    CAST(coalesce(sum(sk), 0) % 4294967296 AS UBIGINT)                         AS ck,
    count(*) FILTER (WHERE n < $k)                                             AS classes_below,
    coalesce(sum(n) FILTER (WHERE n < $k), 0)                                  AS records_below,
    CAST(coalesce(sum(sk) FILTER (WHERE n < $k), 0) % 4294967296 AS UBIGINT)   AS ck_below
FROM classes
