package synth

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"lagebild/datasets/schema"
)

// gen returns the CSV of cfg, memoised per cfg (without callbacks).
func gen(t testing.TB, cfg Config) []byte {
	t.Helper()
	key := fmt.Sprint(cfg.Cases, cfg.Seed, cfg.FromYear, cfg.ToYear)
	genMu.Lock()
	defer genMu.Unlock()
	if b, ok := genCache[key]; ok {
		return b
	}
	var buf bytes.Buffer
	if err := Write(context.Background(), &buf, cfg); err != nil {
		t.Fatalf("Write(%+v): %v", cfg, err)
	}
	genCache[key] = buf.Bytes()
	return buf.Bytes()
}

var (
	genMu    sync.Mutex
	genCache = map[string][]byte{}
)

// table is a parsed export: header positions and records.
type table struct {
	col  map[string]int
	rows [][]string
}

func (tb *table) get(r []string, name string) string { return r[tb.col[name]] }

func parse(t testing.TB, data []byte) *table {
	t.Helper()
	cr := csv.NewReader(bytes.NewReader(data))
	cr.ReuseRecord = false
	header, err := cr.Read()
	if err != nil {
		t.Fatal(err)
	}
	tb := &table{col: map[string]int{}}
	for i, h := range header {
		tb.col[h] = i
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		tb.rows = append(tb.rows, rec)
	}
	return tb
}

func year(month string) int {
	y, _ := strconv.Atoi(month[:4])
	return y
}

func TestDeterministic(t *testing.T) {
	cfg := Config{Cases: 20000, Seed: 42}
	var a, b, c bytes.Buffer
	if err := Write(context.Background(), &a, cfg); err != nil {
		t.Fatal(err)
	}
	if err := Write(context.Background(), &b, cfg); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("same seed and config gave different output")
	}
	cfg.Seed = 43
	if err := Write(context.Background(), &c, cfg); err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(a.Bytes(), c.Bytes()) {
		t.Fatal("different seeds gave the same output")
	}
}

func TestRowCountAndHeader(t *testing.T) {
	for _, cfg := range []Config{
		{Cases: 1},
		{Cases: 7, Seed: 3},
		{Cases: 999, FromYear: 2020, ToYear: 2020},
		{Cases: 12345, Seed: 9, FromYear: 2000, ToYear: 2030},
	} {
		data := gen(t, cfg)
		lines := bytes.Count(data, []byte{'\n'})
		if lines != cfg.Cases+1 {
			t.Errorf("%+v: %d lines, want %d", cfg, lines, cfg.Cases+1)
		}
		first, _, _ := bytes.Cut(data, []byte{'\n'})
		if got, want := string(first), strings.Join(Header(), ","); got != want {
			t.Errorf("header %q, want %q", got, want)
		}
	}
	// The header is the canonical columns with exact age, not age_band.
	h := Header()
	if !slices.Contains(h, "age") || slices.Contains(h, "age_band") || len(h) != len(schema.Columns)-1 {
		t.Errorf("header %v", h)
	}
}

