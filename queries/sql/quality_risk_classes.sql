-- The equivalence classes of a filter read straight from a level of the
-- risk cube (qualityrisk.go) whose rows are the classes themselves: the
-- level splits by the quasi-identifiers and by filter columns that the
-- filter holds at one value each, so its rows under the filter are one per
-- class and need no grouping (grouping some 27,000 classes at 1M cases
-- costs ten times the read). The count n and cell-key numerator ck, as
-- cube_read.sql gives them; the predicates placeholder is cube_read.sql's,
-- the table placeholder a fixed name from cube.go.
SELECT n, ck
FROM {{table}}
WHERE TRUE{{predicates}}
