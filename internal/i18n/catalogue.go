package i18n

import "fmt"

// Catalogue maps a key to its German and English text.
type Catalogue map[string][2]string

// T returns the text of key in the language, formatted with args when
// there are any; an unknown key is returned as it is.
func (c Catalogue) T(lang Lang, key string, args ...any) string {
	l, ok := c[key]
	if !ok {
		return key
	}
	s := l[1]
	if lang == DE {
		s = l[0]
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

// Has reports whether the catalogue holds key.
func (c Catalogue) Has(key string) bool { _, ok := c[key]; return ok }

// Or is the text of key in c, else in Words: a small catalogue of one
// writer or command keeps only its own strings and shares the rest.
func (c Catalogue) Or(lang Lang, key string, args ...any) string {
	if c.Has(key) {
		return c.T(lang, key, args...)
	}
	return Words.T(lang, key, args...)
}

// T returns the shared word for key in lang (Words); an unknown key is
// returned unchanged (a test checks that every key used exists in both
// languages).
func T(lang Lang, key string) string { return Words.T(lang, key) }

// F formats the shared word for key with args (fmt verbs).
func F(lang Lang, key string, args ...any) string {
	return fmt.Sprintf(Words.T(lang, key), args...)
}

// Has reports whether key is a shared word.
func Has(key string) bool { return Words.Has(key) }
