package benchdata

import (
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// SizesEnv names the environment variable with the case counts to
// benchmark: a comma-separated list of numbers, optionally with the suffix
// k (thousand) or M (million), e.g. "100k,1M,10M".
const SizesEnv = "LAGEBILD_BENCH_SIZES"

// DefaultSizes are the case counts benchmarked when SizesEnv is not set.
const DefaultSizes = "100k,1M"

// Sizes returns the case counts to benchmark, from SizesEnv or
// DefaultSizes. An invalid list fails the benchmark.
func Sizes(tb testing.TB) []int {
	tb.Helper()
	s := os.Getenv(SizesEnv)
	if strings.TrimSpace(s) == "" {
		s = DefaultSizes
	}
	sizes, err := ParseSizes(s)
	if err != nil {
		tb.Fatalf("benchdata: %s=%q: %v", SizesEnv, s, err)
	}
	return sizes
}

// ParseSizes parses a comma-separated list of case counts ("100k,1M",
// "250000"). The suffixes k and M (either case) multiply by a thousand and a
// million; every count must be at least 1. Duplicates are dropped, the
// order is kept.
func ParseSizes(s string) ([]int, error) {
	var sizes []int
	for _, f := range strings.Split(s, ",") {
		n, err := parseSize(strings.TrimSpace(f))
		if err != nil {
			return nil, err
		}
		if !slices.Contains(sizes, n) {
			sizes = append(sizes, n)
		}
	}
	return sizes, nil
}

func parseSize(f string) (int, error) {
	mult := 1
	digits := f
	switch {
	case strings.HasSuffix(f, "k"), strings.HasSuffix(f, "K"):
		mult, digits = 1_000, f[:len(f)-1]
	case strings.HasSuffix(f, "m"), strings.HasSuffix(f, "M"):
		mult, digits = 1_000_000, f[:len(f)-1]
	}
	n, err := strconv.Atoi(digits)
	if err != nil || n < 1 || strings.HasPrefix(digits, "+") {
		return 0, fmt.Errorf("size %q: want a whole number ≥ 1, optionally followed by k or M", f)
	}
	if n > (1<<31)/mult {
		return 0, fmt.Errorf("size %q is too large", f)
	}
	return n * mult, nil
}

// Label names a case count the way SizesEnv writes it, for sub-benchmark
// names: 100000 → "100k", 1000000 → "1M", 1500 → "1500".
func Label(n int) string {
	switch {
	case n%1_000_000 == 0:
		return strconv.Itoa(n/1_000_000) + "M"
	case n%1_000 == 0:
		return strconv.Itoa(n/1_000) + "k"
	}
	return strconv.Itoa(n)
}
