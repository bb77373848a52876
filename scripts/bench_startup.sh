#!/usr/bin/env bash
# Start-up cost of the `thinkdex` program against another build of it (a baseline), measured in
# the same run, alternating call by call so that both see the same machine load: `--version`
# (loading the program and its shared libraries, nothing else) and `search --json` on a small
# index made here with `index --jsonl`. Reports the median and p90 wall time of each, the
# ratio to the baseline, and each program's count of shared libraries.
#
# Usage: scripts/bench_startup.sh BASELINE_THINKDEX [N]
#   BASELINE_THINKDEX  another `thinkdex` binary, e.g. one built from an older commit in a
#                      worktree: git worktree add /tmp/before OLD && (cd /tmp/before &&
#                      THINKDEX_TARGETS=thinkdex ./scripts/build.sh)
#   N                  calls of each program per measure (default 200), after 10 warm-up calls
# The program measured is $THINKDEX_BIN, else $THINKDEX_BUILD_DIR/cli/thinkdex (default build).
set -euo pipefail
cd "$(dirname "$0")/.."
baseline=${1:?usage: scripts/bench_startup.sh BASELINE_THINKDEX [N]}
n=${2:-200}
[ -x "$baseline" ] || { echo "bench_startup: '$baseline' is not an executable" >&2; exit 2; }
[[ $n =~ ^[1-9][0-9]*$ ]] || { echo "bench_startup: N must be a positive number (got '$n')" >&2; exit 2; }
current=${THINKDEX_BIN:-${THINKDEX_BUILD_DIR:-build}/cli/thinkdex}
[ -x "$current" ] || { echo "bench_startup: no '$current' (run scripts/build.sh)" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/thinkdex-bench-startup.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
python3 - "$tmp/docs.jsonl" <<'EOF'
import json, random, sys
random.seed(7)
words = ("grain reserve policy drought market storage harvest price donor government village "
         "region export import loan farmer season rainfall yield security famine").split()
with open(sys.argv[1], "w") as out:
    for i in range(500):
        text = " ".join(random.choice(words) for _ in range(300))
        out.write(json.dumps({"id": f"doc-{i}", "title": f"Brief {i}: {random.choice(words)}",
                              "text": text, "published": f"20{10 + i % 15}-05-20"}) + "\n")
EOF
"$current" -q index --jsonl "$tmp/docs.jsonl" --db "$tmp/index" >/dev/null

# Prints the wall times (ms) of N alternating calls of each program, as "which ms" lines.
race() {
    python3 - "$n" "$current" "$baseline" "$@" <<'EOF'
import subprocess, sys, time
n, current, baseline, args = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4:]
for i in range(n + 10):
    for which, program in (("current", current), ("baseline", baseline)):
        start = time.perf_counter()
        subprocess.run([program, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       check=True)
        if i >= 10:
            print(which, (time.perf_counter() - start) * 1000)
EOF
}

summary() {  # summary LABEL: reads race's lines
    python3 -c '
import statistics, sys
times = {"current": [], "baseline": []}
for line in sys.stdin:
    which, ms = line.split()
    times[which].append(float(ms))
def p90(v): return sorted(v)[int(0.9 * (len(v) - 1))]
c, b = times["current"], times["baseline"]
print(f"{sys.argv[1]:<16} current {statistics.median(c):6.1f} ms (p90 {p90(c):6.1f})   "
      f"baseline {statistics.median(b):6.1f} ms (p90 {p90(b):6.1f})   "
      f"ratio {statistics.median(c) / statistics.median(b):.2f}")' "$1"
}

echo "bench_startup: $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(nproc) core(s), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "shared libraries: current $(ldd "$current" | wc -l), baseline $(ldd "$baseline" | wc -l)"
echo "median of $n calls each, alternating (ratio below 1: the current program is faster)"
race --version | summary "--version"
race search --db "$tmp/index" --json "grain harvest" | summary "search --json"
