package queries

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestCubeRowsAreGroups: a level's rows are read without grouping only
// where every level column besides the read ones is a filter column held
// at one value; cube equality with the case table is checked on real
// stores by TestCubeEqualsCaseTable, which reads both ways.
func TestCubeRowsAreGroups(t *testing.T) {
	states := cubeDefs[5] // intake year, state, risk, multi-agency; by intake year
	qc := queryCubeDefs[0]
	levelOf := func(d cubeDef, f Filter) cubeLevel { return d.level(f) }
	own := func(d cubeDef) []string { return d.levels[0].cols }
	cases := []struct {
		name  string
		d     cubeDef
		names []string
		f     Filter
		want  bool
	}{
		{"no filter, base level", states, own(states), Filter{}, true},
		{"years only: the year is a read column", states, own(states), Filter{FromYear: 2020, ToYear: 2022}, true},
		{"one phenomenon", states, own(states), Filter{Phenomena: []string{"islamist"}}, true},
		{"one yes/no field", states, own(states), Filter{Custody: new(true)}, true},
		{"an age group holds several codes", states, own(states), Filter{AgeBands: AgeGroups["minors"]}, false},
		{"two fields: the finest level's other filter columns", states, own(states), Filter{Phenomena: []string{"islamist"}, Custody: new(false)}, false},
		{"fewer columns than the level's own", states, own(states)[:2], Filter{}, false},
		{"query cube, one state", qc, queryCubes[0].keys, Filter{States: []string{"DE-HE"}}, false},
		{"query cube, its year column read", qc, own(qc), Filter{States: []string{"DE-HE"}}, true},
	}
	for _, tc := range cases {
		if got := tc.d.rowsAreGroups(levelOf(tc.d, tc.f), tc.names, tc.f); got != tc.want {
			t.Errorf("%s: rowsAreGroups %v, want %v (level %v)", tc.name, got, tc.want, levelOf(tc.d, tc.f))
		}
	}
}

// TestCubeCodeBoundsAreUTINYINT: the bounds of a code field's range are
// bound as the cube column's type (enum_code: UTINYINT). A wider
// parameter makes DuckDB compare the column cast to it, which skips no
// row group (docs/performance.md, "Round five").
func TestCubeCodeBoundsAreUTINYINT(t *testing.T) {
	for _, f := range []Filter{
		{States: []string{"DE-HE"}},
		{States: []string{"DE-BE", "DE-HE"}, Phenomena: []string{"islamist"}},
		{AgeBands: AgeGroups["adults"]},
	} {
		for _, d := range append(slices.Clone(cubeDefs), queryCubeDefs...) {
			_, vals := d.predicates(f)
			for _, col := range d.codeCols {
				for _, k := range []string{col + "_lo", col + "_hi"} {
					if v, ok := vals[k]; ok {
						if _, isByte := v.(uint8); !isByte {
							t.Errorf("%s: %s bound as %T, want uint8", d.levels[0].table, k, v)
						}
					}
				}
			}
		}
	}
}

// TestCubeHasNoText: no table of a built cube groups by text. Every text
// column is an ENUM (cubeTextColumns), which a read groups by at a third
// of the cost; the cube's own bookkeeping and the candidate records of
// repeated case keys are not read by a filter change's grouping.
func TestCubeHasNoText(t *testing.T) {
	s := openWithCube(t, cubeCases(600))
	rows, err := s.db.Query(`SELECT table_name, column_name FROM duckdb_columns()
		WHERE database_name = $1 AND data_type = 'VARCHAR' AND table_name NOT IN ($2, 'cube_meta')
		ORDER BY ALL`, cubeCatalog, repeatedRecordsTable)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var table, column string
		if err := rows.Scan(&table, &column); err != nil {
			t.Fatal(err)
		}
		t.Errorf("%s.%s is text", table, column)
	}
	var enums int
	if err := s.db.QueryRow(`SELECT count(*) FROM duckdb_columns() WHERE database_name = $1 AND data_type LIKE 'ENUM(%'
		AND column_name IN ('provider', 'grp', 'item')`, cubeCatalog).Scan(&enums); err != nil {
		t.Fatal(err)
	}
	if enums == 0 {
		t.Error("no provider, group or item column is an ENUM")
	}
}

// TestCubeBuildRestoresMemoryLimit: the build runs under
// cubeBuildMemoryLimit and leaves the store with its own limit.
func TestCubeBuildRestoresMemoryLimit(t *testing.T) {
	path := filepath.Join(t.TempDir(), "store.duckdb")
	writeStoreFile(t, path, cubeCases(300))
	plain, err := Open(context.Background(), OpenOptions{Path: path, Threads: 1, MemoryLimit: "300MB"})
	if err != nil {
		t.Fatal(err)
	}
	var want string
	if err := plain.db.QueryRow("SELECT current_setting('memory_limit')").Scan(&want); err != nil {
		t.Fatal(err)
	}
	plain.Close()
	built := openCubeStore(t, OpenOptions{Path: path, Threads: 1, MemoryLimit: "300MB", Cube: CubeBuild})
	if built.cube == nil {
		t.Fatal("no cube was built")
	}
	var got string
	if err := built.db.QueryRow("SELECT current_setting('memory_limit')").Scan(&got); err != nil {
		t.Fatal(err)
	}
	if got != want || got == cubeBuildMemoryLimit {
		t.Errorf("memory limit after the build %q, want the store's %q", got, want)
	}
}

// TestCubeBuildOutOfMemory: a build that runs out of memory under
// cubeBuildMemoryLimit is made again under the store's own limit, and the
// store gets its cube (a store without one would scan the case records
// at every filter change).
func TestCubeBuildOutOfMemory(t *testing.T) {
	old := cubeBuildMemoryLimit
	cubeBuildMemoryLimit = "4MB" // the build fails midway, as a 10M build did under 160MB
	defer func() { cubeBuildMemoryLimit = old }()
	path := filepath.Join(t.TempDir(), "store.duckdb")
	writeStoreFile(t, path, cubeCases(3000))
	s := openCubeStore(t, OpenOptions{Path: path, Threads: 1, Cube: CubeBuild})
	if s.cube == nil {
		t.Fatalf("no cube was built: %v", s.cubeErr)
	}
	if _, err := os.Stat(CubeFile(path)); err != nil {
		t.Fatal(err)
	}
}
