package cli

import (
	"runtime/debug"
	"testing"
)

func TestVersionNamesTheBuildHoweverItWasBuilt(t *testing.T) {
	t.Parallel()
	const rev = "992c4055c9919e0eaa04ab0d0d52da27a6b7d2d9"
	vcs := func(modified string) []debug.BuildSetting {
		return []debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: rev},
			{Key: "vcs.time", Value: "2026-11-29T23:00:58Z"}, {Key: "vcs.modified", Value: modified}}
	}
	build := func(v string, s []debug.BuildSetting) *debug.BuildInfo {
		return &debug.BuildInfo{Main: debug.Module{Path: "github.com/tangping-dev/tangping", Version: v}, Settings: s}
	}
	cases := []struct {
		name              string
		ver, commit, date string
		info              *debug.BuildInfo
		want              string
	}{
		{"release build: the linker flags win over build info", "v1.2.0", rev, "2026-12-01T08:00:00Z", build("(devel)", vcs("false")),
			"v1.2.0 (commit 992c4055c991, 2026-12-01T08:00:00Z)"},
		{"go build in a clean clone", "", "", "", build("v0.0.0-20261129230058-992c4055c991", vcs("false")),
			"v0.0.0-20261129230058-992c4055c991 (commit 992c4055c991, 2026-11-29T23:00:58Z)"},
		{"go build with local changes", "", "", "", build("v0.0.0-20261129230058-992c4055c991+dirty", vcs("true")),
			"v0.0.0-20261129230058-992c4055c991+dirty (commit 992c4055c991, 2026-11-29T23:00:58Z)"},
		{"an older Go: no module version, vcs only", "", "", "", build("(devel)", vcs("true")),
			"dev (commit 992c4055c991+dirty, 2026-11-29T23:00:58Z)"},
		{"go install …@v1.2.0", "", "", "", build("v1.2.0", nil), "v1.2.0"},
		{"go install …@commit: the pseudo-version names commit and time", "", "", "", build("v0.0.0-20261129230058-992c4055c991", nil),
			"v0.0.0-20261129230058-992c4055c991 (commit 992c4055c991, 2026-11-29T23:00:58Z)"},
		{"go build -buildvcs=false", "", "", "", build("(devel)", nil), "dev"},
		{"no build info", "", "", "", nil, "dev"},
	}
	for _, c := range cases {
		if got := describeVersion(c.ver, c.commit, c.date, c.info); got != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
	}
}
