#!/bin/sh
# test_store_open.sh - opening databases: several processes creating one
# database at once, read commands that never create or change a database,
# foreign and future files refused.  Usage: tests/test_store_open.sh BUILD_DIR.
# Prints cmocka-style summary lines so tests/run-tests.sh counts its cases.
B=$(cd "$(dirname "${1:-build}/attache")" && pwd)/attache
T=$(mktemp -d /tmp/attache-open.XXXXXX)
trap 'chmod -R u+w "$T"; rm -rf "$T"' EXIT
. tests/shlib.sh

cat >"$T/a.txt" <<'ART'
Ấn Độ và Australia ký thỏa thuận hợp tác quốc phòng

Baoquocte.vn. Ấn Độ và Australia vừa ký thỏa thuận mới nhằm tăng cường hợp tác quốc phòng và an ninh hàng hải.

Ngày 2/6, tại New Delhi, Bộ trưởng Quốc phòng hai nước đã ký thỏa thuận về hậu cần và chia sẻ thông tin hàng hải.
ART

# --- 1. twenty processes creating one new database at once ---
i=0; pids=""
while [ $i -lt 20 ]; do
    # a generous lock wait: twenty sanitized processes on two cores take turns
    ATTACHE_BUSY_TIMEOUT_MS=240000 "$B" --db "$T/new.db" ingest "$T/a.txt" >/dev/null 2>"$T/c$i.err" &
    pids="$pids $!"; i=$((i + 1))
done
nfail=0
for p in $pids; do wait "$p" || nfail=$((nfail + 1)); done
[ $nfail = 0 ] && ok || bad "concurrent create: $nfail of 20 failed: $(cat "$T"/c*.err | sort | uniq -c | head -5)"
expect "concurrent create: schema complete" 0 "$B" --db "$T/new.db" search --json "quoc phong"
[ "$(wc -l <"$T/out")" = 1 ] && ok || bad "concurrent create: $(wc -l <"$T/out") articles, want 1"

# --- 3. read commands never create, migrate or change a database ---
READS="search x|show 1|export articles|actors|events|quotes|dyads|timeline USA CHN|stories|alerts|commitments|report --html $T/r.html"
each_read() { # each_read NAME DB WANT_RC TEXT: every read command on DB
    old_ifs=$IFS; IFS='|'
    for cmd in $READS; do
        IFS=$old_ifs
        # shellcheck disable=SC2086
        expect "$1: $cmd" "$3" "$B" --db "$2" $cmd
        [ -z "$4" ] || has "$1: $cmd message" "$T/err" "$4"
        [ "$3" = 0 ] || one_line "$1: $cmd one line" "$T/err"
        IFS='|'
    done
    IFS=$old_ifs
}
each_read "missing" "$T/missing.db" 1 "no such database"
[ ! -e "$T/missing.db" ] && ok || bad "a read command created missing.db"

# refused NAME SQL MESSAGE: a file made with SQL is refused by every read
# command and by ingest, and keeps its bytes and its rollback journal
refused() {
    sqlite3 "$T/$1.db" "$2"
    sum=$(cksum <"$T/$1.db")
    each_read "$1" "$T/$1.db" 1 "$3"
    expect "$1: ingest refused" 1 "$B" --db "$T/$1.db" ingest "$T/a.txt"
    has "$1: ingest message" "$T/err" "$3"
    [ "$(cksum <"$T/$1.db")" = "$sum" ] && ok || bad "$1.db was changed"
    [ ! -e "$T/$1.db-wal" ] && [ "$(sqlite3 "$T/$1.db" 'PRAGMA journal_mode')" = delete ] && ok ||
        bad "$1.db was switched to WAL"
}
refused foreign "CREATE TABLE t(x); INSERT INTO t VALUES(1);" "not an attache database"
refused future "CREATE TABLE articles(id INTEGER PRIMARY KEY); PRAGMA user_version=100000;" \
    "is newer than this attache"
refused versioned "CREATE TABLE t(x); PRAGMA user_version=3;" "not an attache database"

# an older schema: read commands say how to upgrade and change nothing
cp "$T/new.db" "$T/old.db"
v=$(sqlite3 "$T/old.db" 'PRAGMA user_version')
sqlite3 "$T/old.db" "PRAGMA user_version=$((v - 1))"
sum=$(cksum <"$T/old.db")
each_read "old" "$T/old.db" 1 "run 'attache migrate'"
[ "$(cksum <"$T/old.db")" = "$sum" ] && ok || bad "old.db was changed by a read command"
expect "migrate" 0 "$B" --db "$T/m.db" migrate
has "migrate message" "$T/err" "schema version $v"
expect "migrate bad argument" 2 "$B" --db "$T/m.db" migrate now

# a current database is read without being written: same bytes after
# every read command (the database and its journal mode)
sum=$(cksum <"$T/new.db")
each_read "current" "$T/new.db" 0 ""
[ "$(cksum <"$T/new.db")" = "$sum" ] && ok || bad "new.db was changed by a read command"

# a WAL database in a folder the reader cannot write
mkdir "$T/ro"
cp "$T/new.db" "$T/ro/x.db"
chmod 755 "$T" "$T/ro"; chmod 644 "$T/ro/x.db"; chmod a-w "$T/ro"
[ "$(sqlite3 "$T/ro/x.db" 'PRAGMA journal_mode')" = wal ] && ok || bad "x.db is not in WAL mode"
if [ "$(id -u)" = 0 ]; then as_user="setpriv --reuid=65534 --regid=65534 --clear-groups"; else as_user=""; fi
# shellcheck disable=SC2086
expect "read-only folder: search" 0 $as_user "$B" --db "$T/ro/x.db" search --json "quoc phong"
[ "$(wc -l <"$T/out")" = 1 ] && ok || bad "read-only folder: search found $(wc -l <"$T/out") articles"
# shellcheck disable=SC2086
expect "read-only folder: events" 0 $as_user "$B" --db "$T/ro/x.db" events
# shellcheck disable=SC2086
expect "read-only folder: ingest fails" 1 $as_user "$B" --db "$T/ro/x.db" ingest "$T/a.txt"
# a write-ahead log left behind (a writer killed, or persistent WAL) and
# no -shm: one line that says what to do
mkdir "$T/ro2"
cp "$T/new.db" "$T/ro2/y.db"
sqlite3 "$T/ro2/y.db" ".filectrl persist_wal 1" "CREATE TABLE IF NOT EXISTS t(x)" >/dev/null
rm -f "$T/ro2/y.db-shm"
chmod 755 "$T/ro2"; chmod 644 "$T/ro2"/*; chmod a-w "$T/ro2"
if [ -e "$T/ro2/y.db-wal" ]; then
    # shellcheck disable=SC2086
    expect "pending WAL in a read-only folder" 1 $as_user "$B" --db "$T/ro2/y.db" search x
    has "pending WAL message" "$T/err" "open the database once with write access"
    one_line "pending WAL one line" "$T/err"
fi

finish
