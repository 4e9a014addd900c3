/* commitments.c - commitment tracking; see commitments.h. */
#include "commitments.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../normalize/normalize.h"
#include "../util/buf.h"

/* Folded " word word " form so keywords match on word boundaries. */
static char *folded(const char *s)
{
    att_buf f = ATT_BUF_INIT, out = ATT_BUF_INIT;
    att_fold(s, strlen(s), &f);
    att_buf_putc(&out, ' ');
    size_t pos = 0, a, b;
    while (f.data && att_next_word(f.data, f.len, &pos, &a, &b)) {
        att_buf_append(&out, f.data + a, b - a);
        att_buf_putc(&out, ' ');
    }
    att_buf_free(&f);
    return att_buf_steal(&out);
}

static int has_any(const char *f, const char *const *kw)
{
    for (size_t i = 0; kw[i]; i++)
        if (strstr(f, kw[i]))
            return 1;
    return 0;
}

static const char *const COMMIT_KW[] = {" cam ket ", " nhat tri ", " thoa thuan ", " tuyen bo chung ",
                                        " hua ", " dong y ", " se ky ", " ky ket ", NULL};
static const char *const REVERSE_KW[] = {" rut khoi ", " huy bo ", " dinh chi ", " tu bo ", " vi pham ",
                                         " khong thuc hien ", " bac bo ", " cham dut ", NULL};
static const char *const DELAY_KW[] = {" hoan ", " tri hoan ", " lui lai ", " chua thuc hien ",
                                       " cham tre ", NULL};

/* The classifiers work on folded text (folded() above); the public
 * functions fold their arguments, the update loop folds each sentence once. */
static int is_commitment_f(const char *f, const char *root, int planned)
{
    int r = atoi(root);
    if (r < 3 || r > 8)
        return 0; /* only cooperative actions are promises */
    /* "hoãn ký kết" reports on a promise, it does not make one */
    return !has_any(f, DELAY_KW) && !has_any(f, REVERSE_KW) &&
           (has_any(f, COMMIT_KW) || (planned && (r == 3 || r == 5 || r == 7)));
}

static int status_of_f(const char *f, const char *root, int realized, double overlap)
{
    int r = atoi(root);
    if (has_any(f, REVERSE_KW) || r == 12 || r == 16 || r == 17)
        return 3;
    if (has_any(f, DELAY_KW))
        return 2;
    return realized && r >= 3 && r <= 8 && overlap >= 0.15 ? 1 : 0;
}

static double overlap_f(const char *fa, const char *fb)
{
    size_t na = 0, both = 0, nb = 0, pos = 0, s, e;
    while (att_next_word(fa, strlen(fa), &pos, &s, &e)) {
        if (e - s < 2)
            continue;
        na++;
        char w[80];
        snprintf(w, sizeof w, " %.*s ", (int)(e - s), fa + s);
        if (strstr(fb, w))
            both++;
    }
    pos = 0;
    while (att_next_word(fb, strlen(fb), &pos, &s, &e))
        if (e - s >= 2)
            nb++;
    return na + nb > both ? (double)both / (double)(na + nb - both) : 0;
}

int att_is_commitment(const char *sentence, const char *root, int planned)
{
    char *f = folded(sentence);
    int yes = f && is_commitment_f(f, root, planned);
    free(f);
    return yes;
}

int att_commitment_status_of(const char *sentence, const char *root, int realized, double overlap)
{
    char *f = folded(sentence);
    int st = f ? status_of_f(f, root, realized, overlap) : 0;
    free(f);
    return st;
}

double att_word_overlap(const char *a, const char *b)
{
    char *fa = folded(a), *fb = folded(b);
    double res = fa && fb ? overlap_f(fa, fb) : 0;
    free(fa);
    free(fb);
    return res;
}

static const char *const STATUS[] = {"open", "implemented", "delayed", "reversed"};

