#!/usr/bin/env python3
"""Splits an extraction dev set into a tuning half and a confirmation half, and scores page kind.

The split is fixed by the page id alone (the first byte of its MD5 even: "tune", odd: "confirm"),
so every set splits the same way on every machine and no page moves between halves as rules change.

  extraction_split.py split TRUTH OUTDIR        writes OUTDIR/<set>-tune.jsonl, <set>-confirm.jsonl
  extraction_split.py kind PREDICTIONS TRUTH    page-kind accuracy against WCXB's page_type
                                                (article -> article, listing/collection -> listing,
                                                service -> page); prints a confusion table and a
                                                SUMMARY line like score_extraction.py's.
  extraction_split.py pages TRUTH               the set's pages as `thinkdex extract` arguments,
                                                NUL-separated: `--url URL PATH` for each page
                                                when the truth file has URLs (as a crawl knows
                                                each page's URL), else `PATH` alone.
"""
import hashlib
import json
import os
import sys

GOLD_KIND = {"article": "article", "listing": "listing", "collection": "listing", "service": "page"}


def half(page_id):
    return "tune" if hashlib.md5(page_id.encode()).digest()[0] % 2 == 0 else "confirm"


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def split(truth_path, outdir):
    rows = read_jsonl(truth_path)
    base = os.path.dirname(os.path.abspath(truth_path))
    name = os.path.basename(base)
    outs = {h: open(os.path.join(outdir, f"{name}-{h}.jsonl"), "w", encoding="utf-8")
            for h in ("tune", "confirm")}
    for r in rows:
        r["html"] = os.path.join(base, r["html"])  # the halves live elsewhere: absolute paths
        outs[half(r["id"])].write(json.dumps(r, ensure_ascii=False) + "\n")
    for f in outs.values():
        f.close()


def kind(pred_path, truth_path):
    preds = {p["id"]: p.get("kind", "") for p in read_jsonl(pred_path)}
    table, right, total = {}, 0, 0
    for r in read_jsonl(truth_path):
        gold = GOLD_KIND.get(r.get("page_type", ""))
        if gold is None:
            continue
        got = preds.get(r["id"], "")
        table[(gold, got)] = table.get((gold, got), 0) + 1
        right += gold == got
        total += 1
    kinds = ["article", "listing", "page"]
    print("page kind (rows gold, columns predicted)")
    print("          " + "".join(f"{k:>9}" for k in kinds + ["other"]))
    for g in kinds:
        cells = [table.get((g, k), 0) for k in kinds]
        cells.append(sum(v for (gg, k), v in table.items() if gg == g and k not in kinds))
        print(f"{g:>9} " + "".join(f"{c:>9}" for c in cells))
    # a publication told apart from everything else: what search ranking relies on
    tp = table.get(("article", "article"), 0)
    fp = sum(v for (g, k), v in table.items() if g != "article" and k == "article")
    fn = sum(v for (g, k), v in table.items() if g == "article" and k != "article")
    binary = sum(v for (g, k), v in table.items() if (g == "article") == (k == "article"))
    acc = right / total if total else float("nan")
    print(f"SUMMARY kind_acc={acc:.3f} article_vs_rest={binary / total if total else 0:.3f} "
          f"article_p={tp / (tp + fp) if tp + fp else 0:.3f} "
          f"article_r={tp / (tp + fn) if tp + fn else 0:.3f} kind_n={total}")


def pages(truth_path):
    rows = read_jsonl(truth_path)
    base = os.path.dirname(os.path.abspath(truth_path))
    with_urls = any(r.get("url") for r in rows)
    args = []
    for r in rows:
        if with_urls:
            args += ["--url", r.get("url") or ""]
        args.append(os.path.join(base, r["html"]))
    sys.stdout.write("".join(a + "\0" for a in args))


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "split":
        split(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 3 and sys.argv[1] == "pages":
        pages(sys.argv[2])
    elif len(sys.argv) == 4 and sys.argv[1] == "kind":
        kind(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
