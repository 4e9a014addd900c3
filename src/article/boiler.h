/*
 * boiler.h - text-level boilerplate signals shared by the plain-text and
 * HTML extractors.  Each predicate looks at one line/paragraph of NFC UTF-8
 * text (s, n bytes, not necessarily NUL-terminated) and answers from general
 * signals (shape, punctuation, well-known widget labels), never from a list
 * of specific pages' lines.
 *
 * Ownership: nothing is allocated except by att_boiler_shingles() which
 * documents its own.  All functions are pure and thread-safe.  Predicates
 * that need a folded view allocate temporarily and answer 0 ("not
 * boilerplate") if that allocation fails.
 */
#ifndef ATT_BOILER_H
#define ATT_BOILER_H

#include <stddef.h>
#include <stdint.h>

#include "../util/status.h"

/* A related-content widget heading: "Tin liên quan", "TIN LIÊN QUAN",
 * "Bài viết cùng chủ đề", "Xem nhiều", "Đọc thêm", "Có thể bạn quan tâm",
 * "Tin cùng chuyên mục", "Xem thêm", "Tin mới nhất", "Phiên bản di động" ...
 * (compared accent- and case-insensitively, trailing ':' ignored). */
int att_boiler_widget_heading(const char *s, size_t n);

/* Bytes of site prefixes in front of a lead: "Baoquocte.vn. ", "TGVN. ",
 * "TG&VN. ", "(Dân trí) - ", "VOV.VN - " ... possibly several in a row.
 * Returns 0 if there is none; s + result is where the lead really begins. */
size_t att_boiler_site_prefix(const char *s, size_t n);

/* A photo caption: ends with a credit such as "(Nguồn: AP)", "(Ảnh: X)",
 * "Ảnh: X", "(Ảnh minh họa)", "(Photo: X)". */
int att_boiler_is_caption(const char *s, size_t n);

/* For a caption, the number of bytes of s before its credit (the caption
 * text itself, trailing spaces and dashes removed); 0 if s is not a
 * caption or is nothing but a credit. */
size_t att_boiler_caption_text(const char *s, size_t n);

/* A social "follow us" line: "Theo dõi Baoquocte.vn trên", "Follow X on". */
int att_boiler_is_follow_line(const char *s, size_t n);

/* A source/credit line wholly in parentheses or brackets and short:
 * "(theo Sputnik)", "(thực hiện)", "(trích lược - theo Tạp chí ...)". */
int att_boiler_is_credit(const char *s, size_t n);

/* Fraction (0..1) of a's word-trigram shingles (folded, accent-free) that
 * also occur in b.  Used to find pull quotes and captions that repeat a
 * paragraph.  Returns 0 if a has no trigram. */
double att_boiler_containment(const char *a, size_t an, const char *b, size_t bn);

/* Does the line end like a sentence after trimming: . ! ? … , or a closing
 * quote/bracket (” " ' ’ » ) ]) that follows one of those or closes a line
 * that opened with a quote ("“Chúng tôi sẵn sàng”")?  A title ending in a
 * quoted word ("... điểm mấu chốt 'tối thượng'") does not. */
int att_boiler_ends_sentence(const char *s, size_t n);

/* Number of Unicode characters (code points) in s. */
size_t att_boiler_chars(const char *s, size_t n);

/* ---- additions used by the text extractor (usable by any extractor) ---- */

/* Narrow (*s, *n) to drop ASCII and Unicode spaces (NBSP, U+2000..U+200B,
 * U+202F, U+3000, BOM) at both ends. */
void att_boiler_trim(const char **s, size_t *n);

/* Number of word tokens (att_next_word) in s. */
size_t att_boiler_words(const char *s, size_t n);

/* Does s contain at least one letter (not just digits, symbols, emoji)? */
int att_boiler_has_letter(const char *s, size_t n);

/* A line that inlines a widget label and one link: "Xem thêm: <title>",
 * "Đọc thêm >> <title>", "Tin liên quan: <title>". */
int att_boiler_inline_link(const char *s, size_t n);

/* A short, unparenthesised source/credit line: "Theo Reuters, AFP",
 * "Theo Vân Thiêng, Đặng Thùy", "Tổng hợp", "Nguồn: VnExpress".
 * "Theo" followed by mostly lowercase words ("Theo đuổi mục tiêu") is not. */
int att_boiler_is_source_line(const char *s, size_t n);

/* A URL slug or bare URL on its own: "ngoai-giao-so-ly-thuyet-va-ham-y",
 * "https://example.vn/a-b.htm". */
int att_boiler_is_slug(const char *s, size_t n);

/* A page-end marker after which nothing belongs to the article:
 * "Phiên bản di động", "Về đầu trang", "© 2024 ...", "Bản quyền thuộc ...",
 * "Ghi rõ nguồn ... khi phát hành lại ...". */
int att_boiler_page_end(const char *s, size_t n);

/* A byline: author names separated by "," ";" "&" " và " " - ", each name
 * 2-6 capitalised words ("Vũ Lê Thái Hoàng, Nguyễn Đức Huy"), optionally
 * with a date/time ("Phương Hằng 07:00 | 24/03/2024"), or a date/time line
 * alone.  A leading label ("Bài và ảnh:") or weekday and a short trailing
 * note ("(tổng hợp)") are skipped; a "Theo X" credit yields no names.
 * Names are byte ranges into s. */
#define ATT_BYLINE_MAX_NAMES 8
typedef struct att_byline {
    size_t n_names;
    struct {
        size_t off, len;
    } names[ATT_BYLINE_MAX_NAMES];
    int year, month, day; /* year == 0: no date */
    int hour, minute;     /* hour < 0: no time */
} att_byline;
/* Returns 1 and fills *out if s is a byline (names and/or date), else 0. */
int att_boiler_byline(const char *s, size_t n, att_byline *out);

/* Same text up to case, accents, punctuation and spacing, or one is the
 * other plus at most two short trailing words ("... giăng bẫy 1"). */
int att_boiler_near_equal(const char *a, size_t an, const char *b, size_t bn);

/* Word-trigram shingles: sorted, de-duplicated 64-bit hashes of the folded
 * text's word trigrams.  h is malloc'd (NULL when n == 0); release with
 * att_boiler_shingles_free.  Returns ATT_OK or ATT_ERR_NOMEM. */
typedef struct att_shingles {
    uint64_t *h;
    size_t n;
} att_shingles;
att_status att_boiler_shingles(const char *s, size_t n, att_shingles *out);
void att_boiler_shingles_free(att_shingles *sh);
/* |a ∩ b| / |a|, 0 if a is empty (same measure as att_boiler_containment). */
double att_boiler_shingles_containment(const att_shingles *a, const att_shingles *b);

#endif
