#!/bin/sh
# render-reports.sh: render every HTML report (personal zh/en, a result
# with missing answers zh/en, the outline zh/en, the group report of 12
# and of 150 zh/en) with
# Debian's headless Chromium, to look at them as readers will:
#   NAME-desktop.png   1280 wide, the whole page
#   NAME-screen.png    1280×720, what a projector shows first
#   NAME-phone.png     390 wide (an iPhone 12–15), the whole page
#   NAME-a4-N.png      each A4 page as "print to PDF" makes it (NAME.pdf)
# and the group XLSX through LibreOffice (group-xlsx-N.png, one per page).
# Not part of CI (internal/report and internal/group/render test the
# structure without a browser). Needs:
#   apt-get install -y --no-install-recommends chromium fonts-noto-cjk libreoffice-calc poppler-utils
# Usage: bench/render-reports.sh [OUTDIR]   (default: a new temporary directory)
#   ONLY='outline-*' bench/render-reports.sh   renders only the pages whose
#   name matches (the XLSX only when ONLY matches group-xlsx).
# Then look at every PNG.
set -eu
cd "$(dirname "$0")/.."
out=${1:-$(mktemp -d)}
mkdir -p "$out"
for c in chromium pdftoppm; do
	command -v $c >/dev/null || { echo "$c not found: see the apt-get line at the top of $0" >&2; exit 1; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/tangping" ./cmd/tangping
go build -o "$work/gen" ./bench/group
tp="$work/tangping"

# Results from the report package's fixtures.
for f in flagged missing idealised; do
	"$tp" score --answers "internal/report/testdata/answers-$f.json" -o "$work/$f.json"
done
"$tp" report "$work/flagged.json" --format html -o "$out/personal-zh.html"
"$tp" report "$work/missing.json" --format html -o "$out/personal-missing-zh.html"
"$tp" report "$work/idealised.json" --format html --lang en -o "$out/personal-en.html"
"$tp" report "$work/missing.json" --format html --lang en -o "$out/personal-missing-en.html"
"$tp" report "$work/missing.json" --outline --format html -o "$out/outline-zh.html"
"$tp" report "$work/flagged.json" --outline --format html --lang en -o "$out/outline-en.html"
# A small group of 12 (most figures protected, no items table) and one
# of 150 generated results (items show from 100).
"$work/gen" -n 12 -dir "$work/small" -per-dir 0
"$tp" group "$work/small" --by unit --title "科室学习会" --format html -o "$out/group-12-zh.html"
"$work/gen" -n 150 -dir "$work/group" -per-dir 0
"$tp" group "$work/group" --by unit --title "市城管系统 2025 年第一期专题培训" --format html -o "$out/group-zh.html"
"$tp" group "$work/group" --by role --format html --lang en -o "$out/group-en.html"
"$tp" group "$work/group" --by unit --format xlsx -o "$out/group-zh.xlsx"

chrome() {
	profile=$(mktemp -d)
	chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
		--disable-component-update --disable-sync --no-first-run --hide-scrollbars \
		--user-data-dir="$profile" "$@" >/dev/null 2>&1 || true
	rm -rf "$profile"
}

go build -o "$work/pngtrim" ./bench/pngtrim
# crop cuts a tall screenshot just below the end of the page.
crop() { "$work/pngtrim" "$1"; }

for html in "$out"/*.html; do
	name=$(basename "$html" .html)
	# shellcheck disable=SC2254
	case $name in ${ONLY:-*}) ;; *) continue ;; esac
	url="file://$(realpath "$html")"
	chrome --window-size=1280,9000 --screenshot="$out/$name-desktop.png" "$url"
	crop "$out/$name-desktop.png"
	chrome --window-size=1280,720 --screenshot="$out/$name-screen.png" "$url"
	chrome --window-size=390,16000 --screenshot="$out/$name-phone.png" "$url"
	crop "$out/$name-phone.png"
	chrome --print-to-pdf="$out/$name.pdf" "$url"
	pdftoppm -r 60 -png "$out/$name.pdf" "$out/$name-a4"
done

case group-xlsx in ${ONLY:-*}) xlsx=1 ;; *) xlsx= ;; esac
if [ -z "$xlsx" ]; then
	:
elif command -v soffice >/dev/null; then
	profile=$(mktemp -d)
	soffice -env:UserInstallation="file://$profile" --headless --convert-to pdf --outdir "$work" "$out/group-zh.xlsx" >/dev/null 2>&1 || true
	rm -rf "$profile"
	[ -f "$work/group-zh.pdf" ] && cp "$work/group-zh.pdf" "$out/group-xlsx.pdf" && pdftoppm -r 60 -png "$out/group-xlsx.pdf" "$out/group-xlsx"
else
	echo "soffice not found: the XLSX is not rendered" >&2
fi
ls "$out"/*.png
