package synth

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"lagebild/datasets/schema"
)

// This file holds the joint distribution of a synthetic case (documented
// in doc.go). Weight tables are keyed by the codes of package schema and
// resolved against its code lists once at start-up: a key that is not a
// schema code panics (caught by the tests), a schema code missing from a
// table has weight zero.

// dist samples an index into a schema code list from relative weights.
type dist struct {
	cum []float64
}

// newDist resolves weights keyed by code against list.
func newDist(list []string, w map[string]float64) dist {
	weights := make([]float64, len(list))
	for code, v := range w {
		i := slices.Index(list, code)
		if i < 0 {
			panic(fmt.Sprintf("synth: %q is not a schema code (%v)", code, list))
		}
		weights[i] = v
	}
	return distOf(weights)
}

// distOf builds a dist from weights aligned with a code list.
func distOf(weights []float64) dist {
	d := dist{cum: make([]float64, len(weights))}
	sum := 0.0
	for i, v := range weights {
		if v > 0 {
			sum += v
		}
		d.cum[i] = sum
	}
	if sum <= 0 {
		panic("synth: distribution without positive weight")
	}
	return d
}

func (d dist) sample(r *rand.Rand) int {
	u := r.Float64() * d.cum[len(d.cum)-1]
	for i, c := range d.cum {
		if u < c {
			return i
		}
	}
	return len(d.cum) - 1
}

// weightsOf returns weights keyed by code as a slice aligned with list.
func weightsOf(list []string, w map[string]float64) []float64 {
	out := make([]float64, len(list))
	for code, v := range w {
		i := slices.Index(list, code)
		if i < 0 {
			panic(fmt.Sprintf("synth: %q is not a schema code (%v)", code, list))
		}
		out[i] = v
	}
	return out
}

// mustIndex returns the position of code in list, panicking if absent.
func mustIndex(list []string, code string) int {
	i := slices.Index(list, code)
	if i < 0 {
		panic(fmt.Sprintf("synth: %q is not a schema code (%v)", code, list))
	}
	return i
}

// Positions of the codes the model refers to by name.
var (
	phRight    = mustIndex(schema.Phenomena, "right_wing")
	phIslamist = mustIndex(schema.Phenomena, "islamist")

	bandUnder14 = mustIndex(schema.AgeBands, "under_14")
	band14to17  = mustIndex(schema.AgeBands, "14_17")
	band18to20  = mustIndex(schema.AgeBands, "18_20")

	riskStandard = mustIndex(schema.RiskLevels, "standard")
	riskDanger   = mustIndex(schema.RiskLevels, "danger_context")
	riskHigh     = mustIndex(schema.RiskLevels, "high_risk")

	stOngoing  = mustIndex(schema.Statuses, "ongoing")
	stRegular  = mustIndex(schema.Statuses, "closed_regular")
	stAborted  = mustIndex(schema.Statuses, "closed_aborted")
	stTransfer = mustIndex(schema.Statuses, "transferred")

	relNone      = mustIndex(schema.Relapses, "none")
	relExtremist = mustIndex(schema.Relapses, "extremist_offence")
	relViolent   = mustIndex(schema.Relapses, "violent_offence")
	relOther     = mustIndex(schema.Relapses, "other_offence")
	relUnknown   = mustIndex(schema.Relapses, "unknown")

	accessJustice   = mustIndex(schema.AccessRoutes, "justice")
	accessProbation = mustIndex(schema.AccessRoutes, "probation")

	stateHesse = mustIndex(schema.States, "DE-HE")
)

// provider is one synthetic counselling provider.
type provider struct {
	code   string
	states dist // over schema.States
	size   float64
	// start is the first year with intakes (0: always active).
	start int
	// growth is the yearly growth of the provider's size after start.
	growth float64
	// focus multiplies the phenomenon mix of the year.
	focus map[string]float64
	// access multiplies the access-route weights (justice-focused providers).
	access map[string]float64
	// minors multiplies the weight of the under-18 age bands.
	minors float64
	// missing multiplies the rates of empty optional values.
	missing float64
}

// programmeProvider is the provider whose Islamist danger-context cases
// mirror the programme figures of the background paper.
const programmeProvider = "T07"

func newProvider(code string, states map[string]float64, size float64) *provider {
	return &provider{code: code, states: newDist(schema.States, states), size: size, minors: 1, missing: 1}
}

