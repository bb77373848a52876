#!/usr/bin/env python3
"""Fits the page-kind scores (indexer/src/extract_kind.cpp) on the TUNING half of wcxb-dev.

Runs `thinkdex extract -vv` over every wcxb-dev page (each with its URL), reads the `kind-signals` debug line of each,
turns the signals into the score's features exactly as classify_kind() does, and fits an
L2-regularised logistic regression (article vs rest) on the tuning half only (the split of
scripts/extraction_split.py). Prints the rounded weights, their 5-fold cross-validated accuracy
within the tuning half, and, with --drop-one, the cross-validated accuracy with each feature left
out (a feature is kept only if leaving it out lowers it). The confirmation half is never read.
Standard library only; deterministic (fixed folds, Newton's method). The weights now in
extract_kind.cpp come from an earlier fit; this script's refit lands within 0.7 of each of them
with the same 5-fold accuracy (0.931 on the tuning half), so the code keeps them. To try a new
signal: log it on the kind-signals line, add its feature here, compare the cross-validated
accuracy with and without it (--only, --drop-one).
With --stage listing it fits the second score instead, listing (WCXB listing and collection)
against page (service), on the tuning pages whose gold kind is not article; its features are
LISTING_FEATURES and its weights the listing_* tunables.
With --pipeline it cross-validates the two scores together, as classify_kind() runs them (the
listing score only for pages the article score rejects, a page path always a page), and prints
article-vs-rest and three-kind accuracy over the tuning half's folds: a listing term can raise
the listing stage's own accuracy (fitted on the gold non-articles) and leave the kinds the
bench scores unchanged, because the pages the article score rejects are not those.

  scripts/fit_kind.py [--thinkdex build/cli/thinkdex] [--bench ../shared/bench] [--l2 0.001]
                      [--stage article|listing] [--drop-one] [--pipeline] [--signals FILE]   (FILE: a saved -vv log, to skip extraction)
"""
import argparse
import json
import math
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from extraction_split import half  # noqa: E402

# Feature name -> function of the parsed signals, mirroring classify_kind()'s terms.
FEATURES = {
    "structured_article": lambda s: 1.0 if s["struct"] == 1 else 0.0,
    "structured_page": lambda s: 1.0 if s["ptype"] and s["struct"] != 1 else 0.0,
    "dated": lambda s: 1.0 if s["dated"] else 0.0,
    "long_paragraphs": lambda s: min(s["longp"], 10) / 10,
    "link_density": lambda s: s["ld"],
    "teaser_share": lambda s: s["tshare"],
    "url_article": lambda s: 1.0 if s["url"] == 1 else 0.0,
    "url_listing": lambda s: 1.0 if s["url"] == -1 else 0.0,
    "title_words": lambda s: min(s["tw"], 12) / 12,
    "sentence_share": lambda s: s["sshare"],
    "paragraph_share": lambda s: s["pshare"],
    "inputs": lambda s: math.log1p(s["inputs"]) / 4,
    "content_share": lambda s: s["cshare"],
    "we_share": lambda s: min(1.0, s["we"] * 20),
    "calls_to_action": lambda s: math.log1p(s["cta"]) / 4,
}

# The listing score (a listing rather than a page, among the pages that are not articles).
LISTING_FEATURES = {
    "listing_you_share": lambda s: min(1.0, s["you"] * 20),
    "listing_we_share": lambda s: min(1.0, s["we"] * 20),
    "listing_choices": lambda s: math.log1p(s["choices"]) / 4,
    "listing_content_share": lambda s: s["cshare"],
    "listing_link_density": lambda s: s["ld"],
    "listing_teaser_share": lambda s: s["tshare"],
    "listing_url": lambda s: 1.0 if s["url"] == -1 else 0.0,
    "listing_next_page": lambda s: 1.0 if s["next"] else 0.0,
    "listing_calls_to_action": lambda s: math.log1p(s["cta"]) / 4,
    "listing_more_links": lambda s: math.log1p(s["more"]) / 4,
    "listing_purchases": lambda s: 1.0 if s.get("buy", 0) >= 3 else 0.0,
}


