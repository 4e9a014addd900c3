/* test_charset.c - charset sniffing and conversion to UTF-8. */
#include "test_util.h"

#include <iconv.h>

#include "../src/ingest/charset.h"
#include "../src/normalize/normalize.h"

static void sniff_bom(void **state)
{
    (void)state;
    char cs[32];
    const char utf8[] = "\xEF\xBB\xBF<meta charset=\"windows-1258\"><p>Hà Nội</p>";
    assert_int_equal(att_charset_sniff(utf8, sizeof utf8 - 1, "text/html; charset=iso-8859-1", cs,
                                       sizeof cs),
                     1);
    assert_string_equal(cs, "utf-8"); /* a BOM beats the header and the meta */
    const char le[] = "\xFF\xFE<\0h\0";
    assert_int_equal(att_charset_sniff(le, sizeof le - 1, NULL, cs, sizeof cs), 1);
    assert_string_equal(cs, "utf-16le");
}

static void sniff_http_header(void **state)
{
    (void)state;
    char cs[32];
    const char html[] = "<html><head><meta charset=\"utf-8\"></head></html>";
    assert_int_equal(att_charset_sniff(html, sizeof html - 1, "text/html; Charset=Windows-1258", cs,
                                       sizeof cs),
                     1);
    assert_string_equal(cs, "windows-1258");
    assert_int_equal(att_charset_sniff(html, sizeof html - 1, "text/html;charset=\"TCVN\"", cs,
                                       sizeof cs),
                     1);
    assert_string_equal(cs, "tcvn");
    /* A header without a charset falls through to the meta tag. */
    assert_int_equal(att_charset_sniff(html, sizeof html - 1, "text/html", cs, sizeof cs), 1);
    assert_string_equal(cs, "utf-8");
}

static void sniff_meta_charset(void **state)
{
    (void)state;
    char cs[32];
    const char a[] = "<!DOCTYPE html><html><head><META CHARSET=UTF8 /><title>Tin</title>";
    assert_int_equal(att_charset_sniff(a, sizeof a - 1, NULL, cs, sizeof cs), 1);
    assert_string_equal(cs, "utf-8");
    const char b[] = "<head><meta name='viewport' content='width=device-width'>"
                     "<meta charset='ISO-8859-1'></head>";
    assert_int_equal(att_charset_sniff(b, sizeof b - 1, NULL, cs, sizeof cs), 1);
    assert_string_equal(cs, "iso-8859-1");
}

static void sniff_http_equiv(void **state)
{
    (void)state;
    char cs[32];
    const char a[] = "<html><head>\n<meta http-equiv=\"Content-Type\" "
                     "content=\"text/html; charset=windows-1258\">\n</head>";
    assert_int_equal(att_charset_sniff(a, sizeof a - 1, NULL, cs, sizeof cs), 1);
    assert_string_equal(cs, "windows-1258");
    /* content before http-equiv works too */
    const char b[] = "<meta content=\"text/html;charset=TCVN-5712\" http-equiv=content-type>";
    assert_int_equal(att_charset_sniff(b, sizeof b - 1, NULL, cs, sizeof cs), 1);
    assert_string_equal(cs, "tcvn-5712");
    /* a content= without http-equiv content-type is not a declaration */
    const char c[] = "<meta name=\"description\" content=\"charset=koi8-r nonsense\">";
    assert_int_equal(att_charset_sniff(c, sizeof c - 1, NULL, cs, sizeof cs), 0);
}

