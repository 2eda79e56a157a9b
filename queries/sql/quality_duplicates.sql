-- Records that repeat the case key (provider and case_id) of another
-- record: every record of a repeated key but one. Exact count and cell key
-- numerator (records of the same case key have the same record key, which
-- the store derives from the case_id, so the one left out does not matter).
-- The candidates are the records whose record key occurs more than once:
-- grouping by the integer key first is much cheaper than grouping every
-- record by its case key.
WITH {{filtered}},
candidates AS (
    SELECT rkey FROM filtered GROUP BY rkey HAVING count(*) > 1
),
repeated AS (
    SELECT count(*) AS n, sum(rkey) AS s, min(rkey) AS m
    FROM filtered
    WHERE rkey IN (SELECT rkey FROM candidates)
    GROUP BY provider, case_id
    HAVING count(*) > 1
)
SELECT
    coalesce(sum(n - 1), 0)                                  AS n,
    CAST(coalesce(sum(s - m), 0) % 4294967296 AS UBIGINT)    AS ck
FROM repeated
