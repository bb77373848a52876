#!/usr/bin/env bash
# PDF text extraction speed: `thinkdex extract` (poppler in a bounded child per file) against
# `pdftotext` (poppler-utils) on the same PDFs in one run, one process per file for both, as
# each would read a file handed to it, and `thinkdex extract` once over all the files, as the
# indexer reads them (one process, which still forks a child per PDF). Prints pages/s and MB/s
# of each (medians of RUNS runs) and the ratios; the PDFs are made here with groff: the test sources in tests/data/pdf and a
# long generated report (PAGES pages), so no fixture is downloaded.
#
# Usage: scripts/bench_pdf.sh [RUNS] [PAGES]     (default 5 runs, a report of about 200 pages)
#   THINKDEX_BUILD_DIR=build scripts/bench_pdf.sh 3
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
long_pages=${2:-200}
build=${THINKDEX_BUILD_DIR:-build}
for tool in groff pdftotext pdfinfo; do
    command -v "$tool" >/dev/null || { echo "bench_pdf: $tool missing: run scripts/install-deps.sh" >&2; exit 2; }
done
[ "$runs" -ge 3 ] || { echo "bench_pdf: at least 3 runs, for a median" >&2; exit 2; }
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" --target thinkdex -j2 >/dev/null
thinkdex="$build/cli/thinkdex"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for src in tests/data/pdf/report.ms tests/data/pdf/junk.ms tests/data/pdf/french.ms; do
    groff -k -Tpdf -ms -mpdfmark "$src" > "$work/$(basename "$src" .ms).pdf"
done
# A long report: numbered sections of varied prose, about PAGES pages.
awk -v pages="$long_pages" 'BEGIN {
    srand(16)
    split("grain reserve policy drought market cooperative storage harvest price donor " \
          "government village region export import loan farmer season rainfall yield " \
          "security famine report chapter evidence survey household income", w, " ")
    print ".TL\nA Long Report on Grain Reserves\n.AU\nAmina Diallo\n"
    for (p = 1; p <= pages * 6; p++) {
        if (p % 12 == 1) printf ".NH\nSection %d\n", p
        print ".PP"
        line = ""
        for (i = 0; i < 110; i++) line = line w[int(rand() * 27) + 1] (i % 14 == 13 ? ".\n" : " ")
        print line
    }
}' > "$work/long.ms"
groff -Tpdf -ms "$work/long.ms" > "$work/long.pdf"

files=("$work"/*.pdf)
total_pages=0
total_bytes=0
for f in "${files[@]}"; do
    total_pages=$((total_pages + $(pdfinfo "$f" | awk '/^Pages:/ {print $2}')))
    total_bytes=$((total_bytes + $(stat -c %s "$f")))
done

# Seconds (wall clock) for one pass of `$@ FILE` over every file.
one_pass() {
    local start end
    start=$(date +%s.%N)
    for f in "${files[@]}"; do "$@" "$f" >/dev/null; done
    end=$(date +%s.%N)
    echo "$end - $start" | bc -l
}
median() { sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

pdftotext_one() { pdftotext "$1" -; }
thinkdex_one() { "$thinkdex" extract -q "$1"; }
"$thinkdex" extract -q "${files[0]}" >/dev/null  # warm the caches once
thinkdex_all() { start=$(date +%s.%N); "$thinkdex" extract -q "${files[@]}" >/dev/null; echo "$(date +%s.%N) - $start" | bc -l; }
t_pdf=(); t_thx=(); t_all=()
for _ in $(seq "$runs"); do
    # Alternated within a run, so that a change in the machine's load hits both alike.
    t_pdf+=("$(one_pass pdftotext_one)")
    t_thx+=("$(one_pass thinkdex_one)")
    t_all+=("$(thinkdex_all)")
done
m_pdf=$(printf '%s\n' "${t_pdf[@]}" | median)
m_thx=$(printf '%s\n' "${t_thx[@]}" | median)
m_all=$(printf '%s\n' "${t_all[@]}" | median)
mb=$(echo "$total_bytes / 1048576" | bc -l)

echo "bench_pdf: commit $(git rev-parse --short HEAD)$(git diff --quiet || echo '+changes'), $(nproc) core(s): $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%d files, %d pages, %.2f MB; median of %d runs, one process per file\n' \
    "${#files[@]}" "$total_pages" "$mb" "$runs"
printf '%-10s %8.3f s  %8.1f pages/s  %6.2f MB/s\n' pdftotext "$m_pdf" \
    "$(echo "$total_pages / $m_pdf" | bc -l)" "$(echo "$mb / $m_pdf" | bc -l)"
printf '%-10s %8.3f s  %8.1f pages/s  %6.2f MB/s\n' thinkdex "$m_thx" \
    "$(echo "$total_pages / $m_thx" | bc -l)" "$(echo "$mb / $m_thx" | bc -l)"
printf '%-10s %8.3f s  %8.1f pages/s  %6.2f MB/s  (one process for all files)\n' \
    "thinkdex*" "$m_all" "$(echo "$total_pages / $m_all" | bc -l)" "$(echo "$mb / $m_all" | bc -l)"
printf 'time ratio thinkdex / pdftotext: %.2f per file, %.2f in one process (below 1: faster)\n' \
    "$(echo "$m_thx / $m_pdf" | bc -l)" "$(echo "$m_all / $m_pdf" | bc -l)"