def parse_value(v):
    if v in ("true", "false"):
        return v == "true"
    try:
        return int(v)
    except ValueError:
        try:
            return float(v)
        except ValueError:
            return v


def read_signals(log_lines):
    """Signals of each page, in the order of the log (one kind-signals line per page)."""
    out = []
    for line in log_lines:
        at = line.find("kind-signals ")
        if at < 0:
            continue
        # the URL may be empty: the signals start at "struct="
        fields = line[line.index(" struct=", at) + 1:].split()
        out.append({k: parse_value(v) for k, v in (f.split("=", 1) for f in fields)})
    return out


def solve(a, b):
    """x with a x = b (Gaussian elimination with partial pivoting; a is small)."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        for r in range(n):
            if r != c and m[c][c] != 0:
                f = m[r][c] / m[c][c]
                for k in range(c, n + 1):
                    m[r][k] -= f * m[c][k]
    return [m[i][n] / m[i][i] if m[i][i] else 0.0 for i in range(n)]


def fit(rows, labels, names, l2, steps=25):
    """Newton's method on the mean log loss + l2 * |w|^2 (the bias not penalised)."""
    d = len(names) + 1
    w = [0.0] * d
    n = len(rows)
    for _ in range(steps):
        grad = [0.0] * d
        hess = [[0.0] * d for _ in range(d)]
        for x, y in zip(rows, labels):
            xs = [1.0] + x
            z = sum(wi * xi for wi, xi in zip(w, xs))
            p = 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))
            for j in range(d):
                grad[j] += (p - y) * xs[j] / n
                for k in range(j, d):
                    hess[j][k] += p * (1 - p) * xs[j] * xs[k] / n
        for j in range(d):
            for k in range(j):
                hess[j][k] = hess[k][j]
            if j > 0:
                grad[j] += 2 * l2 * w[j]
                hess[j][j] += 2 * l2
        step = solve(hess, grad)
        w = [wi - si for wi, si in zip(w, step)]
    return w


def accuracy(w, rows, labels):
    right = 0
    for x, y in zip(rows, labels):
        z = w[0] + sum(wi * xi for wi, xi in zip(w[1:], x))
        right += (z > 0) == (y == 1)
    return right / len(rows)


def cross_validated(rows, labels, names, l2, folds=5):
    right = 0
    for k in range(folds):
        train = [i for i in range(len(rows)) if i % folds != k]
        test = [i for i in range(len(rows)) if i % folds == k]
        w = fit([rows[i] for i in train], [labels[i] for i in train], names, l2)
        w = [round(v, 1) for v in w]
        right += accuracy(w, [rows[i] for i in test], [labels[i] for i in test]) * len(test)
    return right / len(rows)


GOLD_KIND = {"article": "article", "listing": "listing", "collection": "listing", "service": "page"}


def score(w, x):
    return w[0] + sum(wi * xi for wi, xi in zip(w[1:], x))


