-- The rows of outcome_change.sql, a case's directions on the items as
-- combinations, summed by item (grp) and direction (item): for each the
-- exact count n and the numerator of its cell key, as in aggregate.sql
-- (the numerators mod 2^32 again). The rows placeholder is the query whose
-- rows are summed (outcome_change.sql itself, or a level of its cube,
-- querycube.go), the carry placeholder empty or the cube columns kept
-- beside the item: fixed text, never input; the rows' values are bound.
WITH r AS (
{{rows}}
)
SELECT 'attitudes' AS grp, attitudes AS item{{carry}},
    CAST(sum(n) AS BIGINT) AS n, CAST(sum(ck) % 4294967296 AS UBIGINT) AS ck
FROM r WHERE attitudes IS NOT NULL GROUP BY ALL
UNION ALL
SELECT 'behaviour' AS grp, behaviour AS item{{carry}},
    CAST(sum(n) AS BIGINT) AS n, CAST(sum(ck) % 4294967296 AS UBIGINT) AS ck
FROM r WHERE behaviour IS NOT NULL GROUP BY ALL
UNION ALL
SELECT 'scene_contacts' AS grp, scene_contacts AS item{{carry}},
    CAST(sum(n) AS BIGINT) AS n, CAST(sum(ck) % 4294967296 AS UBIGINT) AS ck
FROM r WHERE scene_contacts IS NOT NULL GROUP BY ALL
UNION ALL
SELECT 'social_integration' AS grp, social_integration AS item{{carry}},
    CAST(sum(n) AS BIGINT) AS n, CAST(sum(ck) % 4294967296 AS UBIGINT) AS ck
FROM r WHERE social_integration IS NOT NULL GROUP BY ALL
UNION ALL
SELECT 'psychosocial' AS grp, psychosocial AS item{{carry}},
    CAST(sum(n) AS BIGINT) AS n, CAST(sum(ck) % 4294967296 AS UBIGINT) AS ck
FROM r WHERE psychosocial IS NOT NULL GROUP BY ALL
UNION ALL
SELECT 'risk_level' AS grp, risk_level AS item{{carry}},
    CAST(sum(n) AS BIGINT) AS n, CAST(sum(ck) % 4294967296 AS UBIGINT) AS ck
FROM r WHERE risk_level IS NOT NULL GROUP BY ALL
UNION ALL
SELECT 'motivation' AS grp, motivation AS item{{carry}},
    CAST(sum(n) AS BIGINT) AS n, CAST(sum(ck) % 4294967296 AS UBIGINT) AS ck
FROM r WHERE motivation IS NOT NULL GROUP BY ALL
