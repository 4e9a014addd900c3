/*
 * text_internal.h - shared between the text_*.c files of the plain-text
 * extractor; not part of the public API (see text_extract.h).
 *
 * The page is turned into items: one per non-blank line (a hard-wrapped
 * paragraph whose next line starts in lowercase is one item spanning both
 * lines).  Items point into the caller's text; nothing is copied.  Each pass
 * of the extractor assigns items a role; emitting the article is then a walk
 * over the items in order.
 */
#ifndef ATT_TEXT_INTERNAL_H
#define ATT_TEXT_INTERNAL_H

#include <stddef.h>

#include "../util/status.h"

typedef enum tx_role {
    TX_NONE = 0, /* not classified yet */
    TX_DROP,     /* boilerplate or consumed as metadata */
    TX_TEXT,     /* body paragraph */
    TX_SHORT,    /* short line without sentence punctuation: heading or debris */
    TX_HEADING   /* section heading */
} tx_role;

typedef struct tx_item {
    const char *s; /* trimmed text, not NUL-terminated */
    size_t n;
    size_t block;  /* index of the blank-line separated block */
    size_t words;  /* word tokens */
    unsigned standalone : 1; /* the only item of its block */
    unsigned ends : 1;       /* ends like a sentence (att_boiler_ends_sentence) */
    unsigned role : 3;       /* tx_role */
    unsigned caption : 1;    /* dropped as a photo caption */
    unsigned is_caption : 1; /* att_boiler_is_caption (computed once) */
    unsigned nav : 1;        /* menu/list link, breadcrumb or share buttons (tx_mark_furniture) */
} tx_item;

typedef struct tx_doc {
    tx_item *it;
    size_t n, cap;
    int block_mode;          /* paragraphs separated by blank lines, else one per line */
    int meta;                /* a "# key = value" header was present */
    const char *url;         /* "# url = ..." value, url_n bytes */
    size_t url_n;
    int year, month, day;    /* "# date = YYYYMMDD"; year 0 if absent */
} tx_doc;

/* Split text into items and read the "# key = value" header.  doc->it is
 * malloc'd (free with tx_doc_free).  ATT_OK or ATT_ERR_NOMEM. */
att_status tx_split(const char *text, size_t len, tx_doc *doc);
void tx_doc_free(tx_doc *doc);

/* Drop TEXT items that repeat other text: paragraphs mostly contained in
 * the lead, pull quotes contained in the paragraph they quote (in either
 * order, attribution tails allowed) and exact duplicates (the first is
 * kept).  lead may be NULL.  ATT_OK or ATT_ERR_NOMEM. */
att_status tx_dedupe(tx_doc *doc, const char *lead, size_t lead_n);

/* ---- the page frame (text_frame.c) ---- */

typedef struct tx_date {
    int year, month, day; /* year 0: none */
    int hour, minute;     /* hour < 0: no time */
    int update;           /* an "updated" / "Cập nhật" line */
} tx_date;

/* A date line: a short line that is mostly a date (D/M/YYYY, D-M-YYYY,
 * D.M.YYYY, YYYY-MM-DD or "ngày D tháng M năm YYYY") with an optional time
 * (HH:MM, HHhMM), weekday, "GMT+7", "Cập nhật", separators or names:
 * "Thứ hai, 31/03/2021 - 09:03", "09:03 | 31/03/2021", "Minh Anh · 09:03
 * 31/3/2021".  Returns 1 and fills *out, else 0. */
int tx_dateline(const char *s, size_t n, tx_date *out);

/* A line of share/follow/comment buttons ("Facebook Zalo Copy link",
 * "Chia sẻ Facebook"). */
int tx_share_line(const char *s, size_t n);

/* A line that closes an article: a tag list ("Từ khóa: ...", "Tags:",
 * "Chủ đề:") or a comment counter ("Bình luận (3)", "Ý kiến (12)"). */
int tx_tail_marker(const char *s, size_t n);

/* A related-content heading: att_boiler_widget_heading's labels, or a
 * short line "Tin/Bài/Xem/Đọc/Có thể bạn ..." naming related, same-section,
 * most-read or latest articles ("Bài viết cùng chuyên mục"). */
int tx_widget_heading(const char *s, size_t n);

/* The first line of a news site's legal footer: "Cơ quan chủ quản: ...",
 * "Giấy phép hoạt động báo điện tử số ...", "Tổng biên tập: ...",
 * "Địa chỉ tòa soạn: ..."; nothing after it belongs to the article. */
int tx_footer_line(const char *s, size_t n);

/* Strip renderers' heading marks ("****** Title ******") from items and
 * set their nav bit (list links, html2text's underscored links,
 * breadcrumbs, share buttons). */
void tx_mark_furniture(tx_doc *d);

typedef struct tx_frame_info {
    size_t title; /* item index of the headline, (size_t)-1 if not found */
    size_t lead;  /* item index of the lead when title is found */
    tx_date date; /* the article's date line (year 0 if none) */
} tx_frame_info;

/* Find the headline of a scraped page: the first headline-shaped line
 * followed by a lead (only date lines, bylines, share buttons, captions
 * between) and more paragraphs, with nothing but furniture and teasers
 * above it; and its date line (between headline and lead, else just
 * above the headline; "updated" lines last).  Nothing for "# key = value"
 * corpus files. */
void tx_frame(const tx_doc *d, tx_frame_info *f);

#endif
