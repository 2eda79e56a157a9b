package importer

import (
	"strings"
	"unicode"

	"lagebild/datasets/schema"
)

// A column that looks like a direct identifier (or like one of the
// special categories of personal data, or nationality) must never reach
// the store, and its mere presence means the export was not anonymised as
// agreed, so it fails the import even when unknown columns are dropped.
//
// Detection works on the tokens of the normalised header (case folded,
// umlauts spelt out, split at every character that is no letter or
// digit: "Geb.-Datum" is geb, datum), never on raw substrings: "Nachname", "client_email",
// "Date of Birth" and "Telefonnummer" are caught, "provider" (which
// contains "ide") or "risk_level" are not. Three kinds of pattern:
//
//   - identTokens: a token that on its own names an identifier
//     ("email", "vorname", "plz");
//   - identPhrases: a run of consecutive tokens ("first name",
//     "date of birth", "e mail", "house number");
//   - identPrefixes / identSuffixes: German compounds glued into one
//     token ("telefonnummer", "klientenname", "wohnadresse").
//
// Canonical column names and aliases are resolved before this check, so
// they can never be mistaken for identifiers (a test makes sure no alias
// matches anyway).

// identKind names why a header is treated as a direct identifier.
const (
	kindName     = "a person's name"
	kindAddress  = "an address"
	kindPostcode = "a postcode"
	kindPlace    = "a place of residence"
	kindPhone    = "a phone number"
	kindEmail    = "an e-mail address"
	kindBirth    = "a birth date or place"
	kindIDNumber = "an ID or passport number"
	kindTaxSoc   = "a tax or social security number"
	kindBank     = "bank details"
	kindIP       = "an IP address"
	kindFreeText = "free text (notes, comments)"
	kindPlate    = "a licence plate"
	kindCaseFile = "a case file number (Aktenzeichen)"
	kindPerson   = "the person counselled"
	kindSpecial  = "a special category of personal data (religion, ethnic origin, health, sexual orientation)"
	kindOrigin   = "nationality or country of origin"
)

var identTokens = map[string]string{
	// names
	"name": kindName, "names": kindName, "firstname": kindName, "lastname": kindName,
	"surname": kindName, "forename": kindName, "fullname": kindName, "givenname": kindName,
	"familyname": kindName, "username": kindName, "vorname": kindName, "vornamen": kindName,
	"nachname": kindName, "familienname": kindName, "rufname": kindName, "geburtsname": kindName,
	"spitzname": kindName, "nickname": kindName,
	// addresses
	"address": kindAddress, "addr": kindAddress, "adresse": kindAddress, "anschrift": kindAddress,
	"street": kindAddress, "strasse": kindAddress, "str": kindAddress, "hausnummer": kindAddress,
	"hausnr": kindAddress, "housenumber": kindAddress,
	"postcode": kindPostcode, "postalcode": kindPostcode, "zip": kindPostcode, "zipcode": kindPostcode,
	"plz": kindPostcode, "postleitzahl": kindPostcode,
	"city": kindPlace, "town": kindPlace, "wohnort": kindPlace, "ort": kindPlace, "stadt": kindPlace,
	"residence": kindPlace, "wohnsitz": kindPlace,
	// contact
	"phone": kindPhone, "telephone": kindPhone, "tel": kindPhone, "telefon": kindPhone,
	"mobile": kindPhone, "mobil": kindPhone, "handy": kindPhone, "cell": kindPhone, "fax": kindPhone,
	"email": kindEmail, "mail": kindEmail,
	// birth
	"birthdate": kindBirth, "birthday": kindBirth, "dob": kindBirth, "geburtsdatum": kindBirth,
	"geburtstag": kindBirth, "geburtsort": kindBirth, "birthplace": kindBirth, "geburtsjahr": kindBirth,
	// documents
	"passport": kindIDNumber, "reisepass": kindIDNumber, "personalausweis": kindIDNumber,
	"ausweis": kindIDNumber, "ausweisnummer": kindIDNumber, "passnummer": kindIDNumber,
	"ssn": kindTaxSoc, "steuerid": kindTaxSoc, "steuernummer": kindTaxSoc,
	"steueridentifikationsnummer": kindTaxSoc, "sozialversicherungsnummer": kindTaxSoc,
	"svnr": kindTaxSoc, "versicherungsnummer": kindTaxSoc,
	// bank
	"iban": kindBank, "bic": kindBank, "kontonummer": kindBank, "bankverbindung": kindBank,
	// network
	"ip": kindIP, "ipaddress": kindIP, "ipadresse": kindIP,
	// free text
	"note": kindFreeText, "notes": kindFreeText, "notiz": kindFreeText, "notizen": kindFreeText,
	"bemerkung": kindFreeText, "bemerkungen": kindFreeText, "kommentar": kindFreeText,
	"kommentare": kindFreeText, "comment": kindFreeText, "comments": kindFreeText,
	"freitext": kindFreeText, "beschreibung": kindFreeText, "description": kindFreeText,
	"remark": kindFreeText, "remarks": kindFreeText, "anmerkung": kindFreeText,
	"anmerkungen": kindFreeText, "memo": kindFreeText,
	// vehicles
	"kennzeichen": kindPlate, "nummernschild": kindPlate, "kfz": kindPlate,
	// birth, abbreviated (geb., GebDatum, Geb.-Dat.)
	"geb": kindBirth, "gebdatum": kindBirth, "gebdat": kindBirth, "gebtag": kindBirth, "gebjahr": kindBirth,
	// case files
	"aktenzeichen": kindCaseFile, "akte": kindCaseFile, "fallakte": kindCaseFile,
	// the person
	"klient": kindPerson, "klientin": kindPerson, "klienten": kindPerson, "client": kindPerson,
	"person": kindPerson, "proband": kindPerson, "probandin": kindPerson,
	// special categories (Art. 9 GDPR)
	"konfession": kindSpecial, "glaube": kindSpecial, "glaubensrichtung": kindSpecial,
	"ethnie": kindSpecial, "ethnicity": kindSpecial, "ethnic": kindSpecial, "ethnisch": kindSpecial,
	"ethnische": kindSpecial, "gesundheit": kindSpecial, "health": kindSpecial, "diagnose": kindSpecial,
	"diagnosis": kindSpecial, "behinderung": kindSpecial, "disability": kindSpecial,
	// nationality and origin
	"nationalitaet": kindOrigin, "nationalitat": kindOrigin, "nationality": kindOrigin,
	"staatsangehoerigkeit": kindOrigin, "staatsangehorigkeit": kindOrigin, "staatsbuergerschaft": kindOrigin,
	"citizenship": kindOrigin, "herkunftsland": kindOrigin, "herkunft": kindOrigin,
}

