/* quotes.c - direct quotes and reported speech in a paragraph; see quotes.h.
 *
 * Steps: (1) pair the quote marks (a stack; only outermost pairs count);
 * (2) split sentences, never inside a pair; (3) tokenize once with a private
 * vocabulary whose trie holds the speech verbs and the function words the
 * rules look at; (4) per sentence, attribute each pair, then look for one
 * reported-speech span; (5) keep long unattributed quotes unless they lie
 * inside a reported span. */
#include "quotes.h"
#include "quotes_int.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "../normalize/normalize.h"
#include "../segment/tokens.h"
#include "../segment/trie.h"

/* ---- word lists --------------------------------------------------------- */

enum kind {
    K_VERB = 1,  /* speech verb (DICT flags: VF_*) */
    K_NOTVERB,   /* longer phrase that is not speech: "nói chung" */
    K_RANG,      /* "rằng" */
    K_THEM,      /* "thêm" (cho biết thêm) */
    K_THEO,      /* "theo" */
    K_NOTTHEO,   /* adverbial "theo đó", "theo kế hoạch" ... */
    K_PRON,      /* pronoun subject */
    K_ADV,       /* adverb between subject and verb */
    K_BLOCKPREV, /* word before a verb that makes it a noun/negated/passive */
    K_BLOCKNEXT, /* word after a verb that makes it a noun */
    K_PREP,      /* "với", "trước" ... after a verb: look ahead for "rằng" */
    K_TAIL,      /* what may follow a verb that ends a sentence: "thêm", "như vậy" */
    K_CONJ,      /* "và", "đồng thời": a second verb sharing the subject */
    K_NHU,       /* "như X nói, ..." */
    K_TIME,      /* time word that may follow a closing attribution: "hôm", "ngày" */
    K_SUB,       /* subordinator opening a clause: "khi", "để", "nếu" */
    K_TITLE      /* noun before a quoted name: "cuốn sách “...”" */
};

enum {
    VF_NEEDS_INTRO = 1, /* speech only with rằng / colon / comma after it */
    VF_QUOTING = 2,     /* "dẫn lời X": the speaker follows the verb */
    VF_SOURCE = 4       /* "Reuters đưa tin, ...": a source, like "Theo X," */
};

typedef struct dict_entry {
    const char *text;
    int kind, flags;
} dict_entry;

static const dict_entry DICT[] = {
    {"cho biết", K_VERB, 0}, {"cho hay", K_VERB, 0}, {"nói", K_VERB, 0},
    {"nhấn mạnh", K_VERB, 0}, {"khẳng định", K_VERB, 0}, {"tái khẳng định", K_VERB, 0},
    {"tuyên bố", K_VERB, 0}, {"cho rằng", K_VERB, 0}, {"nhận định", K_VERB, 0},
    {"nhận xét", K_VERB, 0}, {"bày tỏ", K_VERB, 0}, {"kêu gọi", K_VERB, 0},
    {"cảnh báo", K_VERB, 0}, {"thông báo", K_VERB, 0}, {"lưu ý", K_VERB, 0},
    {"nêu rõ", K_VERB, 0}, {"thừa nhận", K_VERB, 0}, {"tiết lộ", K_VERB, 0},
    {"nhắc lại", K_VERB, VF_NEEDS_INTRO},
    {"dẫn lời", K_VERB, VF_QUOTING}, {"trích lời", K_VERB, VF_QUOTING},
    {"phát biểu", K_VERB, VF_NEEDS_INTRO}, {"chia sẻ", K_VERB, VF_NEEDS_INTRO},
    {"giải thích", K_VERB, VF_NEEDS_INTRO}, {"bình luận", K_VERB, VF_NEEDS_INTRO},
    {"trả lời", K_VERB, VF_NEEDS_INTRO}, {"viết", K_VERB, VF_NEEDS_INTRO},
    {"đưa tin", K_VERB, VF_NEEDS_INTRO | VF_SOURCE},

    {"nói chung", K_NOTVERB, 0}, {"nói riêng", K_NOTVERB, 0}, {"nói trên", K_NOTVERB, 0},
    {"nói chuyện", K_NOTVERB, 0}, {"nói cách khác", K_NOTVERB, 0}, {"nói lên", K_NOTVERB, 0},
    {"nói dối", K_NOTVERB, 0}, {"nói gì", K_NOTVERB, 0}, {"lời nói", K_NOTVERB, 0},
    {"tiếng nói", K_NOTVERB, 0}, {"viết tắt", K_NOTVERB, 0}, {"trả lời phỏng vấn", K_NOTVERB, 0},

    {"rằng", K_RANG, 0}, {"thêm", K_THEM, 0},
    {"thêm", K_TAIL, 0}, {"như vậy", K_TAIL, 0}, {"vậy", K_TAIL, 0}, {"như thế", K_TAIL, 0},

    {"theo", K_THEO, 0},
    {"theo đó", K_NOTTHEO, 0}, {"theo dõi", K_NOTTHEO, 0}, {"theo kế hoạch", K_NOTTHEO, 0},
    {"theo quy định", K_NOTTHEO, 0}, {"theo thỏa thuận", K_NOTTHEO, 0},
    {"theo lịch trình", K_NOTTHEO, 0}, {"theo truyền thống", K_NOTTHEO, 0},
    {"theo giờ", K_NOTTHEO, 0}, {"theo hướng", K_NOTTHEO, 0}, {"theo thời gian", K_NOTTHEO, 0},
    {"theo tinh thần", K_NOTTHEO, 0}, {"theo luật", K_NOTTHEO, 0}, {"theo yêu cầu", K_NOTTHEO, 0},
    {"theo lời mời", K_NOTTHEO, 0}, {"theo đề nghị", K_NOTTHEO, 0}, {"theo chương trình", K_NOTTHEO, 0},
    {"theo sau", K_NOTTHEO, 0}, {"theo cách", K_NOTTHEO, 0}, {"theo kiểu", K_NOTTHEO, 0},
    {"theo thông lệ", K_NOTTHEO, 0}, {"theo lộ trình", K_NOTTHEO, 0}, {"theo định kỳ", K_NOTTHEO, 0},

    {"ông", K_PRON, 0}, {"bà", K_PRON, 0}, {"ông ấy", K_PRON, 0}, {"bà ấy", K_PRON, 0},
    {"ông ta", K_PRON, 0}, {"bà ta", K_PRON, 0}, {"ông này", K_PRON, 0}, {"bà này", K_PRON, 0},
    {"người này", K_PRON, 0}, {"vị này", K_PRON, 0}, {"nhân vật này", K_PRON, 0},

    {"cũng", K_ADV, 0}, {"còn", K_ADV, 0}, {"đã", K_ADV, 0}, {"vừa", K_ADV, 0},
    {"mới", K_ADV, 0}, {"từng", K_ADV, 0}, {"lại", K_ADV, 0}, {"đều", K_ADV, 0},
    {"thì", K_ADV, 0}, {"hôm nay", K_ADV, 0}, {"hôm qua", K_ADV, 0},
    {"tiếp tục", K_ADV, 0}, {"trước đó", K_ADV, 0}, {"sau đó", K_ADV, 0},
    {"một lần nữa", K_ADV, 0}, {"nhiều lần", K_ADV, 0}, {"công khai", K_ADV, 0},

    {"không", K_BLOCKPREV, 0}, {"chưa", K_BLOCKPREV, 0}, {"chẳng", K_BLOCKPREV, 0},
    {"từ chối", K_BLOCKPREV, 0}, {"được", K_BLOCKPREV, 0}, {"bị", K_BLOCKPREV, 0},
    {"sẽ", K_BLOCKPREV, 0}, {"dự kiến", K_BLOCKPREV, 0}, {"trong", K_BLOCKPREV, 0},
    {"theo", K_BLOCKPREV, 0}, {"bản", K_BLOCKPREV, 0}, {"lời", K_BLOCKPREV, 0},
    {"một", K_BLOCKPREV, 0}, {"các", K_BLOCKPREV, 0}, {"những", K_BLOCKPREV, 0},
    {"cuộc", K_BLOCKPREV, 0}, {"buổi", K_BLOCKPREV, 0}, {"bài", K_BLOCKPREV, 0},
    {"của", K_BLOCKPREV, 0}, {"với", K_BLOCKPREV, 0}, {"ra", K_BLOCKPREV, 0},
    {"để", K_BLOCKPREV, 0}, {"nhằm", K_BLOCKPREV, 0}, {"khi", K_BLOCKPREV, 0},
    {"muốn", K_BLOCKPREV, 0}, {"sau khi", K_BLOCKPREV, 0}, {"trước khi", K_BLOCKPREV, 0},
    {"có thể", K_BLOCKPREV, 0}, {"phải", K_BLOCKPREV, 0}, {"phát đi", K_BLOCKPREV, 0},
    {"đưa ra", K_BLOCKPREV, 0}, {"ban hành", K_BLOCKPREV, 0}, {"công bố", K_BLOCKPREV, 0},
    {"gửi", K_BLOCKPREV, 0}, {"phát", K_BLOCKPREV, 0}, {"dẫn", K_BLOCKPREV, 0}, {"nhận", K_BLOCKPREV, 0}, {"nhận được", K_BLOCKPREV, 0},

    {"của", K_BLOCKNEXT, 0}, {"này", K_BLOCKNEXT, 0}, {"ấy", K_BLOCKNEXT, 0},
    {"chung", K_BLOCKNEXT, 0}, {"mà", K_BLOCKNEXT, 0},

    {"và", K_CONJ, 0}, {"đồng thời", K_CONJ, 0}, {"rồi", K_CONJ, 0}, {"nhưng", K_CONJ, 0},

    {"với", K_PREP, 0}, {"trước", K_PREP, 0}, {"tại", K_PREP, 0}, {"trên", K_PREP, 0},
    {"trong", K_PREP, 0}, {"qua", K_PREP, 0},

    {"như", K_NHU, 0},

    {"khi", K_SUB, 0}, {"để", K_SUB, 0}, {"nếu", K_SUB, 0}, {"vì", K_SUB, 0}, {"do", K_SUB, 0},
    {"nhằm", K_SUB, 0}, {"mặc dù", K_SUB, 0}, {"dù", K_SUB, 0}, {"sau khi", K_SUB, 0},
    {"trước khi", K_SUB, 0}, {"trong khi", K_SUB, 0}, {"bởi vì", K_SUB, 0},

    {"hôm", K_TIME, 0}, {"ngày", K_TIME, 0}, {"sáng", K_TIME, 0}, {"trưa", K_TIME, 0},
    {"chiều", K_TIME, 0}, {"tối", K_TIME, 0}, {"đêm", K_TIME, 0}, {"tuần", K_TIME, 0},
    {"tháng", K_TIME, 0}, {"năm", K_TIME, 0}, {"hôm qua", K_TIME, 0}, {"hôm nay", K_TIME, 0},

    {"sách", K_TITLE, 0}, {"cuốn", K_TITLE, 0}, {"bài viết", K_TITLE, 0}, {"bài báo", K_TITLE, 0},
    {"tác phẩm", K_TITLE, 0}, {"chương trình", K_TITLE, 0}, {"chiến dịch", K_TITLE, 0},
    {"dự án", K_TITLE, 0}, {"sáng kiến", K_TITLE, 0}, {"chiến lược", K_TITLE, 0},
    {"kế hoạch", K_TITLE, 0}, {"khẩu hiệu", K_TITLE, 0}, {"hiệp định", K_TITLE, 0},
    {"hiệp ước", K_TITLE, 0}, {"báo", K_TITLE, 0}, {"tờ", K_TITLE, 0}, {"tạp chí", K_TITLE, 0},
    {"phim", K_TITLE, 0}, {"tập trận", K_TITLE, 0}, {"chủ đề", K_TITLE, 0}, {"tên", K_TITLE, 0},
    {"gọi là", K_TITLE, 0}, {"danh hiệu", K_TITLE, 0}, {"giải thưởng", K_TITLE, 0},
    {"học thuyết", K_TITLE, 0}, {"chính sách", K_TITLE, 0}, {"diễn đàn", K_TITLE, 0},
    {"hội nghị", K_TITLE, 0}, {"sự kiện", K_TITLE, 0},
    {"nghị quyết", K_TITLE, 0}, {"đạo luật", K_TITLE, 0}, {"luật", K_TITLE, 0},
    {"ấn phẩm", K_TITLE, 0}, {"bài phát biểu", K_TITLE, 0}, {"tuyên bố chung", K_TITLE, 0},
};

