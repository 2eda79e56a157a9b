package synth

import (
	"strconv"
	"testing"
)

// justiceCount counts the programme provider's cases of 2014–2024 with
// justice access and an age of 14–24 in an export, and how many of them
// are not in custody.
func justiceCount(tb *table) (f JusticeFigures, notInCustody int) {
	for _, r := range tb.rows {
		g := func(n string) string { return tb.get(r, n) }
		y := year(g("intake"))
		age, _ := strconv.Atoi(g("age"))
		if g("provider") != programmeProvider || g("access_route") != "justice" ||
			age < 14 || age > 24 || y < 2014 || y > 2024 {
			continue
		}
		f.Cases++
		if g("risk_level") == "high_risk" {
			f.HighRisk++
		}
		if g("custody") != "true" {
			notInCustody++
		}
	}
	return f, notInCustody
}

func TestJusticeFigures(t *testing.T) {
	paper := JusticeFigures{Cases: 132, HighRisk: 58}
	for _, cfg := range []Config{
		{Cases: 5000, Seed: 1},
		{Cases: 50000, Seed: 1},
		{Cases: 20000, Seed: 99, FromYear: 2010, ToYear: 2026},
		{Cases: 5000, Seed: 4, FromYear: 2014, ToYear: 2024},
	} {
		if got := T07JusticeFigures(cfg); got != paper {
			t.Errorf("T07JusticeFigures(%+v) = %+v, want %+v", cfg, got, paper)
		}
		got, out := justiceCount(parse(t, gen(t, cfg)))
		if got != paper || out != 0 {
			t.Errorf("%+v: export has %+v (%d not in custody), want %+v, all in custody", cfg, got, out, paper)
		}
	}
	// Scaled down or cut to a narrower range, the export still holds
	// exactly what T07JusticeFigures says, and the programme figures too.
	for _, cfg := range []Config{
		{Cases: 1000, Seed: 1},
		{Cases: 2600, Seed: 2},
		{Cases: 30, Seed: 3},
		{Cases: 10000, Seed: 1, FromYear: 2016, ToYear: 2020},
		{Cases: 3000, Seed: 1, FromYear: 2022, ToYear: 2030},
	} {
		tb := parse(t, gen(t, cfg))
		want := T07JusticeFigures(cfg)
		if got, out := justiceCount(tb); got != want || out != 0 {
			t.Errorf("%+v: export has %+v (%d not in custody), T07JusticeFigures says %+v", cfg, got, out, want)
		}
		if want.HighRisk > want.Cases || (cfg.Cases >= 1000 && want.Cases == 0 && cfg.FromYear <= 2024) {
			t.Errorf("%+v: T07JusticeFigures %+v", cfg, want)
		}
	}
	// The justice strand's full-scale split adds up to the paper's totals,
	// and its overlap with the programme fits inside both.
	sum := func(a []int) int {
		s := 0
		for _, v := range a {
			s += v
		}
		return s
	}
	if sum(justiceCases[:]) != 132 || sum(justiceHighRisk[:]) != 58 {
		t.Errorf("justice split sums to %d/%d, want 132/58", sum(justiceCases[:]), sum(justiceHighRisk[:]))
	}
	for i := range justiceCases {
		if programmeJustice[i] > justiceCases[i] || programmeJustice[i] > programmeCases[i] ||
			programmeJusticeHigh[i] > programmeJustice[i] || programmeJusticeHigh[i] > justiceHighRisk[i] ||
			programmeJusticeHigh[i] > programmeHighRisk[i] ||
			justiceHighRisk[i]-programmeJusticeHigh[i] > justiceCases[i]-programmeJustice[i] {
			t.Errorf("year %d: the overlap of programme and justice strand does not fit", 2014+i)
		}
	}
}
