package cli

import (
	"regexp"
	"runtime/debug"
	"strings"
)

// Set at link time by scripts/build.sh and .goreleaser.yaml with
// -ldflags "-X github.com/tangping-dev/tangping/internal/cli.buildVersion=…"
// (docs/install.md). Empty in a plain `go build` or `go install`, where
// version falls back to what the Go toolchain recorded.
var (
	buildVersion string
	buildCommit  string
	buildDate    string
)

// version is what --version prints after "tangping version".
func version() string {
	info, _ := debug.ReadBuildInfo()
	return describeVersion(buildVersion, buildCommit, buildDate, info)
}

// pseudoVersion matches the tail of a Go pseudo-version
// (v0.0.0-20260101120000-abcdef123456), which names the commit and its
// time; `go install module@commit` records only that.
var pseudoVersion = regexp.MustCompile(`(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})-([0-9a-f]{12})(\+[a-z]+)?$`)

// describeVersion gives the version, the commit and the build (or commit)
// date: from the linker flags when the release build set them, else from
// the build information the Go toolchain records — the module version for
// `go install …@version`, vcs.revision and vcs.time for `go build` in a
// git clone.
func describeVersion(ver, commit, date string, info *debug.BuildInfo) string {
	modified := false
	if info != nil {
		if ver == "" && info.Main.Version != "" && info.Main.Version != "(devel)" {
			ver = info.Main.Version
		}
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				if commit == "" {
					commit = s.Value
				}
			case "vcs.time":
				if date == "" {
					date = s.Value
				}
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
	}
	if m := pseudoVersion.FindStringSubmatch(ver); m != nil {
		if commit == "" {
			commit = m[7]
		}
		if date == "" {
			date = m[1] + "-" + m[2] + "-" + m[3] + "T" + m[4] + ":" + m[5] + ":" + m[6] + "Z"
		}
	}
	if ver == "" {
		ver = "dev"
	}
	if len(commit) > 12 {
		commit = commit[:12]
	}
	if modified && !strings.HasSuffix(ver, "+dirty") {
		commit += "+dirty"
	}
	var extra []string
	if commit != "" {
		extra = append(extra, "commit "+commit)
	}
	if date != "" {
		extra = append(extra, date)
	}
	if len(extra) == 0 {
		return ver
	}
	return ver + " (" + strings.Join(extra, ", ") + ")"
}
