package figures

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"lagebild/internal/i18n"
)

func TestPublicationOf(t *testing.T) {
	for _, c := range []struct {
		title, address string
		publisher      string
		date           Date
	}{
		{"tagesschau.de: Bericht (10.06.2025)", "https://x", "tagesschau.de", Date{2025, time.June, 10}},
		{"BMI: Fallzahlen (12. Mai 2020), copy on Scribd", "", "BMI", Date{2020, time.May, 12}},
		{"ZDFheute: Bericht (Juni 2022)", "", "ZDFheute", Date{Year: 2022, Month: time.June}},
		{"journal: Islamisten (Antwort, Aug. 2021)", "", "journal", Date{Year: 2021, Month: time.August}},
		{"euronews: Zahl", "https://de.euronews.com/my-europe/2025/06/10/zahl", "euronews", Date{2025, time.June, 10}},
		{"epd: Taten", "https://e.de/inhalte/243485/20-05-2025/taten", "epd", Date{2025, time.May, 20}},
		{"Zeit Online: Szene", "http://www.zeit.de/gesellschaft/2017-10/szene", "Zeit Online", Date{Year: 2017, Month: time.October}},
		{"Mainz 2020 ohne Datum", "https://x/a", "", Date{}},
		{"BfV: Zahlen (Stand Berichtsjahr 2022)", "https://x/", "BfV", Date{}},
	} {
		p := PublicationOf(c.title, c.address)
		if p.Publisher != c.publisher || p.Date != c.date || p.Address != c.address {
			t.Errorf("PublicationOf(%q, %q) = %+v, want publisher %q date %+v", c.title, c.address, p, c.publisher, c.date)
		}
		if c.publisher != "" && p.Publisher+": "+p.Title != c.title {
			t.Errorf("%q: publisher and title %q, %q do not make the title again", c.title, p.Publisher, p.Title)
		}
	}
}

// TestEmbeddedPublicationDates: every embedded source whose title states a
// day as dd.mm.yyyy gets that date, and every date found lies between the
// figure's year and 2026 (a publication does not predate what it reports
// by more than a year, nor the facts table).
func TestEmbeddedPublicationDates(t *testing.T) {
	day := regexp.MustCompile(`(\d\d)\.(\d\d)\.(\d{4})`)
	dated := 0
	for _, f := range Embedded() {
		p := f.Publication()
		if m := day.FindStringSubmatch(f.Source); m != nil {
			want := m[1] + "." + m[2] + "." + m[3]
			if got := p.Date.Format(i18n.DE); got != want {
				t.Errorf("%s: date %q, the title says %s", f.Source, got, want)
			}
		}
		if p.Date.IsZero() {
			continue
		}
		dated++
		if p.Date.Year < f.Year-1 || p.Date.Year > 2026 {
			t.Errorf("%s:%d: %s dated %s, figure of %d", f.File, f.Line, f.Source, p.Date.ISO(), f.Year)
		}
		if !strings.HasPrefix(p.Date.ISO(), strconv.Itoa(p.Date.Year)) {
			t.Errorf("ISO %q", p.Date.ISO())
		}
	}
	if dated == 0 {
		t.Error("no embedded source has a date")
	}
}

func TestDateFormat(t *testing.T) {
	d := Date{2025, time.June, 10}
	m := Date{Year: 2022, Month: time.June}
	for _, c := range []struct{ got, want string }{
		{d.Format(i18n.DE), "10.06.2025"}, {d.Format(i18n.EN), "10 Jun 2025"}, {d.ISO(), "2025-06-10"},
		{m.Format(i18n.DE), "Juni 2022"}, {m.Format(i18n.EN), "June 2022"}, {m.ISO(), "2022-06"},
		{Date{}.Format(i18n.DE), ""},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}
