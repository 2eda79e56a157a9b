package benchdata

import (
	"slices"
	"testing"
)

func TestParseSizes(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []int
	}{
		{"100k,1M", []int{100_000, 1_000_000}},
		{"100k,1M,10M", []int{100_000, 1_000_000, 10_000_000}},
		{" 250000 , 5k ,2m", []int{250_000, 5_000, 2_000_000}},
		{"1M,1000k,1000000", []int{1_000_000}},
		{"7", []int{7}},
	} {
		got, err := ParseSizes(tc.in)
		if err != nil || !slices.Equal(got, tc.want) {
			t.Errorf("ParseSizes(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
	for _, bad := range []string{"", "100k,", "0", "-5", "+5", "1.5M", "1G", "k", "M", "1e6", "10 k", "5000M"} {
		if got, err := ParseSizes(bad); err == nil {
			t.Errorf("ParseSizes(%q) = %v, want an error", bad, got)
		}
	}
}

func TestLabel(t *testing.T) {
	for n, want := range map[int]string{100_000: "100k", 1_000_000: "1M", 10_000_000: "10M", 1_500_000: "1500k", 1234: "1234"} {
		if got := Label(n); got != want {
			t.Errorf("Label(%d) = %q, want %q", n, got, want)
		}
		if back, err := ParseSizes(want); err != nil || !slices.Equal(back, []int{n}) {
			t.Errorf("ParseSizes(Label(%d)) = %v, %v", n, back, err)
		}
	}
}

func TestSizesFromEnv(t *testing.T) {
	t.Setenv(SizesEnv, "")
	if got := Sizes(t); !slices.Equal(got, []int{100_000, 1_000_000}) {
		t.Errorf("default sizes = %v", got)
	}
	t.Setenv(SizesEnv, "100k,1M,10M")
	if got := Sizes(t); !slices.Equal(got, []int{100_000, 1_000_000, 10_000_000}) {
		t.Errorf("sizes = %v", got)
	}
}
