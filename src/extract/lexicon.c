/* lexicon.c - loading the reference data into tries; see lexicon.h. */
#include "lexicon.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "../normalize/normalize.h"
#include "../util/datafile.h"
#include "../util/tsv.h"

const char *att_actor_type_name(att_actor_type t)
{
    switch (t) {
    case ATT_ACTOR_COUNTRY: return "country";
    case ATT_ACTOR_ORG: return "org";
    case ATT_ACTOR_PERSON: return "person";
    }
    return "unknown";
}

typedef struct loader {
    att_lexicon *lx;
    att_status st;
    int actor;
    att_name_kind kind;
    const char *file;
    size_t line;
    char *err;
    size_t errlen;
} loader;

static int push(void **v, size_t *n, size_t size)
{
    if ((*n & (*n - 1)) == 0) { /* grow at powers of two */
        void *nv = realloc(*v, (*n ? *n * 2 : 16) * size);
        if (!nv)
            return -1;
        *v = nv;
    }
    memset((char *)*v + *n * size, 0, size);
    (*n)++;
    return 0;
}

static int starts_upper(const char *s)
{
    unsigned cp;
    att_utf8_decode(s, strlen(s), &cp);
    return utf8proc_isupper((utf8proc_int32_t)cp) != 0;
}

static size_t count_words(const char *s)
{
    size_t pos = 0, a, b, n = 0;
    while (att_next_word(s, strlen(s), &pos, &a, &b))
        n++;
    return n;
}

static void add_name(void *ctx, const char *v)
{
    loader *L = ctx;
    att_lexicon *lx = L->lx;
    if (L->st != ATT_OK)
        return;
    size_t nw = count_words(v);
    if (nw == 0 || nw > 255)
        return;
    if (push((void **)&lx->names_v, &lx->n_names, sizeof *lx->names_v) != 0) {
        L->st = ATT_ERR_NOMEM;
        return;
    }
    att_lex_name *nm = &lx->names_v[lx->n_names - 1];
    nm->actor = L->actor;
    nm->kind = L->kind;
    nm->capitalized = (uint8_t)starts_upper(v);
    nm->n_tokens = (uint8_t)nw;
    att_status st = att_trie_add(lx->names, lx->vocab, v, strlen(v), (int)(lx->n_names - 1));
    if (st != ATT_OK && st != ATT_ERR_EMPTY)
        L->st = st;
}

static int new_actor(att_lexicon *lx, const char *code, const char *country, att_actor_type type,
                     const char *name, const char *role)
{
    if (push((void **)&lx->actors, &lx->n_actors, sizeof *lx->actors) != 0)
        return -1;
    att_lex_actor *a = &lx->actors[lx->n_actors - 1];
    snprintf(a->code, sizeof a->code, "%s", code);
    snprintf(a->country, sizeof a->country, "%s", country);
    a->type = type;
    a->name = strdup(name);
    a->role = role ? strdup(role) : NULL;
    if (!a->name || (role && !a->role))
        return -1;
    return (int)(lx->n_actors - 1);
}

/* First variant of a "a|b|c" cell, copied into out. */
static void first_variant(const char *cell, char *out, size_t cap)
{
    size_t n = strcspn(cell, "|");
    snprintf(out, cap, "%.*s", (int)n, cell);
}

static att_status open_tsv(const char *file, char **data, att_tsv *t, char *err, size_t errlen)
{
    size_t len;
    att_status st = att_datafile_load(file, data, &len, err, errlen);
    if (st == ATT_OK)
        att_tsv_init(t, *data, len);
    return st;
}

static att_status bad_row(loader *L, const char *what)
{
    return att_seterr(L->err, L->errlen, ATT_ERR_FORMAT, "%s line %zu: %s", L->file, L->line, what);
}

/* Every data file is read the same way: rows handed one by one to a
 * per-file function, which fills the lexicon or reports the row. */
typedef att_status (*row_fn)(loader *L, const att_tsv *t, char **f);

static att_status load_table(loader *L, const char *file, row_fn fn)
{
    char *data, *f[8];
    att_tsv t;
    L->file = file;
    att_status st = open_tsv(file, &data, &t, L->err, L->errlen);
    if (st != ATT_OK)
        return st;
    while (st == ATT_OK && att_tsv_next(&t, f, 8)) {
        L->line = t.line;
        st = fn(L, &t, f);
        if (st == ATT_OK)
            st = L->st;
    }
    free(data);
    return st;
}

