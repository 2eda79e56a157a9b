package i18n

import (
	"fmt"
	"time"
)

var monthsDE = []string{"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli",
	"August", "September", "Oktober", "November", "Dezember"}

// Month is the name of a month.
func Month(m time.Month, lang Lang) string {
	if lang == DE {
		return monthsDE[m-1]
	}
	return m.String()
}

// Date writes a day as "3. März 2026" or "3 March 2026".
func Date(t time.Time, lang Lang) string {
	if lang == DE {
		return fmt.Sprintf("%d. %s %d", t.Day(), Month(t.Month(), lang), t.Year())
	}
	return fmt.Sprintf("%d %s %d", t.Day(), Month(t.Month(), lang), t.Year())
}
