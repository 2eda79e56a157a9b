package importer

import (
	"testing"

	"lagebild/datasets/schema"
)

func TestLooksLikeIdentifier(t *testing.T) {
	idents := map[string]string{
		"Nachname": kindName, "Vorname": kindName, "name": kindName, "First Name": kindName,
		"last_name": kindName, "full-name": kindName, "Klientenname": kindName, "provider_name": kindName,
		"Adresse": kindAddress, "Anschrift": kindAddress, "Street": kindAddress, "Straße": kindAddress,
		"Hausnummer": kindAddress, "house number": kindAddress, "Wohnadresse": kindAddress,
		"PLZ": kindPostcode, "Postleitzahl": kindPostcode, "zip": kindPostcode, "Post-Code": kindPostcode,
		"Wohnort": kindPlace, "Ort": kindPlace, "city": kindPlace,
		"Telefon": kindPhone, "Telefonnummer": kindPhone, "phone_number": kindPhone, "Handy": kindPhone, "Mobil": kindPhone,
		"email": kindEmail, "E-Mail": kindEmail, "E-Mail-Adresse": kindEmail, "mail": kindEmail,
		"Geburtsdatum": kindBirth, "Geburtstag": kindBirth, "date_of_birth": kindBirth, "DOB": kindBirth, "birth date": kindBirth,
		"Personalausweis": kindIDNumber, "Ausweisnummer": kindIDNumber, "passport": kindIDNumber,
		"Reisepass": kindIDNumber, "pass_nr": kindIDNumber, "ID number": kindIDNumber,
		"tax id": kindTaxSoc, "Steuer-ID": kindTaxSoc, "Sozialversicherungsnummer": kindTaxSoc, "social security number": kindTaxSoc,
		"IBAN": kindBank, "BIC": kindBank, "Kontonummer": kindBank,
		"ip": kindIP, "IP address": kindIP, "ip_adresse": kindIP,
		"notes": kindFreeText, "Notizen": kindFreeText, "Bemerkung": kindFreeText, "Kommentar": kindFreeText,
		"comment": kindFreeText, "free_text": kindFreeText, "Freitext": kindFreeText, "Beschreibung": kindFreeText,
		"Fallkommentar": kindFreeText,
		"license plate": kindPlate, "Kennzeichen": kindPlate,
		"geb_datum": kindBirth, "Geb.-Datum": kindBirth, "GebDatum": kindBirth, "Geb. Dat.": kindBirth,
		"aktenzeichen": kindCaseFile, "Akten-Zeichen": kindCaseFile, "Fallaktenzeichen": kindCaseFile,
		"klient": kindPerson, "Klientin": kindPerson, "person": kindPerson, "client": kindPerson,
		"religion": kindSpecial, "Religionszugehörigkeit": kindSpecial, "Konfession": kindSpecial,
		"ethnicity": kindSpecial, "sexual orientation": kindSpecial,
		"nationalitaet": kindOrigin, "Nationalität": kindOrigin, "nationality": kindOrigin,
		"Staatsangehörigkeit": kindOrigin, "country of origin": kindOrigin,
	}
	for h, want := range idents {
		got, ok := LooksLikeIdentifier(h)
		if !ok || got != want {
			t.Errorf("LooksLikeIdentifier(%q) = %q, %v; want %q", h, got, ok, want)
		}
	}
	for _, h := range []string{
		"provider", "Provider-Code", "risk_level", "programme", "personal_budget_code",
		"region", "priority", "period", "sport", "export", "identity_score",
		"status_detail", "mobility", "landkreis", "",
	} {
		if kind, ok := LooksLikeIdentifier(h); ok {
			t.Errorf("LooksLikeIdentifier(%q) = %q, want no identifier", h, kind)
		}
	}
}

// No canonical name or alias may ever look like an identifier, even
// without the early return for known headers.
func TestSchemaHeadersAreNoIdentifiers(t *testing.T) {
	for _, c := range schema.Columns {
		for _, h := range append([]string{c.Name}, c.Aliases...) {
			if kind, ok := LooksLikeIdentifier(h); ok {
				t.Errorf("schema header %q looks like %s", h, kind)
			}
			// The token rules alone, bypassing the schema lookup.
			if kind, ok := identifierByTokens(schema.NormaliseHeader(h)); ok {
				t.Errorf("schema header %q matches identifier rule %s", h, kind)
			}
		}
	}
}
