#!/usr/bin/env python3
"""vtb_extra_words.py - write tools/tagger_words_vtb.txt, the words (with
their most frequent UPOS tag) of the UD_Vietnamese-VTB sentences that the
release attache trains on (UD 2.8, ../shared/eval/ud-vi-vtb) does not have.

    python3 tools/vtb_extra_words.py NEWER.conllu... -- OLD.conllu... > tools/tagger_words_vtb.txt

NEWER: the train, dev and test files of a later release of the treebank
(the 2022 re-release redistributed the sentences and added about 1,100 new
ones); OLD: every file of the release the model is trained and tested on
(train, dev AND test), whose sentences are left out (compared by their
letters and digits, lower-cased), so that no word comes from a sentence the
evaluation tests on.  A multi-syllable word is kept when the new sentences
write it whole at least as often as they write its syllables split.  Each
line is "WORD<TAB>UPOS" (the tag the new sentences give the word most
often; the later release's UPOS column follows the UD guidelines).
"""
import collections
import re
import sys


def sentences(path):
    out, words, key = [], [], None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("# text"):
                key = re.sub(r"\W+", "", line.split("=", 1)[1].lower())
            elif not line:
                if words:
                    out.append((key, words))
                words = []
            elif not line.startswith("#"):
                c = line.split("\t")
                if "-" not in c[0] and "." not in c[0]:
                    words.append((c[1].lower(), c[3]))
    if words:
        out.append((key, words))
    return out


def main(argv):
    if "--" not in argv:
        sys.exit("usage: vtb_extra_words.py NEWER.conllu... -- OLD.conllu...")
    cut = argv.index("--")
    old = set()
    for p in argv[cut + 1:]:
        old.update(k for k, _ in sentences(p))
    tagged = [ws for p in argv[:cut] for k, ws in sentences(p) if k not in old]
    tags = collections.defaultdict(collections.Counter)
    for ws in tagged:
        for w, t in ws:
            tags[w][t] += 1
    extra = [[w for w, _ in ws] for ws in tagged]
    whole = collections.Counter(w for ws in extra for w in ws if " " in w)
    split = collections.Counter()
    for ws in extra:
        syl, start = [], {}
        for w in ws:
            start[len(syl)] = w
            syl.extend(w.split(" "))
        for a in range(len(syl)):
            for n in range(2, 6):
                s = " ".join(syl[a:a + n])
                if a + n <= len(syl) and s in whole and start.get(a) != s:
                    split[s] += 1
    keep = sorted(w for w in tags if re.search(r"[^\W\d_]", w) and (" " not in w or whole[w] >= split[w]))
    print("# tagger_words_vtb.txt - multi-syllable words of UD_Vietnamese-VTB sentences that are not in the")
    print("#   UD 2.8 release attache trains and tests on (%d sentences of the 2022 re-release," % len(extra))
    print("#   https://github.com/UniversalDependencies/UD_Vietnamese-VTB, commit e8fa548; none of them is a")
    print("#   sentence of the 2.8 train, dev or test files).  Made by tools/vtb_extra_words.py.")
    print("#   Licence: CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/), as the treebank;")
    print("#   credit: Nguyen Thi Luong, Ha My Linh, Le Hong Phuong, Nguyen Thi Minh Huyen (UD conversion),")
    print("#   VLSP Viet Treebank (Nguyen Phuong Thai et al. 2009).  One word a line, lower-cased, a tab,")
    print("#   the UPOS tag the sentences give it most often.  make model: the multi-syllable words join the")
    print("#   segmenter's dictionary (-d), the tags are a tagging feature (-L).")
    for w in keep:
        t = sorted(tags[w].items(), key=lambda x: (-x[1], x[0]))[0][0]
        print("%s\t%s" % (w, t))


if __name__ == "__main__":
    main(sys.argv[1:])
