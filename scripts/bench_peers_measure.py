#!/usr/bin/env python3
"""The measuring half of scripts/bench_peers.sh: times CGI requests and search processes of
thinkdex and Omega alternately on the same queries, reads the indexing times the shell part
took, and prints one table of medians with the ratio thinkdex / Omega."""
import argparse
import json
import os
import re
import statistics
import subprocess
import time
import urllib.parse
import urllib.request

# One-word queries of every frequency class in the dev pages; each must match on both engines.
QUERIES = ["security", "climate", "economy", "health", "energy", "china", "election", "trade",
           "technology", "museum", "vaccine", "football"]


def p95(xs):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(0.95 * (len(xs) - 1)))]


def fetch_ms(url):
    start = time.perf_counter()
    with urllib.request.urlopen(url) as answer:
        body = answer.read()
        status = answer.status
    elapsed = (time.perf_counter() - start) * 1000
    if status != 200 or not body:
        raise SystemExit(f"bench_peers: {url} answered {status} with {len(body)} bytes")
    return elapsed


def run_ms(argv, env=None):
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, check=True, env=env)
    return (time.perf_counter() - start) * 1000


def request_urls(web, query):
    word = urllib.parse.quote(query)
    return {
        "CGI HTML answer": (f"{web}/thinkdex?q={word}", f"{web}/omega?P={word}"),
        "CGI JSON answer": (f"{web}/thinkdex?q={word}&format=json", f"{web}/omega?P={word}&FMT=json"),
        "CGI with no query": (f"{web}/thinkdex", f"{web}/omega"),
    }


def measure_requests(args):
    times = {}
    for _ in range(args.requests):
        for query in QUERIES:
            for kind, (ours, theirs) in request_urls(args.web, query).items():
                pair = times.setdefault(kind, ([], []))
                pair[0].append(fetch_ms(ours))
                pair[1].append(fetch_ms(theirs))
    return times


def measure_processes(args):
    env = dict(os.environ, THINKDEX_CONFIG="/dev/null")
    ours, theirs = [], []
    for _ in range(args.runs):
        for query in QUERIES:
            ours.append(run_ms([args.thinkdex, "search", "--json", "--db", args.thinkdex_index, query], env))
            theirs.append(run_ms(["quest", "-d", args.omega_db, query]))
    return ours, theirs


def check_matches(args):
    """A query that matches nothing on one side would time an empty answer: refuse it."""
    env = dict(os.environ, THINKDEX_CONFIG="/dev/null")
    for query in QUERIES:
        ours = subprocess.run([args.thinkdex, "search", "--json", "--db", args.thinkdex_index, query],
                              capture_output=True, text=True, check=True, env=env).stdout
        theirs = subprocess.run(["quest", "-d", args.omega_db, query],
                                capture_output=True, text=True, check=True).stdout
        if json.loads(ours)["total"] == 0 or re.search(r"^Exactly 0 matches", theirs, re.M):
            raise SystemExit(f"bench_peers: '{query}' matches nothing on one of the engines")


def index_rows(args):
    walls, cpus, rss = {}, {}, {}
    with open(args.index_times) as lines:
        for line in lines:
            tool, wall, user, system, kb = line.split()
            walls.setdefault(tool, []).append(float(wall))
            cpus.setdefault(tool, []).append(float(user) + float(system))
            rss.setdefault(tool, []).append(int(kb) / 1024)
    docs = dict(zip(("thinkdex", "omindex"), args.docs))
    kb = dict(zip(("thinkdex", "omindex"), args.kb))
    per = {tool: {"docs/s (wall)": docs[tool] / statistics.median(walls[tool]),
                  "docs/s (CPU)": docs[tool] / statistics.median(cpus[tool]),
                  "peak RSS (MB)": statistics.median(rss[tool]),
                  "KB per document": kb[tool] / docs[tool]}
           for tool in ("thinkdex", "omindex")}
    return [(f"index: {name}", per["thinkdex"][name], per["omindex"][name])
            for name in per["thinkdex"]]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, required=True)
    parser.add_argument("--requests", type=int, required=True)
    parser.add_argument("--index-times", required=True)
    parser.add_argument("--docs", type=int, nargs=2, required=True)
    parser.add_argument("--kb", type=int, nargs=2, required=True)
    parser.add_argument("--web", required=True)
    parser.add_argument("--thinkdex", required=True)
    parser.add_argument("--thinkdex-index", required=True)
    parser.add_argument("--omega-db", required=True)
    args = parser.parse_args()

    check_matches(args)
    for query in QUERIES[:2]:  # warm the page cache and the web server
        for ours, theirs in request_urls(args.web, query).values():
            fetch_ms(ours), fetch_ms(theirs)
    rows = index_rows(args)
    for kind, (ours, theirs) in measure_requests(args).items():
        rows.append((f"{kind}, median (ms)", statistics.median(ours), statistics.median(theirs)))
        rows.append((f"{kind}, p95 (ms)", p95(ours), p95(theirs)))
    ours, theirs = measure_processes(args)
    rows.append(("search --json vs quest, median (ms)", statistics.median(ours), statistics.median(theirs)))

    print(f"{len(QUERIES)} one-word queries; {args.requests} requests of each query and kind; "
          f"indexing and processes: medians of {args.runs} runs")
    print(f"{'measure':<44}{'thinkdex':>10}{'Omega':>10}{'ratio':>8}")
    for name, ours, theirs in rows:
        print(f"{name:<44}{ours:>10.1f}{theirs:>10.1f}{ours / theirs:>7.2f}x")


if __name__ == "__main__":
    main()