var identPhrases = []struct {
	tokens []string
	kind   string
}{
	{[]string{"first", "name"}, kindName},
	{[]string{"last", "name"}, kindName},
	{[]string{"full", "name"}, kindName},
	{[]string{"given", "name"}, kindName},
	{[]string{"family", "name"}, kindName},
	{[]string{"house", "number"}, kindAddress},
	{[]string{"house", "no"}, kindAddress},
	{[]string{"haus", "nr"}, kindAddress},
	{[]string{"post", "code"}, kindPostcode},
	{[]string{"postal", "code"}, kindPostcode},
	{[]string{"zip", "code"}, kindPostcode},
	{[]string{"phone", "number"}, kindPhone},
	{[]string{"e", "mail"}, kindEmail},
	{[]string{"date", "of", "birth"}, kindBirth},
	{[]string{"birth", "date"}, kindBirth},
	{[]string{"place", "of", "birth"}, kindBirth},
	{[]string{"geburts", "datum"}, kindBirth},
	{[]string{"id", "number"}, kindIDNumber},
	{[]string{"id", "no"}, kindIDNumber},
	{[]string{"id", "nr"}, kindIDNumber},
	{[]string{"id", "card"}, kindIDNumber},
	{[]string{"ausweis", "nr"}, kindIDNumber},
	{[]string{"pass", "nr"}, kindIDNumber},
	{[]string{"pass", "no"}, kindIDNumber},
	{[]string{"pass", "nummer"}, kindIDNumber},
	{[]string{"passport", "number"}, kindIDNumber},
	{[]string{"national", "id"}, kindIDNumber},
	{[]string{"tax", "id"}, kindTaxSoc},
	{[]string{"tax", "number"}, kindTaxSoc},
	{[]string{"steuer", "id"}, kindTaxSoc},
	{[]string{"steuer", "nr"}, kindTaxSoc},
	{[]string{"social", "security"}, kindTaxSoc},
	{[]string{"sv", "nummer"}, kindTaxSoc},
	{[]string{"sv", "nr"}, kindTaxSoc},
	{[]string{"account", "number"}, kindBank},
	{[]string{"bank", "account"}, kindBank},
	{[]string{"konto", "nr"}, kindBank},
	{[]string{"ip", "address"}, kindIP},
	{[]string{"ip", "adresse"}, kindIP},
	{[]string{"free", "text"}, kindFreeText},
	{[]string{"license", "plate"}, kindPlate},
	{[]string{"licence", "plate"}, kindPlate},
	{[]string{"number", "plate"}, kindPlate},
	{[]string{"geb", "datum"}, kindBirth},
	{[]string{"geb", "dat"}, kindBirth},
	{[]string{"geb", "ort"}, kindBirth},
	{[]string{"akten", "zeichen"}, kindCaseFile},
	{[]string{"sexual", "orientation"}, kindSpecial},
	{[]string{"sexuelle", "orientierung"}, kindSpecial},
	{[]string{"country", "of", "origin"}, kindOrigin},
	{[]string{"country", "of", "birth"}, kindBirth},
}

