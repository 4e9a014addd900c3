/*
 * boiler.h - text-level boilerplate signals shared by the plain-text and
 * HTML extractors.  Each predicate looks at one line/paragraph of NFC UTF-8
 * text (s, n bytes, not necessarily NUL-terminated) and answers from general
 * signals (shape, punctuation, well-known widget labels), never from a list
 * of specific pages' lines.
 *
 * Ownership: nothing is allocated except by att_boiler_shingles_* which
 * document their own.  All functions are pure and thread-safe.
 */
#ifndef ATT_BOILER_H
#define ATT_BOILER_H

#include <stddef.h>

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

/* A social "follow us" line: "Theo dõi Baoquocte.vn trên", "Follow X on". */
int att_boiler_is_follow_line(const char *s, size_t n);

/* A source/credit line wholly in parentheses or brackets and short:
 * "(theo Sputnik)", "(thực hiện)", "(trích lược - theo Tạp chí ...)". */
int att_boiler_is_credit(const char *s, size_t n);

/* Fraction (0..1) of a's word-trigram shingles (folded, accent-free) that
 * also occur in b.  Used to find pull quotes and captions that repeat a
 * paragraph.  Returns 0 if a has no trigram. */
double att_boiler_containment(const char *a, size_t an, const char *b, size_t bn);

/* Does the line end like a sentence (. ! ? … ” " ' ) after trimming)? */
int att_boiler_ends_sentence(const char *s, size_t n);

/* Number of Unicode characters (code points) in s. */
size_t att_boiler_chars(const char *s, size_t n);

#endif
