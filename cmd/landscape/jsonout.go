package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"slices"
	"strings"

	"github.com/itchyny/gojq"
	"github.com/spf13/cobra"

	"github.com/landscapehq/landscape/internal/iostreams"
)

// jsonAll is the value of a bare --json: every field.
const jsonAll = "all"

// jsonFlags are --json[=FIELDS] and --jq, the one way every command prints
// JSON.
//
// The envelope is the same everywhere: one JSON object. A command that
// lists records puts them in an array under a plural key (catalogs,
// datasets, events, tools, diagnostics) beside the summary's own fields;
// --json=FIELDS keeps only those fields of each record (of the object
// itself for a command that prints one summary). --jq filters the whole
// object with a jq expression (gojq) and implies --json.
type jsonFlags struct {
	enabled bool
	fields  []string
	jq      string
	// records is the envelope key of the records; "" for the object itself.
	records string
	// allowed are the fields a record has, from its type's json tags.
	allowed []string
}

// addJSONFlags adds --json and --jq; record is a value of the record type
// (its json tags name the fields), records the envelope key of the records
// ("" when the command prints one object).
func addJSONFlags(cmd *cobra.Command, j *jsonFlags, record any, records string) {
	j.records = records
	j.allowed = jsonFieldsOf(reflect.TypeOf(record))
	what := "each record"
	if records == "" {
		what = "the summary"
	}
	f := cmd.Flags().VarPF((*jsonValue)(j), "json", "", fmt.Sprintf("print JSON; --json=FIELDS keeps these fields of %s, comma-separated: %s", what, strings.Join(j.allowed, ", ")))
	f.NoOptDefVal = jsonAll
	cmd.Flags().StringVar(&j.jq, "jq", "", "filter the JSON with a jq `expression` (implies --json)")
	_ = cmd.RegisterFlagCompletionFunc("json", func(_ *cobra.Command, _ []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		prefix := ""
		if i := strings.LastIndex(toComplete, ","); i >= 0 {
			prefix = toComplete[:i+1]
		}
		var out []string
		for _, f := range j.allowed {
			out = append(out, prefix+f)
		}
		return out, cobra.ShellCompDirectiveNoSpace | cobra.ShellCompDirectiveNoFileComp
	})
}

// jsonValue is --json's flag value.
type jsonValue jsonFlags

func (v *jsonValue) String() string {
	if len(v.fields) == 0 {
		return ""
	}
	return strings.Join(v.fields, ",")
}

func (v *jsonValue) Set(s string) error {
	v.enabled = true
	v.fields = nil
	if s == jsonAll {
		return nil
	}
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		if !slices.Contains(v.allowed, f) {
			return fmt.Errorf("unknown field %q; available fields: %s", f, strings.Join(v.allowed, ", "))
		}
		v.fields = append(v.fields, f)
	}
	return nil
}

// Type is empty, so that help shows --json[=all].
func (v *jsonValue) Type() string { return "" }

// on tells whether the command is to print JSON.
func (j *jsonFlags) on() bool { return j.enabled || j.jq != "" }

// checkPaths refuses a path argument that is not there but reads as a list
// of this command's fields: "--json name,warnings DIR" means --json=FIELDS,
// and a bare --json takes no value from the next word.
func (j *jsonFlags) checkPaths(paths []string) error {
	if !j.enabled || len(j.fields) > 0 {
		return nil
	}
	for _, p := range paths {
		if _, err := os.Stat(p); err == nil {
			continue
		}
		fields := strings.Split(p, ",")
		all := true
		for _, f := range fields {
			all = all && slices.Contains(j.allowed, strings.TrimSpace(f))
		}
		if all {
			return usageErrorf("%q reads as JSON fields: write --json=%s", p, p)
		}
	}
	return nil
}

// check parses --jq, so that a bad expression is a usage error before any
// work is done.
func (j *jsonFlags) check() error {
	if j.jq == "" {
		return nil
	}
	if _, err := gojq.Parse(j.jq); err != nil {
		return usageErrorf("--jq: %v", err)
	}
	return nil
}

// write prints v, the command's envelope, as --json and --jq ask.
func (j *jsonFlags) write(ios *iostreams.IOStreams, v any) error {
	if len(j.fields) == 0 && j.jq == "" {
		enc := json.NewEncoder(ios.Out)
		enc.SetIndent("", "  ")
		return enc.Encode(v)
	}
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return err
	}
	doc = normalize(doc)
	if len(j.fields) > 0 {
		doc = j.selectFields(doc)
	}
	if j.jq == "" {
		enc := json.NewEncoder(ios.Out)
		enc.SetIndent("", "  ")
		return enc.Encode(doc)
	}
	q, err := gojq.Parse(j.jq)
	if err != nil {
		return usageErrorf("--jq: %v", err)
	}
	it := q.Run(doc)
	enc := json.NewEncoder(ios.Out)
	if ios.IsStdoutTTY() {
		enc.SetIndent("", "  ")
	}
	for {
		r, ok := it.Next()
		if !ok {
			return nil
		}
		if err, isErr := r.(error); isErr {
			return fmt.Errorf("--jq: %v", err)
		}
		if s, isString := r.(string); isString {
			fmt.Fprintln(ios.Out, s)
			continue
		}
		if err := enc.Encode(r); err != nil {
			return err
		}
	}
}

// selectFields keeps the chosen fields of each record.
func (j *jsonFlags) selectFields(doc any) any {
	keep := func(r any) any {
		m, ok := r.(map[string]any)
		if !ok {
			return r
		}
		out := make(map[string]any, len(j.fields))
		for _, f := range j.fields {
			if v, ok := m[f]; ok {
				out[f] = v
			} else {
				out[f] = nil
			}
		}
		return out
	}
	top, ok := doc.(map[string]any)
	if !ok {
		return doc
	}
	if j.records == "" {
		return keep(top)
	}
	if rs, ok := top[j.records].([]any); ok {
		for i, r := range rs {
			rs[i] = keep(r)
		}
	}
	return top
}

// normalize turns json.Numbers into the int or float64 gojq works with.
func normalize(v any) any {
	switch x := v.(type) {
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return int(i)
		}
		f, _ := x.Float64()
		return f
	case []any:
		for i := range x {
			x[i] = normalize(x[i])
		}
	case map[string]any:
		for k := range x {
			x[k] = normalize(x[k])
		}
	}
	return v
}

// jsonFieldsOf lists the JSON field names of a struct type, embedded
// structs' fields included, in declaration order.
func jsonFieldsOf(t reflect.Type) []string {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
		t = t.Elem()
	}
	var out []string
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		tag := f.Tag.Get("json")
		name, _, _ := strings.Cut(tag, ",")
		if name == "-" {
			continue
		}
		if f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct {
			out = append(out, jsonFieldsOf(f.Type)...)
			continue
		}
		if name == "" {
			name = f.Name
		}
		out = append(out, name)
	}
	return out
}
