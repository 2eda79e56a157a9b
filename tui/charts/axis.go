package charts

import "math"

// axis is a y axis of round ticks: lo and hi are multiples of step and
// rows = (hi-lo)/step intervals, one chart row each.
type axis struct {
	lo, hi, step float64
	rows         int
}

// niceAxis chooses the axis over [lo, hi] with the smallest round step (1,
// 2, 2.5 or 5 × 10^k; whole numbers when whole) that needs at most
// maxRows rows, so that tick labels are round and, for counts, never
// fractions. A flat series gets a span around its value (from 0 when the
// value is 0).
func niceAxis(lo, hi float64, maxRows int, whole bool) axis {
	maxRows = max(maxRows, 1)
	if hi <= lo {
		d := math.Abs(hi) * 0.05
		if d == 0 || whole {
			d = max(d, 1)
		}
		if lo >= 0 {
			lo = max(lo-d, 0)
		} else {
			lo -= d
		}
		hi += d
	}
	const eps = 1e-9
	mag := math.Pow(10, math.Floor(math.Log10((hi-lo)/float64(maxRows))))
	for {
		for _, m := range []float64{1, 2, 2.5, 5} {
			step := m * mag
			if whole && (step < 1 || step != math.Trunc(step)) {
				continue
			}
			a := math.Floor(lo/step + eps)
			b := math.Ceil(hi/step - eps)
			if rows := int(b - a); rows <= maxRows {
				return axis{lo: a * step, hi: b * step, step: step, rows: max(rows, 1)}
			}
		}
		mag *= 10
	}
}

// decimals is the number of decimals that writes every tick of the axis.
func (a axis) decimals() int {
	for d := 0; d < 6; d++ {
		x := a.step * math.Pow(10, float64(d))
		if math.Abs(x-math.Round(x)) < 1e-6 {
			return d
		}
	}
	return 6
}
