/* main.c - attache command-line entry point: global options, dispatch. */
#include <sqlite3.h>
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../util/datafile.h"
#include "cli.h"

#define ATTACHE_VERSION "0.1.0"

static const char usage[] =
    "usage: attache [--db PATH] [--data-dir DIR] COMMAND [ARGS]\n"
    "\n"
    "commands:\n"
    "  ingest [-q] [--jobs N] [--batch N] PATH...\n"
    "                                 store articles from files, directories, WARC, - (stdin);\n"
    "                                 --jobs: worker threads (default: one per core),\n"
    "                                 --batch: articles per transaction (default 1024)\n"
    "  search [--limit N] [--json] QUERY\n"
    "                                 full-text search, accent-insensitive\n"
    "  show ID [--json]               print one stored article\n"
    "  export articles [--format jsonl]\n"
    "                                 every article as one JSON object per line\n"
    "  actors [--json]                actors mentioned, per article\n"
    "  events [--format tsv|jsonl|gdelt] [--from D] [--to D] [--actor ACTOR] [--root RR] [--all]\n"
    "                                 coded events (CAMEO), GDELT 2.0 column order with gdelt\n"
    "  quotes [--json]                quotations with their speakers\n"
    "  reextract [--force]            recompute actors/events/quotes/tone (after a data change);\n"
    "                                 keeps the facts if under half the events remain, unless --force\n"
    "  dyads [--json] [--actor ACTOR] [--from D] [--to D] [--by day|week|month] [--undirected]\n"
    "                                 relation aggregates per actor pair and period\n"
    "  timeline A B [--by day|week|month] [--json]\n"
    "                                 how the relation between A and B moves\n"
    "                                 (ACTOR, A, B: a code in any case or a name, e.g. Mỹ, trung quoc)\n"
    "  stories [--json] [--limit N]   story clusters (copies and teasers are one story)\n"
    "  alerts [--json] [--since D] [--scan]\n"
    "                                 early-warning alerts (dyad shifts, story bursts)\n"
    "  commitments [--json]           promises and agreements, with their status\n"
    "  report --html FILE [--from D] [--to D]\n"
    "                                 one self-contained HTML report\n"
    "  demo                           ingest the bundled sample articles and search them\n"
    "  migrate                        create the database or bring its schema up to date\n"
    "                                 (read commands never change a database)\n"
    "  check                          integrity of the database, its full-text indexes and facts\n"
    "  segment [--pos]                Vietnamese words (Việt_Nam) of each stdin line, with UPOS tags\n"
    "  sources add URL [--name N] [--kind auto|feed|sitemap|page|urls] [--every MINUTES]\n"
    "  sources list [--json] | sources remove ID|URL\n"
    "                                 the feeds, sitemaps and pages `follow` polls\n"
    "  follow [--once] [--archive DIR] [--delay S] [--max-age DAYS]\n"
    "                                 fetch new pages from the sources politely and ingest them\n"
    "  serve [--listen ADDR:PORT] [--token-file FILE] [--follow [follow options]]\n"
    "                                 HTTP API and dashboard (default 127.0.0.1:8080);\n"
    "                                 --follow also runs the rounds of `follow`\n"
    "\n"
    "options:\n"
    "  --db PATH        database file (default $ATTACHE_DB or ./attache.db)\n"
    "  --data-dir DIR   read reference data from DIR instead of the built-in copy\n"
    "  --alerts-config FILE  alert rules (default: data/alerts.conf, built in; never read\n"
    "                   from --data-dir); every option also takes the --opt=VALUE form\n"
    "  $ATTACHE_BUSY_TIMEOUT_MS  wait this long for another process's lock (default 30000)\n"
    "  -h, --help       this help;  --version  print the version\n";

