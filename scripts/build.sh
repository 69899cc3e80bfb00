#!/bin/sh
# Build tangping once into bin/ with its version, commit and date, the
# same way the release is built (.goreleaser.yaml): static (CGO_ENABLED=0),
# -trimpath, -s -w. GOOS/GOARCH in the environment cross-build; OUT
# changes the output (a file, or a folder ending in /). See docs/install.md.
set -eu
cd "$(dirname "$0")/.."

# VERSION overrides; else the nearest tag, else the short commit.
version=${VERSION:-$(git describe --tags --always --dirty 2>/dev/null || echo dev)}
commit=$(git rev-parse HEAD 2>/dev/null || true)
# The commit's time, not the clock's: the same commit builds the same binary.
date=$(TZ=UTC git log -1 --format=%cd --date=format-local:%Y-%m-%dT%H:%M:%SZ 2>/dev/null || true)

pkg=github.com/tangping-dev/tangping/internal/cli
# A first build downloads and compiles every dependency for minutes
# (docs/install.md gives the measured time); say so before it starts.
echo "构建 tangping $version：第一次要下载并编译全部依赖，需要几分钟，之后只要几秒"
echo "building tangping $version: the first build downloads and compiles every dependency (minutes), later ones take seconds"
CGO_ENABLED=0 go build -trimpath \
  -ldflags "-s -w -X $pkg.buildVersion=$version -X $pkg.buildCommit=$commit -X $pkg.buildDate=$date" \
  -o "${OUT:-bin/}" ./cmd/tangping
echo "built ${OUT:-bin/tangping$(go env GOEXE)} ($version, $commit, $date)"