#define N_DICT (sizeof DICT / sizeof DICT[0])
#define VAL(kind, i) ((kind) << 16 | (int)(i))
#define KIND(v) ((v) >> 16)
#define IDX(v) ((v) & 0xffff)

static struct {
    att_vocab *vocab;
    att_trie *trie;
    int ok;
} g_dict;
static pthread_once_t g_once = PTHREAD_ONCE_INIT;

static void dict_init(void)
{
    g_dict.vocab = att_vocab_new();
    g_dict.trie = att_trie_new();
    if (!g_dict.vocab || !g_dict.trie)
        return;
    for (size_t i = 0; i < N_DICT; i++)
        if (att_trie_add(g_dict.trie, g_dict.vocab, DICT[i].text, strlen(DICT[i].text),
                         VAL(DICT[i].kind, i)) != ATT_OK)
            return;
    g_dict.ok = 1;
}

/* ---- text helpers ------------------------------------------------------- */

enum mark { M_NONE, M_OPEN, M_CLOSE, M_STRAIGHT };
enum { Q_CURLY = 1, Q_GUIL, Q_STRAIGHT };

/* Quote mark at s[i]: kind of mark, family (Q_*), byte length. */
static int mark_at(const char *s, size_t len, size_t i, int *family, size_t *mlen)
{
    unsigned char c = (unsigned char)s[i];
    if (c == '"') {
        *family = Q_STRAIGHT;
        *mlen = 1;
        return M_STRAIGHT;
    }
    if (c == 0xE2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80) {
        unsigned char d = (unsigned char)s[i + 2];
        *mlen = 3;
        *family = Q_CURLY;
        if (d == 0x9C)
            return M_OPEN;
        if (d == 0x9D)
            return M_CLOSE;
    }
    if (c == 0xC2 && i + 1 < len) {
        unsigned char d = (unsigned char)s[i + 1];
        *mlen = 2;
        *family = Q_GUIL;
        if (d == 0xAB)
            return M_OPEN;
        if (d == 0xBB)
            return M_CLOSE;
    }
    return M_NONE;
}

/* Blank (ASCII white space or no-break space) at s[i]; returns its length. */
static size_t blank_at(const char *s, size_t len, size_t i)
{
    char c = s[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v')
        return 1;
    if ((unsigned char)c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] == 0xA0)
        return 2;
    return 0;
}

static size_t skip_blanks(const char *s, size_t len, size_t i)
{
    size_t b;
    while (i < len && (b = blank_at(s, len, i)))
        i += b;
    return i;
}

/* Trim blanks from [*a, *b). */
static void trim_span(const char *s, size_t *a, size_t *b)
{
    *a = skip_blanks(s, *b, *a);
    while (*b > *a) {
        unsigned char c = (unsigned char)s[*b - 1];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v')
            (*b)--;
        else if (c == 0xA0 && *b - 1 > *a && (unsigned char)s[*b - 2] == 0xC2)
            *b -= 2;
        else
            break;
    }
}

/* Sentence-final punctuation at s[i] (. ! ? …); returns its length. */
static size_t terminal_at(const char *s, size_t len, size_t i)
{
    char c = s[i];
    if (c == '.' || c == '!' || c == '?')
        return 1;
    if ((unsigned char)c == 0xE2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
        (unsigned char)s[i + 2] == 0xA6)
        return 3;
    return 0;
}

/* Does the text before position b (blanks skipped) end with terminal
 * punctuation? */
static int ends_terminal(const char *s, size_t a, size_t b)
{
    trim_span(s, &a, &b);
    if (b == a)
        return 0;
    char c = s[b - 1];
    if (c == '.' || c == '!' || c == '?')
        return 1;
    return b - a >= 3 && (unsigned char)s[b - 3] == 0xE2 && (unsigned char)s[b - 2] == 0x80 &&
           (unsigned char)s[b - 1] == 0xA6;
}

static int ascii_lower(int c) { return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c; }

