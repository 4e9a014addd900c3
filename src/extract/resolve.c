/* resolve.c - actors as people type them; see resolve.h. */
#include "resolve.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../normalize/normalize.h"
#include "../util/buf.h"
#include "../util/datafile.h"
#include "../util/tsv.h"

/* Levels of precedence (resolve.h). */
enum { LV_NAME, LV_CODE, LV_SEAT, LV_PERSON, N_LEVELS };

typedef struct key {
    char *exact;   /* lowercase, one tone-mark style, single spaces */
    char *folded;  /* the same without accents */
    int level;
    int actor;     /* index into actors */
} key;

typedef struct actor {
    char code[16];
    char *name;    /* display name: the Vietnamese name for states and organizations */
} actor;

struct att_actor_index {
    actor *actors;
    size_t n_actors, cap_actors;
    key *keys;
    size_t n_keys, cap_keys;
};

/* The exact or folded view of s with runs of spaces made one and the ends
 * trimmed; malloc'd, NULL when out of memory. */
static char *view(const char *s, int folded)
{
    att_buf b = ATT_BUF_INIT, out = ATT_BUF_INIT;
    if ((folded ? att_fold(s, strlen(s), &b) : att_exact(s, strlen(s), &b)) != ATT_OK ||
        att_buf_reserve(&out, b.len + 1) != ATT_OK) {
        att_buf_free(&b);
        att_buf_free(&out);
        return NULL;
    }
    int space = 1;
    for (size_t i = 0; i < b.len; i++) {
        char c = b.data[i];
        if (c == ' ' || c == '\t' || c == '-' || c == '_') {
            space = 1; /* "Ô-xtrây-li-a" and "Ô xtrây li a" alike */
            continue;
        }
        if (space && out.len)
            att_buf_putc(&out, ' ');
        space = 0;
        att_buf_putc(&out, c);
    }
    att_buf_putc(&out, '\0');
    att_buf_free(&b);
    return att_buf_steal(&out);
}

static int add_actor(att_actor_index *ix, const char *code, const char *name)
{
    for (size_t i = 0; i < ix->n_actors; i++)
        if (!strcmp(ix->actors[i].code, code))
            return (int)i;
    if (ix->n_actors == ix->cap_actors) {
        size_t cap = ix->cap_actors ? ix->cap_actors * 2 : 512;
        actor *v = realloc(ix->actors, cap * sizeof *v);
        if (!v)
            return -1;
        ix->actors = v;
        ix->cap_actors = cap;
    }
    actor *a = &ix->actors[ix->n_actors];
    snprintf(a->code, sizeof a->code, "%s", code);
    if (!(a->name = strdup(name)))
        return -1;
    return (int)ix->n_actors++;
}

static int add_key(att_actor_index *ix, const char *text, int level, int actor_i)
{
    if (!*text)
        return 0;
    if (ix->n_keys == ix->cap_keys) {
        size_t cap = ix->cap_keys ? ix->cap_keys * 2 : 4096;
        key *v = realloc(ix->keys, cap * sizeof *v);
        if (!v)
            return -1;
        ix->keys = v;
        ix->cap_keys = cap;
    }
    key *k = &ix->keys[ix->n_keys];
    k->exact = view(text, 0);
    k->folded = view(text, 1);
    k->level = level;
    k->actor = actor_i;
    if (!k->exact || !k->folded) {
        free(k->exact);
        free(k->folded);
        return -1;
    }
    ix->n_keys++;
    return 0;
}

typedef struct variant_ctx {
    att_actor_index *ix;
    int level, actor, failed;
} variant_ctx;

static void on_variant(void *p, const char *v)
{
    variant_ctx *c = p;
    if (!c->failed && add_key(c->ix, v, c->level, c->actor) != 0)
        c->failed = 1;
}

static int add_cell(att_actor_index *ix, char *cell, int level, int actor_i)
{
    variant_ctx c = {ix, level, actor_i, 0};
    if (cell)
        att_tsv_variants(cell, on_variant, &c);
    return c.failed ? -1 : 0;
}

/* The first variant of a "a|b|c" cell, copied into out. */
static void first_variant(const char *cell, char *out, size_t n)
{
    size_t len = strcspn(cell, "|");
    snprintf(out, n, "%.*s", (int)(len < n ? len : n - 1), cell);
}

/* Which file, and which of its columns go to which level. */
typedef struct source {
    const char *file;
    const char *code_col, *name_col;  /* code (or for persons: their country) and display name */
    const char *cols[4];
    int levels[4];
} source;