// checkValid validates every row against package schema and the
// consistency rules of the case export.
func checkValid(t *testing.T, cfg Config, data []byte) {
	t.Helper()
	cfg = cfg.withDefaults()
	tb := parse(t, data)
	if len(tb.rows) != cfg.Cases {
		t.Fatalf("%d rows, want %d", len(tb.rows), cfg.Cases)
	}
	ids := map[string]bool{}
	errs := 0
	fail := func(line int, format string, args ...any) {
		errs++
		if errs <= 20 {
			t.Errorf("line %d: %s", line, fmt.Sprintf(format, args...))
		}
	}
	lastMonth := fmt.Sprintf("%04d-12", cfg.ToYear)
	for i, r := range tb.rows {
		line := i + 2
		for name, pos := range tb.col {
			c, ok := schema.ByName(name)
			if !ok {
				t.Fatalf("column %q is not in the schema", name)
			}
			v := r[pos]
			if v == "" {
				if c.Required {
					fail(line, "%s is empty", name)
				}
				continue
			}
			switch c.Kind {
			case schema.Code:
				if !slices.Contains(c.Codes, v) {
					fail(line, "%s=%q not in %v", name, v, c.Codes)
				}
			case schema.Month:
				if len(v) != 7 || v[4] != '-' {
					fail(line, "%s=%q is not YYYY-MM", name, v)
				} else if m, err := strconv.Atoi(v[5:]); err != nil || m < 1 || m > 12 {
					fail(line, "%s=%q has no valid month", name, v)
				} else if y := year(v); y < cfg.FromYear || v > lastMonth {
					fail(line, "%s=%q outside %d..%s", name, v, cfg.FromYear, lastMonth)
				}
			case schema.Bool:
				if v != "true" && v != "false" {
					fail(line, "%s=%q is not a boolean", name, v)
				}
			case schema.Int:
				if n, err := strconv.Atoi(v); err != nil || n < 0 {
					fail(line, "%s=%q is not an integer ≥ 0", name, v)
				}
			case schema.Age:
				if n, err := strconv.Atoi(v); err != nil || n < schema.MinAge || n > schema.MaxAge {
					fail(line, "%s=%q is not an age %d–%d", name, v, schema.MinAge, schema.MaxAge)
				}
			}
		}
		g := func(n string) string { return tb.get(r, n) }
		id, prov, intake := g("case_id"), g("provider"), g("intake")
		if ids[id] {
			fail(line, "duplicate case_id %s", id)
		}
		ids[id] = true
		if !strings.HasPrefix(id, prov+"-"+intake[:4]+"-") {
			fail(line, "case_id %s does not match provider %s and intake %s", id, prov, intake)
		}
		if y := year(intake); y > cfg.ToYear {
			fail(line, "intake %s after %d", intake, cfg.ToYear)
		}
		status, closed, outcome := g("status"), g("closed"), g("outcome")
		if schema.IsClosed(status) != (closed != "") {
			fail(line, "status %s with closed=%q", status, closed)
		}
		if closed != "" && closed < intake {
			fail(line, "closed %s before intake %s", closed, intake)
		}
		if outcome != "" && !schema.IsClosed(status) {
			fail(line, "outcome %s for status %s", outcome, status)
		}
		if g("returnee") == "true" && g("phenomenon") != "islamist" {
			fail(line, "returnee for phenomenon %s", g("phenomenon"))
		}
		if c := g("contacts"); c != "" {
			if n, _ := strconv.Atoi(c); n < 1 || n > 120 {
				fail(line, "contacts %d outside 1..120", n)
			}
		}
		if age, _ := strconv.Atoi(g("age")); age < 14 && (g("custody") == "true" || g("access_route") == "justice") {
			fail(line, "child of %d in custody or with justice access", age)
		}
		if closed != "" {
			d := monthIndex(closed) - monthIndex(intake)
			if d < minDuration || d > maxDuration {
				fail(line, "duration %d months outside %d..%d", d, minDuration, maxDuration)
			}
		}
	}
}

func monthIndex(m string) int {
	mo, _ := strconv.Atoi(m[5:])
	return year(m)*12 + mo - 1
}

func TestValidAgainstSchema(t *testing.T) {
	for _, cfg := range []Config{
		{Cases: 50000, Seed: 1},
		{Cases: 3000, Seed: 2, FromYear: 2000, ToYear: 2030},
		{Cases: 500, Seed: 5, FromYear: 2025, ToYear: 2025},
	} {
		t.Run(fmt.Sprint(cfg.Cases), func(t *testing.T) {
			checkValid(t, cfg, gen(t, cfg))
		})
	}
}

// TestOptionalEmpties: a few values of optional columns are empty, so that
// completeness checks have something to find.
func TestOptionalEmpties(t *testing.T) {
	tb := parse(t, gen(t, Config{Cases: 50000, Seed: 1}))
	for _, name := range []string{"gender", "intrinsic_motivation", "contacts"} {
		empty := 0
		for _, r := range tb.rows {
			if tb.get(r, name) == "" {
				empty++
			}
		}
		share := float64(empty) / float64(len(tb.rows))
		if share < 0.02 || share > 0.06 {
			t.Errorf("%s empty in %.3f of rows, want 2–6 %%", name, share)
		}
	}
}

// programmeCount counts the programme provider's Islamist danger-context
// cases of 2014–2024 in an export.
func programmeCount(tb *table) (f ProgrammeFigures, returneeRelapses int) {
	for _, r := range tb.rows {
		g := func(n string) string { return tb.get(r, n) }
		y := year(g("intake"))
		if g("provider") != programmeProvider || g("phenomenon") != "islamist" ||
			g("risk_level") == "standard" || y < 2014 || y > 2024 {
			continue
		}
		f.Cases++
		if g("risk_level") == "high_risk" {
			f.HighRisk++
		}
		ret := g("returnee") == "true"
		if ret {
			f.Returnees++
		}
		if rel := g("relapse"); rel == "extremist_offence" || rel == "violent_offence" {
			f.Relapses++
			if ret {
				returneeRelapses++
			}
		}
	}
	return f, returneeRelapses
}

