package export

import (
	"bytes"
	"encoding/json"
	"testing"
)

// TestJSONString: the fast path for plain ASCII writes what encoding/json
// (without HTML escaping) writes, for every kind of text.
func TestJSONString(t *testing.T) {
	for _, s := range []string{"", "plain text", "a \"quoted\" word", `back\slash`, "tab\there", "line\nbreak", "\x00\x1f\x7f",
		"<script>&amp;</script>", "café", "\u2028\u2029", "emoji 🙂", "invalid \xff utf-8", "~!@#$%^*()_+{}|:?><,./;'[]=-`"} {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(s); err != nil {
			t.Fatal(err)
		}
		want := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
		if got := jsonString(s); !bytes.Equal(got, want) {
			t.Errorf("jsonString(%q) = %s, want %s", s, got, want)
		}
	}
}