static const source sources[] = {
    {"data/countries.tsv", "code", "names_vi", {"names_vi", "name_en", "capital", "metonyms"},
     {LV_NAME, LV_NAME, LV_SEAT, LV_SEAT}},
    {"data/orgs.tsv", "code", "names_vi", {"names_vi", "name_en", NULL, NULL}, {LV_NAME, LV_NAME, 0, 0}},
    {"data/persons.tsv", "country", NULL, {"variants", "name", NULL, NULL}, {LV_PERSON, LV_PERSON, 0, 0}},
};

static att_status load_source(att_actor_index *ix, const source *src, char *err, size_t errlen)
{
    char *data;
    size_t len;
    att_status st = att_datafile_load(src->file, &data, &len, err, errlen);
    if (st != ATT_OK)
        return st;
    att_tsv t;
    att_tsv_init(&t, data, len);
    char *f[ATT_TSV_MAX_FIELDS];
    size_t nf;
    int ci = -1, ni = -1, cols[4] = {-1, -1, -1, -1};
    while (st == ATT_OK && (nf = att_tsv_next(&t, f, ATT_TSV_MAX_FIELDS)) > 0) {
        if (ci < 0) {
            ci = att_tsv_col(&t, src->code_col);
            ni = src->name_col ? att_tsv_col(&t, src->name_col) : -1;
            for (int k = 0; k < 4; k++)
                cols[k] = src->cols[k] ? att_tsv_col(&t, src->cols[k]) : -1;
            if (ci < 0 || cols[0] < 0) {
                st = att_seterr(err, errlen, ATT_ERR_FORMAT, "%s: no column '%s' or '%s'", src->file,
                                src->code_col, src->cols[0]);
                break;
            }
        }
        const char *code = f[ci];
        if (!*code)
            continue;
        char name[128];
        int a;
        if (src->name_col) {
            first_variant(ni >= 0 && *f[ni] ? f[ni] : code, name, sizeof name);
            if ((a = add_actor(ix, code, name)) < 0 || add_key(ix, code, LV_CODE, a) != 0) {
                st = ATT_ERR_NOMEM;
                break;
            }
        } else { /* a person: his or her country or organization, listed before */
            a = -1;
            for (size_t i = 0; i < ix->n_actors; i++)
                if (!strcmp(ix->actors[i].code, code))
                    a = (int)i;
            if (a < 0)
                continue;
        }
        for (int k = 0; k < 4 && st == ATT_OK; k++)
            if (cols[k] >= 0 && add_cell(ix, f[cols[k]], src->levels[k], a) != 0)
                st = ATT_ERR_NOMEM;
    }
    free(data);
    if (st == ATT_ERR_NOMEM)
        att_seterr(err, errlen, st, "%s: out of memory", src->file);
    return st;
}

att_status att_actor_index_load(att_actor_index **out, char *err, size_t errlen)
{
    *out = NULL;
    att_actor_index *ix = calloc(1, sizeof *ix);
    if (!ix)
        return att_seterr(err, errlen, ATT_ERR_NOMEM, "actors: out of memory");
    for (size_t s = 0; s < sizeof sources / sizeof sources[0]; s++) {
        att_status st = load_source(ix, &sources[s], err, errlen);
        if (st != ATT_OK) {
            att_actor_index_free(ix);
            return st;
        }
    }
    *out = ix;
    return ATT_OK;
}

void att_actor_index_free(att_actor_index *ix)
{
    if (!ix)
        return;
    for (size_t i = 0; i < ix->n_keys; i++) {
        free(ix->keys[i].exact);
        free(ix->keys[i].folded);
    }
    for (size_t i = 0; i < ix->n_actors; i++)
        free(ix->actors[i].name);
    free(ix->keys);
    free(ix->actors);
    free(ix);
}