static void sniff_none(void **state)
{
    (void)state;
    char cs[32] = "junk";
    const char a[] = "<html><head><title>Thời sự</title></head><body>Xin chào</body></html>";
    assert_int_equal(att_charset_sniff(a, sizeof a - 1, NULL, cs, sizeof cs), 0);
    assert_string_equal(cs, "");
    /* commented-out declarations do not count */
    const char b[] = "<!-- <meta charset=\"windows-1258\"> --><p>x</p>";
    assert_int_equal(att_charset_sniff(b, sizeof b - 1, NULL, cs, sizeof cs), 0);
    /* only the first 4 KiB are examined */
    char big[6000];
    memset(big, ' ', sizeof big);
    const char meta[] = "<meta charset=\"windows-1258\">";
    memcpy(big + 5000, meta, sizeof meta - 1);
    assert_int_equal(att_charset_sniff(big, sizeof big, NULL, cs, sizeof cs), 0);
    memcpy(big + 100, meta, sizeof meta - 1);
    assert_int_equal(att_charset_sniff(big, sizeof big, NULL, cs, sizeof cs), 1);
    assert_string_equal(cs, "windows-1258");
    /* a name too long for out is not returned truncated */
    char tiny[4];
    assert_int_equal(att_charset_sniff(meta, sizeof meta - 1, NULL, tiny, sizeof tiny), 0);
}

/* Convert, then NFC, so the comparison does not depend on whether iconv
 * composed base letter + tone mark. */
static char *to_nfc(const char *in, size_t len, const char *cs)
{
    char *u = NULL, *n = NULL;
    size_t ul = 0, nl = 0;
    char err[128];
    att_status st = att_to_utf8(in, len, cs, &u, &ul, err, sizeof err);
    if (st != ATT_OK)
        fail_msg("att_to_utf8(%s): %s", cs, err);
    assert_int_equal(strlen(u), ul);
    assert_int_equal(att_nfc(u, ul, &n, &nl), ATT_OK);
    free(u);
    return n;
}

static void windows_1258_bytes(void **state)
{
    (void)state;
    /* "Việt Nam - Đà Nẵng" as a windows-1258 page spells it: ê + combining
     * dot below (0xF2), ă + combining tilde (0xDE). */
    const char in[] = "Vi\xEA\xF2t Nam - \xD0\xE0 N\xE3\xDEng";
    char *s = to_nfc(in, sizeof in - 1, "Windows-1258");
    assert_string_equal(s, "Việt Nam - Đà Nẵng");
    free(s);
    s = to_nfc(in, sizeof in - 1, "cp1258");
    assert_string_equal(s, "Việt Nam - Đà Nẵng");
    free(s);
}

/* Encode UTF-8 text into charset cs with iconv (test helper). */
static size_t encode(const char *utf8, const char *cs, char *out, size_t cap)
{
    iconv_t cd = iconv_open(cs, "UTF-8");
    if (cd == (iconv_t)-1)
        return (size_t)-1;
    char *ip = (char *)utf8, *op = out;
    size_t il = strlen(utf8), ol = cap;
    size_t r = iconv(cd, &ip, &il, &op, &ol);
    if (r != (size_t)-1)
        r = iconv(cd, NULL, NULL, &op, &ol);
    iconv_close(cd);
    return r == (size_t)-1 ? (size_t)-1 : cap - ol;
}

static void windows_1258_round_trip(void **state)
{
    (void)state;
    const char *text = "Bộ trưởng Ngoại giao gặp người đồng cấp Hàn Quốc, khẳng định quan hệ "
                       "Đối tác chiến lược toàn diện tiếp tục phát triển mạnh mẽ.";
    char enc[1024];
    size_t n = encode(text, "CP1258", enc, sizeof enc);
    assert_true(n != (size_t)-1);
    assert_true(n < strlen(text)); /* single-byte encoding really happened */
    char *s = to_nfc(enc, n, "windows-1258");
    assert_string_equal(s, text);
    free(s);
    /* TCVN-5712 as well, when glibc has it (it does on Debian). */
    n = encode(text, "TCVN5712-1", enc, sizeof enc);
    if (n != (size_t)-1) {
        s = to_nfc(enc, n, "tcvn");
        assert_string_equal(s, text);
        free(s);
    }
}

/* An old declaration on a page that is really UTF-8. */
static void misdeclared_utf8(void **state)
{
    (void)state;
    const char *in = "Hội nghị Bộ trưởng Ngoại giao ASEAN";
    char *s = to_nfc(in, strlen(in), "windows-1258");
    assert_string_equal(s, in);
    free(s);
    s = to_nfc(in, strlen(in), "iso-8859-1");
    assert_string_equal(s, in);
    free(s);
}

