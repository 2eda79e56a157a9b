-- Per provider of the filtered cases: intakes, closed cases (status
-- closed_regular or closed_aborted) and closed cases with a known outcome
-- (documented, not 'unknown'), each as exact count and cell key numerator.
WITH {{filtered}}
SELECT
    provider,
    count(*)                                                                  AS n,
    CAST(sum(rkey) % 4294967296 AS UBIGINT)                                   AS ck,
    count(*) FILTER (WHERE {{closed}})                                        AS n_closed,
    CAST(coalesce(sum(rkey) FILTER (WHERE {{closed}}), 0) % 4294967296 AS UBIGINT) AS ck_closed,
    count(*) FILTER (WHERE {{documented}})                                    AS n_doc,
    CAST(coalesce(sum(rkey) FILTER (WHERE {{documented}}), 0) % 4294967296 AS UBIGINT) AS ck_doc
FROM filtered
GROUP BY provider
ORDER BY provider