/* Is the word right before the '.' at s[i] an initial or an abbreviation? */
static int abbrev_before(const char *s, size_t i)
{
    static const char *const ABBR[] = {"tp", "mr", "mrs", "ms", "dr", "st", "ts", "ths", "gs", "pgs", "jr",
                                       "sr", "co", "inc", "ltd", "corp", "gen", "col", "lt", "prof",
                                       "no", "vs", "tt", "bs", "ncs", "sgt", "capt"};
    size_t a = i;
    while (a > 0 && ((s[a - 1] >= 'A' && s[a - 1] <= 'Z') || (s[a - 1] >= 'a' && s[a - 1] <= 'z')))
        a--;
    size_t n = i - a;
    if (n == 0 || (a > 0 && (unsigned char)s[a - 1] >= 0x80))
        return 0; /* no ASCII word, or part of a Vietnamese word ("Mỹ.") */
    if (n == 1)
        return s[a] >= 'A' && s[a] <= 'Z'; /* initial: "J. Biden", "U.S." */
    for (size_t k = 0; k < sizeof ABBR / sizeof ABBR[0]; k++) {
        if (strlen(ABBR[k]) != n)
            continue;
        size_t j = 0;
        while (j < n && ascii_lower(s[a + j]) == ABBR[k][j])
            j++;
        if (j == n)
            return 1;
    }
    return 0;
}

/* The first position in [i, end) holding one of the bytes b0..b4 (the
 * same byte may be given twice), or end: the paragraph scans below step
 * over everything else, 16 bytes at a time where SSE2 is there. */
static size_t next_byte_of(const char *s, size_t i, size_t end, unsigned char b0, unsigned char b1,
                           unsigned char b2, unsigned char b3, unsigned char b4)
{
#if defined(__SSE2__)
    const __m128i v0 = _mm_set1_epi8((char)b0), v1 = _mm_set1_epi8((char)b1), v2 = _mm_set1_epi8((char)b2),
                  v3 = _mm_set1_epi8((char)b3), v4 = _mm_set1_epi8((char)b4);
    while (i + 16 <= end) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, v0), _mm_cmpeq_epi8(x, v1)),
                                 _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, v2), _mm_cmpeq_epi8(x, v3)),
                                              _mm_cmpeq_epi8(x, v4)));
        unsigned bits = (unsigned)_mm_movemask_epi8(m);
        if (bits)
            return i + (size_t)__builtin_ctz(bits);
        i += 16;
    }
#endif
    for (; i < end; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == b0 || c == b1 || c == b2 || c == b3 || c == b4)
            break;
    }
    return i;
}

/* ---- state -------------------------------------------------------------- */

typedef struct qpair {
    size_t open, open_end, close, close_end; /* close == close_end == len when unclosed */
} qpair;

typedef struct sentence {
    size_t start, end; /* raw, contiguous cover of the paragraph */
    size_t t0, t1;     /* tokens [t0, t1) */
} sentence;

enum intro { I_NONE, I_VERB, I_COLON, I_THEO, I_POST, I_POST_THEO };

typedef struct cand {
    size_t pair;
    size_t ntok;     /* words inside the marks */
    enum intro intro;
    long speaker;
    size_t intro_pos; /* byte where the introducer starts (verb or mark) */
} cand;

typedef struct ctx {
    const char *s;
    size_t len;
    const att_speaker_span *sp;
    size_t nsp;
    unsigned char *sp_ok; /* span not inside quote marks */
    const att_token *tk;
    size_t nt;
    long *tok_pair; /* pair holding the token, -1 */
    unsigned char *consumed;
    qpair *pairs;
    size_t np;
    sentence *sents;
    size_t ns;
    att_quote *out;
    size_t nout, cap;
} ctx;

/* ---- quote marks -------------------------------------------------------- */

typedef struct opener {
    size_t pos, end;
    int family;
} opener;

static int cmp_pair(const void *a, const void *b)
{
    const qpair *x = a, *y = b;
    return x->open < y->open ? -1 : x->open > y->open;
}

static att_status find_pairs(ctx *c)
{
    const char *s = c->s;
    size_t len = c->len;
    opener st[16];
    size_t depth = 0, cap = 0, n = 0;
    int seen = 0; /* a mark was seen before */
    qpair *all = NULL;
    for (size_t i = 0; i < len;) {
        /* no mark starts elsewhere (see mark_at) */
        if ((i = next_byte_of(s, i, len, '"', 0xE2, 0xC2, 0xC2, 0xC2)) >= len)
            break;
        int fam;
        size_t ml;
        int m = mark_at(s, len, i, &fam, &ml);
        if (m == M_NONE) {
            i++;
            continue;
        }
        if (m == M_STRAIGHT) {
            if (depth && st[depth - 1].family == Q_STRAIGHT) {
                m = M_CLOSE;
            } else {
                /* an opener is followed by a word ("tin rằng "Mỹ", even
                 * with the space missing: mong manh."Khi, ông"tự tin") */
                unsigned cp = 0;
                if (i + 1 < len)
                    att_utf8_decode(s + i + 1, len - i - 1, &cp);
                if (i + 1 < len && att_is_word_cp(cp))
                    m = M_OPEN;
                else if (depth || !seen)
                    m = M_CLOSE;
                else {
                    i += ml;
                    continue; /* stray */
                }
            }
        }
        int first_mark = !seen;
        seen = 1;
        if (m == M_CLOSE && !depth && first_mark) {
            /* the paragraph continues a quote opened in an earlier one and
             * ends it with an attribution: "... đầu đạn”, ông Heath nói." */
            size_t k = skip_blanks(s, len, i + ml);
            if (k < len && (s[k] == ',' || s[k] == '-' ||
                            (k + 2 < len && (unsigned char)s[k] == 0xE2 && (unsigned char)s[k + 1] == 0x80 &&
                             ((unsigned char)s[k + 2] == 0x93 || (unsigned char)s[k + 2] == 0x94)))) {
                size_t a = skip_blanks(s, len, 0);
                st[depth++] = (opener){a, a, fam};
            }
        }
        if (m == M_OPEN) {
            if (depth && st[depth - 1].family == fam && fam != Q_STRAIGHT)
                depth--; /* “ inside “: the earlier one was never closed */
            if (depth < sizeof st / sizeof st[0])
                st[depth++] = (opener){i, i + ml, fam};
        } else if (depth) {
            /* a curly/guillemet closer closes the nearest opener of its own
             * family when there is one (dropping unclosed ones above it) */
            size_t k = depth;
            if (fam != Q_STRAIGHT)
                for (size_t j = depth; j > 0; j--)
                    if (st[j - 1].family == fam) {
                        k = j;
                        break;
                    }
            if (n == cap) {
                size_t nc = cap ? cap * 2 : 16;
                qpair *na = realloc(all, nc * sizeof *na);
                if (!na) {
                    free(all);
                    return ATT_ERR_NOMEM;
                }
                all = na;
                cap = nc;
            }
            all[n++] = (qpair){st[k - 1].pos, st[k - 1].end, i, i + ml};
            depth = k - 1;
        }
        i += ml;
    }
    /* an opener left unclosed (a curly or guillemet one, a straight one
     * after a colon, or any at the very start of the paragraph): the quote
     * continues into the next paragraph (press convention), so it runs to
     * the end of this one */
    size_t before = st[0].pos;
    while (depth && before > 0 && blank_at(s, len, before - 1))
        before--;
    if (depth && (skip_blanks(s, len, 0) == st[0].pos || st[0].family != Q_STRAIGHT ||
                  (before > 0 && s[before - 1] == ':'))) {
        if (n == cap) {
            qpair *na = realloc(all, (cap + 1) * sizeof *na);
            if (!na) {
                free(all);
                return ATT_ERR_NOMEM;
            }
            all = na;
        }
        all[n++] = (qpair){st[0].pos, st[0].end, len, len};
    }
    if (n > 1)
        qsort(all, n, sizeof *all, cmp_pair);
    /* keep the outermost pairs */
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (k == 0 || all[i].open >= all[k - 1].close_end)
            all[k++] = all[i];
    c->pairs = all;
    c->np = k;
    return ATT_OK;
}

/* ---- sentences ---------------------------------------------------------- */

/* A sentence may end at j: end of text, or blanks then an upper-case
 * letter, a digit, an opening mark or bracket, or a dash. */
static int boundary_at(const char *s, size_t len, size_t j)
{
    if (j >= len)
        return 1;
    if (!blank_at(s, len, j))
        return 0;
    size_t k = skip_blanks(s, len, j);
    if (k >= len)
        return 1;
    unsigned cp;
    att_utf8_decode(s + k, len - k, &cp);
    if (utf8proc_isupper((utf8proc_int32_t)cp) || (cp >= '0' && cp <= '9'))
        return 1;
    return cp == '"' || cp == 0x201C || cp == 0xAB || cp == '(' || cp == '[' || cp == '-' || cp == 0x2013 ||
           cp == 0x2014;
}