static att_status country_row(loader *L, const att_tsv *t, char **f)
{
    int c_names = att_tsv_col(t, "names_vi"), c_cap = att_tsv_col(t, "capital"),
        c_met = att_tsv_col(t, "metonyms"), c_dem = att_tsv_col(t, "demonyms");
    if (c_names < 0 || c_cap < 0 || c_met < 0 || c_dem < 0)
        return bad_row(L, "missing columns names_vi/capital/metonyms/demonyms");
    if (strlen(f[0]) != 3 || !*f[c_names])
        return bad_row(L, "a country needs a 3-letter code and a Vietnamese name");
    char name[128];
    first_variant(f[c_names], name, sizeof name);
    if ((L->actor = new_actor(L->lx, f[0], f[0], ATT_ACTOR_COUNTRY, name, NULL)) < 0)
        return ATT_ERR_NOMEM;
    L->kind = ATT_NAME_COUNTRY;
    att_tsv_variants(f[c_names], add_name, L);
    if (*f[1]) /* English name: texts often keep it */
        att_tsv_variants(f[1], add_name, L);
    L->kind = ATT_NAME_CAPITAL;
    att_tsv_variants(f[c_cap], add_name, L);
    L->kind = ATT_NAME_METONYM;
    att_tsv_variants(f[c_met], add_name, L);
    L->kind = ATT_NAME_DEMONYM;
    att_tsv_variants(f[c_dem], add_name, L);
    return L->st;
}

static att_status org_row(loader *L, const att_tsv *t, char **f)
{
    int c_names = att_tsv_col(t, "names_vi");
    if (c_names < 0 || !*f[0] || !*f[c_names])
        return bad_row(L, "an organization needs a code and names_vi");
    char name[128];
    first_variant(f[c_names], name, sizeof name);
    if ((L->actor = new_actor(L->lx, f[0], f[0], ATT_ACTOR_ORG, name, NULL)) < 0)
        return ATT_ERR_NOMEM;
    L->kind = ATT_NAME_ORG;
    att_tsv_variants(f[c_names], add_name, L);
    return L->st;
}

static att_status place_row(loader *L, const att_tsv *t, char **f)
{
    (void)t;
    L->actor = -1;
    L->kind = ATT_NAME_PLACE;
    att_tsv_variants(f[0], add_name, L);
    return L->st;
}

/* CAMEO-style actor code of a person: country + sector. */
static void person_code(const char *country, const char *role, char *out, size_t cap)
{
    const char *sector = "GOV";
    if (role && (!strcmp(role, "military")))
        sector = "MIL";
    else if (role && !strcmp(role, "legislator"))
        sector = "LEG";
    snprintf(out, cap, "%s%s", country, strlen(country) == 3 ? sector : "");
}

static att_status person_row(loader *L, const att_tsv *t, char **f)
{
    int c_var = att_tsv_col(t, "variants"), c_cty = att_tsv_col(t, "country"), c_role = att_tsv_col(t, "role"),
        c_from = att_tsv_col(t, "from"), c_to = att_tsv_col(t, "to");
    if (c_var < 0 || c_cty < 0 || c_role < 0 || !*f[0] || !*f[c_cty])
        return bad_row(L, "a person needs name, variants, country and role");
    char code[16];
    person_code(f[c_cty], f[c_role], code, sizeof code);
    if ((L->actor = new_actor(L->lx, code, f[c_cty], ATT_ACTOR_PERSON, f[0], f[c_role])) < 0)
        return ATT_ERR_NOMEM;
    att_lex_actor *a = &L->lx->actors[L->actor];
    a->from = c_from >= 0 ? atoi(f[c_from]) : 0;
    a->to = c_to >= 0 ? atoi(f[c_to]) : 0;
    L->kind = ATT_NAME_PERSON;
    add_name(L, f[0]);
    att_tsv_variants(f[c_var], add_name, L);
    return L->st;
}

typedef struct title_ctx {
    loader *L;
    const char *role;
    int follows;
} title_ctx;