def pipeline_cross_validated(pages, l2, folds=5):
    """(article-vs-rest, three-kind) accuracy of both scores fitted on four folds of `pages`
    ((signals, gold page_type) of the tuning half) and run as classify_kind() on the fifth."""
    names, lnames = list(FEATURES), list(LISTING_FEATURES)
    right_article = right_kind = 0
    for k in range(folds):
        train = [p for i, p in enumerate(pages) if i % folds != k]
        test = [p for i, p in enumerate(pages) if i % folds == k]
        w = fit([[FEATURES[f](s) for f in names] for s, _ in train],
                [1 if t == "article" else 0 for _, t in train], names, l2)
        rest = [(s, t) for s, t in train if t != "article"]
        lw = fit([[LISTING_FEATURES[f](s) for f in lnames] for s, _ in rest],
                 [1 if t in ("listing", "collection") else 0 for _, t in rest], lnames, l2)
        w, lw = [round(v, 1) for v in w], [round(v, 1) for v in lw]
        for s, t in test:
            if score(w, [FEATURES[f](s) for f in names]) > 0:
                kind = "article"
            elif s["url"] == -2:
                kind = "page"
            else:
                kind = "listing" if score(lw, [LISTING_FEATURES[f](s) for f in lnames]) > 0 else "page"
            right_article += (kind == "article") == (t == "article")
            right_kind += kind == GOLD_KIND[t]
    return right_article / len(pages), right_kind / len(pages)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--thinkdex", default="build/cli/thinkdex")
    ap.add_argument("--bench", default="../shared/bench")
    ap.add_argument("--l2", type=float, default=0.001)
    ap.add_argument("--drop-one", action="store_true")
    ap.add_argument("--signals", help="a saved `thinkdex extract -vv --threads 1` log of the pages")
    ap.add_argument("--only", help="comma-separated features to fit (default: all)")
    ap.add_argument("--pipeline", action="store_true",
                    help="cross-validate both scores together, as classify_kind() runs them")
    ap.add_argument("--stage", choices=("article", "listing"), default="article",
                    help="article: the article score (article vs rest, every tuning page); "
                         "listing: the listing score (listing vs page, the tuning pages whose "
                         "gold kind is not article)")
    args = ap.parse_args()
    base = os.path.join(args.bench, "wcxb-dev")
    truth = [json.loads(line) for line in open(os.path.join(base, "truth.jsonl"), encoding="utf-8")]
    truth.sort(key=lambda r: r["html"])
    # each page with its URL, as bench_extraction.sh and a crawl give it (the URL's shape is a
    # signal); `extract` takes a --url for every file or for none
    files = []
    with_urls = any(r.get("url") for r in truth)
    for r in truth:
        if with_urls:
            files += ["--url", r.get("url") or ""]
        files.append(os.path.join(base, r["html"]))
    if args.signals:
        log = open(args.signals, encoding="utf-8", errors="replace").read().splitlines()
    else:  # one thread: the log lines come in the order of the files
        run = subprocess.run([args.thinkdex, "extract", "-vv", "--threads", "1", *files],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, errors="replace",
                             check=True)
        log = run.stderr.splitlines()
    signals = read_signals(log)
    if len(signals) != len(truth):
        sys.exit(f"fit_kind: {len(signals)} kind-signals lines for {len(truth)} pages")
    if args.pipeline:
        pages = [(s, r["page_type"]) for r, s in zip(truth, signals)
                 if half(r["id"]) == "tune" and r.get("page_type") in GOLD_KIND]
        article, kinds = pipeline_cross_validated(pages, args.l2)
        print(f"tuning pages {len(pages)}, l2 {args.l2}, both scores 5-fold cross-validated:")
        print(f"article vs rest {article:.3f}, three kinds {kinds:.3f}")
        return
    features = FEATURES if args.stage == "article" else LISTING_FEATURES
    kept = ("article", "listing", "collection", "service") if args.stage == "article" else (
        "listing", "collection", "service")
    names = args.only.split(",") if args.only else list(features)
    rows, labels = [], []
    for r, s in zip(truth, signals):
        if half(r["id"]) != "tune" or r.get("page_type") not in kept:
            continue
        rows.append([features[f](s) for f in names])
        positive = ("article",) if args.stage == "article" else ("listing", "collection")
        labels.append(1 if r["page_type"] in positive else 0)
    w = [round(v, 1) for v in fit(rows, labels, names, args.l2)]
    print(f"{args.stage} score: tuning pages {len(rows)}, l2 {args.l2}")
    print(f"bias {w[0]}")
    for name, wi in zip(names, w[1:]):
        print(f"{name:>20} {wi}")
    print(f"fit accuracy (rounded weights) {accuracy(w, rows, labels):.3f}")
    cv = cross_validated(rows, labels, names, args.l2)
    print(f"5-fold cross-validated accuracy {cv:.3f}")
    if args.drop_one:
        for j, name in enumerate(names):
            sub = [x[:j] + x[j + 1:] for x in rows]
            print(f"  without {name:>20}: {cross_validated(sub, labels, names[:j] + names[j + 1:], args.l2):.3f}")


if __name__ == "__main__":
    main()