static att_status add_sentence(ctx *c, size_t *cap, size_t a, size_t b)
{
    if (b <= a)
        return ATT_OK;
    if (c->ns == *cap) {
        size_t nc = *cap ? *cap * 2 : 16;
        sentence *n = realloc(c->sents, nc * sizeof *n);
        if (!n)
            return ATT_ERR_NOMEM;
        c->sents = n;
        *cap = nc;
    }
    c->sents[c->ns++] = (sentence){a, b, 0, 0};
    return ATT_OK;
}

static att_status split_sentences(ctx *c)
{
    const char *s = c->s;
    size_t len = c->len, cap = 0, start = 0, pi = 0, i = 0;
    while (i < len) {
        while (pi < c->np && c->pairs[pi].open < i)
            pi++;
        /* bytes before the next pair that neither break a line nor can
         * start terminal punctuation (see terminal_at: . ! ? and the E2 of
         * the ellipsis) are stepped over */
        size_t next_open = pi < c->np ? c->pairs[pi].open : len;
        size_t plain = i < next_open ? next_byte_of(s, i, next_open, '\n', '.', '!', '?', 0xE2) : i;
        if (plain > i) {
            i = plain;
            continue;
        }
        if (pi < c->np && i == c->pairs[pi].open) {
            const qpair *p = &c->pairs[pi++];
            size_t j = p->close_end;
            if (j < len && ends_terminal(s, p->open_end, p->close) && boundary_at(s, len, j)) {
                if (add_sentence(c, &cap, start, j) != ATT_OK)
                    return ATT_ERR_NOMEM;
                start = j;
            }
            i = j;
            continue;
        }
        if (s[i] == '\n') {
            if (add_sentence(c, &cap, start, i + 1) != ATT_OK)
                return ATT_ERR_NOMEM;
            start = ++i;
            continue;
        }
        size_t tl = terminal_at(s, len, i);
        if (!tl) {
            i++;
            continue;
        }
        size_t j = i + tl, l;
        int fam;
        size_t ml;
        for (;;) {
            if (j < len && (l = terminal_at(s, len, j))) {
                j += l;
            } else if (j < len && (s[j] == ')' || s[j] == ']' || s[j] == '\'')) {
                j++;
            } else if (j < len && !(pi < c->np && j == c->pairs[pi].open) &&
                       mark_at(s, len, j, &fam, &ml) != M_NONE && s[j] != '"') {
                j += ml; /* stray closing mark */
            } else {
                break;
            }
        }
        int glued_quote = pi < c->np && j == c->pairs[pi].open && j < len && s[j] == '"';
        if (!(s[i] == '.' && tl == 1 && j == i + 1 && abbrev_before(s, i)) &&
            (boundary_at(s, len, j) || glued_quote)) {
            if (add_sentence(c, &cap, start, j) != ATT_OK)
                return ATT_ERR_NOMEM;
            start = j;
        }
        i = j;
    }
    if (add_sentence(c, &cap, start, len) != ATT_OK)
        return ATT_ERR_NOMEM;
    /* tokens of each sentence */
    size_t t = 0;
    for (size_t k = 0; k < c->ns; k++) {
        sentence *se = &c->sents[k];
        while (t < c->nt && c->tk[t].start < se->start)
            t++;
        se->t0 = t;
        while (t < c->nt && c->tk[t].start < se->end)
            t++;
        se->t1 = t;
    }
    return ATT_OK;
}

/* ---- dictionary look-ups ------------------------------------------------ */

/* Longest dictionary phrase at token i (not across punctuation). */
static size_t longest(const ctx *c, size_t i, const int **vals, size_t *nv)
{
    return att_trie_match(g_dict.trie, c->tk, c->nt, i, 1, vals, nv);
}

static int has_kind(const int *vals, size_t nv, int kind, int *idx)
{
    for (size_t k = 0; k < nv; k++)
        if (KIND(vals[k]) == kind) {
            if (idx)
                *idx = IDX(vals[k]);
            return 1;
        }
    return 0;
}

typedef struct kind_query {
    size_t len;
    int kind;
    int found;
} kind_query;

static int kind_cb(void *ctxp, size_t len, const int *values, size_t n_values)
{
    kind_query *q = ctxp;
    if (len == q->len && has_kind(values, n_values, q->kind, NULL)) {
        q->found = 1;
        return 1;
    }
    return len >= q->len;
}

/* Is tokens [i, i+len) exactly a phrase of this kind? */
static int phrase_is(const ctx *c, size_t i, size_t len, int kind)
{
    if (len == 0 || i + len > c->nt)
        return 0;
    kind_query q = {len, kind, 0};
    att_trie_match_all(g_dict.trie, c->tk, c->nt, i, 1, kind_cb, &q);
    return q.found;
}

/* Length (1..3) of a phrase of this kind ending at token e (inclusive),
 * starting at or after token lo; 0 if none. */
static size_t phrase_ending(const ctx *c, size_t e, size_t lo, int kind)
{
    for (size_t l = 3; l >= 1; l--)
        if (e + 1 >= lo + l && phrase_is(c, e + 1 - l, l, kind))
            return l;
    return 0;
}

/* Speech verb starting at token t: its length in tokens, 0 if none. */
static size_t verb_at(const ctx *c, size_t t, int *flags)
{
    const int *vals;
    size_t nv;
    size_t m = longest(c, t, &vals, &nv);
    int idx;
    if (m && has_kind(vals, nv, K_VERB, &idx)) {
        if (flags)
            *flags = DICT[idx].flags;
        return m;
    }
    return 0;
}

/* Does the text between a and b contain byte ch? */
static int gap_has(const ctx *c, size_t a, size_t b, char ch)
{
    for (size_t i = a; i < b && i < c->len; i++)
        if (c->s[i] == ch)
            return 1;
    return 0;
}

/* Only blanks and characters from `allowed` in [a, b)? */
static int gap_only(const ctx *c, size_t a, size_t b, const char *allowed)
{
    for (size_t i = a; i < b;) {
        size_t bl = blank_at(c->s, c->len, i);
        if (bl) {
            i += bl;
            continue;
        }
        if (c->s[i] == '\0' || !strchr(allowed, c->s[i])) {
            /* en/em dash */
            if (strchr(allowed, '-') && i + 3 <= b && (unsigned char)c->s[i] == 0xE2 &&
                (unsigned char)c->s[i + 1] == 0x80 &&
                ((unsigned char)c->s[i + 2] == 0x93 || (unsigned char)c->s[i + 2] == 0x94)) {
                i += 3;
                continue;
            }
            return 0;
        }
        i++;
    }
    return 1;
}

/* Could the verb at [t, t+m) of sentence se introduce speech?  need_subject:
 * some word must precede it in the sentence. */
static int verb_ok(const ctx *c, const sentence *se, size_t t, size_t m, int need_subject)
{
    if (need_subject && t == se->t0)
        return 0;
    if (need_subject && c->tk[t].gap_before) {
        /* "Triển vọng ...: Nói dễ, làm khó" - no subject in this clause */
        for (size_t i = c->tk[t - 1].end; i < c->tk[t].start; i++)
            if (c->s[i] == ':' || c->s[i] == ';' || c->s[i] == '(' || c->s[i] == '.')
                return 0;
    }
    if (t > se->t0 && c->tok_pair[t - 1] < 0 && !c->tk[t].gap_before &&
        phrase_ending(c, t - 1, se->t0, K_BLOCKPREV))
        return 0;
    size_t nx = t + m;
    if (nx < se->t1 && !c->tk[nx].gap_before && phrase_is(c, nx, 1, K_BLOCKNEXT))
        return 0;
    return 1;
}

/* ---- speakers ----------------------------------------------------------- */

/* Span in [lo, hi) closest to hi (latest end; the longer one on ties). */
static long closest_before(const ctx *c, size_t lo, size_t hi)
{
    long best = -1;
    for (size_t k = 0; k < c->nsp; k++) {
        const att_speaker_span *p = &c->sp[k];
        if (!c->sp_ok[k] || p->start < lo || p->end > hi)
            continue;
        if (best < 0 || p->end > c->sp[best].end || (p->end == c->sp[best].end && p->start < c->sp[best].start))
            best = (long)k;
    }
    return best;
}

