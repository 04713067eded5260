package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"

	"github.com/apache/arrow-go/v18/arrow"
)

// encodeCSV writes a record as CSV for spreadsheets: a header row of column
// names, then one line per row ("\n"-terminated, RFC 4180 quoting). Null is
// an empty field; dates are YYYY-MM-DD; numbers in their shortest exact
// decimal form. Text cells go through CSVCell: one that a spreadsheet would
// read as a formula (=, +, -, @, tab, CR first, not a plain number) starts
// with a single quote, and control characters are replaced.
func encodeCSV(rec arrow.Record) ([]byte, error) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	fields := rec.Schema().Fields()
	row := make([]string, len(fields))
	for i, f := range fields {
		row[i] = f.Name
	}
	if err := w.Write(row); err != nil {
		return nil, err
	}
	for r := 0; r < int(rec.NumRows()); r++ {
		for c := range fields {
			v, kind := cell(rec.Column(c), r)
			if kind == cellString {
				v = CSVCell(v) // no formula, no control character
			}
			row[c] = v
		}
		if err := w.Write(row); err != nil {
			return nil, err
		}
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}

// encodeJSON writes a record as a JSON array of objects, one object per
// line, keys in column order. Null is null; dates are "YYYY-MM-DD"; numbers
// and booleans are bare.
func encodeJSON(rec arrow.Record) []byte {
	var buf bytes.Buffer
	fields := rec.Schema().Fields()
	keys := make([][]byte, len(fields))
	for i, f := range fields {
		keys[i] = jsonString(f.Name)
	}
	buf.WriteString("[")
	for r := 0; r < int(rec.NumRows()); r++ {
		if r > 0 {
			buf.WriteString(",")
		}
		buf.WriteString("\n{")
		for c := range fields {
			if c > 0 {
				buf.WriteString(",")
			}
			buf.Write(keys[c])
			buf.WriteString(":")
			v, kind := cell(rec.Column(c), r)
			switch kind {
			case cellNull:
				buf.WriteString("null")
			case cellBare:
				buf.WriteString(v)
			default:
				buf.Write(jsonString(v))
			}
		}
		buf.WriteString("}")
	}
	buf.WriteString("\n]\n")
	return buf.Bytes()
}

func jsonString(s string) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}