static void add_title(void *ctx, const char *v)
{
    title_ctx *tc = ctx;
    att_lexicon *lx = tc->L->lx;
    if (tc->L->st != ATT_OK)
        return;
    if (push((void **)&lx->titles_v, &lx->n_titles, sizeof *lx->titles_v) != 0) {
        tc->L->st = ATT_ERR_NOMEM;
        return;
    }
    att_lex_title *ti = &lx->titles_v[lx->n_titles - 1];
    ti->title = strdup(v);
    ti->role = strdup(tc->role);
    ti->country_follows = tc->follows;
    if (!ti->title || !ti->role) {
        tc->L->st = ATT_ERR_NOMEM;
        return;
    }
    att_status st = att_trie_add(lx->titles, lx->vocab, v, strlen(v), (int)(lx->n_titles - 1));
    if (st != ATT_OK && st != ATT_ERR_EMPTY)
        tc->L->st = st;
}

static att_status title_row(loader *L, const att_tsv *t, char **f)
{
    (void)t;
    if (!*f[0] || !*f[1])
        return bad_row(L, "a title needs title and role");
    title_ctx tc = {L, f[1], !strncmp(f[2], "yes", 3)};
    att_tsv_variants(f[0], add_title, &tc);
    return L->st;
}

static att_status cameo_row(loader *L, const att_tsv *t, char **f)
{
    (void)t;
    att_lexicon *lx = L->lx;
    size_t cl = strlen(f[0]);
    int quad = atoi(f[3]);
    if (cl < 2 || cl > 4 || quad < 1 || quad > 4)
        return bad_row(L, "need code (2-4 digits), name, goldstein, quad 1-4, root");
    if (push((void **)&lx->cameo, &lx->n_cameo, sizeof *lx->cameo) != 0)
        return ATT_ERR_NOMEM;
    att_cameo *c = &lx->cameo[lx->n_cameo - 1];
    snprintf(c->code, sizeof c->code, "%s", f[0]);
    c->name = strdup(f[1]);
    c->goldstein = atof(f[2]);
    c->quad = quad;
    snprintf(c->root, sizeof c->root, "%.2s", f[0]);
    return c->name ? ATT_OK : ATT_ERR_NOMEM;
}

int att_lexicon_cameo(const att_lexicon *lx, const char *code)
{
    for (size_t i = 0; i < lx->n_cameo; i++)
        if (!strcmp(lx->cameo[i].code, code))
            return (int)i;
    return -1;
}

int att_lexicon_country(const att_lexicon *lx, const char *iso3)
{
    for (size_t i = 0; i < lx->n_actors; i++)
        if (lx->actors[i].type == ATT_ACTOR_COUNTRY && !strcmp(lx->actors[i].code, iso3))
            return (int)i;
    return -1;
}

static att_status pattern_row(loader *L, const att_tsv *t, char **f)
{
    (void)t;
    att_lexicon *lx = L->lx;
    int ci = att_lexicon_cameo(lx, f[0]);
    if (ci < 0)
        return bad_row(L, "unknown CAMEO code");
    if (push((void **)&lx->patterns_v, &lx->n_patterns, sizeof *lx->patterns_v) != 0)
        return ATT_ERR_NOMEM;
    att_pattern *p = &lx->patterns_v[lx->n_patterns - 1];
    p->cameo = ci;
    p->voice = !strcmp(f[2], "passive") ? ATT_VOICE_PASSIVE
               : !strcmp(f[2], "joint") ? ATT_VOICE_JOINT
                                        : ATT_VOICE_ACTIVE;
    p->text = strdup(f[1]);
    p->ids = calloc(64, sizeof *p->ids);
    if (!p->text || !p->ids)
        return ATT_ERR_NOMEM;
    /* segments are separated by "..." */
    size_t n = 0;
    const char *s = f[1];
    while (*s && p->n_segs < 8) {
        const char *dots = strstr(s, "...");
        size_t seglen = dots ? (size_t)(dots - s) : strlen(s);
        size_t pos = 0, a, b, k = 0;
        while (n < 64 && att_next_word(s, seglen, &pos, &a, &b)) {
            p->ids[n++] = att_vocab_add(lx->vocab, s + a, b - a);
            k++;
        }
        if (k)
            p->seg_len[p->n_segs++] = (uint8_t)k;
        s = dots ? dots + 3 : s + seglen;
    }
    if (p->n_segs == 0)
        return bad_row(L, "empty pattern");
    p->rank = n * 10 + strlen(lx->cameo[ci].code);
    p->seg1_id = p->n_segs > 1 ? p->ids[p->seg_len[0]] : 0;
    return att_trie_add_ids(lx->patterns, p->ids, p->seg_len[0], (int)(lx->n_patterns - 1));
}

