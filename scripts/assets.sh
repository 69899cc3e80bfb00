#!/bin/sh
# Generate what the packages ship beside the binary, from the program
# itself so they never drift from its commands: man pages (English in
# man1, Chinese in zh_CN/man1) and bash, zsh and fish completions, into
# build/assets/. GoReleaser runs this before building (.goreleaser.yaml).
set -eu
cd "$(dirname "$0")/.."
out=build/assets
rm -rf "$out"
mkdir -p "$out/man/en" "$out/man/zh_CN" "$out/completions"
tp=$out/tangping-host
go build -o "$tp" ./cmd/tangping
"$tp" --lang en man | gzip -9n >"$out/man/en/tangping.1.gz"
"$tp" --lang zh man | gzip -9n >"$out/man/zh_CN/tangping.1.gz"
for sh in bash zsh fish; do
  "$tp" completion "$sh" >"$out/completions/tangping.$sh"
done
rm -f "$tp"
