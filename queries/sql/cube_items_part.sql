-- One item query's rows in the batch read of every item query's cube
-- (itembatch.go): the read of its cube under the filter (cube_read.sql or
-- cube_read_rows.sql, as caseQueryOf makes it) with the query's index in
-- front. A read of (group, item) rows leaves code NULL; a read of the
-- change codes (outcome_change's finest level) leaves group and item NULL.
-- The placeholders are fixed names and the read from queries; the read's
-- values are bound.
SELECT {{index}} AS q, {{grp}} AS grp, {{item}} AS item, {{code}} AS code, n, ck
FROM (
{{read}}
)