/* Antecedent of a pronoun at byte pos in the sentence starting at sent:
 * the speaker of the latest quotation found before it in the paragraph
 * (speaker continuity: "Ông X cho biết ... Ông nói thêm ..."), else the
 * nearest span in earlier sentences, else earlier in this one. */
static long antecedent(const ctx *c, size_t sent, size_t pos)
{
    long k = -1;
    size_t at = 0;
    for (size_t i = 0; i < c->nout; i++)
        if (c->out[i].speaker >= 0 && c->out[i].start < pos && (k < 0 || c->out[i].start >= at)) {
            k = c->out[i].speaker;
            at = c->out[i].start;
        }
    if (k >= 0)
        return k;
    k = closest_before(c, 0, sent);
    return k >= 0 ? k : closest_before(c, sent, pos);
}

static size_t verb_at(const ctx *c, size_t t, int *flags);
static int verb_ok(const ctx *c, const sentence *se, size_t t, size_t m, int need_subject);

/* Speaker of a speech verb at token vt: its subject, a span from byte lo
 * on (or a pronoun's antecedent). */
static long subject_in(const ctx *c, const sentence *se, size_t vt, size_t lo)
{
    size_t p = vt, l;
    while (p > se->t0 && c->tok_pair[p - 1] < 0 && !c->tk[p].gap_before &&
           (l = phrase_ending(c, p - 1, se->t0, K_ADV)))
        p -= l;
    /* "X cho biết ... và nhấn mạnh": the subject of the earlier verb */
    if (p > se->t0 && c->tok_pair[p - 1] < 0 && (l = phrase_ending(c, p - 1, se->t0, K_CONJ))) {
        for (size_t t = p - l; t-- > se->t0;) {
            if (c->tok_pair[t] >= 0)
                continue;
            size_t m = verb_at(c, t, NULL);
            if (m && t + m <= p - l && verb_ok(c, se, t, m, 1))
                return subject_in(c, se, t, lo);
        }
    }
    if (p > se->t0 && c->tok_pair[p - 1] < 0 && !c->tk[p].gap_before &&
        (l = phrase_ending(c, p - 1, se->t0, K_PRON)))
        return antecedent(c, se->start, c->tk[p - l].start);
    /* "X, chuyên gia của viện Y, cho biết": the subject is before the
     * appositive */
    if (vt > se->t0 && c->tk[vt].gap_before && gap_has(c, c->tk[vt - 1].end, c->tk[vt].start, ',')) {
        for (size_t k = vt - 1; k > se->t0; k--) {
            if (c->tok_pair[k] >= 0)
                break;
            if (c->tk[k].gap_before && gap_has(c, c->tk[k - 1].end, c->tk[k].start, ',')) {
                long sp = closest_before(c, lo, c->tk[k - 1].end);
                if (sp >= 0)
                    return sp;
                break;
            }
        }
    }
    return closest_before(c, lo, c->tk[vt].start);
}

static long subject_of(const ctx *c, const sentence *se, size_t vt) { return subject_in(c, se, vt, se->start); }

/* Is token k preceded by a comma? */
static int comma_before(const ctx *c, size_t k)
{
    return k > 0 && c->tk[k].gap_before && gap_has(c, c->tk[k - 1].end, c->tk[k].start, ',');
}

/* May the verb ending before token k close its sentence?  Nothing, "thêm",
 * "như vậy", or a short prepositional phrase ("trong cuộc họp báo") after. */
static int verb_ends_sentence(const ctx *c, const sentence *se, size_t k)
{
    if (k >= se->t1)
        return 1;
    if (c->tok_pair[k] >= 0 || c->tk[k].gap_before)
        return 0;
    if (phrase_is(c, k, se->t1 - k, K_TAIL))
        return 1;
    if (!phrase_is(c, k, 1, K_PREP) || se->t1 - k > 8)
        return 0;
    for (size_t j = k; j < se->t1; j++)
        if (c->tok_pair[j] >= 0 || verb_at(c, j, NULL) || phrase_is(c, j, 1, K_RANG))
            return 0;
    return 1;
}

/* ---- output ------------------------------------------------------------- */

static att_status emit(ctx *c, size_t a, size_t b, const sentence *se, long speaker, int direct)
{
    trim_span(c->s, &a, &b);
    if (b <= a)
        return ATT_OK;
    if (c->nout == c->cap) {
        size_t nc = c->cap ? c->cap * 2 : 8;
        att_quote *n = realloc(c->out, nc * sizeof *n);
        if (!n)
            return ATT_ERR_NOMEM;
        c->out = n;
        c->cap = nc;
    }
    size_t ss = se->start, send = se->end;
    trim_span(c->s, &ss, &send);
    c->out[c->nout++] = (att_quote){a, b, ss, send, speaker, direct};
    return ATT_OK;
}

/* End of a sentence's content: trailing blanks and final punctuation off. */
static size_t content_end(const ctx *c, const sentence *se)
{
    size_t a = se->start, b = se->end;
    for (;;) {
        trim_span(c->s, &a, &b);
        if (b > a && (c->s[b - 1] == '.' || c->s[b - 1] == '!' || c->s[b - 1] == '?' || c->s[b - 1] == ';' ||
                      c->s[b - 1] == ','))
            b--;
        else if (b >= a + 3 && (unsigned char)c->s[b - 3] == 0xE2 && (unsigned char)c->s[b - 2] == 0x80 &&
                 (unsigned char)c->s[b - 1] == 0xA6)
            b -= 3;
        else
            return b;
    }
}

/* Index of the first token starting at or after x (binary search: the
 * tokens are in text order and do not overlap, so starts and ends both
 * increase). */
static size_t first_start_at(const ctx *c, size_t x)
{
    size_t lo = 0, hi = c->nt;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->tk[mid].start >= x)
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

/* Index of the first token ending after x. */
static size_t first_end_after(const ctx *c, size_t x)
{
    size_t lo = 0, hi = c->nt;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->tk[mid].end > x)
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

/* Number of tokens inside [a, b): with both fields increasing they are
 * one run, from the first starting at a to the last ending by b. */
static size_t words_in(const ctx *c, size_t a, size_t b)
{
    size_t lo = first_start_at(c, a), hi = first_end_after(c, b);
    return hi > lo ? hi - lo : 0;
}

/* ---- introducers -------------------------------------------------------- */

/* Where the content after the verb [t, t+m) begins: after "thêm", "rằng",
 * a colon, or "với/trước/... X rằng|:".  *intro: rằng/colon/comma seen. */
static size_t content_start(const ctx *c, const sentence *se, size_t t, size_t m, int *intro)
{
    size_t k = t + m, p = c->tk[t + m - 1].end;
    *intro = 0;
    size_t next = k < se->t1 ? c->tk[k].start : se->end;
    if (gap_has(c, p, next, ':') || gap_has(c, p, next, ',')) {
        *intro = 1;
        goto done;
    }
    if (k < se->t1 && !c->tk[k].gap_before && c->tok_pair[k] < 0 && phrase_is(c, k, 1, K_THEM)) {
        p = c->tk[k].end;
        k++;
        next = k < se->t1 ? c->tk[k].start : se->end;
        if (gap_has(c, p, next, ':') || gap_has(c, p, next, ',')) {
            *intro = 1;
            goto done;
        }
    }
    if (k < se->t1 && !c->tk[k].gap_before && c->tok_pair[k] < 0) {
        if (phrase_is(c, k, 1, K_RANG)) {
            *intro = 1;
            p = c->tk[k].end;
        } else if (phrase_is(c, k, 1, K_PREP)) {
            for (size_t j = k + 1; j < se->t1 && j <= k + 10 && c->tok_pair[j] < 0; j++) {
                if (c->tk[j].gap_before) {
                    if (gap_has(c, c->tk[j - 1].end, c->tk[j].start, ':')) {
                        *intro = 1;
                        p = c->tk[j - 1].end;
                    }
                    break;
                }
                if (phrase_is(c, j, 1, K_RANG)) {
                    *intro = 1;
                    p = c->tk[j].end;
                    break;
                }
                if (verb_at(c, j, NULL))
                    break;
            }
        }
    }
done:
    while (p < c->len) {
        size_t bl = blank_at(c->s, c->len, p);
        if (bl)
            p += bl;
        else if (c->s[p] == ':' || c->s[p] == ',')
            p++;
        else
            break;
    }
    return p;
}