// German compounds: a token starting or ending with one of these (and
// longer than it) is an identifier.
var identPrefixes = []struct{ prefix, kind string }{
	{"vorname", kindName}, {"nachname", kindName}, {"familienname", kindName},
	{"strasse", kindAddress}, {"anschrift", kindAddress},
	{"telefon", kindPhone}, {"handy", kindPhone}, {"mobilnummer", kindPhone}, {"mobiltelefon", kindPhone},
	{"email", kindEmail},
	{"geburts", kindBirth},
	{"personalausweis", kindIDNumber}, {"ausweis", kindIDNumber}, {"reisepass", kindIDNumber},
	{"sozialversicherung", kindTaxSoc}, {"steuerident", kindTaxSoc},
	{"kontonummer", kindBank},
	{"freitext", kindFreeText},
	{"religi", kindSpecial}, // religion, religionszugehoerigkeit, religioes, religious
	{"nationalit", kindOrigin},
	{"staatsangeh", kindOrigin},
	{"aktenzeichen", kindCaseFile},
}

var identSuffixes = []struct{ suffix, kind string }{
	{"name", kindName},         // klientenname, klientname
	{"adresse", kindAddress},   // wohnadresse, emailadresse
	{"anschrift", kindAddress}, // wohnanschrift
	{"strasse", kindAddress},
	{"telefon", kindPhone},
	{"nummernschild", kindPlate},
	{"kommentar", kindFreeText}, {"bemerkung", kindFreeText}, {"notiz", kindFreeText},
	{"notizen", kindFreeText}, {"freitext", kindFreeText},
	{"aktenzeichen", kindCaseFile}, // fallaktenzeichen
	{"religion", kindSpecial},      // hauptreligion
}

// LooksLikeIdentifier reports whether an export header names a direct
// identifier, and which kind ("a person's name", "an e-mail address" …).
// Canonical column names and their aliases never do.
func LooksLikeIdentifier(header string) (kind string, ok bool) {
	if _, canonical := schema.LookupHeader(header); canonical {
		return "", false
	}
	return identifierByTokens(schema.NormaliseHeader(header))
}

// identifierByTokens applies the token rules to a normalised header.
func identifierByTokens(norm string) (kind string, ok bool) {
	if norm == "" {
		return "", false
	}
	tokens := strings.FieldsFunc(norm, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if len(tokens) == 0 {
		return "", false
	}
	for _, t := range tokens {
		if k, ok := identTokens[t]; ok {
			return k, true
		}
	}
	for _, p := range identPhrases {
		if containsRun(tokens, p.tokens) {
			return p.kind, true
		}
	}
	for _, t := range tokens {
		for _, p := range identPrefixes {
			if len(t) > len(p.prefix) && strings.HasPrefix(t, p.prefix) {
				return p.kind, true
			}
		}
		for _, s := range identSuffixes {
			if len(t) > len(s.suffix) && strings.HasSuffix(t, s.suffix) {
				return s.kind, true
			}
		}
	}
	// The joined header catches spellings split differently, such as
	// "Post_Leitzahl" or "E_Mail_Adresse".
	if joined := strings.Join(tokens, ""); len(tokens) > 1 {
		if k, ok := identTokens[joined]; ok {
			return k, true
		}
		for _, s := range identSuffixes {
			if strings.HasSuffix(joined, s.suffix) && len(joined) > len(s.suffix) {
				return s.kind, true
			}
		}
	}
	return "", false
}

// containsRun reports whether run occurs as consecutive elements of tokens.
func containsRun(tokens, run []string) bool {
	for i := 0; i+len(run) <= len(tokens); i++ {
		match := true
		for j, r := range run {
			if tokens[i+j] != r {
				match = false
				break
			}
		}
		if match {
			return true
		}
	}
	return false
}