func TestProgrammeFigures(t *testing.T) {
	paper := ProgrammeFigures{Cases: 408, HighRisk: 69, Returnees: 61, Relapses: 2}
	for _, cfg := range []Config{
		{Cases: 5000, Seed: 1},
		{Cases: 50000, Seed: 1},
		{Cases: 20000, Seed: 99, FromYear: 2010, ToYear: 2026},
		{Cases: 5000, Seed: 4, FromYear: 2014, ToYear: 2024},
	} {
		if got := T07Figures(cfg); got != paper {
			t.Errorf("T07Figures(%+v) = %+v, want %+v", cfg, got, paper)
		}
		got, rr := programmeCount(parse(t, gen(t, cfg)))
		if got != paper {
			t.Errorf("%+v: export has %+v, want %+v", cfg, got, paper)
		}
		if rr != 0 {
			t.Errorf("%+v: %d relapses among returnees, want none", cfg, rr)
		}
	}
	// Scaled down or cut to a narrower range, the export still holds
	// exactly what T07Figures says.
	for _, cfg := range []Config{
		{Cases: 1000, Seed: 1},
		{Cases: 2600, Seed: 2},
		{Cases: 30, Seed: 3},
		{Cases: 10000, Seed: 1, FromYear: 2016, ToYear: 2020},
		{Cases: 3000, Seed: 1, FromYear: 2022, ToYear: 2030},
	} {
		want := T07Figures(cfg)
		got, rr := programmeCount(parse(t, gen(t, cfg)))
		if got != want || rr != 0 {
			t.Errorf("%+v: export has %+v (%d returnee relapses), T07Figures says %+v", cfg, got, rr, want)
		}
	}
	if f := T07Figures(Config{Cases: 1000}); f.Cases != 82 || f.HighRisk != 14 || f.Returnees != 12 || f.Relapses != 0 {
		t.Errorf("T07Figures at 1000 cases = %+v, want 82/14/12/0", f)
	}
	if f := T07Figures(Config{Cases: 2500}); f != (ProgrammeFigures{204, 35, 31, 1}) {
		t.Errorf("T07Figures at 2500 cases = %+v, want 204/35/31/1", f)
	}
	if f := T07Figures(Config{Cases: 10000, FromYear: 2016, ToYear: 2020}); f.Cases != 50+55+50+45+35 {
		t.Errorf("T07Figures 2016–2020 = %+v, want 235 cases", f)
	}
}

// shares counts rows of a table by a key, with a predicate numerator.
type shares map[string][2]int

func (s shares) add(key string, hit bool) {
	v := s[key]
	v[1]++
	if hit {
		v[0]++
	}
	s[key] = v
}

func (s shares) of(key string) float64 {
	v := s[key]
	if v[1] == 0 {
		return math.NaN()
	}
	return float64(v[0]) / float64(v[1])
}

