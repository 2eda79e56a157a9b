-- The rows of outcome_change.sql, a case's directions on the seven items
-- in one code, summed by item (grp) and direction (item): the direction on
-- item i is the code's i-th base-4 digit (0 improved, 1 same, 2 worse, 3
-- not rated, left out). For each the exact count n and the numerator of
-- its cell key, as in aggregate.sql (the numerators mod 2^32 again). It
-- builds the coarser levels of the query's cube (querycube.go) from the
-- finest; change.go's changeDirections makes the same split in Go for a
-- read of the finest level or of the case records. The rows placeholder
-- is the finest level's table, the carry placeholder the cube columns
-- kept beside the item: fixed text, never input. The items with their
-- places (4^i) are in the order of change.go's ChangeItems.
WITH r AS (
{{rows}}
),
items(grp, place) AS (
    VALUES ('attitudes', 1), ('behaviour', 4), ('scene_contacts', 16), ('social_integration', 64),
           ('psychosocial', 256), ('risk_level', 1024), ('motivation', 4096)
)
SELECT grp, ['improved', 'same', 'worse'][(directions // place) % 4 + 1] AS item{{carry}},
    CAST(sum(n) AS BIGINT) AS n, CAST(sum(CAST(ck AS BIGINT)) % 4294967296 AS UBIGINT) AS ck
FROM r CROSS JOIN items
WHERE (directions // place) % 4 < 3
GROUP BY ALL
