package i18n

import "testing"

func TestParseLang(t *testing.T) {
	for in, want := range map[string]Lang{"de": DE, "de_DE.UTF-8": DE, "DE-at": DE, "en": EN, "en_US.UTF-8": EN, "": EN, "fr": EN} {
		if got := ParseLang(in); got != want {
			t.Errorf("ParseLang(%q) = %s, want %s", in, got, want)
		}
	}
}