/* "Theo X, ..." at the start of sentence se (optionally after a short lead
 * such as "Tuy nhiên,").  Fills the byte after the comma and the speaker. */
static int theo_form(const ctx *c, const sentence *se, size_t *after_comma, long *speaker)
{
    for (size_t t = se->t0; t < se->t1 && t < se->t0 + 4; t++) {
        if (c->tok_pair[t] >= 0)
            return 0;
        if (t > se->t0 && !(c->tk[t].gap_before && gap_has(c, c->tk[t - 1].end, c->tk[t].start, ',')))
            continue;
        const int *vals;
        size_t nv;
        size_t m = longest(c, t, &vals, &nv);
        if (!m || !has_kind(vals, nv, K_THEO, NULL))
            continue;
        for (size_t j = t + 1; j < se->t1 && j <= t + 21; j++) {
            if (c->tok_pair[j - 1] >= 0 && j - 1 > t)
                return 0;
            if (!c->tk[j].gap_before)
                continue;
            size_t a = c->tk[j - 1].end, b = c->tk[j].start;
            if (!gap_has(c, a, b, ',')) {
                if (!gap_only(c, a, b, "()[]/-&'"))
                    return 0;
                continue;
            }
            if (j == t + 1)
                return 0;
            size_t comma = a;
            while (c->s[comma] != ',')
                comma++;
            if (c->tok_pair[j] >= 0 && c->pairs[c->tok_pair[j]].open < comma)
                return 0; /* the comma is inside quote marks */
            *after_comma = skip_blanks(c->s, c->len, comma + 1);
            size_t nx = j - t - 1;
            if (phrase_is(c, t + 1, nx, K_PRON))
                *speaker = antecedent(c, se->start, c->tk[t + 1].start);
            else
                *speaker = closest_before(c, c->tk[t].end, comma);
            return 1;
        }
        return 0;
    }
    return 0;
}

/* Attribution after the closing mark of pair q: "“...”, ông X nói",
 * "“...” - X cho biết", "“...”, theo X" (I_POST_THEO), or a next sentence
 * that is just "Ông X nói."  Returns the intro found. */
static enum intro post_posed(ctx *c, size_t si, const qpair *q, long *speaker)
{
    const sentence *se = &c->sents[si];
    size_t t = se->t0;
    while (t < se->t1 && c->tk[t].start < q->close_end)
        t++;
    int next_sentence = 0;
    if (t >= se->t1) {
        /* the quote ends the sentence: accept a following short sentence
         * that ends with the verb */
        if (si + 1 >= c->ns || !gap_only(c, q->close_end, c->sents[si + 1].start, ""))
            return 0;
        se = &c->sents[si + 1];
        t = se->t0;
        if (t >= se->t1 || se->t1 - se->t0 > 8)
            return 0;
        next_sentence = 1;
    }
    if (!gap_only(c, q->close_end, c->tk[t].start, next_sentence ? "" : ",-"))
        return 0;
    if (!next_sentence && gap_only(c, q->close_end, c->tk[t].start, "")) {
        /* no comma or dash after the mark: only "“...,” ông X nói" */
        size_t a = q->open_end, b = q->close;
        trim_span(c->s, &a, &b);
        if (b == a || c->s[b - 1] != ',')
            return 0;
    }
    size_t t0 = t;
    const int *vals;
    size_t nv;
    size_t m = longest(c, t0, &vals, &nv);
    if (!next_sentence && m && has_kind(vals, nv, K_THEO, NULL)) {
        size_t e = t0 + 1;
        while (e < se->t1 && !c->tk[e].gap_before)
            e++;
        *speaker = closest_before(c, c->tk[t0].end, c->tk[e - 1].end);
        return I_POST_THEO;
    }
    size_t seg_end = 0; /* end of the first comma-separated segment */
    for (size_t j = t0; j < se->t1 && j < t0 + 20; j++) {
        if (c->tok_pair[j] >= 0)
            return 0;
        if (j > t0 && c->tk[j].gap_before) {
            /* "“...”, báo X (SCMP) dẫn lời ...": a parenthesis is no break */
            if (!gap_only(c, c->tk[j - 1].end, c->tk[j].start, ",()"))
                return 0;
            if (!seg_end && !gap_only(c, c->tk[j - 1].end, c->tk[j].start, "()"))
                seg_end = c->tk[j - 1].end;
        }
        int flags = 0;
        size_t vm = verb_at(c, j, &flags);
        if (!vm || !verb_ok(c, se, j, vm, 0))
            continue;
        size_t after = j + vm;
        /* a verb with content of its own ("..., còn ông Y nói rằng ...",
         * "..., đồng thời kêu gọi Nga ...") starts new speech rather than
         * attributing this quote: an attribution has a subject and ends
         * its clause (nothing, or "thêm", "với AFP", "hôm 5/6", "và ...") */
        if (j == t0 || phrase_is(c, t0, 1, K_CONJ))
            return 0;
        if (!(flags & VF_QUOTING) && after < se->t1 && c->tok_pair[after] < 0 && !c->tk[after].gap_before &&
            !phrase_is(c, after, 1, K_PREP) && !phrase_is(c, after, 1, K_TAIL) &&
            !phrase_is(c, after, 1, K_CONJ) && !phrase_is(c, after, 1, K_TIME))
            return 0;
        if (after < se->t1 && c->tok_pair[after] < 0 &&
            gap_has(c, c->tk[after - 1].end, c->tk[after].start, ':'))
            return 0;
        if (next_sentence) {
            /* nothing but "thêm"/"như vậy" may follow */
            size_t rest = se->t1 - (j + vm);
            if (rest && !phrase_is(c, j + vm, rest, K_TAIL))
                return 0;
        }
        if (flags & VF_QUOTING) { /* "“...”, Reuters dẫn lời ông X." */
            size_t e = after;
            while (e < se->t1 && !c->tk[e].gap_before && c->tok_pair[e] < 0)
                e++;
            *speaker = e > after ? closest_before(c, c->tk[after - 1].end, c->tk[e - 1].end) : -1;
        } else {
            /* "“...”, Faith Doherty, người đứng đầu tổ chức Y, cho biết" */
            size_t lo = next_sentence ? se->start : q->close_end;
            *speaker = seg_end ? closest_before(c, lo, seg_end) : -1;
            if (*speaker < 0)
                *speaker = closest_before(c, lo, c->tk[j].start);
        }
        if (*speaker < 0 && !(flags & VF_QUOTING) && j > t0 && phrase_is(c, t0, j - t0, K_PRON))
            *speaker = antecedent(c, c->sents[si].start, q->open);
        for (size_t k = j; k < j + vm; k++)
            c->consumed[k] = 1;
        return I_POST;
    }
    return I_NONE;
}

/* Attribution before the opening mark of pair q (verb, colon or Theo). */
static enum intro pre_posed(ctx *c, const sentence *se, const qpair *q, long *speaker, size_t *intro_pos)
{
    size_t tb = se->t1;
    for (size_t t = se->t0; t < se->t1 && c->tk[t].end <= q->open; t++)
        tb = t;
    if (tb == se->t1 || c->tok_pair[tb] >= 0)
        return I_NONE;
    if (!gap_only(c, c->tk[tb].end, q->open, ":,"))
        return I_NONE;
    int colon = gap_has(c, c->tk[tb].end, q->open, ':');
    size_t tv = tb;
    if (tv > se->t0 && phrase_is(c, tv, 1, K_RANG) && !c->tk[tv].gap_before)
        tv--;
    if (tv > se->t0 && phrase_is(c, tv, 1, K_THEM) && !c->tk[tv].gap_before)
        tv--;
    for (size_t l = 3; l >= 1; l--) {
        if (tv + 1 < se->t0 + l)
            continue;
        size_t st = tv + 1 - l;
        int flags = 0;
        size_t m = verb_at(c, st, &flags);
        if (m == l && !(flags & VF_QUOTING) && verb_ok(c, se, st, m, 1)) {
            *speaker = subject_of(c, se, st);
            *intro_pos = c->tk[st].start;
            for (size_t k = st; k < st + m; k++)
                c->consumed[k] = 1;
            return I_VERB;
        }
    }
    if (!colon)
        return I_NONE;
    /* "X nói với báo giới: “...”": the nearest verb before the colon */
    for (size_t t = tb + 1; t-- > se->t0;) {
        if (c->tok_pair[t] >= 0)
            break;
        int flags = 0;
        size_t m = verb_at(c, t, &flags);
        if (m && t + m <= tb + 1 && !c->consumed[t] && verb_ok(c, se, t, m, 1)) {
            /* "Reuters dẫn lời ông X: “...”" names the speaker after the verb */
            *speaker = (flags & VF_QUOTING) ? closest_before(c, c->tk[t + m - 1].end, c->tk[tb].end)
                                            : subject_of(c, se, t);
            *intro_pos = c->tk[t].start;
            for (size_t k = t; k < t + m; k++)
                c->consumed[k] = 1;
            return I_VERB;
        }
    }
    /* "X: “...”" */
    size_t l = phrase_ending(c, tb, se->t0, K_PRON);
    if (l && (tb + 1 - l == se->t0 || c->tk[tb + 1 - l].gap_before))
        *speaker = antecedent(c, se->start, c->tk[tb + 1 - l].start);
    else
        *speaker = closest_before(c, se->start, c->tk[tb].end);
    *intro_pos = q->open;
    return I_COLON;
}

