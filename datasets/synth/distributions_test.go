package synth_test

// TestDocumentedDistributions generates the embedded sample's configuration
// and checks every range written in DISTRIBUTIONS.md. The figures are
// counted from the generated records, independently of the generator's
// parameters.

import (
	"context"
	"math"
	"slices"
	"strconv"
	"testing"

	"lagebild/datasets/sample"
	"lagebild/datasets/synth"
)

// sampleConfig is the embedded sample's configuration.
var sampleConfig = synth.Config{Cases: sample.Cases, Seed: sample.Seed, FromYear: sample.FromYear, ToYear: sample.ToYear}

// ratio is a count of hits out of a count of cases.
type ratio struct{ hit, of int }

func (r *ratio) add(hit bool) {
	r.of++
	if hit {
		r.hit++
	}
}

func (r ratio) share() float64 {
	if r.of == 0 {
		return math.NaN()
	}
	return float64(r.hit) / float64(r.of)
}

// measured are the figures DISTRIBUTIONS.md gives a range for.
type measured struct {
	// Relapse among closed cases with at least followUp months since
	// closure and a known relapse value.
	relapseXV       ratio            // extremist or violent offence
	relapseOther    ratio            // other offence
	relapseXVByRisk map[string]ratio // by risk level
	// Any known offence among closed cases by months since closure:
	// [0,12), [12,36), [36,∞).
	relapseBySince [3]ratio
	// relapseOpen: relapse values set on ongoing or transferred cases.
	relapseOpen int

	t07States      []string
	programme      synth.ProgrammeFigures
	programmeOther int // other-offence relapses among the programme's cases
	justice        synth.JusticeFigures

	dangerByYear, multiByYear map[int]*ratio

	over36          ratio            // closed cases lasting more than 36 months
	durByOutcome    map[string][]int // months, closed_regular cases
	ongoingOver36   int              // ongoing cases running more than 36 months
	returneeCustody ratio
	returneesByYear map[int]int
	justiceHigh     ratio // access route justice: high risk
}

// followUp is the follow-up (months since closure) a closed case needs to
// count in the relapse shares.
const followUp = 12