/* Levenshtein distance of a and b, both at most 64 bytes (longer: far). */
static size_t edit_distance(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    if (na > 64 || nb > 64)
        return 1000;
    size_t row[65];
    for (size_t j = 0; j <= nb; j++)
        row[j] = j;
    for (size_t i = 1; i <= na; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= nb; j++) {
            size_t up = row[j];
            size_t best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[nb];
}

/* The message for an unknown actor: its closest names, distinct actors. */
static att_status unknown(const att_actor_index *ix, const char *typed, const char *folded, char *err,
                          size_t errlen)
{
    enum { N_SUGGEST = 3 };
    int best_actor[N_SUGGEST];
    size_t best_d[N_SUGGEST], n = 0;
    size_t limit = strlen(folded) / 3 + 2;
    for (size_t i = 0; i < ix->n_keys; i++) {
        const key *k = &ix->keys[i];
        if (k->level == LV_PERSON)
            continue;
        size_t d = edit_distance(folded, k->folded);
        if (d > limit)
            continue;
        size_t j = 0;
        while (j < n && best_actor[j] != k->actor)
            j++;
        if (j < n) { /* this actor already: keep its closer key */
            if (d < best_d[j])
                best_d[j] = d;
            else
                continue;
        } else if (n < N_SUGGEST) {
            j = n++;
        } else {
            j = N_SUGGEST - 1;
            if (d >= best_d[j])
                continue;
        }
        best_actor[j] = k->actor;
        best_d[j] = d;
        for (; j > 0 && best_d[j] < best_d[j - 1]; j--) { /* keep sorted */
            size_t td = best_d[j];
            int ta = best_actor[j];
            best_d[j] = best_d[j - 1];
            best_actor[j] = best_actor[j - 1];
            best_d[j - 1] = td;
            best_actor[j - 1] = ta;
        }
    }
    char list[256] = "";
    size_t used = 0;
    for (size_t j = 0; j < n && used < sizeof list; j++) {
        const actor *a = &ix->actors[best_actor[j]];
        int w = snprintf(list + used, sizeof list - used, "%s%s %s", j ? ", " : "", a->code, a->name);
        if (w < 0)
            break;
        used += (size_t)w;
    }
    if (n)
        return att_seterr(err, errlen, ATT_ERR_NOTFOUND, "unknown actor '%s' (closest: %s)", typed, list);
    return att_seterr(err, errlen, ATT_ERR_NOTFOUND,
                      "unknown actor '%s' (give a country or organization code such as USA, or a name such as "
                      "'Trung Quốc')",
                      typed);
}

att_status att_actor_resolve(const att_actor_index *ix, const char *typed, char code[16], const char **name,
                             char *err, size_t errlen)
{
    code[0] = '\0';
    if (name)
        *name = NULL;
    if (!typed || strspn(typed, " \t") == strlen(typed))
        return att_seterr(err, errlen, ATT_ERR_USAGE, "empty actor name");
    size_t tl = strlen(typed);
    if (tl > 200 || !att_utf8_valid(typed, tl, NULL))
        return att_seterr(err, errlen, ATT_ERR_USAGE, "actor name is too long or not valid UTF-8");
    char *views[2] = {view(typed, 0), view(typed, 1)};
    if (!views[0] || !views[1]) {
        free(views[0]);
        free(views[1]);
        return att_seterr(err, errlen, ATT_ERR_NOMEM, "actors: out of memory");
    }
    att_status st = ATT_ERR_NOTFOUND;
    /* a code typed as it is written ("NGA": Nigeria) comes first; in
     * another case a code comes after the names ("Nga": Russia) */
    size_t lead = strspn(typed, " \t"), len = strlen(typed + lead);
    while (len && (typed[lead + len - 1] == ' ' || typed[lead + len - 1] == '\t'))
        len--;
    for (size_t i = 0; i < ix->n_actors && len < sizeof ix->actors[i].code; i++)
        if (!strncmp(ix->actors[i].code, typed + lead, len) && ix->actors[i].code[len] == '\0') {
            snprintf(code, 16, "%s", ix->actors[i].code);
            if (name)
                *name = ix->actors[i].name;
            st = ATT_OK;
            break;
        }
    /* level by level, exact view before folded view */
    for (int lv = 0; lv < N_LEVELS && st == ATT_ERR_NOTFOUND; lv++) {
        for (int v = 0; v < 2 && st == ATT_ERR_NOTFOUND; v++) {
            int found = -1, other = -1;
            for (size_t i = 0; i < ix->n_keys; i++) {
                const key *k = &ix->keys[i];
                if (k->level != lv || strcmp(v ? k->folded : k->exact, views[v]))
                    continue;
                if (found < 0)
                    found = k->actor;
                else if (k->actor != found && strcmp(ix->actors[k->actor].code, ix->actors[found].code))
                    other = k->actor;
            }
            if (found < 0)
                continue;
            if (other >= 0) {
                st = att_seterr(err, errlen, ATT_ERR_USAGE, "actor '%s' is ambiguous: %s %s or %s %s", typed,
                                ix->actors[found].code, ix->actors[found].name, ix->actors[other].code,
                                ix->actors[other].name);
                break;
            }
            snprintf(code, 16, "%s", ix->actors[found].code);
            if (name)
                *name = ix->actors[found].name;
            st = ATT_OK;
        }
    }
    if (st == ATT_ERR_NOTFOUND)
        st = unknown(ix, typed, views[1], err, errlen);
    free(views[0]);
    free(views[1]);
    return st;
}

att_status att_actor_resolve_once(const char *typed, char code[16], char *err, size_t errlen)
{
    att_actor_index *ix;
    att_status st = att_actor_index_load(&ix, err, errlen);
    if (st != ATT_OK)
        return st;
    st = att_actor_resolve(ix, typed, code, NULL, err, errlen);
    att_actor_index_free(ix);
    return st;
}
