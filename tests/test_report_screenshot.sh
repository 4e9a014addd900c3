#!/bin/sh
# test_report_screenshot.sh - render the sample HTML report (written by
# BUILD/tests/test_report when ATT_REPORT_OUT is set) with headless Chromium
# at laptop and desktop sizes and check that a real PNG comes out.
# Usage: tests/test_report_screenshot.sh BUILD_DIR.  Prints cmocka-style
# summary lines so tests/run-tests.sh counts its cases.  Skips (exit 0) when
# Chromium is not installed.  ATT_REPORT_PNG=path keeps the 1366-wide
# screenshot there.
B=${1:-build}
summary() { # summary PASSED FAILED
    echo "[==========] $(($1 + $2)) test(s) run."
    echo "[  PASSED  ] $1 test(s)."
    [ "$2" -eq 0 ] || { echo "[  FAILED  ] $2 test(s)."; exit 1; }
    exit 0
}
CHROME=
for c in chromium chromium-browser; do
    if command -v "$c" >/dev/null 2>&1; then CHROME=$(command -v "$c"); break; fi
done
if [ -z "$CHROME" ]; then
    echo "[  SKIPPED ] report screenshot: chromium is not installed (apt-get install chromium)"
    summary 0 0
fi
if [ ! -x "$B/tests/test_report" ]; then
    echo "[  FAILED  ] report screenshot: $B/tests/test_report is not built"
    summary 0 1
fi

T=$(mktemp -d /tmp/attache-shot.XXXXXX)
trap 'rm -rf "$T"' EXIT
pass=0; fail=0
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "[  FAILED  ] $1"; }

if ATT_REPORT_OUT="$T/report.html" "$B/tests/test_report" >"$T/unit.log" 2>&1 && [ -s "$T/report.html" ]; then
    ok
else
    bad "sample report not written: $(tail -5 "$T/unit.log")"
    summary $pass $fail
fi

# shot NAME WIDTH HEIGHT: screenshot into $T/NAME.png and check it.
shot() {
    name=$1; w=$2; h=$3; png="$T/$name.png"
    mkdir -p "$T/profile-$name"
    timeout 120 "$CHROME" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --hide-scrollbars --user-data-dir="$T/profile-$name" --window-size="$w,$h" \
        --screenshot="$png" "file://$T/report.html" >"$T/$name.log" 2>&1
    rc=$?
    if [ ! -s "$png" ]; then
        bad "$name: no screenshot (chromium exit $rc): $(grep -v -i dbus "$T/$name.log" | tail -3)"
        return
    fi
    size=$(wc -c <"$png" | tr -d ' ')
    if [ "$size" -gt 20480 ]; then ok; else bad "$name: screenshot only $size bytes"; fi
    sig=$(od -An -tx1 -N8 "$png" | tr -d ' \n')
    if [ "$sig" = "89504e470d0a1a0a" ]; then ok; else bad "$name: not a PNG (signature $sig)"; fi
    # IHDR width/height (bytes 16..23) match the window.
    dim=$(od -An -tu1 -j16 -N8 "$png" | awk '{ print $1*16777216 + $2*65536 + $3*256 + $4 "x" $5*16777216 + $6*65536 + $7*256 + $8 }')
    if [ "$dim" = "${w}x${h}" ]; then ok; else bad "$name: screenshot is $dim, want ${w}x${h}"; fi
}
shot laptop 1366 900
shot desktop 1920 1080
if [ -n "$ATT_REPORT_PNG" ] && [ -s "$T/laptop.png" ]; then
    cp "$T/laptop.png" "$ATT_REPORT_PNG"
fi
summary $pass $fail
