package export

import (
	"bytes"
	"encoding/json"

	"github.com/apache/arrow-go/v18/arrow"
	arrowcsv "github.com/apache/arrow-go/v18/arrow/csv"
)

// encodeCSV writes a record as CSV for spreadsheets: a header row of column
// names, then one line per row ("\n"-terminated, RFC 4180 quoting). Null is
// an empty field; dates are YYYY-MM-DD; numbers in their shortest exact
// decimal form. Text cells go through CSVCell: one that a spreadsheet would
// read as a formula (=, +, -, @, tab, CR first, not a plain number) starts
// with a single quote, and control characters are replaced.
//
// arrow-go's CSV writer writes it: the header, the quoting (encoding/csv
// underneath), integers, booleans and dates as above. A converter gives it
// the cells its own formatting would write otherwise: text (CSVCell; its
// strings replacer cannot add a quote in front), dictionary columns (which
// it does not write), doubles (a NaN or an infinity is null here, "NaN" or
// "+Inf" there) and timestamps (RFC 3339 here, a space there): see cell.
func encodeCSV(rec arrow.Record) ([]byte, error) {
	var buf bytes.Buffer
	w := arrowcsv.NewWriter(&buf, rec.Schema(), arrowcsv.WithHeader(true), arrowcsv.WithNullWriter(""),
		arrowcsv.WithCustomTypeConverter(csvCells))
	if err := w.Write(rec); err != nil {
		return nil, err
	}
	if err := w.Flush(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// csvCells is encodeCSV's converter: the cells of a text, dictionary,
// double or timestamp column; other columns are left to arrow's writer.
func csvCells(typ arrow.DataType, col arrow.Array) ([]string, bool) {
	switch typ.ID() {
	case arrow.STRING, arrow.DICTIONARY, arrow.FLOAT64, arrow.TIMESTAMP:
	default:
		return nil, false
	}
	out := make([]string, col.Len())
	for i := range out {
		v, kind := cell(col, i)
		if kind == cellString {
			v = CSVCell(v) // no formula, no control character
		}
		out[i] = v
	}
	return out, true
}

// encodeJSON writes a record as a JSON array of objects, one object per
// line, keys in column order. Null is null; dates are "YYYY-MM-DD"; numbers
// and booleans are bare.
//
// It stays hand-written: arrow-go's array.RecordToJSON (v18.8.0) cannot give
// these bytes. It writes one object per line with no enclosing array
// (NDJSON); it encodes each row from a map, so keys come in alphabetical
// order, not column order; its encoder escapes <, > and & as \u003c, \u003e,
// \u0026. Nor can its per-value marshalling (GetOneForMarshal) under our own
// encoder: a double goes through encoding/json's number format (1234567 and
// 0.00001 where the CSV copy and this file write 1.234567e+06 and 1e-05), and
// NaN and ±Inf become the strings "NaN", "+Inf", "-Inf" (null here). Strings,
// integers, booleans, dates and timestamps would come out the same. TestCopies
// holds the bytes.
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

// jsonString is s as a JSON string, as encoding/json writes it without HTML
// escaping. Printable ASCII without a quote or backslash, most of what a
// catalog holds, is written as it is; anything else goes through the
// encoder.
func jsonString(s string) []byte {
	plain := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' {
			plain = false
			break
		}
	}
	if plain {
		b := make([]byte, 0, len(s)+2)
		b = append(b, '"')
		b = append(b, s...)
		return append(b, '"')
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}
