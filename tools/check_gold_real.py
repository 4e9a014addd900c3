#!/usr/bin/env python3
"""check_gold_real.py - sanity checks of the real-news event gold (eval/gold/real/).

    python3 tools/check_gold_real.py [GOLD_DIR [CORPUS_DIR]]

GOLD_DIR defaults to eval/gold/real; CORPUS_DIR to $ATT_SHARED/corpus, else ../shared/corpus, else
(from a git worktree) the main checkout's ../shared/corpus, as eval/run.sh finds ../shared (its
subdirectories dantri-world and seeds are searched for each article). For every events_<batch>.tsv it checks:
7 tab-separated columns after the header row; actor codes present in data/countries.tsv or
data/orgs.tsv and different from each other; roots two-digit CAMEO roots 01..20 joined by "|";
modality one of realized|planned|negated|hypothetical; date empty or YYYY-MM-DD; every row's file
listed in articles_<batch>.txt. When the corpus is present it also checks that every listed file
exists and that each sentence_prefix is the first 40 characters of a sentence of the article
(sentences split as docs/ANNOTATION.md section 7 says; a prefix "-" means none given). Prints one line per problem and a summary;
exits 1 when a problem was found. The corpus is optional: without it those checks are skipped
and the summary says so.
"""
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODS = {"realized", "planned", "negated", "hypothetical"}


def codes(path):
    out = set()
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        out.add(line.split("\t", 1)[0])
    return out


def sentences(path):
    out = []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("#"):
            continue
        for s in re.split(r"(?<=[.?!…])\s+", line):
            s = s.strip().replace("\t", " ")
            if s:
                out.append(s[:40])
    return out


def find_article(corpus, name):
    for sub in ("", "dantri-world", "seeds"):
        p = os.path.join(corpus, sub, name)
        if os.path.isfile(p):
            return p
    return None


def default_corpus():
    cands = []
    if os.environ.get("ATT_SHARED"):
        cands.append(os.path.join(os.environ["ATT_SHARED"], "corpus"))
    cands.append(os.path.join(ROOT, "../shared/corpus"))
    try:
        common = subprocess.run(["git", "-C", ROOT, "rev-parse", "--git-common-dir"], capture_output=True,
                                text=True, check=True).stdout.strip()
        main_checkout = os.path.dirname(os.path.abspath(os.path.join(ROOT, common)))
        cands.append(os.path.join(main_checkout, "../shared/corpus"))
    except (OSError, subprocess.CalledProcessError):
        pass
    for c in cands:
        if os.path.isdir(c):
            return c
    return cands[0]


def main():
    gold = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "eval/gold/real")
    corpus = sys.argv[2] if len(sys.argv) > 2 else default_corpus()
    have_corpus = os.path.isdir(corpus)
    known = codes(os.path.join(ROOT, "data/countries.tsv")) | codes(os.path.join(ROOT, "data/orgs.tsv"))
    bad = 0
    n_rows = 0

    def problem(msg):
        nonlocal bad
        bad += 1
        print(msg)

    for ev in sorted(f for f in os.listdir(gold) if re.fullmatch(r"events_\w+\.tsv", f)):
        batch = ev[len("events_"):-len(".tsv")]
        art_path = os.path.join(gold, "articles_%s.txt" % batch)
        listed = set()
        if os.path.isfile(art_path):
            listed = {l.strip() for l in open(art_path, encoding="utf-8") if l.strip()}
        else:
            problem("%s: no articles_%s.txt" % (ev, batch))
        if have_corpus:
            for name in sorted(listed):
                if not find_article(corpus, name):
                    problem("articles_%s.txt: %s not in the corpus" % (batch, name))
        sent_cache = {}
        header_seen = False
        for no, line in enumerate(open(os.path.join(gold, ev), encoding="utf-8"), 1):
            line = line.rstrip("\n")
            if line.startswith("#") or not line.strip():
                continue
            f = line.split("\t")
            where = "%s:%d" % (ev, no)
            if not header_seen:
                header_seen = True
                if f[0] == "file":
                    continue
            n_rows += 1
            if len(f) != 7:
                problem("%s: %d columns, want 7" % (where, len(f)))
                continue
            name, a1, a2, roots, mod, date, prefix = f
            if name not in listed:
                problem("%s: %s not listed in articles_%s.txt" % (where, name, batch))
            for c in (a1, a2):
                if c not in known:
                    problem("%s: unknown actor code %r" % (where, c))
            if a1 == a2:
                problem("%s: actor1 = actor2 (%s)" % (where, a1))
            rs = roots.split("|")
            if not all(re.fullmatch(r"\d\d", r) and 1 <= int(r) <= 20 for r in rs) or len(set(rs)) != len(rs):
                problem("%s: bad roots %r" % (where, roots))
            if mod not in MODS:
                problem("%s: bad modality %r" % (where, mod))
            if date and not re.fullmatch(r"\d{4}-\d\d-\d\d", date):
                problem("%s: bad date %r" % (where, date))
            if have_corpus and prefix != "-":  # "-": no prefix given (events_s.tsv, see its header)
                p = find_article(corpus, name)
                if p:
                    if p not in sent_cache:
                        sent_cache[p] = set(sentences(p))
                    if prefix not in sent_cache[p]:
                        problem("%s: prefix %r is not a sentence start of %s" % (where, prefix, name))
    print("%d gold rows checked, %d problem(s)%s" % (n_rows, bad, "" if have_corpus else
                                                     " (corpus absent: file and prefix checks skipped)"))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
