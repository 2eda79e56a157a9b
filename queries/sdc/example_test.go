package sdc_test

import (
	"fmt"

	"lagebild/queries/sdc"
)

// The default perturbation table (D = 2, V = 1): for each true count the
// noise values, their probabilities and the cell-key intervals selecting
// them. Rows for n >= 2 equal row 2.
func ExampleTable_Row() {
	t, err := sdc.NewTable(sdc.DefaultParams())
	if err != nil {
		panic(err)
	}
	for _, n := range []int64{0, 1, 2} {
		fmt.Printf("n = %d:\n", n)
		for _, o := range t.Row(n) {
			fmt.Printf("  d = %+d  p = %.6f  key in [%.6f, %.6f)\n", o.Noise, o.P, o.Lo, o.Hi)
		}
	}
	// Output:
	// n = 0:
	//   d = +0  p = 1.000000  key in [0.000000, 1.000000)
	// n = 1:
	//   d = -1  p = 0.398065  key in [0.000000, 0.398065)
	//   d = +0  p = 0.305806  key in [0.398065, 0.703871)
	//   d = +1  p = 0.194194  key in [0.703871, 0.898065)
	//   d = +2  p = 0.101935  key in [0.898065, 1.000000)
	// n = 2:
	//   d = -2  p = 0.063827  key in [0.000000, 0.063827)
	//   d = -1  p = 0.244691  key in [0.063827, 0.308519)
	//   d = +0  p = 0.382963  key in [0.308519, 0.691481)
	//   d = +1  p = 0.244691  key in [0.691481, 0.936173)
	//   d = +2  p = 0.063827  key in [0.936173, 1.000000)
}

// Protecting counts with cell keys delivered by the store as the uint32
// numerator of (SUM(rkey) mod 2^32) / 2^32.
func ExampleTable_ProtectU32() {
	t, err := sdc.NewTable(sdc.DefaultParams())
	if err != nil {
		panic(err)
	}
	fmt.Println(t) // safe to show: names k, never D
	for _, c := range []struct {
		n   int64
		key uint32
	}{
		{0, 3_000_000_000}, // zeros stay zero
		{1, 1_000_000_000}, // key 0.233: d = -1, published 0, shown as 0
		{3, 2_000_000_000}, // key 0.466: d = 0, published 3 < k: withheld
		{6, 200_000_000},   // key 0.047: d = -2, published 4 < k: withheld
		{6, 4_000_000_000}, // key 0.931: d = +1, published 7
		{408, 100_000_000}, // key 0.023: d = -2, published 406
	} {
		v, withheld := t.ProtectU32(c.n, c.key)
		if withheld {
			fmt.Printf("%d -> withheld\n", c.n)
		} else {
			fmt.Printf("%d -> %d\n", c.n, v)
		}
	}
	// Output:
	// perturbation table (cell key method, k=5)
	// 0 -> 0
	// 1 -> 0
	// 3 -> withheld
	// 6 -> withheld
	// 6 -> 7
	// 408 -> 406
}

// Derived figures use protected counts only.
func ExampleParams_Share() {
	p := sdc.DefaultParams()
	share, ok := p.Share(sdc.Protected{Value: 12}, sdc.Protected{Value: 11})
	fmt.Println(share, ok) // perturbed subgroup above its base: clamped
	_, ok = p.Share(sdc.Protected{Value: 0}, sdc.Protected{Value: 9})
	fmt.Println(ok) // base below p.MinDerivedBase() (10 with k = 5)
	lo, hi, ok := p.WilsonProtected(sdc.Protected{Value: 2}, sdc.Protected{Value: 408}, sdc.Z95)
	fmt.Printf("[%.4f, %.4f] %v\n", lo, hi, ok)
	// Output:
	// 1 true
	// false
	// [0.0013, 0.0177] true
}
