package cli

import (
	"github.com/spf13/pflag"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/verify"
)

// bankFlags are how a command that reads results finds their banks:
// results are verified against the bank their sha256 names, looked up in
// the built-in banks, then --bank files, then --banks folders
// (docs/verification.md).
type bankFlags struct {
	files      []string
	dirs       []string
	unverified bool
}

func (a *App) addBankFlags(f *pflag.FlagSet, o *bankFlags) {
	l := a.Lang
	a.addBankSearchFlags(f, o)
	f.BoolVar(&o.unverified, "unverified", false, l.T("找不到题库的结果也读取，不经核对，输出标明“未核对”", "read results whose bank is not found, unchecked and marked so"))
}

// addBankSearchFlags adds --bank and --banks alone, for a command that
// can do nothing with a result whose bank is not found.
func (a *App) addBankSearchFlags(f *pflag.FlagSet, o *bankFlags) {
	l := a.Lang
	f.StringArrayVar(&o.files, "bank", nil, l.T("结果评分时所用的题库文件（可重复；内置题库无需指定）", "bank file the results were scored with (repeatable; built-in banks need none)"))
	f.StringArrayVar(&o.dirs, "banks", nil, l.T("存放题库文件的目录，按 sha256 查找结果的题库（可重复）", "folder of bank files, searched by sha256 (repeatable)"))
}

// verifier loads the --bank files now, so that a mistyped one fails at
// once, and returns the verifier every result is read through.
func (a *App) verifier(o *bankFlags) (*verify.Verifier, error) {
	reg := bank.NewRegistry(a.Lang)
	for _, p := range o.files {
		if _, err := reg.AddFile(p); err != nil {
			return nil, badInput(err)
		}
	}
	for _, d := range o.dirs {
		if err := reg.AddDir(d); err != nil {
			return nil, badInput(err)
		}
	}
	return &verify.Verifier{Banks: reg, AllowUnverified: o.unverified, Lang: a.Lang}, nil
}
