package benchdata

import (
	"os"
	"testing"
)

// BuildEnv, set to 1, makes TestBuildStores build the cached stores (`task
// bench-stores`); plain test runs skip it.
const BuildEnv = "LAGEBILD_BENCH_BUILD"

// TestBuildStores builds the export and the store of every size of Sizes,
// so that the benchmarks find them cached.
func TestBuildStores(t *testing.T) {
	if os.Getenv(BuildEnv) != "1" {
		t.Skipf("set %s=1 to build the benchmark stores (task bench-stores)", BuildEnv)
	}
	for _, n := range Sizes(t) {
		t.Logf("%s: %s", Label(n), Store(t, n))
	}
}