void cli_error(const char *fmt, ...)
{
    /* messages quote inputs (file names, WARC URIs, queries): made safe
     * for the terminal and kept on one line like any page text */
    char msg[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    fprintf(stderr, "attache: %s\n", cli_safe(msg));
}

long cli_parse_count(const char *opt, const char *value)
{
    char *end;
    if (!value) {
        cli_error("%s needs a value", opt);
        return -1;
    }
    long v = strtol(value, &end, 10);
    if (*value == '\0' || *end != '\0' || v <= 0 || v > 1000000) {
        cli_error("%s: '%s' is not a whole number from 1 to 1000000", opt, value);
        return -1;
    }
    return v;
}

static att_store *open_store(cli_ctx *c, att_store_mode mode)
{
    att_store *s;
    char err[512];
    if (att_store_open_mode(c->db_path, mode, &s, err, sizeof err) != ATT_OK) {
        cli_error("%s", err);
        return NULL;
    }
    return s;
}

int cli_db_failed(cli_ctx *c, att_store *s, const char *cmd)
{
    cli_error("%s: %s: %s", cmd, c->db_path, sqlite3_errmsg(att_store_db(s)));
    att_store_close(s);
    return 1;
}

att_store *cli_open_store(cli_ctx *c) { return open_store(c, ATT_STORE_WRITE); }

att_store *cli_open_store_read(cli_ctx *c) { return open_store(c, ATT_STORE_READ); }

static const struct {
    const char *name;
    int (*fn)(cli_ctx *, int, char **);
} commands[] = {
    {"ingest", cmd_ingest}, {"search", cmd_search}, {"show", cmd_show},
    {"export", cmd_export}, {"demo", cmd_demo}, {"actors", cmd_actors},
    {"events", cmd_events}, {"quotes", cmd_quotes}, {"reextract", cmd_reextract},
    {"dyads", cmd_dyads}, {"timeline", cmd_timeline}, {"stories", cmd_stories},
    {"alerts", cmd_alerts}, {"commitments", cmd_commitments}, {"report", cmd_report},
    {"migrate", cmd_migrate}, {"check", cmd_check},
    {"segment", cmd_segment},
    {"sources", cmd_sources}, {"follow", cmd_follow},
    {"serve", cmd_serve},
};

int main(int argc, char **argv)
{
    att_store_init_process();
    /* a file size limit (ulimit -f) makes writes fail with EFBIG, reported
     * as one line, instead of killing the process without a word */
    signal(SIGXFSZ, SIG_IGN);
    cli_ctx c = {getenv("ATTACHE_DB"), getenv("ATTACHE_DATA_DIR"), getenv("ATTACHE_ALERTS_CONFIG"), 0, 0};
    if (!c.db_path || !*c.db_path)
        c.db_path = "attache.db";
    /* how long to wait for another process's lock (default 30 s) */
    const char *busy = getenv("ATTACHE_BUSY_TIMEOUT_MS");
    if (busy && *busy)
        att_store_set_busy_timeout(atoi(busy));
    /* Global options may stand anywhere; they are removed from argv so
     * commands only see their own arguments. */
    int n = 0;
    static const char *const global[] = {"--db", "--data-dir", "--alerts-config"};
    for (int i = 1; i < argc; i++) {
        /* "--opt VALUE" and "--opt=VALUE" alike */
        int g = -1;
        const char *val = NULL;
        for (int k = 0; k < 3 && g < 0; k++) {
            size_t l = strlen(global[k]);
            if (!strncmp(argv[i], global[k], l) && (argv[i][l] == '\0' || argv[i][l] == '=')) {
                g = k;
                val = argv[i][l] == '=' ? argv[i] + l + 1 : i + 1 < argc ? argv[++i] : NULL;
            }
        }
        if (g >= 0) {
            if (!val || !*val) {
                cli_error("%s needs a value", global[g]);
                return 2;
            }
            if (g == 0)
                c.db_path = val;
            else if (g == 1)
                c.data_dir = val;
            else
                c.alerts_config = val;
        } else if (n == 0 && (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help"))) {
            fputs(usage, stdout);
            return 0;
        } else if (n == 0 && !strcmp(argv[i], "--version")) {
            puts("attache " ATTACHE_VERSION);
            return 0;
        } else {
            argv[++n] = argv[i];
        }
    }
    if (n == 0) {
        fputs(usage, stderr);
        return 2;
    }
    if (c.data_dir && *c.data_dir) {
        struct stat sb;
        if (stat(c.data_dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
            cli_error("--data-dir %s: %s", c.data_dir,
                      errno && stat(c.data_dir, &sb) != 0 ? strerror(errno) : "not a directory");
            return 2;
        }
        if (att_datafile_set_dir(c.data_dir) != ATT_OK)
            return 1;
    }
    for (size_t k = 0; k < sizeof commands / sizeof commands[0]; k++)
        if (!strcmp(argv[1], commands[k].name)) {
            int rc = commands[k].fn(&c, n, argv + 1);
            att_datafile_set_dir(NULL);
            return rc;
        }
    cli_error("unknown command '%s' (see attache --help)", argv[1]);
    return 2;
}
