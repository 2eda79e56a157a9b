package figures

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"lagebild/internal/i18n"
)

// Publication is where a public figure was published: the publisher, the
// title, the date and the web address. A figures file carries only the
// title ("Publisher: Title (details)") and the address; PublicationOf
// splits them and reads the date from where the file states it, so a
// briefing can list its sources in full (publisher, title, date, address).
type Publication struct {
	// Publisher is the part of the source title before the first ": "
	// ("tagesschau.de", "BfV", "stern.de (AFP)"); empty when the title has
	// no such part.
	Publisher string
	// Title is the rest of the source title (the whole title without a
	// publisher).
	Title string
	// Date is the publication date as far as the title or the address
	// state it; zero when neither does.
	Date Date
	// Address is the web address or citation (source_ref).
	Address string
}

// Date is a publication date to the precision its source states: a day,
// or only a month (Day 0). The zero Date means unknown.
type Date struct {
	Year  int
	Month time.Month
	Day   int // 0: only the month is known
}

// IsZero reports whether the date is unknown.
func (d Date) IsZero() bool { return d.Year == 0 }

// Format writes the date for people: "10.06.2025" / "10 Jun 2025", or
// "Juni 2022" / "June 2022" when only the month is known; "" when unknown.
func (d Date) Format(lang i18n.Lang) string {
	switch {
	case d.IsZero():
		return ""
	case lang == i18n.DE && d.Day > 0:
		return fmt.Sprintf("%02d.%02d.%d", d.Day, int(d.Month), d.Year)
	case lang == i18n.DE:
		return monthsDE[d.Month-1] + " " + strconv.Itoa(d.Year)
	case d.Day > 0:
		return fmt.Sprintf("%d %s %d", d.Day, d.Month.String()[:3], d.Year)
	}
	return d.Month.String() + " " + strconv.Itoa(d.Year)
}

// ISO writes the date as 2025-06-10, or 2022-06 when only the month is
// known; "" when unknown.
func (d Date) ISO() string {
	switch {
	case d.IsZero():
		return ""
	case d.Day > 0:
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
	}
	return fmt.Sprintf("%04d-%02d", d.Year, int(d.Month))
}

var monthsDE = [12]string{"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"}

// monthPrefixes are the German month names as titles shorten them
// ("Aug.", "Okt."); a month matches by its first three letters.
var monthByPrefix = map[string]time.Month{
	"jan": time.January, "feb": time.February, "mär": time.March, "apr": time.April,
	"mai": time.May, "jun": time.June, "jul": time.July, "aug": time.August,
	"sep": time.September, "okt": time.October, "nov": time.November, "dez": time.December,
}

var (
	titleDay      = regexp.MustCompile(`\b(\d{1,2})\.(\d{1,2})\.((?:19|20)\d\d)\b`)
	titleDayMonth = regexp.MustCompile(`\b(\d{1,2})\. ([A-ZÄÖÜ][a-zäöü]+)\.? ((?:19|20)\d\d)\b`)
	titleMonth    = regexp.MustCompile(`\b([A-ZÄÖÜ][a-zäöü]+)\.? ((?:19|20)\d\d)\b`)
	addressDay    = regexp.MustCompile(`/((?:19|20)\d\d)/(\d\d)/(\d\d)/`)
	addressDMY    = regexp.MustCompile(`/(\d\d)-(\d\d)-((?:19|20)\d\d)/`)
	addressMonth  = regexp.MustCompile(`[/-]((?:19|20)\d\d)-(\d\d)[/-]`)
)

// PublicationOf splits a figure's source title and address into a
// Publication. The date is read, in this order, from a day in the title
// ("(10.06.2025)", "(12. Mai 2020)"), a day in the address
// (".../2025/06/10/...", ".../20-05-2025/..."), a month in the title
// ("(Juni 2022)", "Aug. 2021") or a month in the address
// (".../2017-10/..."); else it is zero.
func PublicationOf(title, address string) Publication {
	p := Publication{Title: title, Address: address}
	if pub, rest, ok := strings.Cut(title, ": "); ok {
		p.Publisher, p.Title = pub, rest
	}
	p.Date = dateOf(title, address)
	return p
}

// Publication returns where the figure was published (PublicationOf its
// source and source_ref).
func (f Figure) Publication() Publication { return PublicationOf(f.Source, f.SourceRef) }

func dateOf(title, address string) Date {
	valid := func(y, m, d int) bool { return m >= 1 && m <= 12 && d >= 0 && d <= 31 && y >= 1990 }
	num := func(s string) int { n, _ := strconv.Atoi(s); return n }
	if m := titleDay.FindStringSubmatch(title); m != nil && valid(num(m[3]), num(m[2]), num(m[1])) {
		return Date{num(m[3]), time.Month(num(m[2])), num(m[1])}
	}
	if m := titleDayMonth.FindStringSubmatch(title); m != nil {
		if mon, ok := monthOf(m[2]); ok {
			return Date{num(m[3]), mon, num(m[1])}
		}
	}
	if m := addressDay.FindStringSubmatch(address); m != nil && valid(num(m[1]), num(m[2]), num(m[3])) {
		return Date{num(m[1]), time.Month(num(m[2])), num(m[3])}
	}
	if m := addressDMY.FindStringSubmatch(address); m != nil && valid(num(m[3]), num(m[2]), num(m[1])) {
		return Date{num(m[3]), time.Month(num(m[2])), num(m[1])}
	}
	for _, m := range titleMonth.FindAllStringSubmatch(title, -1) {
		if mon, ok := monthOf(m[1]); ok {
			return Date{Year: num(m[2]), Month: mon}
		}
	}
	if m := addressMonth.FindStringSubmatch(address); m != nil && valid(num(m[1]), num(m[2]), 0) {
		return Date{Year: num(m[1]), Month: time.Month(num(m[2]))}
	}
	return Date{}
}

// monthOf reads a German month name or its abbreviation ("Juni", "Aug").
func monthOf(word string) (time.Month, bool) {
	w := strings.ToLower(word)
	if len([]rune(w)) < 3 {
		return 0, false
	}
	m, ok := monthByPrefix[string([]rune(w)[:3])]
	if !ok {
		return 0, false
	}
	full := strings.ToLower(monthsDE[m-1])
	if w != full && !strings.HasPrefix(full, w) {
		return 0, false // "Mainz" is not May
	}
	return m, true
}
