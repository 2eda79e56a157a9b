-- The filtered case records of every case query. It is spliced into a
-- query's text where the filtered placeholder stands; all values are bound
-- parameters.
-- {{year}} is the expression the year range applies to (intake year for
-- intakes, closing year for closures); {{base}} is the query's own
-- condition (TRUE for all cases).
filtered AS (
    SELECT *
    FROM case_records
    WHERE {{year}} BETWEEN $from_year AND $to_year
      AND ($phenomena = ''     OR list_contains(string_split($phenomena, ','), phenomenon))
      AND ($states = ''        OR list_contains(string_split($states, ','), state))
      AND ($risks = ''         OR list_contains(string_split($risks, ','), risk_level))
      AND ($access_routes = '' OR list_contains(string_split($access_routes, ','), access_route))
      AND ($age_bands = ''     OR list_contains(string_split($age_bands, ','), age_band))
      AND ($custody = ''       OR custody = ($custody = 'true'))
      AND ($multi_agency = ''  OR multi_agency = ($multi_agency = 'true'))
      AND ({{base}})
)
