-- Cases in progress at the end of each year y: taken in by y and not
-- closed by y. The filter's year range applies to y (in the outer query),
-- not to the intake year, so a case taken in before the range that is
-- still open counts; {{year}} is therefore the constant $from_year.
WITH {{filtered}},
years AS (
    SELECT y FROM range($from_year, $to_year + 1) t(y)
    WHERE y BETWEEN (SELECT min(year(intake)) FROM case_records)
                AND (SELECT max(year(intake)) FROM case_records)
)
SELECT
    y,
    count(*)                                AS n,
    CAST(sum(rkey) % 4294967296 AS UBIGINT) AS ck
FROM filtered JOIN years ON year(intake) <= y AND (closed IS NULL OR year(closed) > y)
GROUP BY y
ORDER BY y
