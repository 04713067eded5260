package main

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/landscapehq/landscape/pipeline/run"
)

// usageError marks errors in how the command was called: Main prints the
// command's usage line after it and exits with exitUsage.
type usageError struct{ error }

func (e usageError) Unwrap() error { return e.error }

// usageErrorf is a usage error with a formatted message.
func usageErrorf(format string, a ...any) error { return usageError{fmt.Errorf(format, a...)} }

// isUsageError tells whether err is a mistake in how the command was
// called: one of ours, a flag cobra could not parse, or an unknown command.
func isUsageError(err error) bool {
	var ue usageError
	var oe *run.OptionError
	return errors.As(err, &ue) || errors.As(err, &oe) || strings.HasPrefix(err.Error(), "unknown command ")
}

// args wraps a cobra argument validator so that its errors are usage errors.
func args(v cobra.PositionalArgs) cobra.PositionalArgs {
	return func(cmd *cobra.Command, a []string) error {
		if err := v(cmd, a); err != nil {
			return usageError{err}
		}
		return nil
	}
}

// enumValue is a string flag taking one of a fixed list of values, after
// gh's cmdutil.StringEnumFlag: any case is accepted and stored as listed.
type enumValue struct {
	p       *string
	options []string
}

func (e *enumValue) String() string {
	if e.p == nil {
		return ""
	}
	return *e.p
}

func (e *enumValue) Set(v string) error {
	for _, o := range e.options {
		if strings.EqualFold(v, o) {
			*e.p = o
			return nil
		}
	}
	return fmt.Errorf("valid values are {%s}", strings.Join(e.options, "|"))
}

func (e *enumValue) Type() string { return "string" }

// stringEnumFlag adds a flag whose value must be one of options: the
// allowed values are listed in its help and offered by shell completion, and
// any other value is a usage error (exit 2) when the flags are parsed.
// defaultValue may be "" (meaning "not given") and need not be an option.
func stringEnumFlag(cmd *cobra.Command, p *string, name, short, defaultValue string, options []string, usage string) *pflag.Flag {
	*p = defaultValue
	f := cmd.Flags().VarPF(&enumValue{p: p, options: options}, name, short, fmt.Sprintf("%s: {%s}", usage, strings.Join(options, "|")))
	_ = cmd.RegisterFlagCompletionFunc(name, func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return options, cobra.ShellCompDirectiveNoFileComp
	})
	return f
}

// checkedValue is a string flag whose value is checked when it is parsed,
// so that a bad value is a usage error (exit code 2).
type checkedValue struct {
	p     *string
	typ   string
	check func(string) error
}

func (f checkedValue) String() string {
	if f.p == nil {
		return ""
	}
	return *f.p
}

func (f checkedValue) Set(v string) error {
	if err := f.check(v); err != nil {
		return err
	}
	*f.p = v
	return nil
}

func (f checkedValue) Type() string { return f.typ }

func checkRegexp(v string) error {
	if _, err := regexp.Compile("(?i)" + v); err != nil {
		return fmt.Errorf("not a valid regexp: %v", err)
	}
	return nil
}