func measure(t *testing.T, cfg synth.Config) *measured {
	t.Helper()
	m := &measured{
		relapseXVByRisk: map[string]ratio{},
		dangerByYear:    map[int]*ratio{}, multiByYear: map[int]*ratio{},
		durByOutcome: map[string][]int{}, returneesByYear: map[int]int{},
	}
	ref := cfg.ToYear*12 + 11
	var col map[string]int
	header := synth.Header()
	col = make(map[string]int, len(header))
	for i, h := range header {
		col[h] = i
	}
	err := synth.Each(context.Background(), cfg, func(rec []string) error {
		g := func(name string) string { return rec[col[name]] }
		y := yearOf(g("intake"))
		prov, risk, rel, status := g("provider"), g("risk_level"), g("relapse"), g("status")
		if m.dangerByYear[y] == nil {
			m.dangerByYear[y], m.multiByYear[y] = &ratio{}, &ratio{}
		}
		m.dangerByYear[y].add(risk != "standard")
		if v := g("multi_agency"); v != "" {
			m.multiByYear[y].add(v == "true")
		}
		if prov == "T07" && !slices.Contains(m.t07States, g("state")) {
			m.t07States = append(m.t07States, g("state"))
		}
		if g("returnee") == "true" {
			m.returneesByYear[y]++
			if c := g("custody"); c != "" {
				m.returneeCustody.add(c == "true")
			}
		}
		if g("access_route") == "justice" {
			m.justiceHigh.add(risk == "high_risk")
		}
		xv := rel == "extremist_offence" || rel == "violent_offence"
		if prov == "T07" && y >= 2014 && y <= 2024 {
			if g("phenomenon") == "islamist" && risk != "standard" {
				m.programme.Cases++
				if risk == "high_risk" {
					m.programme.HighRisk++
				}
				if g("returnee") == "true" {
					m.programme.Returnees++
				}
				if xv {
					m.programme.Relapses++
				}
				if rel == "other_offence" {
					m.programmeOther++
				}
			}
			if age, _ := strconv.Atoi(g("age")); g("access_route") == "justice" && age >= 14 && age <= 24 {
				m.justice.Cases++
				if risk == "high_risk" {
					m.justice.HighRisk++
				}
			}
		}
		closed := g("closed")
		if closed == "" {
			if rel != "" {
				m.relapseOpen++
			}
			if status == "ongoing" && ref-monthOf(g("intake")) > 36 {
				m.ongoingOver36++
			}
			return nil
		}
		dur := monthOf(closed) - monthOf(g("intake"))
		m.over36.add(dur > 36)
		if o := g("outcome"); o != "" && status == "closed_regular" {
			m.durByOutcome[o] = append(m.durByOutcome[o], dur)
		}
		if rel == "" || rel == "unknown" {
			return nil
		}
		since := ref - monthOf(closed)
		bin := 0
		switch {
		case since >= 36:
			bin = 2
		case since >= 12:
			bin = 1
		}
		m.relapseBySince[bin].add(rel != "none")
		if since >= followUp {
			m.relapseXV.add(xv)
			m.relapseOther.add(rel == "other_offence")
			r := m.relapseXVByRisk[risk]
			r.add(xv)
			m.relapseXVByRisk[risk] = r
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func yearOf(month string) int {
	y, _ := strconv.Atoi(month[:4])
	return y
}

func monthOf(month string) int {
	mo, _ := strconv.Atoi(month[5:])
	return yearOf(month)*12 + mo - 1
}

func median(v []int) float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	if len(s) == 0 {
		return math.NaN()
	}
	if len(s)%2 == 1 {
		return float64(s[len(s)/2])
	}
	return float64(s[len(s)/2-1]+s[len(s)/2]) / 2
}

// meanShare is the mean of the yearly shares of years from..to.
func meanShare(by map[int]*ratio, from, to int) float64 {
	sum := 0.0
	for y := from; y <= to; y++ {
		sum += by[y].share()
	}
	return sum / float64(to-from+1)
}

// trendAt is the least-squares line through the yearly shares of years
// from..to, evaluated at year at.
func trendAt(by map[int]*ratio, from, to, at int) float64 {
	n, sx, sy, sxx, sxy := 0.0, 0.0, 0.0, 0.0, 0.0
	for y := from; y <= to; y++ {
		x, v := float64(y-from), by[y].share()
		n, sx, sy, sxx, sxy = n+1, sx+x, sy+v, sxx+x*x, sxy+x*v
	}
	slope := (n*sxy - sx*sy) / (n*sxx - sx*sx)
	return (sy-slope*sx)/n + slope*float64(at-from)
}

func TestDocumentedDistributions(t *testing.T) {
	m := measure(t, sampleConfig)
	check := func(ok bool, format string, args ...any) {
		t.Helper()
		if !ok {
			t.Errorf(format, args...)
		}
	}
	pct := func(r ratio) float64 { return 100 * r.share() }

	// Relapse (DISTRIBUTIONS.md, "Relapse").
	t.Logf("extremist/violent relapse %.2f %% (%d/%d), other offence %.2f %%", pct(m.relapseXV), m.relapseXV.hit, m.relapseXV.of, pct(m.relapseOther))
	check(m.relapseXV.share() >= 0.002 && m.relapseXV.share() <= 0.010, "extremist/violent relapse %.2f %%, want 0.2–1.0 %%", pct(m.relapseXV))
	check(m.relapseOther.share() >= 0.01 && m.relapseOther.share() <= 0.05, "other-offence relapse %.2f %%, want 1–5 %%", pct(m.relapseOther))
	for _, risk := range []string{"standard", "danger_context", "high_risk"} {
		r := m.relapseXVByRisk[risk]
		t.Logf("extremist/violent relapse %s %.2f %% (%d/%d)", risk, pct(r), r.hit, r.of)
		check(r.share() <= 0.03, "extremist/violent relapse %s %.2f %%, want at most 3 %%", risk, pct(r))
	}
	for i, r := range m.relapseBySince {
		t.Logf("any offence by months since closure, bin %d: %.2f %% (%d/%d)", i, pct(r), r.hit, r.of)
	}
	check(m.relapseBySince[0].share() < m.relapseBySince[1].share() && m.relapseBySince[1].share() < m.relapseBySince[2].share(),
		"relapse share does not rise with time since closure: %.2f, %.2f, %.2f %%", pct(m.relapseBySince[0]), pct(m.relapseBySince[1]), pct(m.relapseBySince[2]))
	check(m.relapseOpen == 0, "%d ongoing or transferred cases have a relapse value, want none", m.relapseOpen)

	// The programme provider T07.
	slices.Sort(m.t07States)
	t.Logf("T07 states %v; programme %+v, other offences %d; justice %+v", m.t07States, m.programme, m.programmeOther, m.justice)
	check(slices.Equal(m.t07States, []string{"DE-BE", "DE-BW", "DE-BY", "DE-HE", "DE-NI", "DE-SN", "DE-TH"}), "T07 states %v, want the paper's seven", m.t07States)
	check(m.programme == (synth.ProgrammeFigures{Cases: 408, HighRisk: 69, Returnees: 61, Relapses: 2}), "programme figures %+v, want 408/69/61/2", m.programme)
	check(m.programmeOther == 0, "programme cases with an other-offence relapse: %d, want 0", m.programmeOther)
	check(m.justice == (synth.JusticeFigures{Cases: 132, HighRisk: 58}), "justice figures %+v, want 132/58", m.justice)

	// No cliff in the last year: in the sample, 2025 within noiseBand of
	// the mean of 2022–2024; averaged over cliffSeeds samples of the same
	// size (where the noise is small), 2025 within cliffBand of the linear
	// trend of 2020–2024 (intakes grow, so a share of constant counts
	// falls a little every year: a trend, not a cliff).
	const noiseBand, cliffBand, cliffSeeds = 0.04, 0.015, 40
	var meanDiff [2]float64
	for seed := range uint64(cliffSeeds) {
		cfg := sampleConfig
		cfg.Seed = seed + 1
		s := measure(t, cfg)
		for i, by := range []map[int]*ratio{s.dangerByYear, s.multiByYear} {
			meanDiff[i] += (by[2025].share() - trendAt(by, 2020, 2024, 2025)) / cliffSeeds
		}
	}
	for i, c := range []struct {
		name string
		by   map[int]*ratio
	}{{"danger-context", m.dangerByYear}, {"multi-agency", m.multiByYear}} {
		last, before := c.by[2025].share(), meanShare(c.by, 2022, 2024)
		t.Logf("%s share 2022–2024 mean %.1f %%, 2024 %.1f %%, 2025 %.1f %%; mean difference to the trend over %d seeds %+.2f pp",
			c.name, 100*before, 100*c.by[2024].share(), 100*last, cliffSeeds, 100*meanDiff[i])
		check(math.Abs(last-before) < noiseBand, "%s share 2025 %.1f %% vs mean 2022–2024 %.1f %%: differs by %.0f pp or more", c.name, 100*last, 100*before, 100*noiseBand)
		check(math.Abs(meanDiff[i]) < cliffBand, "%s share 2025 differs from the trend of 2020–2024 by %+.2f pp on average over %d seeds, want less than %.1f pp", c.name, 100*meanDiff[i], cliffSeeds, 100*cliffBand)
	}

	// Durations.
	mDist, mExit, mStab := median(m.durByOutcome["distanced"]), median(m.durByOutcome["exited"]), median(m.durByOutcome["stabilised"])
	t.Logf("closed cases over 36 months %.1f %%; median months distanced %.1f, exited %.1f, stabilised %.1f; ongoing over 36 months %d",
		pct(m.over36), mDist, mExit, mStab, m.ongoingOver36)
	check(m.over36.share() >= 0.03 && m.over36.share() <= 0.15, "closed cases over 36 months %.1f %%, want 3–15 %%", pct(m.over36))
	check(mExit >= mDist+2 && mDist >= mStab+2, "median months exited %.1f, distanced %.1f, stabilised %.1f: want each at least 2 above the next", mExit, mDist, mStab)
	check(m.ongoingOver36 >= 10, "%d ongoing cases run more than 36 months, want at least 10", m.ongoingOver36)

	// Returnees.
	t.Logf("returnee custody %.1f %% (%d/%d); returnee intakes by year %v", pct(m.returneeCustody), m.returneeCustody.hit, m.returneeCustody.of, m.returneesByYear)
	check(m.returneeCustody.share() >= 0.5 && m.returneeCustody.share() <= 0.8, "returnee custody %.1f %%, want 50–80 %%", pct(m.returneeCustody))
	wave, early, late := 0, 0, 0
	for y := 2019; y <= 2023; y++ {
		wave += m.returneesByYear[y]
	}
	for y := 2014; y <= 2018; y++ {
		early += m.returneesByYear[y]
	}
	late = m.returneesByYear[2024] + m.returneesByYear[2025]
	check(float64(wave)/5 >= 1.5*float64(late)/2 && wave >= early*3/4,
		"returnee intakes 2019–2023 %d (per year %.1f) not a wave against 2014–2018 %d and 2024–2025 %d", wave, float64(wave)/5, early, late)

	// Justice.
	t.Logf("access route justice: high risk %.1f %% (%d/%d)", pct(m.justiceHigh), m.justiceHigh.hit, m.justiceHigh.of)
	check(m.justiceHigh.share() >= 0.15 && m.justiceHigh.share() <= 0.50, "justice high-risk share %.1f %%, want 15–50 %%", pct(m.justiceHigh))
}
