package queries

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// TestCubeLevelsSumTheFinest: every coarser level of every cube holds the
// sums of its finest level's rows by the level's columns (for a query
// whose levels hold its items' sums, the items query over the finest
// level), whichever level it was summed from when the cube was built
// (rollupSource).
func TestCubeLevelsSumTheFinest(t *testing.T) {
	ctx := context.Background()
	s := openWithCube(t, cubeCases(6000))
	p := s.cube.prefix
	levels := 0
	for _, d := range append(append([]cubeDef(nil), cubeDefs...), queryCubeDefs...) {
		finest := d.levels[len(d.levels)-1]
		for _, l := range d.levels[:len(d.levels)-1] {
			cols := strings.Join(l.cols, ", ")
			want := fmt.Sprintf(`SELECT %s, CAST(sum(n) AS BIGINT) AS n,
    CAST(sum(CAST(ck AS BIGINT)) %% 4294967296 AS UBIGINT) AS ck
FROM %s GROUP BY ALL`, cols, p+finest.table)
			if d.query != nil && d.query.items != "" {
				var carry strings.Builder
				for _, c := range l.cols[len(d.query.itemKeys):] {
					carry.WriteString(", " + c)
				}
				want = sqlText(d.query.items, map[string]string{"rows": "SELECT * FROM " + p + finest.table, "carry": carry.String()})
			}
			// Text, so that a level's ENUM columns compare with the
			// items query's strings.
			var text []string
			for _, c := range append(append([]string(nil), l.cols...), "n", "ck") {
				text = append(text, "CAST("+c+" AS VARCHAR)")
			}
			got := fmt.Sprintf("SELECT %s FROM %s", strings.Join(text, ", "), p+l.table)
			want = fmt.Sprintf("SELECT %s FROM (%s)", strings.Join(text, ", "), want)
			var rows, differ int64
			err := s.db.QueryRowContext(ctx, fmt.Sprintf(`SELECT (SELECT count(*) FROM (%s)),
    (SELECT count(*) FROM ((%s EXCEPT ALL %s) UNION ALL (%s EXCEPT ALL %s)))`,
				got, got, want, want, got)).Scan(&rows, &differ)
			if err != nil {
				t.Fatalf("%s: %v", l.table, err)
			}
			if rows == 0 {
				t.Errorf("%s is empty", l.table)
			}
			if differ != 0 {
				t.Errorf("%s: %d of its %d rows are not the sums of %s", l.table, differ, rows, finest.table)
			}
			levels++
		}
	}
	t.Logf("%d levels", levels)
}