// providers T01..T12, each active in a few states.
var providers = func() []*provider {
	p := []*provider{
		newProvider("T01", map[string]float64{"DE-BY": 0.6, "DE-BW": 0.4}, 1.3),
		newProvider("T02", map[string]float64{"DE-NW": 1}, 1.6),
		newProvider("T03", map[string]float64{"DE-NI": 0.6, "DE-HB": 0.2, "DE-HH": 0.2}, 1.0),
		newProvider("T04", map[string]float64{"DE-BE": 0.7, "DE-BB": 0.3}, 1.0),
		newProvider("T05", map[string]float64{"DE-SN": 0.45, "DE-ST": 0.25, "DE-TH": 0.3}, 1.1),
		newProvider("T06", map[string]float64{"DE-BW": 1}, 0.8),
		newProvider(programmeProvider, map[string]float64{ // the paper's seven states
			"DE-HE": 0.35, "DE-BE": 0.15, "DE-BW": 0.12, "DE-BY": 0.12, "DE-NI": 0.1, "DE-SN": 0.08, "DE-TH": 0.08}, 1.0),
		newProvider("T08", map[string]float64{"DE-SH": 0.4, "DE-MV": 0.35, "DE-HH": 0.25}, 0.7),
		newProvider("T09", map[string]float64{"DE-RP": 0.7, "DE-SL": 0.3}, 0.6),
		newProvider("T10", map[string]float64{"DE-BY": 1}, 0.8),
		newProvider("T11", map[string]float64{"DE-BE": 0.5, "DE-HH": 0.5}, 0.5),
		newProvider("T12", map[string]float64{"DE-NW": 0.5, "DE-NI": 0.5}, 0.6),
	}
	p[0].focus = map[string]float64{"right_wing": 1.3, "islamist": 0.7}
	p[2].missing = 2.5
	p[3].focus = map[string]float64{"left_wing": 2.5, "right_wing": 1.1, "islamist": 0.8}
	p[4].focus = map[string]float64{"right_wing": 1.5, "islamist": 0.4, "reichsbuerger": 1.5}
	p[5].focus = map[string]float64{"islamist": 1.8, "right_wing": 0.6}
	p[6].focus = map[string]float64{"islamist": 1.5, "left_wing": 0.3, "foreign_ideology": 0.8, "reichsbuerger": 0.3}
	p[7].focus = map[string]float64{"right_wing": 1.4, "islamist": 0.6}
	p[8].access = map[string]float64{"justice": 3, "probation": 2}
	p[9].focus = map[string]float64{"islamist": 1.4, "foreign_ideology": 2.5, "right_wing": 0.7}
	p[10].focus = map[string]float64{"reichsbuerger": 4, "mixed_unclear": 2, "islamist": 0.5}
	p[10].start, p[10].missing = 2017, 2
	p[11].focus = map[string]float64{"mixed_unclear": 2.5, "right_wing": 1.1}
	p[11].start, p[11].growth, p[11].minors = 2020, 0.2, 1.5
	return p
}()

// weight returns the provider's share weight of the intakes of year y.
func (p *provider) weight(y int) float64 {
	if p.start != 0 && y < p.start {
		return 0
	}
	w := p.size
	if p.growth > 0 {
		w *= 1 + p.growth*float64(y-p.start)
	}
	return w
}

// yearWeight is the relative number of intakes in year y: growing over
// time, with a dip in 2020.
func yearWeight(y int) float64 {
	table := [...]float64{0.45, 0.60, 0.75, 0.85, 0.90, 0.95, 0.88, 1.00, 1.10, 1.20, 1.30, 1.40} // 2014..2025
	switch {
	case y < 2014:
		return table[0] * math.Pow(0.9, float64(2014-y))
	case y > 2025:
		return table[len(table)-1] * math.Pow(1.04, float64(y-2025))
	}
	return table[y-2014]
}

