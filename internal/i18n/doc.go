// Package i18n is lagebild's one place for language: the Lang type and
// how it is chosen (--lang, the locale), the Catalogue type every
// translation table uses, the shared words of the user interface and the
// writers (Words: view titles, filter labels, column headers, notes), and
// how numbers and dates are written for people in each language.
//
// It sits at the bottom of the import graph (docs/architecture.md): the
// schema, the writers, the TUI and the commands all reach down here for
// the language, instead of every layer reaching into the case schema for
// it. Labels of codes stay with the code lists they translate
// (datasets/schema, datasets/figures); strings that only one writer or
// command uses may stay in a small catalogue of its own, which falls
// back to Words (Catalogue.Or) so a shared word is translated once.
package i18n