/* ---- one sentence ------------------------------------------------------- */

/* End of reported content [cs, ce) cut before the first attributed direct
 * quote inside it (before its speech verb when that is inside too), with
 * the joining punctuation and a trailing "và" dropped:
 * "X cho biết A và nhấn mạnh: “B”" -> "A". */
static size_t cut_before_quotes(const ctx *c, const sentence *se, const cand *cands, size_t nc, size_t cs,
                                size_t ce)
{
    for (size_t k = 0; k < nc; k++) {
        const cand *cd = &cands[k];
        size_t open = c->pairs[cd->pair].open;
        if (cd->intro == I_NONE || cd->ntok == 0 || open < cs || open >= ce)
            continue;
        ce = cd->intro_pos >= cs && cd->intro_pos < open ? cd->intro_pos : open;
    }
    while (ce > cs) {
        size_t a = cs, b = ce;
        trim_span(c->s, &a, &b);
        ce = b;
        if (ce > cs && strchr(",:;-", c->s[ce - 1]))
            ce--;
        else
            break;
    }
    for (size_t k = se->t1; k-- > se->t0;) {
        if (c->tk[k].end > ce)
            continue;
        if (c->tk[k].start >= cs && phrase_is(c, k, 1, K_CONJ)) {
            size_t a = cs;
            ce = c->tk[k].start;
            trim_span(c->s, &a, &ce);
        }
        break;
    }
    return ce;
}

/* Is the unattributed pair q a scare quote or a quoted name rather than a
 * quotation?  1-4 syllables; a name after "cuốn sách", "chiến dịch" ...; or
 * up to 8 syllables with no punctuation inside (a phrase, not a sentence:
 * “mọi dữ liệu cá nhân”, "Quân đội Kachin độc lập"). */
static int scare_quote(const ctx *c, const sentence *se, const qpair *q, size_t ntok)
{
    if (ntok <= 4)
        return 1;
    size_t tb = se->t1;
    for (size_t t = se->t0; t < se->t1 && c->tk[t].end <= q->open; t++)
        tb = t;
    if (tb < se->t1 && c->tok_pair[tb] < 0 && gap_only(c, c->tk[tb].end, q->open, "") &&
        phrase_ending(c, tb, se->t0, K_TITLE))
        return 1;
    if (ntok > 8)
        return 0;
    size_t a = q->open_end, b = q->close;
    trim_span(c->s, &a, &b);
    for (size_t i = a; i < b; i++)
        if (strchr(".,;:!?", c->s[i]) || terminal_at(c->s, b, i))
            return 0;
    return 1;
}

static att_status do_sentence(ctx *c, size_t si, cand *cands, size_t *ncand_total)
{
    const sentence *se = &c->sents[si];
    size_t first = *ncand_total, nc = 0;
    size_t theo_after = 0;
    long theo_speaker = -1;
    int theo = theo_form(c, se, &theo_after, &theo_speaker);

    /* direct quotes whose opening mark is in this sentence */
    for (size_t p = 0; p < c->np; p++) {
        const qpair *q = &c->pairs[p];
        if (q->open < se->start || q->open >= se->end)
            continue;
        cand *cd = &cands[first + nc++];
        *cd = (cand){p, words_in(c, q->open_end, q->close), I_NONE, -1, q->open};
        cd->intro = pre_posed(c, se, q, &cd->speaker, &cd->intro_pos);
        if (cd->intro == I_NONE && theo && theo_after == q->open) {
            cd->intro = I_THEO;
            cd->speaker = theo_speaker;
        }
        if (cd->intro == I_NONE)
            cd->intro = post_posed(c, si, q, &cd->speaker);
        /* "“một trận Trân Châu Cảng thứ hai”, theo ý đồ của ..." */
        if (cd->intro == I_POST_THEO && scare_quote(c, se, q, cd->ntok)) {
            cd->intro = I_NONE;
            cd->speaker = -1;
        }
    }
    *ncand_total = first + nc;

    /* reported speech: the first usable speech verb (none in a question:
     * "xin Đại sứ cho biết ...?") */
    size_t rep_a = 0, rep_b = 0;
    int reported = 0;
    long rep_speaker = -1;
    int question = 0;
    {
        size_t a = se->start, b = se->end;
        trim_span(c->s, &a, &b);
        question = b > a && c->s[b - 1] == '?';
    }
    for (size_t t = se->t0; t < se->t1 && !reported && !question; t++) {
        if (c->tok_pair[t] >= 0 || c->consumed[t])
            continue;
        int flags = 0, intro;
        size_t m = verb_at(c, t, &flags);
        if (!m || (flags & VF_QUOTING) || !verb_ok(c, se, t, m, 1)) {
            if (m)
                t += m - 1;
            continue;
        }
        if (theo && c->tk[t].start > theo_after) {
            /* "Theo X, ông Y cho biết ..." names the speaker after the comma;
             * a verb in a subordinate clause of the content ("Theo X, A để
             * B, khi C tuyên bố D") belongs to the content */
            size_t k = t;
            while (k > se->t0 && c->tk[k - 1].start >= theo_after && !comma_before(c, k))
                k--;
            if (phrase_is(c, k, 1, K_SUB) || phrase_is(c, k, 2, K_SUB))
                break;
        }
        size_t cs;
        size_t cl = t; /* start of the verb's clause */
        while (cl > se->t0 && !(c->tk[cl].gap_before && gap_has(c, c->tk[cl - 1].end, c->tk[cl].start, ',')))
            cl--;
        if (phrase_is(c, cl, 1, K_NHU)) {
            /* "(Tuy nhiên,) như X đã lưu ý (trong ...), content" */
            size_t j = t + m;
            while (j < se->t1 && c->tok_pair[j] < 0 && !comma_before(c, j))
                j++;
            if (j >= se->t1 || c->tok_pair[j] >= 0 || c->tok_pair[j - 1] >= 0)
                continue;
            cs = c->tk[j].start;
            while (cs > c->tk[j - 1].end && c->s[cs - 1] != ',')
                cs--;
            intro = 1;
        } else {
            cs = content_start(c, se, t, m, &intro);
        }
        if ((flags & VF_NEEDS_INTRO) && !intro)
            continue;
        if ((flags & VF_SOURCE) && !theo) {
            /* "Reuters đưa tin, hải quân Indonesia thông báo ...": a speech
             * verb in the main clause of the content is preferred */
            theo = 1;
            theo_after = cs;
            theo_speaker = subject_of(c, se, t);
            t += m - 1;
            continue;
        }
        /* the content is a direct quote: this verb introduces it */
        int direct_pair = 0;
        for (size_t k = first; k < first + nc; k++) {
            cand *cd = &cands[k];
            if (c->pairs[cd->pair].open == cs && cd->intro == I_NONE) {
                cd->intro = I_VERB;
                cd->speaker = subject_of(c, se, t);
                cd->intro_pos = c->tk[t].start;
                direct_pair = 1;
            } else if (c->pairs[cd->pair].open == cs) {
                direct_pair = 1;
            }
        }
        if (direct_pair) {
            for (size_t k = t; k < t + m; k++)
                c->consumed[k] = 1;
            t += m - 1;
            continue;
        }
        /* "content, ông X cho biết." - the attribution closes the sentence;
         * "content, X, chuyên gia của Y, cho biết." - with an appositive */
        size_t subj = cl;
        if (subj == t && subj > se->t0) {
            subj = t - 1;
            while (subj > se->t0 && !comma_before(c, subj))
                subj--;
            if (subj > se->t0) {
                subj--;
                while (subj > se->t0 && !comma_before(c, subj))
                    subj--;
            }
        }
        if (subj > se->t0 && c->tok_pair[subj] < 0 && t - subj <= 20 && !phrase_is(c, cl, 1, K_NHU) &&
            verb_ends_sentence(c, se, t + m)) {
            cl = subj;
            size_t comma = c->tk[cl].start;
            while (comma > c->tk[cl - 1].end && c->s[comma - 1] != ',')
                comma--;
            comma--; /* the comma itself */
            size_t a = skip_blanks(c->s, c->len, se->start);
            int quoted = 0;
            for (size_t k = first; k < first + nc; k++) {
                cand *cd = &cands[k];
                if (c->pairs[cd->pair].open == a && c->pairs[cd->pair].close_end <= comma + 1) {
                    if (cd->intro == I_NONE) {
                        cd->intro = I_POST;
                        cd->speaker = subject_in(c, se, t, c->pairs[cd->pair].close_end);
                    }
                    quoted = 1;
                }
            }
            if (quoted) {
                for (size_t k = t; k < t + m; k++)
                    c->consumed[k] = 1;
                t += m - 1;
                continue;
            }
            if (words_in(c, a, comma) >= 3) {
                rep_a = a;
                rep_b = comma;
                rep_speaker = subject_in(c, se, t, comma);
                reported = 1;
                break;
            }
            continue;
        }
        size_t ce = cut_before_quotes(c, se, cands + first, nc, cs, content_end(c, se));
        if (ce <= cs || words_in(c, cs, ce) < 3)
            continue;
        rep_a = cs;
        rep_b = ce;
        rep_speaker = subject_of(c, se, t);
        reported = 1;
    }
    if (!reported && theo && !question) {
        int is_pair = 0;
        for (size_t k = first; k < first + nc; k++)
            if (c->pairs[cands[k].pair].open == theo_after)
                is_pair = 1;
        size_t ce = content_end(c, se);
        if (!is_pair && ce > theo_after && words_in(c, theo_after, ce) >= 3) {
            rep_a = theo_after;
            rep_b = ce;
            rep_speaker = theo_speaker;
            reported = 1;
        }
    }
    if (reported) { /* never overlap a direct quote (e.g. one attributed after it) */
        rep_b = cut_before_quotes(c, se, cands + first, nc, rep_a, rep_b);
        if (rep_b <= rep_a || words_in(c, rep_a, rep_b) < 3)
            reported = 0;
    }
    if (reported && emit(c, rep_a, rep_b, se, rep_speaker, 0) != ATT_OK)
        return ATT_ERR_NOMEM;

    for (size_t k = first; k < first + nc; k++) {
        const cand *cd = &cands[k];
        const qpair *q = &c->pairs[cd->pair];
        if (cd->ntok == 0)
            continue;
        if (cd->intro == I_NONE) {
            if (scare_quote(c, se, q, cd->ntok))
                continue;
            if (reported && q->open >= rep_a && q->open < rep_b)
                continue; /* part of the reported speech */
        }
        if (emit(c, q->open_end, q->close, se, cd->intro == I_NONE ? -1 : cd->speaker, 1) != ATT_OK)
            return ATT_ERR_NOMEM;
    }
    return ATT_OK;
}