// phenomenonMix is the base phenomenon mix of year y (before provider
// focus): right-wing rising from ≈45 % to ≈60 %, Islamist peaking
// 2015–2019, Reichsbürger rising after 2016.
func phenomenonMix(y int) map[string]float64 {
	right := [...]float64{.43, .41, .40, .42, .44, .49, .54, .58, .61, .63, .66, .68}
	isl := [...]float64{.32, .38, .40, .39, .36, .32, .26, .22, .20, .19, .18, .17}
	reichs := [...]float64{.02, .02, .03, .04, .04, .05, .05, .06, .07, .06, .06, .06}
	i := min(max(y-2014, 0), len(right)-1)
	return map[string]float64{
		"right_wing":       right[i],
		"islamist":         isl[i],
		"left_wing":        0.06,
		"foreign_ideology": 0.05,
		"reichsbuerger":    reichs[i],
		"mixed_unclear":    0.12,
	}
}

// phenomenonDist is the phenomenon distribution of provider p in year y.
func phenomenonDist(p *provider, y int) dist {
	mix := phenomenonMix(y)
	for k, f := range p.focus {
		mix[k] *= f
	}
	return newDist(schema.Phenomena, mix)
}

// ageWeights are the age-band weights by phenomenon, before the trend to
// younger intakes after 2020.
var ageWeights = map[string]map[string]float64{
	"right_wing":       {"under_14": 2, "14_17": 15, "18_20": 15, "21_24": 17, "25_29": 16, "30_39": 19, "40_plus": 16},
	"islamist":         {"under_14": 3, "14_17": 19, "18_20": 20, "21_24": 21, "25_29": 16, "30_39": 14, "40_plus": 7},
	"left_wing":        {"under_14": 1, "14_17": 12, "18_20": 22, "21_24": 28, "25_29": 20, "30_39": 12, "40_plus": 5},
	"foreign_ideology": {"under_14": 1, "14_17": 10, "18_20": 14, "21_24": 20, "25_29": 22, "30_39": 21, "40_plus": 12},
	"reichsbuerger":    {"14_17": 1, "18_20": 2, "21_24": 4, "25_29": 8, "30_39": 25, "40_plus": 60},
	"mixed_unclear":    {"under_14": 8, "14_17": 32, "18_20": 18, "21_24": 14, "25_29": 10, "30_39": 10, "40_plus": 8},
}

// ageDist is the age-band distribution for phenomenon ph in year y for a
// provider whose minors weight is m: from 2020 on, the under-18 bands grow
// by 20 % of their base weight per year and 18_20 by 6 %.
func ageDist(ph int, y int, m float64) dist {
	w := weightsOf(schema.AgeBands, ageWeights[schema.Phenomena[ph]])
	after := float64(max(y-2019, 0))
	w[bandUnder14] *= m * (1 + 0.2*after)
	w[band14to17] *= m * (1 + 0.2*after)
	w[band18to20] *= 1 + 0.06*after
	return distOf(w)
}

// exactAge draws an exact age inside an age band.
func exactAge(r *rand.Rand, band int) int {
	lo, hi := bandBounds[band][0], bandBounds[band][1]
	if hi == schema.MaxAge { // 40_plus: right-skewed, mostly 40–60
		return min(lo+int(r.ExpFloat64()*9), schema.MaxAge)
	}
	return lo + r.IntN(hi-lo+1)
}

// bandBounds are the exact-age bounds of each schema age band, derived from
// schema.AgeBand so they cannot drift from the importer's generalisation.
var bandBounds = func() [][2]int {
	b := make([][2]int, len(schema.AgeBands))
	for i := range b {
		b[i] = [2]int{-1, -1}
	}
	for age := schema.MinAge; age <= schema.MaxAge; age++ {
		i := mustIndex(schema.AgeBands, schema.AgeBand(age))
		if b[i][0] < 0 {
			b[i][0] = age
		}
		b[i][1] = age
	}
	return b
}()

// genderDists by phenomenon.
var genderDists = func() []dist {
	w := map[string]map[string]float64{
		"right_wing":       {"male": 84, "female": 13, "diverse": 1, "unknown": 2},
		"islamist":         {"male": 74, "female": 23.5, "diverse": 0.5, "unknown": 2},
		"left_wing":        {"male": 68, "female": 27, "diverse": 3, "unknown": 2},
		"foreign_ideology": {"male": 85, "female": 13, "diverse": 0.5, "unknown": 1.5},
		"reichsbuerger":    {"male": 78, "female": 20, "diverse": 0.5, "unknown": 1.5},
		"mixed_unclear":    {"male": 77, "female": 18, "diverse": 3, "unknown": 2},
	}
	return phenomenonTable(schema.Genders, w)
}()