/* data/clause_frames_vi.tsv: kind, phrase. */
static att_status frame_row(loader *L, const att_tsv *t, char **f)
{
    (void)t;
    static const char *kinds[ATT_FRAME__N] = {"nominal_head", "analysis",   "background", "relation",
                                              "habitual",     "receive",    "offer_verb", "list_intro",
                                              "event_noun",   "manner",     "classifier", "analysis_verb",
                                              "response",     "opinion",    "non_actor",
                                              "fronted",      "refer_back", "censure",
                                              "person_back",  "pair_noun"};
    int kind = -1;
    for (int k = 0; k < ATT_FRAME__N; k++)
        if (!strcmp(f[0], kinds[k]))
            kind = k;
    if (kind < 0)
        return bad_row(L, "unknown frame kind");
    att_status st = att_trie_add(L->lx->frames, L->lx->vocab, f[1], strlen(f[1]), kind);
    return st == ATT_ERR_EMPTY ? bad_row(L, "empty phrase") : st;
}

static uint32_t word(att_lexicon *lx, const char *w) { return att_vocab_add(lx->vocab, w, strlen(w)); }

static void intern_words(att_lexicon *lx)
{
    att_lex_words *w = &lx->w;
    w->va = word(lx, "và");
    w->voi = word(lx, "với");
    w->cung = word(lx, "cùng");
    w->tai = word(lx, "tại");
    w->o = word(lx, "ở");
    w->phia = word(lx, "phía");
    w->hai = word(lx, "hai");
    w->nuoc = word(lx, "nước");
    w->ben = word(lx, "bên");
    w->quoc = word(lx, "quốc");
    w->gia = word(lx, "gia");
    w->se = word(lx, "sẽ");
    w->du = word(lx, "dự");
    w->kien = word(lx, "kiến");
    w->dinh = word(lx, "định");
    w->sap = word(lx, "sắp");
    w->ke = word(lx, "kế");
    w->hoach = word(lx, "hoạch");
    w->khong = word(lx, "không");
    w->chua = word(lx, "chưa");
    w->chang = word(lx, "chẳng");
    w->neu = word(lx, "nếu");
    w->truong = word(lx, "trường");
    w->hop = word(lx, "hợp");
    w->ve = word(lx, "về");
    w->ong = word(lx, "ông");
    w->ba = word(lx, "bà");
    w->nha = word(lx, "nhà");
    w->lanh = word(lx, "lãnh");
    w->dao = word(lx, "đạo");
    w->ba_ = word(lx, "ba");
    w->cua = word(lx, "của");
    w->trong = word(lx, "trong");
    w->theo = word(lx, "theo");
    w->moi = word(lx, "mối");
    w->su = word(lx, "sự");
    w->nhung = word(lx, "những");
    w->cac = word(lx, "các");
    w->cuoc = word(lx, "cuộc");
    w->ky = word(lx, "kỷ");
    w->niem = word(lx, "niệm");
    w->thoa = word(lx, "thỏa");
    w->thuan = word(lx, "thuận");
    w->hiep = word(lx, "hiệp");
    w->uoc = word(lx, "ước");
    w->van = word(lx, "văn");
    w->ghi = word(lx, "ghi");
    w->nho = word(lx, "nhớ");
    w->chuyen = word(lx, "chuyến");
    w->nguoi = word(lx, "người");
    w->dong = word(lx, "đồng");
    w->thoi = word(lx, "thời");
    w->do_ = word(lx, "do");
    w->toi = word(lx, "tới");
    w->den = word(lx, "đến");
    w->sang = word(lx, "sang");
    w->da = word(lx, "đã");
    w->cung_ = word(lx, "cũng");
    w->vua = word(lx, "vừa");
    w->kien_ = word(lx, "kiện");
    w->de = word(lx, "để");
    w->nham = word(lx, "nhằm");
    w->nham_ = word(lx, "nhắm");
    w->vao = word(lx, "vào");
    w->khi = word(lx, "khi");
    w->con = word(lx, "còn");
    w->nhung_ = word(lx, "nhưng");
    w->song = word(lx, "song");
    w->tiep = word(lx, "tiếp");
    w->tuc = word(lx, "tục");
    w->giua = word(lx, "giữa");
    w->sau = word(lx, "sau");
    w->tu = word(lx, "từ");
    w->bang = word(lx, "bang");
    w->tinh = word(lx, "tỉnh");
    w->nay = word(lx, "này");
    w->viec = word(lx, "việc");
    w->moi_ = word(lx, "mỗi");
    w->mot = word(lx, "một");
    w->cap = word(lx, "cấp");
    w->rang = word(lx, "rằng");
    w->la = word(lx, "là");
    w->ngoai = word(lx, "ngoài");
    w->nhau = word(lx, "nhau");
    w->bay = word(lx, "bay");
    w->ca = word(lx, "cả");
    w->do_that = word(lx, "đó");
    w->tren = word(lx, "trên");
    w->cho = word(lx, "cho");
    w->giup = word(lx, "giúp");
    w->deu = word(lx, "đều");
    w->thi = word(lx, "thì");
    w->tuy = word(lx, "tuy");
    w->nhien = word(lx, "nhiên");
}