func TestDistributions(t *testing.T) {
	tb := parse(t, gen(t, Config{Cases: 200000, Seed: 7}))
	right, islamist, minors, ongoing, secRisk, male := shares{}, shares{}, shares{}, shares{}, shares{}, shares{}
	relapse, outcome, intrinsic, custody, multi, returnee := shares{}, shares{}, shares{}, shares{}, shares{}, shares{}
	perYear := map[string]int{}
	for _, r := range tb.rows {
		g := func(n string) string { return tb.get(r, n) }
		y := g("intake")[:4]
		perYear[y]++
		right.add(y, g("phenomenon") == "right_wing")
		islamist.add(y, g("phenomenon") == "islamist")
		age, _ := strconv.Atoi(g("age"))
		minors.add(y, age < 18)
		if age < 14 {
			minors.add("u14-"+y, true)
		} else {
			minors.add("u14-"+y, false)
		}
		ongoing.add(y, g("status") == "ongoing")
		if g("access_route") == "security_authority" {
			secRisk.add("", g("risk_level") != "standard")
		}
		if gd := g("gender"); gd != "" {
			male.add("", gd == "male")
		}
		if rel := g("relapse"); rel != "" && g("status") != "ongoing" {
			xv := rel == "extremist_offence" || rel == "violent_offence"
			relapse.add(g("multi_agency"), xv)
			relapse.add(g("risk_level"), xv)
		}
		if o := g("outcome"); o != "" {
			outcome.add(g("status"), o == "distanced" || o == "exited" || o == "stabilised")
		}
		if im := g("intrinsic_motivation"); im != "" {
			intrinsic.add(g("access_route"), im == "true")
		}
		if c := g("custody"); c != "" {
			custody.add(strconv.FormatBool(g("access_route") == "justice"), c == "true")
		}
		if m := g("multi_agency"); m != "" {
			multi.add(g("risk_level"), m == "true")
		}
		if g("phenomenon") == "islamist" {
			ret := g("returnee") == "true"
			switch yy := year(y); {
			case yy >= 2019 && yy <= 2023:
				returnee.add("peak", ret)
			case yy >= 2024:
				returnee.add("late", ret)
			}
		} else {
			returnee.add("other", g("returnee") == "true")
		}
	}
	check := func(ok bool, format string, args ...any) {
		t.Helper()
		if !ok {
			t.Errorf(format, args...)
		}
	}
	for y := 2015; y <= 2025; y++ {
		a, b := strconv.Itoa(y-1), strconv.Itoa(y)
		if y != 2020 {
			check(perYear[b] > perYear[a], "intakes %s=%d not above %s=%d", b, perYear[b], a, perYear[a])
		}
	}
	check(math.Abs(right.of("2014")-0.45) < 0.04, "right-wing share 2014 = %.3f, want ≈0.45", right.of("2014"))
	check(math.Abs(right.of("2025")-0.60) < 0.04, "right-wing share 2025 = %.3f, want ≈0.60", right.of("2025"))
	check(right.of("2024") > right.of("2015")+0.1, "right-wing share 2024 %.3f not above 2015 %.3f", right.of("2024"), right.of("2015"))
	peak := "2014"
	for y := 2014; y <= 2025; y++ {
		if islamist.of(strconv.Itoa(y)) > islamist.of(peak) {
			peak = strconv.Itoa(y)
		}
	}
	check(peak >= "2015" && peak <= "2019", "Islamist share peaks in %s, want 2015–2019", peak)
	check(minors.of("2023") > minors.of("2018")+0.05, "minors share 2023 %.3f not above 2018 %.3f", minors.of("2023"), minors.of("2018"))
	check(minors.of("u14-2023") > minors.of("u14-2018"), "under-14 share 2023 %.3f not above 2018 %.3f", minors.of("u14-2023"), minors.of("u14-2018"))
	check(secRisk.of("") > 0.6, "only %.3f of security-authority access is danger context/high risk", secRisk.of(""))
	check(male.of("") > 0.75 && male.of("") < 0.85, "male share %.3f, want ≈0.8", male.of(""))
	check(ongoing.of("2018") < 0.01 && ongoing.of("2025") > 0.5, "ongoing 2018 %.3f, 2025 %.3f", ongoing.of("2018"), ongoing.of("2025"))
	check(relapse.of("true") < relapse.of("false") && relapse.of("false") < 0.08,
		"offence relapse: multi-agency %.3f, not %.3f", relapse.of("true"), relapse.of("false"))
	check(relapse.of("standard") < relapse.of("danger_context") && relapse.of("danger_context") < relapse.of("high_risk"),
		"extremist/violent relapse not ordered by risk: standard %.4f, danger context %.4f, high risk %.4f",
		relapse.of("standard"), relapse.of("danger_context"), relapse.of("high_risk"))
	check(outcome.of("closed_regular") > 0.8 && outcome.of("closed_aborted") < 0.25,
		"positive outcomes: regular %.3f, aborted %.3f", outcome.of("closed_regular"), outcome.of("closed_aborted"))
	check(intrinsic.of("self") > 0.7 && intrinsic.of("security_authority") < 0.4,
		"intrinsic motivation: self %.3f, security authority %.3f", intrinsic.of("self"), intrinsic.of("security_authority"))
	check(custody.of("true") > 0.4 && custody.of("false") < 0.1, "custody: justice %.3f, other %.3f", custody.of("true"), custody.of("false"))
	check(multi.of("high_risk") > multi.of("danger_context") && multi.of("danger_context") > 2*multi.of("standard"),
		"multi-agency by risk: high %.3f, danger %.3f, standard %.3f", multi.of("high_risk"), multi.of("danger_context"), multi.of("standard"))
	check(returnee.of("peak") > 2*returnee.of("late") && returnee.of("other") == 0,
		"returnees: Islamist 2019–23 %.4f, 2024+ %.4f, other phenomena %.4f", returnee.of("peak"), returnee.of("late"), returnee.of("other"))
}

