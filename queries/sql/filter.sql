-- The filtered case records of every case query. It is spliced into a
-- query's text where the filtered placeholder stands. The base placeholder
-- is the query's own condition (TRUE for all cases); the predicates
-- placeholder becomes one fixed condition per filter field that is set,
-- each on a line of its own starting with AND, its values bound as
-- parameters (Filter.predicates in filter.go; the condition of each kind
-- of field in filterfields.go): a field that is not set costs nothing.
filtered AS (
    SELECT *
    FROM case_records
    WHERE ({{base}}){{predicates}}
)
