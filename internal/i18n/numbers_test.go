package i18n

import (
	"testing"
)

func TestNumbersByLanguage(t *testing.T) {
	cases := []struct {
		got, want string
	}{
		{Int(1281, DE), "1.281"},
		{Int(1281, EN), "1,281"},
		{Int(50250, DE), "50.250"},
		{Int(1234567, EN), "1,234,567"},
		{Int(999, EN), "999"},
		{Int(0, EN), "0"},
		{Int(-1281, EN), "−1,281"},
		{Float(12.5, 1, DE), "12,5"},
		{Float(1234.56, 2, EN), "1,234.56"},
		{Float(-0.04, 1, EN), "0.0"},
		{Number(68.6, DE), "68,6"},
		{Number(28280, DE), "28.280"},
		{Percent(0.1691, EN), "16.9 %"},
		{Change(0.474, DE), "+47,4 %"},
		{Change(-0.096, EN), "−9.6 %"},
		{Points(0.004, EN), "+0.4 pp"},
		{Points(0.004, DE), "+0,4 Pp."},
		{Points(-0.049, DE), "−4,9 Pp."},
		{Points(0, EN), "0.0 pp"},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}
