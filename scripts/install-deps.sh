#!/bin/sh
# Install the Debian 12 packages attache builds against, if any are missing.
# As root this runs apt-get; otherwise it prints the exact command and fails.
set -e
PKGS="build-essential pkg-config libsqlite3-dev libutf8proc-dev libgumbo-dev libjansson-dev zlib1g-dev libmicrohttpd-dev libcmocka-dev sqlite3 libcurl4-openssl-dev libxml2-dev python3"
# attache serve's tests: the API test (Debian's python3 with jsonschema) and the browser test
PKGS="$PKGS python3 python3-jsonschema python3-selenium chromium chromium-driver"
# make eval renders its layout pages as scrapers do; make fuzz needs clang's libFuzzer
PKGS="$PKGS w3m lynx html2text clang libclang-rt-14-dev"
missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
    echo "installing:$missing"
    apt-get update -qq >/dev/null 2>&1 || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
else
    echo "attache needs these Debian packages:$missing" >&2
    echo "run: sudo apt-get install -y$missing" >&2
    exit 1
fi
