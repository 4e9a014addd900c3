/*
 * quotes.h - quotations in a paragraph of Vietnamese news text, in the
 * manner of the Europe Media Monitor's quotation extraction: direct quotes
 * (words between quote marks) and reported speech ("X cho biết ..."), each
 * attributed to a speaker when one can be found.
 *
 * Direct quotes: text between “ ” (also a mixed “ ... " pair), « » or
 * straight " marks; one pair may hold several sentences.  Press convention
 * for quotes running over several paragraphs is followed: an opener never
 * closed in the paragraph (a curly or guillemet one, a straight one after
 * a colon, or any at the paragraph's start) runs to the paragraph's end,
 * and a closer with no opener before it, followed by ", X nói", closes a
 * quote that began at the paragraph's start.  Attribution forms:
 *   Ông X nhấn mạnh: “...”  /  X cho biết rằng "..."   speech verb before
 *   X nói với báo giới: “...”  /  X: “...”              colon before
 *   “...”, X nói.  /  “...” - ông X khẳng định.        speech verb after
 *   “...”, X, chuyên gia của Y, cho biết.               (with an appositive)
 *   “...” Ông X nói.                                     (a sentence of its own)
 *   “...”, Reuters dẫn lời ông X.                        speaker after "dẫn lời"
 *   “...”, theo X.  /  Theo X, “...”                    "theo"
 * A verb after the quote attributes it only when it ends its clause
 * ("..., còn ông Y nói rằng ..." does not).  Unattributed quoted text is a
 * scare quote or a quoted name, and is not reported, when it has 1-4
 * syllables (“chiến lược”, "face to face"), follows a naming noun
 * ("cuốn sách “...”", "chiến dịch", "sáng kiến", "chủ đề", ...), or has up
 * to 8 syllables and no punctuation inside (“mọi dữ liệu cá nhân”);
 * other unattributed quotes are reported with speaker -1, unless they lie
 * inside a reported-speech span (then they are part of it).
 *
 * Reported speech: "X <verb> [thêm] [rằng|:|,] content", where <verb> is
 * one of cho biết, cho hay, nói, nhấn mạnh, khẳng định, tái khẳng định,
 * tuyên bố, cho rằng, nhận định, nhận xét, bày tỏ, kêu gọi, cảnh báo,
 * thông báo, lưu ý, nêu rõ, thừa nhận, tiết lộ, or (only with rằng/colon/
 * comma after it) phát biểu, chia sẻ, giải thích, bình luận, trả lời,
 * viết, nhắc lại; "nói với báo giới rằng ..." starts the content after
 * "rằng".  Also: "Theo X, content" at the start of a sentence (not the
 * adverbial "theo đó", "theo kế hoạch", "theo dõi", ...) and "X đưa tin,
 * content", where a speech verb in the content's main clause takes
 * precedence ("Theo Reuters, ông Y cho biết Z" -> Y said Z); "như X đã
 * nhấn mạnh, content"; "content, ông X cho biết." (attribution at the end
 * of the sentence).  The content runs to the end of the sentence (final
 * punctuation excluded), or to the introducer of a direct quote later in
 * the same sentence.  One reported span per sentence at most: the first
 * speech verb that has a subject before it in its clause, is not used as a
 * noun ("trong thông báo", "tuyên bố của", "phát đi thông báo"), negated,
 * planned or passive ("không cho biết", "sẽ phát biểu", "được thông báo"),
 * not in a question, and has at least three syllables of content.
 *
 * Speakers: the speaker span closest before the speech verb (or before the
 * comma of "Theo X,", or the colon) in the same sentence; when an
 * appositive separates subject and verb ("X, chuyên gia của viện Y, cho
 * biết"), the span closest to the end of the segment before it.  For a
 * verb after the quote, the span closest before the verb within the first
 * comma-separated segment after the closing mark ("“...”, Ngoại trưởng Mỹ
 * Antony Blinken nói" -> "Antony Blinken" rather than "Mỹ" when both are
 * given).  "X cho biết ... và nhấn mạnh" shares the subject.  When the
 * subject is a pronoun (ông, bà, ông ấy, bà ấy, ông ta, ông này,
 * người này, vị này, ...): the speaker of the latest quotation earlier in
 * the paragraph, else the nearest span before that sentence, else the
 * nearest earlier in the same sentence.  Spans inside quote marks are never
 * speakers.  On equal ends the longer (outer) span is chosen.
 *
 * Sentences end at . ! ? … (after any closing marks) followed by a space
 * and an upper-case letter, digit or opening mark (or directly by an
 * opening straight quote), and at newlines; never inside a pair of quote
 * marks, nor after initials or common abbreviations ("TP.", "Mr.", "J.").
 *
 * Ownership: att_find_quotes() only reads its inputs; *out is malloc'd
 * (NULL when *n == 0) and the caller frees it with free().  Thread-safe
 * (the built-in word lists are built once, on first use, in a private
 * vocabulary).  Errors: ATT_ERR_NOMEM; ATT_ERR_USAGE for NULL arguments;
 * ATT_ERR_TOOBIG for a paragraph of 4 GiB or more.  On error *out is NULL
 * and *n is 0.
 */
#ifndef ATT_QUOTES_H
#define ATT_QUOTES_H

#include <stddef.h>

#include "../util/status.h"

typedef struct att_quote {
    size_t start, end;           /* byte span of the quoted/reported content in the paragraph (without the quote marks) */
    size_t sent_start, sent_end; /* byte span of the whole sentence containing it */
    long speaker;                /* index into the speakers[] given, or -1 when no speaker was found */
    int direct;                  /* 1 = direct quote in “ ” or " " marks, 0 = reported speech (X cho biết ...) */
} att_quote;

/* A candidate speaker: a byte span in the paragraph that names a person,
 * organization or country (found by the actor resolver). */
typedef struct att_speaker_span {
    size_t start, end;
} att_speaker_span;

/* Find quotations in one paragraph para[0..len) (UTF-8, NFC).  speakers:
 * sorted by start (may be NULL when n_speakers is 0).  Quotes come out in
 * order of their start; they never overlap. */
att_status att_find_quotes(const char *para, size_t len, const att_speaker_span *speakers, size_t n_speakers,
                           att_quote **out, size_t *n);

#endif
