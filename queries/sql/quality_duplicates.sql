-- Records that repeat the case key (provider and case_id) of another
-- record: every record of a repeated key but one. Exact count and cell key
-- numerator (records of the same case key have the same record key, which
-- the store derives from the case_id, so the one left out does not
-- matter). Only records whose record key occurs more than once in the
-- store can repeat a case key; qualityrepeated.go finds those keys once per
-- store (sql/repeated_record_keys.sql) and binds them as the list
-- candidates (a hash semi-join: a list search per record is 10x slower),
-- so that this query does not group a million case keys.
--
-- The filtered records are those of filter.sql, read from the records
-- placeholder: case_records, or the cube file's table of the candidate
-- records (quality_repeated_records.sql: the same columns, and every
-- record of a candidate key), a fixed name from qualityrepeated.go. Its
-- base and predicates placeholders are filter.sql's.
WITH filtered AS (
    SELECT *
    FROM {{records}}
    WHERE ({{base}}){{predicates}}
),
repeated AS (
    SELECT count(*) AS n, sum(rkey) AS s, min(rkey) AS m
    FROM filtered
    WHERE rkey IN (SELECT unnest($candidates))
    GROUP BY provider, case_id
    HAVING count(*) > 1
)
SELECT
    coalesce(sum(n - 1), 0)                                  AS n,
    CAST(coalesce(sum(s - m), 0) % 4294967296 AS UBIGINT)    AS ck
FROM repeated
