/*
 * charset.h - find an HTML document's character encoding and convert it to
 * UTF-8 (glibc iconv).
 *
 * Vietnamese sites of the 2000s still serve windows-1258 (which spells most
 * accented letters as base letter + combining tone mark) or TCVN-5712; the
 * output of att_to_utf8 is UTF-8 but not necessarily NFC, so callers run
 * att_nfc() on it before extraction.
 *
 * Ownership: att_charset_sniff writes into the caller's buffer; att_to_utf8
 * returns a malloc'd string the caller frees.  Both are thread-safe (each
 * conversion opens its own iconv descriptor).
 */
#ifndef ATT_CHARSET_H
#define ATT_CHARSET_H

#include <stddef.h>

#include "../util/status.h"

/* Find the declared charset of an HTML document, in the order browsers use:
 * a byte-order mark, then the HTTP Content-Type value `content_type` (may be
 * NULL; e.g. "text/html; charset=UTF-8"), then a <meta charset=...> or
 * <meta http-equiv="Content-Type" content="...; charset=..."> within the
 * first 4 KiB.  Writes a lowercase, NUL-terminated name into out (e.g.
 * "utf-8", "windows-1258", "iso-8859-1"; "utf8" is spelled "utf-8") and
 * returns 1; returns 0 (out set to "") if none is found or the name does not
 * fit in outlen bytes - the caller then assumes UTF-8.  A BOM wins over
 * everything; a meta tag declaring UTF-16 without a BOM means UTF-8 (the
 * bytes the parser is reading are evidently ASCII-compatible). */
int att_charset_sniff(const char *html, size_t len, const char *content_type, char *out,
                      size_t outlen);

/* Convert in[0..len) from `charset` to UTF-8.  charset NULL, "" or "utf-8"
 * means validate only.  Names are matched case-insensitively; aliases known
 * here: "windows-1258"/"cp1258", "tcvn"/"tcvn-5712"/"tcvn3" (TCVN5712-1),
 * "iso-8859-1"/"latin1"/"us-ascii" (decoded as windows-1252, as browsers
 * do), "utf-16le"/"utf-16be"; anything else is handed to iconv as is.  A
 * leading byte-order mark is removed.  Input declared as one of the
 * single-byte charsets above that is valid UTF-8 with multi-byte sequences
 * is taken as UTF-8 (sites that moved to UTF-8 but kept the old meta tag;
 * real windows-1258/latin1 text essentially never looks like that).
 *
 * On success *out is a malloc'd NUL-terminated string (caller frees) and
 * *outlen its length.  Errors (*out NULL, message in err):
 *   ATT_ERR_CHARSET  iconv does not know the charset, or the input is not
 *                    valid in it (message names the byte offset)
 *   ATT_ERR_UTF8     charset is UTF-8 and the input is not valid UTF-8
 *                    (this includes NUL bytes)
 *   ATT_ERR_NOMEM    allocation failed */
att_status att_to_utf8(const char *in, size_t len, const char *charset, char **out,
                       size_t *outlen, char *err, size_t errlen);

#endif
