-- The aggregate of a covering under a filter, read from a level of its
-- cube (cube.go) instead of the case records: the same rows aggregate.sql
-- gives, summed from the cube's cells. The predicates placeholder holds
-- the filter's conditions on the cube's columns (cubeDef.predicates: the
-- years on the cube's year column, a yes/no field as on the case table, a
-- code field as a range and bit mask on its codes' positions), each on a
-- line of its own starting with AND; their values are bound. The
-- dimensions and table placeholders are fixed names from cube.go.
--
-- The key numerators are summed as BIGINT before they are reduced mod
-- 2^32 (each row's is below 2^32, so under two billion rows no sum comes
-- near 2^63): reducing DuckDB's HUGEINT sum cost about a tenth of the
-- evaluator view's reads at 100k (docs/performance.md, "Round six").
SELECT
    {{dimensions}},
    CAST(sum(n) AS BIGINT)                          AS n,
    CAST(CAST(sum(CAST(ck AS BIGINT)) AS BIGINT) % 4294967296 AS UBIGINT) AS ck
FROM {{table}}
WHERE TRUE{{predicates}}
GROUP BY ALL
