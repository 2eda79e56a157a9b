-- The reference month of the store: the latest intake or closing month of
-- any case. Open cases are censored at it in the time-in-counselling
-- estimate (survival.go), and intake cohorts are "at least two years old"
-- relative to it (evaluator.go). It is a property of the whole store, not
-- of a filter, so every selection is censored at the same month.
SELECT max(greatest(intake, coalesce(closed, intake))) AS reference_month
FROM case_records
