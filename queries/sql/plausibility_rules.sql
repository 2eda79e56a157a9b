-- The domain plausibility rules on the store (plausibilitystore.go), the
-- same rules the importer notes on an export file
-- (datasets/importer/plausibility.go): the filtered records by provider
-- (records) and by each rule they break, the rule's code as item. The
-- months from intake to closure are whole months between the two months
-- (both stored as the first of their month). For each provider and item
-- the exact count n and the numerator of its cell key, as in
-- aggregate.sql.
-- The carry placeholder is empty, or the filter columns that the query's
-- cube (querycube.go) keeps beside its own columns.
WITH {{filtered}},
r AS (
    SELECT provider AS grp{{carry}}, rkey, status, contacts, returnee, phenomenon, risk_level, multi_agency,
        (age_band = 'under_14'::age_band_code AND (coalesce(custody, false)
            OR enum_code(access_route) IN (enum_code('justice'::access_route_code), enum_code('probation'::access_route_code))
            OR coalesce(list_has_any(agencies, ['justice_prison'::agency_code, 'probation'::agency_code]), false)))
                                                    AS under_14_justice,
        CASE WHEN closed IS NOT NULL THEN date_diff('month', intake, closed) END AS months
    FROM filtered
)
SELECT grp, 'records' AS item{{carry}}, count(*) AS n, CAST(sum(rkey) % 4294967296 AS UBIGINT) AS ck
FROM r GROUP BY ALL
UNION ALL
SELECT grp, $code_under_14{{carry}}, count(*), CAST(sum(rkey) % 4294967296 AS UBIGINT)
FROM r WHERE under_14_justice GROUP BY ALL
UNION ALL
SELECT grp, $code_no_contacts{{carry}}, count(*), CAST(sum(rkey) % 4294967296 AS UBIGINT)
FROM r WHERE status = 'closed_regular'::status_code AND contacts = 0 GROUP BY ALL
UNION ALL
SELECT grp, $code_contacts_per_month{{carry}}, count(*), CAST(sum(rkey) % 4294967296 AS UBIGINT)
FROM r WHERE months >= 0 AND contacts > $max_contacts_per_month * (months + 1) GROUP BY ALL
UNION ALL
SELECT grp, $code_long_duration{{carry}}, count(*), CAST(sum(rkey) % 4294967296 AS UBIGINT)
FROM r WHERE months > $max_duration_months GROUP BY ALL
UNION ALL
SELECT grp, $code_returnee{{carry}}, count(*), CAST(sum(rkey) % 4294967296 AS UBIGINT)
FROM r WHERE returnee
    AND enum_code(phenomenon) NOT IN (enum_code('islamist'::phenomenon_code), enum_code('foreign_ideology'::phenomenon_code))
GROUP BY ALL
UNION ALL
SELECT grp, $code_high_risk{{carry}}, count(*), CAST(sum(rkey) % 4294967296 AS UBIGINT)
FROM r WHERE risk_level = 'high_risk'::risk_level_code AND NOT multi_agency GROUP BY ALL
