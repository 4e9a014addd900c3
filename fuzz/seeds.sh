#!/bin/sh
# seeds.sh OUT_DIR - build the fuzz targets' seed corpora from the repo's
# samples (nothing large is committed): OUT_DIR/{text,html,warc,query}/,
# and from the follow and serve tests' fixtures (fuzz/seeds_follow.py):
# OUT_DIR/{feed,robots,api}/.
set -e
out=${1:?usage: fuzz/seeds.sh OUT_DIR}
here=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$out/text" "$out/html" "$out/warc" "$out/query"
i=0
for f in "$here"/samples/*.txt; do
    i=$((i + 1))
    cp "$f" "$out/text/s$i.txt"
    [ $i -le 12 ] || continue
    title=$(head -n 1 "$f")
    body=$(tail -n +2 "$f" | sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/^\(..*\)$/<p>\1<\/p>/')
    case $((i % 4)) in
    0) head='<!DOCTYPE html><html><head><meta charset="utf-8">' ;;
    1) head='<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">' ;;
    2) head='<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><head>' ;;
    3) head='<!doctype html><html lang="vi"><head><meta property="og:title" content="x">' ;;
    esac
    {
        printf '%s<title>%s</title><script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-05-12T08:30:00+07:00","author":{"name":"Minh Anh"}}</script></head>\n' "$head" "$title"
        printf '<body><nav><a href="/">Trang chủ</a></nav><article class="detail"><h1>%s</h1>\n<div class="sapo">%s</div>\n%s\n' "$title" "$title" "$body"
        printf '<div class="related"><ul><li><a href="/x">Tin liên quan</a></li></ul></div></article><svg><path d="M0 0"/></svg><table><tr><td>x</table></body></html>\n'
    } >"$out/html/h$i.html"
    # the same page as a WARC response: plain, chunked, gzip member
    len=$(wc -c <"$out/html/h$i.html")
    {
        printf 'HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n'
        cat "$out/html/h$i.html"
    } >"$out/warc/http$i"
    blen=$(wc -c <"$out/warc/http$i")
    {
        printf 'WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 12\r\n\r\nsoftware: x\n\r\n\r\n'
        printf 'WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: <https://example.vn/%d>\r\nContent-Length: %d\r\n\r\n' "$i" "$blen"
        cat "$out/warc/http$i"
        printf '\r\n\r\n'
    } >"$out/warc/w$i.warc"
    gzip -c -n "$out/warc/w$i.warc" >"$out/warc/w$i.warc.gz"
    rm -f "$out/warc/http$i"
    : "$len"
done
# windows-1258 and a Content-Type line (fuzz_html reads one first line)
printf 'Content-Type: text/html; charset=windows-1258\n<html><head><meta charset="windows-1258"></head><body><p>Vi\xd2t Nam</p></body></html>\n' >"$out/html/cp1258.html"
# a chunked, gzip-encoded HTTP body
printf '<html><body><article><p>Hai nước nhất trí tăng cường hợp tác trong các lĩnh vực thương mại.</p></article></body></html>' | gzip -c -n >"$out/warc/body.gz"
glen=$(wc -c <"$out/warc/body.gz")
{
    printf 'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n%x\r\n' "$glen"
    cat "$out/warc/body.gz"
    printf '\r\n0\r\n\r\n'
} >"$out/warc/http-gz"
blen=$(wc -c <"$out/warc/http-gz")
{
    printf 'WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.vn/gz\r\nContent-Length: %d\r\n\r\n' "$blen"
    cat "$out/warc/http-gz"
    printf '\r\n\r\n'
} >"$out/warc/chunked-gzip.warc"
rm -f "$out/warc/body.gz" "$out/warc/http-gz"
# queries: a line of query, then a text to cut a snippet from
q=0
for query in 'Việt Nam' 'viet nam' '"hội đàm" Nhật*' 'Trung Quốc OR Mỹ' 'a-b c.d' '(x) NEAR(a b)' 'AND OR NOT' 'thủ tướng -ukraine' '***' '"unterminated'; do
    q=$((q + 1))
    { printf '%s\n' "$query"; head -c 2000 "$here/samples/00$((q % 9 + 1))_"*.txt; } >"$out/query/q$q"
done
# feeds, sitemaps, robots.txt and API requests from the tests' fixtures
python3 "$here/fuzz/seeds_follow.py" "$out"
