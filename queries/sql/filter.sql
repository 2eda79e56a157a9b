-- The filtered case records of every case query. It is spliced into a
-- query's text where the filtered placeholder stands. The base placeholder
-- is the query's own condition (TRUE for all cases); the predicates
-- placeholder becomes one fixed condition per filter field that is set,
-- each on a line of its own starting with AND, its values bound as
-- parameters (Filter.predicates in filter.go; the condition of each kind
-- of field in filterfields.go): a field that is not set costs nothing.
-- The filter_columns placeholder is empty, or, when a query's cube is
-- built (querycube.go), the filter fields' columns under the names the
-- cube keeps them by.
filtered AS (
    SELECT *{{filter_columns}}
    FROM case_records
    WHERE ({{base}}){{predicates}}
)
