/* quotes_words.c - the word lists of the quotation finder (speech verbs
 * and the function words its rules look at), their private vocabulary and
 * trie (built once, thread-safe), and the look-ups on a paragraph's tokens;
 * see quotes_priv.h.  The vocabulary is NULL when it could not be built
 * (out of memory); the look-ups cannot fail. */
#include "quotes_int.h"
#include "quotes_priv.h"

#include <pthread.h>
#include <string.h>

#include "../segment/tokens.h"
#include "../segment/trie.h"

/* ---- word lists --------------------------------------------------------- */

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

/* ---- dictionary look-ups ------------------------------------------------ */

/* Longest dictionary phrase at token i (not across punctuation). */
size_t att_qt_longest(const ctx *c, size_t i, const int **vals, size_t *nv)
{
    return att_trie_match(g_dict.trie, c->tk, c->nt, i, 1, vals, nv);
}

int att_qt_has_kind(const int *vals, size_t nv, int kind, int *idx)
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
    if (len == q->len && att_qt_has_kind(values, n_values, q->kind, NULL)) {
        q->found = 1;
        return 1;
    }
    return len >= q->len;
}

/* Is tokens [i, i+len) exactly a phrase of this kind? */
int att_qt_phrase_is(const ctx *c, size_t i, size_t len, int kind)
{
    if (len == 0 || i + len > c->nt)
        return 0;
    kind_query q = {len, kind, 0};
    att_trie_match_all(g_dict.trie, c->tk, c->nt, i, 1, kind_cb, &q);
    return q.found;
}

/* Length (1..3) of a phrase of this kind ending at token e (inclusive),
 * starting at or after token lo; 0 if none. */
size_t att_qt_phrase_ending(const ctx *c, size_t e, size_t lo, int kind)
{
    for (size_t l = 3; l >= 1; l--)
        if (e + 1 >= lo + l && att_qt_phrase_is(c, e + 1 - l, l, kind))
            return l;
    return 0;
}

/* Speech verb starting at token t: its length in tokens, 0 if none. */
size_t att_qt_verb_at(const ctx *c, size_t t, int *flags)
{
    const int *vals;
    size_t nv;
    size_t m = att_qt_longest(c, t, &vals, &nv);
    int idx;
    if (m && att_qt_has_kind(vals, nv, K_VERB, &idx)) {
        if (flags)
            *flags = DICT[idx].flags;
        return m;
    }
    return 0;
}

/* Does the text between a and b contain byte ch? */
int att_qt_gap_has(const ctx *c, size_t a, size_t b, char ch)
{
    for (size_t i = a; i < b && i < c->len; i++)
        if (c->s[i] == ch)
            return 1;
    return 0;
}

/* Only blanks and characters from `allowed` in [a, b)? */
int att_qt_gap_only(const ctx *c, size_t a, size_t b, const char *allowed)
{
    for (size_t i = a; i < b;) {
        size_t bl = att_qt_blank_at(c->s, c->len, i);
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
int att_qt_verb_ok(const ctx *c, const sentence *se, size_t t, size_t m, int need_subject)
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
        att_qt_phrase_ending(c, t - 1, se->t0, K_BLOCKPREV))
        return 0;
    size_t nx = t + m;
    if (nx < se->t1 && !c->tk[nx].gap_before && att_qt_phrase_is(c, nx, 1, K_BLOCKNEXT))
        return 0;
    return 1;
}

const att_vocab *att_quotes_vocab(void)
{
    pthread_once(&g_once, dict_init);
    return g_dict.ok ? g_dict.vocab : NULL;
}
