-- Goal attainment (change.go): the filtered closed cases with goals set
-- and the number reached stated, by case type (NULL: not stated) and
-- whether none, some or all of the goals were reached. For each group
-- the exact count n and the numerator of its cell key, as in
-- aggregate.sql.
-- The carry placeholder is empty, or the filter columns that the query's
-- cube (querycube.go) keeps beside its own columns.
WITH {{filtered}}
SELECT CAST(case_type AS VARCHAR) AS grp,
    CASE WHEN goals_reached = 0 THEN 'none'
         WHEN goals_reached >= goals_set THEN 'all'
         ELSE 'some' END AS item{{carry}},
    count(*)                                        AS n,
    CAST(sum(rkey) % 4294967296 AS UBIGINT)         AS ck
FROM filtered
WHERE goals_set > 0 AND goals_reached IS NOT NULL
GROUP BY ALL