// riskDists by phenomenon.
var riskDists = phenomenonTable(schema.RiskLevels, map[string]map[string]float64{
	"right_wing":       {"standard": 86, "danger_context": 11, "high_risk": 3},
	"islamist":         {"standard": 70, "danger_context": 22, "high_risk": 8},
	"left_wing":        {"standard": 90, "danger_context": 8, "high_risk": 2},
	"foreign_ideology": {"standard": 86, "danger_context": 11, "high_risk": 3},
	"reichsbuerger":    {"standard": 82, "danger_context": 15, "high_risk": 3},
	"mixed_unclear":    {"standard": 95, "danger_context": 4, "high_risk": 1},
})

// riskDistUnder14 damps danger context and high risk for children.
var riskDistsUnder14 = phenomenonTable(schema.RiskLevels, map[string]map[string]float64{
	"right_wing":       {"standard": 86, "danger_context": 5.5, "high_risk": 1},
	"islamist":         {"standard": 70, "danger_context": 11, "high_risk": 2.4},
	"left_wing":        {"standard": 90, "danger_context": 4, "high_risk": 0.6},
	"foreign_ideology": {"standard": 86, "danger_context": 5.5, "high_risk": 1},
	"reichsbuerger":    {"standard": 82, "danger_context": 7.5, "high_risk": 1},
	"mixed_unclear":    {"standard": 95, "danger_context": 2, "high_risk": 0.3},
})

func phenomenonTable(list []string, w map[string]map[string]float64) []dist {
	out := make([]dist, len(schema.Phenomena))
	for i, ph := range schema.Phenomena {
		ww, ok := w[ph]
		if !ok {
			ww = map[string]float64{list[0]: 1}
		}
		out[i] = newDist(list, ww)
	}
	for ph := range w {
		mustIndex(schema.Phenomena, ph)
	}
	return out
}

// accessWeights by risk level: security authorities bring mostly
// danger-context and high-risk cases.
var accessWeights = map[string]map[string]float64{
	"standard":       {"self": 22, "family_social": 25, "security_authority": 4, "justice": 7, "probation": 7, "youth_welfare_school": 25, "other": 8},
	"danger_context": {"self": 6, "family_social": 10, "security_authority": 45, "justice": 20, "probation": 9, "youth_welfare_school": 5, "other": 5},
	"high_risk":      {"self": 3, "family_social": 5, "security_authority": 45, "justice": 40, "probation": 8, "youth_welfare_school": 2, "other": 2},
}

// Age classes for the access route.
const (
	ageChild = iota // under 14: not criminally responsible, no justice access
	ageMinor        // 14–17
	ageAdult
	ageClasses
)

// accessAgeFactor multiplies access weights by age class.
var accessAgeFactor = [ageClasses]map[string]float64{
	ageChild: {"justice": 0, "probation": 0, "youth_welfare_school": 2.5, "family_social": 1.5, "self": 0.3},
	ageMinor: {"justice": 0.4, "probation": 0.5, "youth_welfare_school": 2, "family_social": 1.3},
	ageAdult: {"youth_welfare_school": 0.3},
}

// accessDist returns the access-route distribution by risk level and age
// class for a provider's access multipliers.
func accessDist(risk, ageClass int, providerFactor map[string]float64) dist {
	w := weightsOf(schema.AccessRoutes, accessWeights[schema.RiskLevels[risk]])
	for code, f := range accessAgeFactor[ageClass] {
		w[mustIndex(schema.AccessRoutes, code)] *= f
	}
	for code, f := range providerFactor {
		w[mustIndex(schema.AccessRoutes, code)] *= f
	}
	return distOf(w)
}

// programmeAccess is the access of the programme provider's Islamist
// danger-context cases (mostly through security authorities and justice);
// returnees come mostly through security authorities and justice.
var (
	programmeAccess = newDist(schema.AccessRoutes, map[string]float64{
		"security_authority": 55, "justice": 20, "probation": 7, "family_social": 10, "self": 4, "other": 4})
	returneeAccess = newDist(schema.AccessRoutes, map[string]float64{
		"security_authority": 55, "justice": 30, "family_social": 10, "self": 3, "other": 2})
	returneeGender = newDist(schema.Genders, map[string]float64{"male": 64, "female": 35, "unknown": 1})
)

