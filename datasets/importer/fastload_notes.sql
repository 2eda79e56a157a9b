-- The domain plausibility notes (plausibility.go, plausibilityOf) of the
-- rows one fast-path insert wrote: one row per record and rule broken, in
-- file order and, within a record, in the order of plausibilityOf. The
-- rows of one insert have consecutive row ids in file order
-- (fastload.go checks that), so the file line is the row id's distance
-- from $first plus 2 (the header is line 1).
WITH r AS (
    SELECT rowid - $first + 2 AS line, provider, age_band, custody, access_route, agencies, status,
           contacts, duration_months, returnee, phenomenon, risk_level, multi_agency
    FROM case_records
    WHERE rowid >= $first
),
notes AS (
    SELECT line, 1 AS rule, $under_14_justice AS code, provider FROM r
    WHERE age_band = 'under_14'
      AND (custody OR access_route IN ('justice', 'probation')
           OR list_has_any(agencies, ['justice_prison', 'probation']::agency_code[]))
    UNION ALL
    SELECT line, 2, $closed_regular_without_contacts, provider FROM r
    WHERE status = 'closed_regular' AND contacts = 0
    UNION ALL
    SELECT line, 3, $contacts_per_month, provider FROM r
    WHERE duration_months >= 0 AND contacts > $max_contacts_per_month * (duration_months + 1)
    UNION ALL
    SELECT line, 4, $duration_over_60_months, provider FROM r
    WHERE duration_months > $max_duration_months
    UNION ALL
    SELECT line, 5, $contacts_implausible, provider FROM r
    WHERE contacts > $contacts_implausible_above
    UNION ALL
    SELECT line, 6, $returnee_outside_islamism, provider FROM r
    WHERE returnee AND phenomenon NOT IN ('islamist', 'foreign_ideology')
    UNION ALL
    SELECT line, 7, $high_risk_without_multi_agency, provider FROM r
    WHERE risk_level = 'high_risk' AND NOT multi_agency
)
SELECT line, code, provider FROM notes ORDER BY line, rule;
