package cli

import (
	"github.com/spf13/cobra"

	"github.com/tangping-dev/tangping/internal/i18n"
)

// localiseCompletion gives cobra's completion command and its four shell
// subcommands texts in the interface language; cobra's own are English.
func localiseCompletion(root *cobra.Command, l i18n.Lang) {
	var comp *cobra.Command
	for _, c := range root.Commands() {
		if c.Name() == "completion" {
			comp = c
		}
	}
	if comp == nil {
		return
	}
	// cobra's completion command only groups the shells: a mistyped shell
	// showed this help with exit 0. Name the shell meant, exit 2.
	comp.Args = cobra.ArbitraryArgs
	comp.RunE = func(c *cobra.Command, args []string) error {
		if len(args) > 0 {
			return unknownCommand(l, c, args[0])
		}
		return c.Help()
	}
	comp.Short = l.T("生成 shell 自动补全脚本（bash、zsh、fish、powershell）", "generate a shell completion script (bash, zsh, fish, powershell)")
	comp.Long = l.T(
		"生成 shell 的自动补全脚本：在命令行里按 Tab 即可补全 tangping 的命令、选项和文件名。\n"+
			"支持 bash、zsh、fish 和 PowerShell；启用方法见 tangping completion <shell> --help。",
		"Generate a shell completion script: Tab then completes tangping's commands, flags and file names.\n"+
			"bash, zsh, fish and PowerShell are supported; tangping completion <shell> --help says how to load it.")
	noDesc := l.T("补全时不显示各项的说明", "leave the descriptions out of the completions")
	texts := map[string][2]string{
		"bash": {
			l.T("生成 bash 的自动补全脚本", "generate the completion script for bash"),
			l.T(
				"生成 bash 的自动补全脚本。需要先安装 bash-completion 软件包。\n"+
					"只在当前终端里启用：\n"+
					"  source <(tangping completion bash)\n"+
					"以后每次打开终端都启用：\n"+
					"  d=~/.local/share/bash-completion/completions\n"+
					"  mkdir -p $d && tangping completion bash > $d/tangping\n"+
					"新开的终端里生效。",
				"Generate the completion script for bash. It needs the bash-completion package.\n"+
					"For this terminal only:\n"+
					"  source <(tangping completion bash)\n"+
					"For every new terminal:\n"+
					"  d=~/.local/share/bash-completion/completions\n"+
					"  mkdir -p $d && tangping completion bash > $d/tangping\n"+
					"It takes effect in a new terminal."),
		},
		"zsh": {
			l.T("生成 zsh 的自动补全脚本", "generate the completion script for zsh"),
			l.T(
				"生成 zsh 的自动补全脚本。zsh 的补全还没有启用时，先执行一次：\n"+
					"  echo 'autoload -U compinit; compinit' >> ~/.zshrc\n"+
					"只在当前终端里启用：\n"+
					"  source <(tangping completion zsh)\n"+
					"以后每次打开终端都启用：\n"+
					"  tangping completion zsh > \"${fpath[1]}/_tangping\"\n"+
					"新开的终端里生效。",
				"Generate the completion script for zsh. If zsh's completion is not on yet, run once:\n"+
					"  echo 'autoload -U compinit; compinit' >> ~/.zshrc\n"+
					"For this terminal only:\n"+
					"  source <(tangping completion zsh)\n"+
					"For every new terminal:\n"+
					"  tangping completion zsh > \"${fpath[1]}/_tangping\"\n"+
					"It takes effect in a new terminal."),
		},
		"fish": {
			l.T("生成 fish 的自动补全脚本", "generate the completion script for fish"),
			l.T(
				"生成 fish 的自动补全脚本。\n"+
					"只在当前终端里启用：\n"+
					"  tangping completion fish | source\n"+
					"以后每次打开终端都启用：\n"+
					"  tangping completion fish > ~/.config/fish/completions/tangping.fish\n"+
					"新开的终端里生效。",
				"Generate the completion script for fish.\n"+
					"For this terminal only:\n"+
					"  tangping completion fish | source\n"+
					"For every new terminal:\n"+
					"  tangping completion fish > ~/.config/fish/completions/tangping.fish\n"+
					"It takes effect in a new terminal."),
		},
		"powershell": {
			l.T("生成 PowerShell 的自动补全脚本", "generate the completion script for PowerShell"),
			l.T(
				"生成 PowerShell 的自动补全脚本。\n"+
					"只在当前窗口里启用：\n"+
					"  tangping completion powershell | Out-String | Invoke-Expression\n"+
					"以后每次打开 PowerShell 都启用：把上面这一行加到配置文件 $PROFILE 的末尾。",
				"Generate the completion script for PowerShell.\n"+
					"For this window only:\n"+
					"  tangping completion powershell | Out-String | Invoke-Expression\n"+
					"For every new window: add that line to the end of your profile, $PROFILE."),
		},
	}
	for _, c := range comp.Commands() {
		t, ok := texts[c.Name()]
		if !ok {
			continue
		}
		c.Short, c.Long = t[0], t[1]
		if f := c.Flags().Lookup("no-descriptions"); f != nil {
			f.Usage = noDesc
		}
	}
}
