-- The structure of multi-agency work (multiagency.go): the filtered
-- multi-agency cases by risk level, counted per item: all of them
-- (cases), those with their agencies stated and each agency they name
-- (agency:<code>, a case counts once per agency it names), those with
-- the number of case conferences stated and their band (conf:0, conf:1_2,
-- conf:3_5, conf:6_plus), those with consent stated and with consent
-- documented. For each group and item the exact count n and the
-- numerator of its cell key, as in aggregate.sql.
-- The carry placeholder is empty, or the filter columns that the query's
-- cube (querycube.go) keeps beside its own columns.
WITH {{filtered}},
ma AS (
    SELECT CAST(risk_level AS VARCHAR) AS grp{{carry}}, agencies, case_conferences, consent_documented, rkey
    FROM filtered
)
SELECT grp, 'cases' AS item{{carry}}, count(*) AS n, CAST(sum(rkey) % 4294967296 AS UBIGINT) AS ck
FROM ma GROUP BY ALL
UNION ALL
SELECT grp, 'agencies_stated'{{carry}}, count(*), CAST(sum(rkey) % 4294967296 AS UBIGINT)
FROM ma WHERE agencies IS NOT NULL GROUP BY ALL
UNION ALL
SELECT grp, 'agency:' || CAST(agency AS VARCHAR){{carry}}, count(*), CAST(sum(rkey) % 4294967296 AS UBIGINT)
FROM (SELECT grp{{carry}}, rkey, unnest(list_distinct(agencies)) AS agency FROM ma WHERE agencies IS NOT NULL)
GROUP BY ALL
UNION ALL
SELECT grp, 'conferences_stated'{{carry}}, count(*), CAST(sum(rkey) % 4294967296 AS UBIGINT)
FROM ma WHERE case_conferences IS NOT NULL GROUP BY ALL
UNION ALL
SELECT grp,
    CASE WHEN case_conferences = 0 THEN 'conf:0'
         WHEN case_conferences <= 2 THEN 'conf:1_2'
         WHEN case_conferences <= 5 THEN 'conf:3_5'
         ELSE 'conf:6_plus' END{{carry}},
    count(*), CAST(sum(rkey) % 4294967296 AS UBIGINT)
FROM ma WHERE case_conferences IS NOT NULL GROUP BY ALL
UNION ALL
SELECT grp, 'consent_stated'{{carry}}, count(*), CAST(sum(rkey) % 4294967296 AS UBIGINT)
FROM ma WHERE consent_documented IS NOT NULL GROUP BY ALL
UNION ALL
SELECT grp, 'consent'{{carry}}, count(*), CAST(sum(rkey) % 4294967296 AS UBIGINT)
FROM ma WHERE consent_documented GROUP BY ALL