att_status att_commitments_update(att_store *s, int64_t article_id, const att_article *a, int32_t day,
                                  char *err, size_t errlen)
{
    (void)a;
    sqlite3 *db = att_store_db(s);
    sqlite3_stmt *ev, *ins, *open_q, *link, *upd;
    const char *q_ev = "SELECT e.id, a1_country, a1_name, a2_country, a2_name, cameo, root, modality,"
                       " x.sentence, date, date_precision FROM events e JOIN event_sentences x ON x.id = e.id"
                       " WHERE e.article_id = ?1 AND dup_of IS NULL"
                       " AND a1_country IS NOT NULL AND a2_country IS NOT NULL ORDER BY e.id";
    /* (a literal, so the statement cache keys on it) */
    /* cached on the store: this runs for every article */
    if (!(ev = att_store_stmt(s, q_ev)))
        return att_seterr(err, errlen, ATT_ERR_DB, "commitments: %s", sqlite3_errmsg(db));
    ins = att_store_stmt(s, "INSERT INTO commitments(article_id, event_id, who, who_name, to_whom, to_name, cameo,"
                            " what, promised_day, due, sentence) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)");
    /* the recent open promises between the two parties: a report is about
     * what was promised in the last year, and the bound keeps this cheap */
    open_q = att_store_stmt(s, "SELECT id, what, status FROM ("
                               " SELECT id, what, status, promised_day FROM commitments WHERE who = ?3 AND to_whom = ?4"
                               "  AND promised_day BETWEEN ?2 - 365 AND ?2 AND article_id <> ?1"
                               " UNION ALL"
                               " SELECT id, what, status, promised_day FROM commitments WHERE who = ?4 AND to_whom = ?3"
                               "  AND promised_day BETWEEN ?2 - 365 AND ?2 AND article_id <> ?1)"
                               " WHERE status IN ('open', 'delayed') ORDER BY promised_day DESC LIMIT 20");
    link = att_store_stmt(s, "INSERT OR IGNORE INTO commitment_links(commitment_id, article_id, status, day, sentence)"
                             " VALUES(?1, ?2, ?3, ?4, ?5)");
    upd = att_store_stmt(s, "UPDATE commitments SET status = ?2, status_day = ?3 WHERE id = ?1");
    att_status rc = ins && open_q && link && upd ? ATT_OK : ATT_ERR_DB;
    if (rc != ATT_OK)
        att_seterr(err, errlen, ATT_ERR_DB, "commitments: %s", sqlite3_errmsg(db));
    sqlite3_bind_int64(ev, 1, article_id);
    int erc = SQLITE_DONE;
    while (rc == ATT_OK && (erc = sqlite3_step(ev)) == SQLITE_ROW) {
        const char *who = (const char *)sqlite3_column_text(ev, 1);
        const char *to = (const char *)sqlite3_column_text(ev, 3);
        const char *root = (const char *)sqlite3_column_text(ev, 6);
        const char *mod = (const char *)sqlite3_column_text(ev, 7);
        const char *sent = (const char *)sqlite3_column_text(ev, 8);
        const char *date = (const char *)sqlite3_column_text(ev, 9);
        char *fs = folded(sent); /* once per event, not per candidate */
        if (!fs) {
            rc = ATT_ERR_NOMEM;
            break;
        }
        /* does it report on an earlier promise between the same parties? */
        sqlite3_reset(open_q);
        sqlite3_bind_int64(open_q, 1, article_id);
        sqlite3_bind_int(open_q, 2, day);
        sqlite3_bind_text(open_q, 3, who, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(open_q, 4, to, -1, SQLITE_TRANSIENT);
        int orc = SQLITE_DONE;
        while (rc == ATT_OK && (orc = sqlite3_step(open_q)) == SQLITE_ROW) {
            int64_t cid = sqlite3_column_int64(open_q, 0);
            char *fw = folded((const char *)sqlite3_column_text(open_q, 1));
            double ov = fw ? overlap_f(fw, fs) : 0;
            free(fw);
            int st = status_of_f(fs, root, !strcmp(mod, "realized"), ov);
            if (st == 0 || ov < 0.08)
                continue; /* about something else */
            sqlite3_reset(link);
            sqlite3_bind_int64(link, 1, cid);
            sqlite3_bind_int64(link, 2, article_id);
            sqlite3_bind_text(link, 3, STATUS[st], -1, SQLITE_STATIC);
            sqlite3_bind_int(link, 4, day);
            sqlite3_bind_text(link, 5, sent, -1, SQLITE_TRANSIENT);
            int lrc = sqlite3_step(link);
            sqlite3_reset(upd);
            sqlite3_bind_int64(upd, 1, cid);
            sqlite3_bind_text(upd, 2, STATUS[st], -1, SQLITE_STATIC);
            sqlite3_bind_int(upd, 3, day);
            if (lrc != SQLITE_DONE || sqlite3_step(upd) != SQLITE_DONE)
                orc = SQLITE_ERROR;
        }
        if (rc == ATT_OK && orc != SQLITE_DONE && orc != SQLITE_ROW) {
            free(fs);
            rc = att_seterr(err, errlen, ATT_ERR_DB, "commitments: %s", sqlite3_errmsg(db));
            break;
        }
        /* is it a new promise? */
        int promise = is_commitment_f(fs, root, !strcmp(mod, "planned"));
        free(fs);
        if (!promise)
            continue;
        const char *prec = (const char *)sqlite3_column_text(ev, 10);
        int due = prec && strcmp(prec, "none") && date && strcmp(date, "") &&
                  strcmp(date, a->published ? a->published : "") > 0;
        sqlite3_reset(ins);
        sqlite3_bind_int64(ins, 1, article_id);
        sqlite3_bind_int64(ins, 2, sqlite3_column_int64(ev, 0));
        for (int k = 0; k < 4; k++)
            sqlite3_bind_text(ins, 3 + k, (const char *)sqlite3_column_text(ev, 1 + k), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ins, 7, (const char *)sqlite3_column_text(ev, 5), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ins, 8, sent, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int(ins, 9, day);
        if (due)
            sqlite3_bind_text(ins, 10, date, -1, SQLITE_TRANSIENT);
        else
            sqlite3_bind_null(ins, 10);
        sqlite3_bind_text(ins, 11, sent, -1, SQLITE_TRANSIENT);
        if (sqlite3_step(ins) != SQLITE_DONE)
            rc = att_seterr(err, errlen, ATT_ERR_DB, "commitments: %s", sqlite3_errmsg(db));
    }
    if (rc == ATT_OK && erc != SQLITE_DONE && erc != SQLITE_ROW)
        rc = att_seterr(err, errlen, ATT_ERR_DB, "commitments: %s", sqlite3_errmsg(db));
    sqlite3_reset(ev);
    if (ins)
        sqlite3_reset(ins);
    if (open_q)
        sqlite3_reset(open_q);
    return rc;
}
