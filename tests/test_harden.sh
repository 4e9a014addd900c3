#!/bin/sh
# test_harden.sh - command-line hardening (issue 16): global options in both
# forms, a missing --data-dir, reference data that cannot carry alert
# commands, non-finite numbers in alerts.conf, a file size limit.
# Usage: tests/test_harden.sh BUILD_DIR.  Prints cmocka-style summary lines.
B=${1:-build}/attache
T=$(mktemp -d /tmp/attache-harden.XXXXXX)
trap 'rm -rf "$T"' EXIT
pass=0; fail=0
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "[  FAILED  ] $1"; }
expect() { # expect NAME WANT_RC CMD...
    name=$1; want=$2; shift 2
    "$@" >"$T/out" 2>"$T/err"; rc=$?
    if [ "$rc" = "$want" ]; then ok; else bad "$name: exit $rc, want $want: $(head -c 300 "$T/err")"; fi
}
has() { # has NAME FILE TEXT
    if grep -qF -- "$3" "$2"; then ok; else bad "$1: '$3' not in $(head -c 300 "$2")"; fi
}
lines() { # lines NAME FILE N
    n=$(wc -l <"$2"); if [ "$n" -eq "$3" ]; then ok; else bad "$1: $n lines, want $3: $(head -c 300 "$2")"; fi
}
S=samples/001_viet-nam-nhat-ban-hoi-dam-tokyo.txt

# --data-dir that does not exist is an error, not ignored
expect "missing data dir" 2 "$B" --db "$T/a.db" --data-dir "$T/nope" search x
has "missing data dir message" "$T/err" "attache: --data-dir $T/nope: No such file or directory"
expect "data dir is a file" 2 "$B" --db "$T/a.db" --data-dir="$S" search x
has "data dir file message" "$T/err" "not a directory"

# every global option takes --opt=VALUE
printf 'threshold = 4\n' >"$T/ok.conf"
expect "alerts-config= form" 0 "$B" --db="$T/b.db" --alerts-config="$T/ok.conf" ingest "$S"
expect "data-dir= form" 0 "$B" --db="$T/b.db" --data-dir="$T" search "Nhật Bản"

# a data directory's alerts.conf is never read: alert rules (and commands)
# come only from --alerts-config or the built-in file
mkdir -p "$T/data"
printf 'bogus_key = 1\nalert_command = touch %s/pwned\n' "$T" >"$T/data/alerts.conf"
expect "data dir alerts.conf ignored" 0 "$B" --db "$T/c.db" --data-dir "$T/data" ingest "$S"
ATTACHE_DATA_DIR="$T/data" expect "env data dir alerts.conf ignored" 0 "$B" --db "$T/c.db" alerts --scan
[ ! -e "$T/pwned" ] && ok || bad "a data dir's alert_command ran"

# non-finite numbers are refused with the file and line
printf '# rules\nthreshold = nan\n' >"$T/nan.conf"
expect "nan threshold" 1 "$B" --db "$T/d.db" --alerts-config "$T/nan.conf" ingest "$S"
has "nan message" "$T/err" "$T/nan.conf line 2: 'nan' is not a number"
lines "nan one line" "$T/err" 1

# a file size limit: one line and a failure status, not death by SIGXFSZ
(ulimit -f 100; "$B" --db "$T/e.db" ingest samples/ >"$T/out" 2>"$T/err"; echo $? >"$T/rc")
rc=$(cat "$T/rc")
if [ "$rc" -ge 1 ] && [ "$rc" -lt 128 ]; then ok; else bad "ulimit -f: exit $rc"; fi
has "ulimit -f message" "$T/err" "attache: "
lines "ulimit -f one line" "$T/err" 1

total=$((pass + fail))
echo "[==========] $total tests ran."
echo "[  PASSED  ] $pass test(s)."
[ "$fail" -eq 0 ] || { echo "[  FAILED  ] $fail test(s)"; exit 1; }