// returneeCustodyRate is P(custody) of a returnee of 14 or older: most
// returnees face criminal proceedings (an assumption, DISTRIBUTIONS.md).
const returneeCustodyRate = 0.65

// The justice strand's phenomena outside the programme (its Islamist
// danger-context cases are the programme's) and its ages (14–24).
var (
	justicePhenomena = newDist(schema.Phenomena, map[string]float64{
		"right_wing": 65, "foreign_ideology": 15, "mixed_unclear": 20})
	justiceAge = newDist(schema.AgeBands, map[string]float64{"14_17": 25, "18_20": 40, "21_24": 35})
)

// intrinsicRate is P(intrinsic motivation) by access route.
var intrinsicRate = weightsOf(schema.AccessRoutes, map[string]float64{
	"self": 0.85, "family_social": 0.55, "security_authority": 0.22, "justice": 0.30,
	"probation": 0.32, "youth_welfare_school": 0.45, "other": 0.45,
})

// multiAgencyRate is P(multi-agency) by access route, before risk and
// phenomenon adjustments.
var multiAgencyRate = weightsOf(schema.AccessRoutes, map[string]float64{
	"self": 0.06, "family_social": 0.06, "security_authority": 0.70, "justice": 0.40,
	"probation": 0.35, "youth_welfare_school": 0.06, "other": 0.06,
})

// custodyRate is P(custody) by access route.
var custodyRate = weightsOf(schema.AccessRoutes, map[string]float64{
	"self": 0.03, "family_social": 0.03, "security_authority": 0.05, "justice": 0.55,
	"probation": 0.15, "youth_welfare_school": 0.01, "other": 0.03,
})

// Outcome distributions of closed cases.
var (
	outcomeRegular = weightsOf(schema.Outcomes, map[string]float64{
		"distanced": 38, "exited": 17, "stabilised": 33, "no_change": 8, "unknown": 4})
	outcomeAborted = weightsOf(schema.Outcomes, map[string]float64{
		"distanced": 3, "exited": 2, "stabilised": 10, "no_change": 45, "unknown": 40})
	outcomeDistanced = mustIndex(schema.Outcomes, "distanced")
	outcomeExited    = mustIndex(schema.Outcomes, "exited")
)

// Duration of counselling in months: exp(N(ln durationMedian,
// durationSigma)) times outcomeDuration of the outcome a regular closure
// would have (and the risk and multi-agency factors in genCase), held to
// minDuration–maxDuration (a longer draw becomes uniform between
// longDuration and maxDuration).
const (
	durationMedian = 9.0
	durationSigma  = 0.9
	minDuration    = 3
	longDuration   = 36
	maxDuration    = 96
)

// outcomeDuration multiplies the duration by outcome: an exit takes
// longer than a distancing, a stabilisation is reached sooner.
var outcomeDuration = weightsOf(schema.Outcomes, map[string]float64{
	"distanced": 1.25, "exited": 1.6, "stabilised": 0.8, "no_change": 0.8, "unknown": 0.8})

// Relapse of a closed case. The eventual probability of an extremist or
// violent offence is relapseExtremistViolent times relapseRiskFactor of
// the risk level (×0.6 with multi-agency work, ×1.5 for aborted cases,
// ×0.3 for returnees); of another offence relapseOther (×1.5 for aborted
// cases). Of the eventual relapses, the share 1 − exp(−t/relapseTimescale)
// has happened t months after the closure. relapseUnknown of the rest is
// unknown.
const (
	relapseExtremistViolent = 0.0045
	relapseViolentShare     = 0.4
	relapseOther            = 0.03
	relapseUnknown          = 0.04
	relapseTimescale        = 24.0
)

// relapseRiskFactor by risk level.
var relapseRiskFactor = weightsOf(schema.RiskLevels, map[string]float64{
	"standard": 1, "danger_context": 2, "high_risk": 4})

// seasonality weights the intake months (fewer in August and December).
var seasonality = [12]float64{1.05, 1, 1.05, 1, 1, 1, 0.9, 0.8, 1.05, 1.05, 1.05, 0.8}

// Base rates of empty optional values (times provider.missing).
const (
	missGender    = 0.025
	missIntrinsic = 0.04
	missContacts  = 0.03
	missBool      = 0.015 // custody, multi_agency
	missOutcome   = 0.02
	missRelapse   = 0.08 // closed cases; open ones have none
)
