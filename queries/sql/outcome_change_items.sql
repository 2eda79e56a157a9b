-- The rows of outcome_change.sql, a case's directions on the seven items
-- in one code, summed by item (grp) and direction (item): the direction on
-- item i is the code's i-th base-4 digit (0 improved, 1 same, 2 worse, 3
-- not rated, left out). For each the exact count n and the numerator of
-- its cell key, as in aggregate.sql (the numerators mod 2^32 again). It
-- builds the coarser levels of the query's cube (querycube.go) from the
-- finest; change.go's changeDirections makes the same split in Go for a
-- read of the finest level or of the case records. The rows placeholder
-- is the finest level's table, the carry placeholder the cube columns
-- kept beside the item: fixed text, never input.
WITH r AS (
{{rows}}
)
SELECT 'attitudes' AS grp, ['improved', 'same', 'worse'][(directions // 1) % 4 + 1] AS item{{carry}},
    CAST(sum(n) AS BIGINT) AS n, CAST(sum(CAST(ck AS BIGINT)) % 4294967296 AS UBIGINT) AS ck
FROM r WHERE (directions // 1) % 4 < 3 GROUP BY ALL
UNION ALL
SELECT 'behaviour' AS grp, ['improved', 'same', 'worse'][(directions // 4) % 4 + 1] AS item{{carry}},
    CAST(sum(n) AS BIGINT) AS n, CAST(sum(CAST(ck AS BIGINT)) % 4294967296 AS UBIGINT) AS ck
FROM r WHERE (directions // 4) % 4 < 3 GROUP BY ALL
UNION ALL
SELECT 'scene_contacts' AS grp, ['improved', 'same', 'worse'][(directions // 16) % 4 + 1] AS item{{carry}},
    CAST(sum(n) AS BIGINT) AS n, CAST(sum(CAST(ck AS BIGINT)) % 4294967296 AS UBIGINT) AS ck
FROM r WHERE (directions // 16) % 4 < 3 GROUP BY ALL
UNION ALL
SELECT 'social_integration' AS grp, ['improved', 'same', 'worse'][(directions // 64) % 4 + 1] AS item{{carry}},
    CAST(sum(n) AS BIGINT) AS n, CAST(sum(CAST(ck AS BIGINT)) % 4294967296 AS UBIGINT) AS ck
FROM r WHERE (directions // 64) % 4 < 3 GROUP BY ALL
UNION ALL
SELECT 'psychosocial' AS grp, ['improved', 'same', 'worse'][(directions // 256) % 4 + 1] AS item{{carry}},
    CAST(sum(n) AS BIGINT) AS n, CAST(sum(CAST(ck AS BIGINT)) % 4294967296 AS UBIGINT) AS ck
FROM r WHERE (directions // 256) % 4 < 3 GROUP BY ALL
UNION ALL
SELECT 'risk_level' AS grp, ['improved', 'same', 'worse'][(directions // 1024) % 4 + 1] AS item{{carry}},
    CAST(sum(n) AS BIGINT) AS n, CAST(sum(CAST(ck AS BIGINT)) % 4294967296 AS UBIGINT) AS ck
FROM r WHERE (directions // 1024) % 4 < 3 GROUP BY ALL
UNION ALL
SELECT 'motivation' AS grp, ['improved', 'same', 'worse'][(directions // 4096) % 4 + 1] AS item{{carry}},
    CAST(sum(n) AS BIGINT) AS n, CAST(sum(CAST(ck AS BIGINT)) % 4294967296 AS UBIGINT) AS ck
FROM r WHERE (directions // 4096) % 4 < 3 GROUP BY ALL