static void latin1_is_windows_1252(void **state)
{
    (void)state;
    const char in[] = "Caf\xE9 \x93Paris\x94 \x80 5";
    char *s = to_nfc(in, sizeof in - 1, "ISO-8859-1");
    assert_string_equal(s, "Café “Paris” € 5");
    free(s);
}

static void utf8_validated_and_bom_stripped(void **state)
{
    (void)state;
    char *out = (char *)1;
    size_t len = 99;
    char err[128] = "";
    const char ok[] = "\xEF\xBB\xBFQuốc hội";
    assert_int_equal(att_to_utf8(ok, sizeof ok - 1, "UTF-8", &out, &len, err, sizeof err), ATT_OK);
    assert_string_equal(out, "Quốc hội");
    assert_int_equal(len, strlen("Quốc hội"));
    free(out);
    assert_int_equal(att_to_utf8(ok, sizeof ok - 1, NULL, &out, &len, err, sizeof err), ATT_OK);
    assert_string_equal(out, "Quốc hội");
    free(out);

    const char bad[] = "Qu\xE1\xBB"
                       "c h\xC3\x28i";
    assert_int_equal(att_to_utf8(bad, sizeof bad - 1, "utf-8", &out, &len, err, sizeof err),
                     ATT_ERR_UTF8);
    assert_null(out);
    assert_contains(err, "offset 2");
    const char nul[] = "a\0b";
    assert_int_equal(att_to_utf8(nul, 3, "utf8", &out, &len, err, sizeof err), ATT_ERR_UTF8);
    assert_null(out);
}

static void unknown_charset_rejected(void **state)
{
    (void)state;
    char *out = (char *)1;
    size_t len = 0;
    char err[128] = "";
    assert_int_equal(att_to_utf8("abc", 3, "klingon-8", &out, &len, err, sizeof err),
                     ATT_ERR_CHARSET);
    assert_null(out);
    assert_contains(err, "klingon-8");
    /* iconv syntax is not passed through */
    assert_int_equal(att_to_utf8("abc", 3, "utf-8//IGNORE", &out, &len, err, sizeof err),
                     ATT_ERR_CHARSET);
    assert_null(out);
}

static void bad_bytes_rejected(void **state)
{
    (void)state;
    char *out = (char *)1;
    size_t len = 0;
    char err[128] = "";
    /* odd byte count: a UTF-16 unit cut in half */
    assert_int_equal(att_to_utf8("a\0b", 3, "utf-16le", &out, &len, err, sizeof err),
                     ATT_ERR_CHARSET);
    assert_null(out);
    assert_contains(err, "utf-16le");
    /* 0xFF is not a Shift_JIS lead byte */
    assert_int_equal(att_to_utf8("ab\xFF\xFF", 4, "shift_jis", &out, &len, err, sizeof err),
                     ATT_ERR_CHARSET);
    assert_contains(err, "offset 2");
    /* the good path of the same converter works */
    assert_int_equal(att_to_utf8("H\0\xE0\0", 4, "utf-16le", &out, &len, err, sizeof err), ATT_OK);
    assert_string_equal(out, "Hà");
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sniff_bom),
        cmocka_unit_test(sniff_http_header),
        cmocka_unit_test(sniff_meta_charset),
        cmocka_unit_test(sniff_http_equiv),
        cmocka_unit_test(sniff_none),
        cmocka_unit_test(windows_1258_bytes),
        cmocka_unit_test(windows_1258_round_trip),
        cmocka_unit_test(latin1_is_windows_1252),
        cmocka_unit_test(misdeclared_utf8),
        cmocka_unit_test(utf8_validated_and_bom_stripped),
        cmocka_unit_test(unknown_charset_rejected),
        cmocka_unit_test(bad_bytes_rejected),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
