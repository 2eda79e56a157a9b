-- The finest cube of a query (querycube.go): the query's own rows, its
-- key columns and exact cells, run over every record of its base with the
-- filter fields' columns carried beside the keys, sorted by the filter
-- columns so that a selective filter skips most row groups by their
-- min/max. The table placeholder is a fixed qualified name, the query
-- placeholder the query's text from its .sql file (its values bound), the
-- order placeholder the cube's column names: fixed text, never input.
CREATE TABLE {{table}} AS
SELECT *
FROM (
{{query}}
)
ORDER BY {{order}}
