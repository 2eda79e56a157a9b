package queries

import "math"

// Value is one published number of a table: a number, a withheld value
// (disclosure control), or missing (no data, e.g. a year without a public
// figure). Only package queries makes Values from data.
type Value struct {
	v     float64
	lo    float64 // confidence interval, when hasCI
	hi    float64
	state valueState
	hasCI bool
}

type valueState uint8

const (
	stateMissing valueState = iota
	stateShown
	stateWithheld
)

// Missing is a value for which there is no data.
var Missing = Value{}

func shown(v float64) Value { return Value{v: v, state: stateShown} }

func withheld() Value { return Value{state: stateWithheld} }

func withCI(v, lo, hi float64) Value {
	return Value{v: v, lo: lo, hi: hi, state: stateShown, hasCI: true}
}

// Float returns the number and whether it may be shown.
func (v Value) Float() (float64, bool) {
	if v.state != stateShown {
		return math.NaN(), false
	}
	return v.v, true
}

// Int returns the number rounded to an integer and whether it may be shown.
func (v Value) Int() (int64, bool) {
	f, ok := v.Float()
	if !ok {
		return 0, false
	}
	return int64(math.Round(f)), true
}

// Shown reports whether the value is a number that may be shown.
func (v Value) Shown() bool { return v.state == stateShown }

// Withheld reports whether disclosure control withheld the value. It is
// never to be drawn as zero.
func (v Value) Withheld() bool { return v.state == stateWithheld }

// Missing reports whether there is no data for the value.
func (v Value) Missing() bool { return v.state == stateMissing }

// CI returns the 95 % confidence interval of a rate, if it has one.
func (v Value) CI() (lo, hi float64, ok bool) {
	if v.state != stateShown || !v.hasCI {
		return 0, 0, false
	}
	return v.lo, v.hi, true
}