func TestValidate(t *testing.T) {
	for _, tc := range []struct {
		cfg Config
		ok  bool
	}{
		{Config{Cases: 1}, true},
		{Config{Cases: 10, FromYear: 2000, ToYear: 2030}, true},
		{Config{Cases: 0}, false},
		{Config{Cases: -5}, false},
		{Config{Cases: 10, FromYear: 2020, ToYear: 2019}, false},
		{Config{Cases: 10, FromYear: 1999}, false},
		{Config{Cases: 10, ToYear: 2031}, false},
		{Config{Cases: 10, FromYear: 2026}, false}, // after the default ToYear
	} {
		err := tc.cfg.Validate()
		if (err == nil) != tc.ok {
			t.Errorf("Validate(%+v) = %v, want ok=%v", tc.cfg, err, tc.ok)
		}
		if err != nil && !errors.Is(err, ErrInvalidConfig) {
			t.Errorf("Validate error %v does not wrap ErrInvalidConfig", err)
		}
		// The reason travels on its own: the message is the sentinel's
		// text and the reason, nothing to cut apart.
		var ce *ConfigError
		if err != nil && (!errors.As(err, &ce) || ce.Reason == "" || err.Error() != ErrInvalidConfig.Error()+": "+ce.Reason) {
			t.Errorf("Validate error %v carries no reason of its own", err)
		}
		if err != nil {
			if werr := Write(context.Background(), io.Discard, tc.cfg); !errors.Is(werr, ErrInvalidConfig) {
				t.Errorf("Write(%+v) = %v, want ErrInvalidConfig", tc.cfg, werr)
			}
		}
	}
}

func TestProgress(t *testing.T) {
	var calls []int
	cfg := Config{Cases: 2500, ProgressEvery: 1000, Progress: func(n int) { calls = append(calls, n) }}
	if err := Write(context.Background(), io.Discard, cfg); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(calls, []int{1000, 2000, 2500}) {
		t.Errorf("progress calls %v", calls)
	}
}

func TestCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cfg := Config{Cases: 1_000_000, ProgressEvery: 10000, Progress: func(int) { cancel() }}
	err := Write(ctx, io.Discard, cfg)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Write after cancel = %v, want context.Canceled", err)
	}
}

// TestConstantMemory: allocations do not grow with the number of rows.
func TestConstantMemory(t *testing.T) {
	allocs := func(n int) float64 {
		return testing.AllocsPerRun(1, func() {
			if err := Write(context.Background(), io.Discard, Config{Cases: n}); err != nil {
				t.Fatal(err)
			}
		})
	}
	small, large := allocs(1000), allocs(200000)
	if large > small+500 {
		t.Errorf("allocations grow with rows: %v at 1k rows, %v at 200k rows", small, large)
	}
}

// TestExactAge: exact ages fall into the band they were drawn for.
func TestExactAge(t *testing.T) {
	g := newGenerator(Config{Cases: 1}.withDefaults())
	for band := range schema.AgeBands {
		for range 2000 {
			age := exactAge(g.r, band)
			if schema.AgeBand(age) != schema.AgeBands[band] || age < schema.MinAge || age > schema.MaxAge {
				t.Fatalf("age %d drawn for band %s", age, schema.AgeBands[band])
			}
		}
	}
}

func TestNewDistRejectsUnknownCode(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("newDist accepted a code that is not in the schema")
		}
	}()
	newDist(schema.Genders, map[string]float64{"male": 1, "martian": 1})
}

func TestApportion(t *testing.T) {
	for _, tc := range []struct {
		total int
		w     []float64
		want  []int
	}{
		{10, []float64{1, 1, 1}, []int{4, 3, 3}},
		{7, []float64{0, 1, 0}, []int{0, 7, 0}},
		{0, []float64{1, 2}, []int{0, 0}},
		{5, []float64{0.45, 0.6}, []int{2, 3}},
	} {
		if got := apportion(tc.total, tc.w); !slices.Equal(got, tc.want) {
			t.Errorf("apportion(%d, %v) = %v, want %v", tc.total, tc.w, got, tc.want)
		}
	}
}

func BenchmarkWrite1M(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if err := Write(context.Background(), io.Discard, Config{Cases: 1_000_000, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/1e6, "ns/row")
}
