/* cmd_follow.c - `attache follow`: poll the sources, politely, and ingest
 * what is new (see src/follow/follow.h). */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "follow_cli.h"

static const char follow_usage[] =
    "usage: attache follow [--once] [--all] [--archive DIR] [--delay SECONDS] [--max-age DAYS]\n"
    "                      [--timeout SECONDS] [--user-agent UA] [--max-body MB] [-q]";

void cli_follow_log(void *ctx, const char *msg)
{
    (void)ctx;
    cli_error("follow: %s", msg);
}

static att_status run_round(void *ctx, att_ingester *g, char *err, size_t errlen)
{
    cli_follow_rounds *r = ctx;
    return att_follow_round(r->f, g, r->stop, &r->st, err, errlen);
}

int cli_follow_round(cli_ctx *c, att_store *s, att_lexicon *lx, cli_follow_rounds *r, int quiet)
{
    memset(&r->st, 0, sizeof r->st);
    int irc = cli_run_ingest_feed(c, s, lx, 1, run_round, r, NULL);
    const att_follow_stats *st = &r->st;
    r->n++;
    if (!quiet)
        fprintf(stderr,
                "attache: follow: round %u: %zu sources (%zu unchanged, %zu failed, %zu discovered), "
                "%zu new links (and %zu older than --max-age), %zu pages fetched, %zu failed, %zu disallowed, "
                "%zu deferred, %zu new articles, %zu requests, %zu archived\n",
                r->n, st->sources, st->unchanged, st->sources_failed, st->discovered, st->items_new,
                st->skipped_old, st->pages, st->pages_failed, st->disallowed, st->deferred, st->articles_new,
                st->requests, st->archived);
    return irc;
}

/* A non-negative number (fractions allowed when frac); -1 after an error. */
static double parse_num(const char *opt, const char *v, int frac, double max)
{
    char *end;
    if (!v) {
        cli_error("%s needs a value", opt);
        return -1;
    }
    double d = strtod(v, &end);
    if (!*v || *end || d < 0 || d > max || (!frac && d != (double)(long)d)) {
        cli_error("%s: '%s' is not a %s from 0 to %.0f", opt, v, frac ? "number" : "whole number", max);
        return -1;
    }
    return d;
}

int cli_follow_option(att_follow_opts *o, int argc, char **argv, int *i)
{
    const char *a = argv[*i], *v = *i + 1 < argc ? argv[*i + 1] : NULL;
    double d = 0;
    if (!strcmp(a, "--all")) {
        o->all_due = 1;
        return 1;
    }
    if (!strcmp(a, "--archive") || !strcmp(a, "--user-agent")) {
        if (!v || !*v) {
            cli_error("%s needs a %s", a, a[2] == 'a' ? "directory" : "value");
            return -1;
        }
        if (a[2] == 'a')
            o->archive_dir = v;
        else
            o->fetch.user_agent = v;
    } else if (!strcmp(a, "--delay")) {
        if ((d = parse_num(a, v, 1, 3600)) < 0)
            return -1;
        o->fetch.delay = d;
    } else if (!strcmp(a, "--max-age")) {
        if ((d = parse_num(a, v, 0, 36500)) < 0)
            return -1;
        o->max_age_days = (int)d;
    } else if (!strcmp(a, "--timeout")) {
        if ((d = parse_num(a, v, 0, 3600)) < 1) {
            if (d >= 0)
                cli_error("--timeout: at least 1 second");
            return -1;
        }
        o->fetch.timeout = (long)d;
        if (o->fetch.connect_timeout > o->fetch.timeout)
            o->fetch.connect_timeout = o->fetch.timeout;
    } else if (!strcmp(a, "--max-body")) {
        if ((d = parse_num(a, v, 0, 1024)) < 1) {
            if (d >= 0)
                cli_error("--max-body: at least 1 MB");
            return -1;
        }
        o->fetch.max_body = (size_t)d << 20;
    } else {
        return 0;
    }
    (*i)++;
    return 1;
}

int cmd_follow(cli_ctx *c, int argc, char **argv)
{
    att_follow_opts o;
    att_follow_opts_default(&o);
    int once = 0, quiet = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int k = 0;
        if (!strcmp(a, "--once")) {
            once = 1;
        } else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
            quiet = 1;
        } else if ((k = cli_follow_option(&o, argc, argv, &i)) < 0) {
            return 2;
        } else if (k == 0) {
            cli_error("follow: unknown option '%s'\n%s", a, follow_usage);
            return 2;
        }
    }
    att_lexicon *lx = cli_load_lexicon();
    att_store *s = lx ? cli_open_store(c) : NULL;
    if (!s) {
        att_lexicon_free(lx);
        return 1;
    }
    cli_follow_rounds r;
    memset(&r, 0, sizeof r);
    char err[512];
    int rc = 0;
    if (att_follower_new(s, &o, cli_follow_log, NULL, &r.f, err, sizeof err) != ATT_OK) {
        cli_error("follow: %s", err);
        att_store_close(s);
        att_lexicon_free(lx);
        return 1;
    }
    if (att_follow_next_due(r.f) == 0) {
        cli_error("follow: no sources yet (attache sources add URL)");
        rc = 2;
    }
    r.stop = att_follow_catch_signals();
    while (rc == 0) {
        int irc = cli_follow_round(c, s, lx, &r, quiet);
        if (irc == 1) {
            rc = 1;
            break;
        }
        if (once || *r.stop)
            break;

        /* Sleep until the next source is due, waking each second for a
         * signal; at most a day.  Pages still pending (a host that asked to
         * wait, robots.txt unavailable) are retried after 30 s at the
         * soonest, unless the round stopped at its page limit. */
        int64_t next = att_follow_next_due(r.f);
        int64_t soonest = (int64_t)time(NULL) + (r.st.pages + r.st.pages_failed >= o.max_pages ? 0 : 30);
        if (next < soonest)
            next = soonest;
        for (int k = 0; k < 86400 && !*r.stop && (int64_t)time(NULL) < next; k++)
            sleep(1);
        if (*r.stop)
            break;
    }
    att_follower_free(r.f);
    att_store_close(s);
    att_lexicon_free(lx);
    return rc;
}
