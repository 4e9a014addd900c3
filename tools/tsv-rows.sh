#!/bin/sh
# tsv-rows.sh FILE... - write (or rewrite) the "# rows: N" last line of
# reference-data TSV files: N is the number of data rows (lines that are not
# blank, not '#' comments, and not the header, the first such line).
# attache refuses a data file whose count does not match (att_tsv_check),
# so a file cut short is never read as a shorter list.  Run it after
# editing a data file: sh tools/tsv-rows.sh data/*.tsv
set -e
for f in "$@"; do
    tmp="$f.tmp.$$"
    awk '
        /^# rows: [0-9]+\r?$/ { next }          # the old count goes
        { print }
        /^#/ || /^\r?$/ { next }
        !header { header = 1; next }
        { rows++ }
        END { printf "# rows: %d\n", rows }
    ' "$f" >"$tmp"
    mv "$tmp" "$f"
done
