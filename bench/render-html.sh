#!/bin/sh
# render-html.sh: render the HTML report of a result to PNG screenshots with
# headless Chromium, to look at the page the way a reader would: at A4 width
# (794×1123 CSS px, i.e. 210 mm at 96 dpi) and on a phone (390 px wide).
# Not part of CI; needs Debian's chromium and a CJK font:
#   apt-get update && apt-get install -y chromium fonts-noto-cjk
#
# Usage: bench/render-html.sh [RESULT.json] [OUTDIR] [-- extra tangping report flags]
#   RESULT.json defaults to internal/report/testdata/result-flagged.json, made with
#     go run ./cmd/tangping score --answers internal/report/testdata/answers-flagged.json \
#       --out internal/report/testdata/result-flagged.json
#   OUTDIR defaults to a new temporary directory; the PNG paths are printed.
# Examples:
#   bench/render-html.sh
#   bench/render-html.sh result.json /tmp/shots -- --lang en
#   bench/render-html.sh result.json /tmp/shots -- --outline
set -eu
cd "$(dirname "$0")/.."
result=${1:-internal/report/testdata/result-flagged.json}
out=${2:-$(mktemp -d)}
[ $# -ge 1 ] && shift
[ $# -ge 1 ] && shift
[ "${1:-}" = "--" ] && shift
command -v chromium >/dev/null || { echo "chromium not found: apt-get install -y chromium fonts-noto-cjk" >&2; exit 1; }
mkdir -p "$out"
go run ./cmd/tangping report "$result" --format html -o "$out/report.html" "$@"

shot() { # name width height
	profile=$(mktemp -d)
	chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
		--disable-component-update --disable-sync --no-first-run --hide-scrollbars \
		--user-data-dir="$profile" --window-size="$2,$3" \
		--screenshot="$out/$1.png" "file://$(realpath "$out/report.html")" >/dev/null 2>&1
	rm -rf "$profile"
	echo "$out/$1.png"
}
# Tall windows so that one picture holds the whole page.
shot a4 794 "${A4_HEIGHT:-4200}"
shot phone 390 "${PHONE_HEIGHT:-7000}"
# A PDF through the print stylesheet, as "print to PDF" would make it.
profile=$(mktemp -d)
chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
	--disable-component-update --disable-sync --no-first-run --user-data-dir="$profile" \
	--no-pdf-header-footer --print-to-pdf="$out/report.pdf" "file://$(realpath "$out/report.html")" >/dev/null 2>&1 || true
rm -rf "$profile"
[ -f "$out/report.pdf" ] && echo "$out/report.pdf"
