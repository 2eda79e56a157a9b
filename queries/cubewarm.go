package queries

import (
	"context"
	"slices"
)

// A filter change that reads row groups of a cube table for the first
// time pays for loading them into DuckDB's buffer pool: at 10M cases the
// evaluator view's first changes took 110–290 ms, the same changes once
// the blocks were loaded 40–60 ms (docs/performance.md). An interactive
// session (OpenOptions.WarmCube) therefore reads every column of the cube
// tables once in the background after open (2.2 s at 10M cases, well
// under a second at 1M); the blocks stay in the buffer pool, within the
// store's memory limit. Queries run meanwhile as usual, and Close stops
// the warm-up.
//
// The finest level of each cube is left out: only a filter that sets a
// yes/no field together with the access route, the age band, or the state
// and the risk level reads it (cube.go, addFilterLevels), and it is two fifths
// of the cube file (68 of 169 MB at 1M cases), which kept in memory took
// the session past its budget of 300 MB at 1M (302–307 MB;
// docs/performance.md, "Round six").

// cubeWarm is a running warm-up of the cube tables.
type cubeWarm struct {
	cancel context.CancelFunc
	done   chan struct{}
}

// cubeTables are the tables of the cube file: the warmed ones (the
// coarser levels of every cube, the risk cube and the quality table) and
// the finest levels of the other cubes.
func cubeTables() (warmed, finest []string) {
	for _, d := range slices.Concat(cubeDefs, queryCubeDefs) {
		for _, l := range d.levels[:len(d.levels)-1] {
			warmed = append(warmed, l.table)
		}
		finest = append(finest, d.levels[len(d.levels)-1].table)
	}
	for _, l := range riskCube.levels {
		warmed = append(warmed, l.table)
	}
	return append(warmed, repeatedRecordsTable), finest
}

// startCubeWarm starts the warm-up of the store's cube tables.
func (s *Store) startCubeWarm() {
	ctx, cancel := context.WithCancel(context.Background())
	w := &cubeWarm{cancel: cancel, done: make(chan struct{})}
	s.warm = w
	go func() {
		defer close(w.done)
		warmed, _ := cubeTables()
		for _, t := range warmed {
			// Reading every column of every row and keeping one number:
			// nothing but the blocks' loading is wanted. A failure (the
			// store closing) ends the warm-up; queries do not need it.
			var sum any
			if err := s.db.QueryRowContext(ctx, sqlText("cube_warm", map[string]string{"table": s.cube.prefix + t})).Scan(&sum); err != nil {
				return
			}
		}
	}()
}

// WaitCubeWarm waits until the background warm-up of the cube tables
// (OpenOptions.WarmCube) has read every table; it returns at once for a
// store without one. Benchmarks of filter changes wait for it, so that
// they measure the session after its first seconds.
func (s *Store) WaitCubeWarm() {
	if s.warm != nil {
		<-s.warm.done
	}
}

// stopCubeWarm stops the warm-up and waits for it.
func (s *Store) stopCubeWarm() {
	if s.warm != nil {
		s.warm.cancel()
		<-s.warm.done
	}
}
