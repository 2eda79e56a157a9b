package queries

// idleConnections is how many of its DuckDB connections a Store keeps
// open between queries. A view runs its queries side by side (up to
// five statements at once for the evaluator view), each on a connection
// of database/sql's pool. With the pool's default of two idle
// connections, the others were closed after every filter change and
// opened again at the next, and every catalogue statement was prepared
// again on each new connection (117 connections closed in 120 filter
// changes of the evaluator view at 100k cases). Keeping them made the
// change's p95 1.7-5.6 ms lower in four alternating runs
// (docs/performance.md, "Round six").
const idleConnections = 16