/* The row a bare motion verb ("Tổng thống Putin đã tới Hà Nội") is coded
 * with: the visit pattern "thăm". */
static int find_visit_pattern(const att_lexicon *lx)
{
    for (size_t i = 0; i < lx->n_patterns; i++)
        if (!strcmp(lx->cameo[lx->patterns_v[i].cameo].code, "042") && !strcmp(lx->patterns_v[i].text, "thăm"))
            return (int)i;
    return -1;
}

att_status att_lexicon_load(att_lexicon **out, char *err, size_t errlen)
{
    *out = NULL;
    att_lexicon *lx = calloc(1, sizeof *lx);
    if (!lx)
        return ATT_ERR_NOMEM;
    lx->vocab = att_vocab_new();
    lx->names = att_trie_new();
    lx->titles = att_trie_new();
    lx->patterns = att_trie_new();
    lx->frames = att_trie_new();
    if (!lx->vocab || !lx->names || !lx->titles || !lx->patterns || !lx->frames) {
        att_lexicon_free(lx);
        return ATT_ERR_NOMEM;
    }
    loader L = {lx, ATT_OK, 0, ATT_NAME_COUNTRY, NULL, 0, err, errlen};
    /* order matters: patterns refer to CAMEO codes */
    static const struct {
        const char *file;
        row_fn fn;
    } tables[] = {
        {"data/countries.tsv", country_row}, {"data/orgs.tsv", org_row},
        {"data/geo_nonactors.tsv", place_row}, {"data/persons.tsv", person_row},
        {"data/titles.tsv", title_row}, {"data/cameo.tsv", cameo_row},
        {"data/cameo_patterns_vi.tsv", pattern_row}, {"data/clause_frames_vi.tsv", frame_row},
    };
    att_status st = ATT_OK;
    for (size_t i = 0; st == ATT_OK && i < sizeof tables / sizeof tables[0]; i++)
        st = load_table(&L, tables[i].file, tables[i].fn);
    if (st == ATT_OK) {
        char *tsv;
        size_t len;
        st = att_datafile_load("data/tone_vi.tsv", &tsv, &len, err, errlen);
        if (st == ATT_OK) {
            st = att_tone_lexicon_load(lx->vocab, tsv, len, &lx->tone, err, errlen);
            free(tsv);
        }
    }
    if (st == ATT_OK) {
        intern_words(lx);
        lx->visit_pattern = find_visit_pattern(lx);
    }
    if (st != ATT_OK) {
        att_lexicon_free(lx);
        return st;
    }
    *out = lx;
    return ATT_OK;
}

void att_lexicon_free(att_lexicon *lx)
{
    if (!lx)
        return;
    for (size_t i = 0; i < lx->n_actors; i++) {
        free(lx->actors[i].name);
        free(lx->actors[i].role);
    }
    for (size_t i = 0; i < lx->n_titles; i++) {
        free(lx->titles_v[i].title);
        free(lx->titles_v[i].role);
    }
    for (size_t i = 0; i < lx->n_cameo; i++)
        free(lx->cameo[i].name);
    for (size_t i = 0; i < lx->n_patterns; i++) {
        free(lx->patterns_v[i].ids);
        free(lx->patterns_v[i].text);
    }
    free(lx->actors);
    free(lx->names_v);
    free(lx->titles_v);
    free(lx->cameo);
    free(lx->patterns_v);
    att_tone_lexicon_free(lx->tone);
    att_trie_free(lx->names);
    att_trie_free(lx->titles);
    att_trie_free(lx->patterns);
    att_trie_free(lx->frames);
    att_vocab_free(lx->vocab);
    free(lx);
}
