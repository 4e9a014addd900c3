/* cmd_serve.c - `attache serve [--listen ADDR:PORT] [--token-file FILE]
 * [--follow [follow options]]`: the HTTP API and dashboard (src/serve);
 * with --follow the writer thread also runs the rounds of `attache follow`
 * (follow_cli.h). */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../ingest/ingest.h"
#include "../serve/serve.h"
#include "../util/fileio.h"
#include "follow_cli.h"

static volatile sig_atomic_t stop_flag;

static void on_signal(int sig)
{
    (void)sig;
    stop_flag = 1;
}

typedef struct serve_ingest {
    cli_ctx *c;
    att_lexicon *lx;
    att_serve_ingest_result *res;
} serve_ingest;

static void note_reject(void *ctx, const char *msg)
{
    serve_ingest *si = ctx;
    if (!si->res->message[0])
        snprintf(si->res->message, sizeof si->res->message, "%s", msg);
}

/* The writer's ingest job: the same pipeline as `attache ingest`. */
static att_status ingest_one(void *ctx, att_store *w, const char *name, const char *data, size_t len,
                             const char *kind, att_serve_ingest_result *r)
{
    serve_ingest *si = ctx;
    si->res = r;
    att_ingest_stats stats;
    char eerr[600] = "";
    att_status est = cli_ingest_one(si->c, w, si->lx, note_reject, si, name, data, len, kind, &stats, &r->alerts,
                                    eerr, sizeof eerr);
    r->read = stats.read;
    r->stored = stats.stored;
    r->duplicates = stats.duplicates;
    r->rejected = stats.rejected;
    if (est == ATT_ERR_IO) {
        cli_error("serve: %s", eerr);
        return ATT_OK;
    }
    if (est != ATT_OK)
        snprintf(r->message, sizeof r->message, "%.500s", eerr);
    return est;
}

/* How often the writer looks whether a source is due (a round runs at
 * start, then when the follower says a source is due, looked at this
 * often; pages a host asked to wait for are retried at this pace). */
#define FOLLOW_TICK 30

typedef struct serve_follow {
    cli_ctx *c;
    att_lexicon *lx;
    att_follow_opts o;
    cli_follow_rounds r;
    int failed;     /* the follower could not start: the server stops, exit 1 */
    int said_empty; /* "no sources yet" printed */
} serve_follow;

/* The writer's periodic job: one follow round over the due sources, into
 * the writer's store, through the whole ingest pipeline.  The follower is
 * made on the first call (it borrows the writer's store). */
static att_status follow_round(void *ctx, att_store *w, att_serve_ingest_result *res, char *err, size_t errlen)
{
    serve_follow *sf = ctx;
    if (!sf->r.f) {
        char ferr[512] = "";
        if (att_follower_new(w, &sf->o, cli_follow_log, NULL, &sf->r.f, ferr, sizeof ferr) != ATT_OK) {
            sf->failed = 1;
            stop_flag = 1;
            return att_seterr(err, errlen, ATT_ERR_IO, "--follow: %s; stopping", ferr);
        }
    }
    int64_t next = att_follow_next_due(sf->r.f);
    if (next == 0) {
        if (!sf->said_empty)
            cli_error("serve: --follow: no sources yet (attache sources add URL); looking again every %d s",
                      FOLLOW_TICK);
        sf->said_empty = 1;
        return ATT_OK;
    }
    sf->said_empty = 0;
    if (next > (int64_t)time(NULL) && !(sf->o.all_due && sf->r.n == 0))
        return ATT_OK;
    memset(&sf->r.st, 0, sizeof sf->r.st);
    int rc = cli_follow_round(sf->c, w, sf->lx, &sf->r, 0);
    res->read = sf->r.st.pages; /* for /metrics, failed round or not: what was stored is committed */
    res->stored = sf->r.st.articles_new;
    if (rc == 1)
        return att_seterr(err, errlen, ATT_ERR_DB, "follow: round %u failed (see above)", sf->r.n);
    return ATT_OK;
}

int cmd_serve(cli_ctx *c, int argc, char **argv)
{
    const char *listen = "127.0.0.1:8080", *token_file = NULL;
    int follow = 0, k = 0;
    const char *fopt = NULL; /* a follow option given */
    serve_follow sf;
    memset(&sf, 0, sizeof sf);
    att_follow_opts_default(&sf.o);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(argv[i], "--listen") || !strcmp(argv[i], "--token-file")) {
            if (i + 1 >= argc || !*argv[i + 1]) {
                cli_error("serve: %s needs a value", argv[i]);
                return 2;
            }
            if (!strcmp(argv[i], "--listen"))
                listen = argv[++i];
            else
                token_file = argv[++i];
        } else if (!strcmp(argv[i], "--follow")) {
            follow = 1;
        } else if ((k = cli_follow_option(&sf.o, argc, argv, &i)) != 0) {
            if (k < 0)
                return 2;
            fopt = a;
        } else {
            cli_error("serve: unknown argument '%s' (usage: attache serve [--listen ADDR:PORT] [--token-file FILE]"
                      " [--follow [--all] [--archive DIR] [--delay S] [--max-age DAYS] [--timeout S]"
                      " [--user-agent UA] [--max-body MB]])", argv[i]);
            return 2;
        }
    }
    if (fopt && !follow) {
        cli_error("serve: %s is an option of --follow", fopt);
        return 2;
    }
    char host[128];
    unsigned port;
    if (att_serve_parse_listen(listen, host, sizeof host, &port) != 0) {
        cli_error("serve: --listen '%s' is not ADDR:PORT with a numeric address (e.g. 127.0.0.1:8080, [::1]:8080)",
                  listen);
        return 2;
    }
    char *token = NULL;
    if (token_file) {
        size_t len;
        char err[512];
        if (att_read_file(token_file, &token, &len, 4096, err, sizeof err) != ATT_OK) {
            cli_error("serve: --token-file: %s", err);
            return 2;
        }
        while (len && (token[len - 1] == '\n' || token[len - 1] == '\r' || token[len - 1] == ' '))
            token[--len] = '\0';
        if (len < 16 || strlen(token) != len) {
            cli_error("serve: --token-file %s: the token must be one line of at least 16 characters", token_file);
            free(token);
            return 2;
        }
    }
    if (!att_serve_is_loopback(host) && !token) {
        cli_error("serve: listening on %s (not loopback) needs --token-file", host);
        return 2;
    }
    att_lexicon *lx = cli_load_lexicon();
    if (!lx) {
        free(token);
        return 1;
    }
    serve_ingest si = {c, lx, NULL};
    att_serve_config cfg = {c->db_path, host, port, token, ingest_one, &si, NULL, NULL, 0, lx, stderr};
    if (follow) {
        sf.c = c;
        sf.lx = lx;
        sf.r.stop = &stop_flag;
        cfg.round = follow_round;
        cfg.round_ctx = &sf;
        cfg.round_seconds = FOLLOW_TICK;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    char err[512] = "";
    att_status st = att_serve_run(&cfg, &stop_flag, err, sizeof err);
    att_follower_free(sf.r.f);
    att_lexicon_free(lx);
    free(token);
    if (st != ATT_OK) {
        cli_error("%s", err);
        return st == ATT_ERR_USAGE ? 2 : 1;
    }
    return sf.failed ? 1 : 0;
}