static int cmp_quote(const void *a, const void *b)
{
    const att_quote *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

/* Steps (1)-(5) over the tokens of para. */
static att_status find_quotes(const char *para, size_t len, const att_token *tk, size_t nt,
                              const att_speaker_span *speakers, size_t n_speakers, att_quote **out, size_t *n)
{
    att_status st = ATT_ERR_NOMEM;
    ctx c = {0};
    c.s = para;
    c.len = len;
    c.sp = speakers;
    c.nsp = n_speakers;
    cand *cands = NULL;
    c.tk = tk;
    c.nt = nt;
    if (find_pairs(&c) != ATT_OK)
        goto out;
    c.tok_pair = malloc((c.nt ? c.nt : 1) * sizeof *c.tok_pair);
    c.consumed = calloc(c.nt ? c.nt : 1, 1);
    c.sp_ok = malloc(n_speakers ? n_speakers : 1);
    cands = malloc((c.np ? c.np : 1) * sizeof *cands);
    if (!c.tok_pair || !c.consumed || !c.sp_ok || !cands)
        goto out;
    for (size_t t = 0, p = 0; t < c.nt; t++) {
        while (p < c.np && c.pairs[p].close_end <= c.tk[t].start)
            p++;
        c.tok_pair[t] = p < c.np && c.pairs[p].open <= c.tk[t].start ? (long)p : -1;
    }
    for (size_t k = 0; k < n_speakers; k++) {
        c.sp_ok[k] = speakers[k].start < speakers[k].end && speakers[k].end <= len;
        for (size_t p = 0; p < c.np && c.sp_ok[k]; p++)
            if (speakers[k].start >= c.pairs[p].open && speakers[k].end <= c.pairs[p].close_end)
                c.sp_ok[k] = 0;
    }
    if (split_sentences(&c) != ATT_OK)
        goto out;
    size_t ncand = 0;
    for (size_t si = 0; si < c.ns; si++)
        if (do_sentence(&c, si, cands, &ncand) != ATT_OK)
            goto out;
    if (c.nout > 1)
        qsort(c.out, c.nout, sizeof *c.out, cmp_quote);
    /* the rules keep quotations apart; should two still overlap, the
     * reported one gives way to the direct one (or the later to the earlier) */
    size_t k = 0;
    for (size_t i = 0; i < c.nout; i++) {
        if (k && c.out[i].start < c.out[k - 1].end) {
            if (c.out[i].direct && !c.out[k - 1].direct)
                c.out[k - 1] = c.out[i];
            continue;
        }
        c.out[k++] = c.out[i];
    }
    c.nout = k;
    *out = c.out;
    *n = c.nout;
    c.out = NULL;
    st = ATT_OK;
out:
    free(c.out);
    free(c.pairs);
    free(c.sents);
    free(c.tok_pair);
    free(c.consumed);
    free(c.sp_ok);
    free(cands);
    return st;
}

/* The checks both entry points make; ATT_OK with *go 0 means "nothing to
 * find" (an empty paragraph). */
static att_status check_args(const char *para, size_t len, const att_speaker_span *speakers, size_t n_speakers,
                             att_quote **out, size_t *n, int *go)
{
    *go = 0;
    if (!out || !n)
        return ATT_ERR_USAGE;
    *out = NULL;
    *n = 0;
    if ((!para && len) || (!speakers && n_speakers))
        return ATT_ERR_USAGE;
    if (len >= UINT32_MAX)
        return ATT_ERR_TOOBIG;
    pthread_once(&g_once, dict_init);
    if (!g_dict.ok)
        return ATT_ERR_NOMEM;
    *go = len > 0;
    return ATT_OK;
}

att_status att_find_quotes(const char *para, size_t len, const att_speaker_span *speakers, size_t n_speakers,
                           att_quote **out, size_t *n)
{
    int go;
    att_status st = check_args(para, len, speakers, n_speakers, out, n, &go);
    if (st != ATT_OK || !go)
        return st;
    att_tokens toks = {0};
    st = att_tokenize(g_dict.vocab, para, len, &toks);
    if (st == ATT_OK)
        st = find_quotes(para, len, toks.v, toks.n, speakers, n_speakers, out, n);
    att_tokens_free(&toks);
    return st;
}

const att_vocab *att_quotes_vocab(void)
{
    pthread_once(&g_once, dict_init);
    return g_dict.ok ? g_dict.vocab : NULL;
}

att_status att_find_quotes_tokens(const char *para, size_t len, const att_token *toks, size_t nt,
                                  const att_speaker_span *speakers, size_t n_speakers, att_quote **out,
                                  size_t *n)
{
    int go;
    att_status st = check_args(para, len, speakers, n_speakers, out, n, &go);
    if (st != ATT_OK || !go)
        return st;
    if (!toks && nt)
        return ATT_ERR_USAGE;
    return find_quotes(para, len, toks, nt, speakers, n_speakers, out, n);
}
