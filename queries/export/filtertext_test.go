package export

import (
	"strings"
	"testing"

	"lagebild/internal/i18n"

	"lagebild/queries"
)

// TestFilterTextEveryField: the brief names every row of
// queries.FilterFields by its label key, in both languages, and joins the
// fields as queries.Filter.Summary does.
func TestFilterTextEveryField(t *testing.T) {
	var all queries.Filter
	for _, d := range queries.FilterFields {
		if !has(d.LabelKey) {
			t.Errorf("%s: no text for %s", d.Name, d.LabelKey)
		}
		opt := d.Options([]int{2020, 2021, 2022})[0]
		all = d.With(all, opt)
		for _, lang := range []i18n.Lang{i18n.DE, i18n.EN} {
			if got := FilterText(d.With(queries.Filter{}, opt), lang); !strings.HasPrefix(got, T(lang, d.LabelKey)) {
				t.Errorf("%s %s (%s): %q", d.Name, opt, lang, got)
			}
		}
	}
	if got := strings.Count(FilterText(all, i18n.EN), "; "); got != len(queries.FilterFields)-1 {
		t.Errorf("every field set: %d separators in %q", got, FilterText(all, i18n.EN))
	}
}
