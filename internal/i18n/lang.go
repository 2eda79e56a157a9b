package i18n

import (
	"os"
	"strings"
)

// Lang is a user interface language: "de" or "en".
type Lang string

// The supported languages.
const (
	DE Lang = "de"
	EN Lang = "en"
)

// ParseLang maps a --lang value or a locale such as "de_DE.UTF-8" to a
// language; anything not German is English.
func ParseLang(s string) Lang {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "de" || strings.HasPrefix(s, "de_") || strings.HasPrefix(s, "de-") || strings.HasPrefix(s, "de.") {
		return DE
	}
	return EN
}

// LangFromEnv is the default language: LC_ALL, LC_MESSAGES or LANG, in
// that order, else English.
func LangFromEnv() Lang {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if s := os.Getenv(v); s != "" && s != "C" && s != "POSIX" {
			return ParseLang(s)
		}
	}
	return EN
}
