/*
 * bench_tagger.c - throughput of the Vietnamese word segmenter and UPOS
 * tagger (att_tag_words) on one core.
 *
 *   bench_tagger [DIR...]
 *
 * The text: every line of the .txt files under the given directories
 * (../shared/corpus when present: real articles) or, without one, of the
 * sample articles compiled into attache; each line is tagged as one call,
 * as ingest does per sentence-bearing paragraph.  The text is passed over
 * until at least 2 seconds have gone by; the best of three such runs is
 * reported, for segmentation + tagging and for segmentation alone, per
 * second of the thread's CPU time (what one core does) and per second of
 * the wall clock (lower when the machine is shared).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bench_util.h"
#include "../src/segment/tagger.h"
#include "../src/util/buf.h"
#include "../src/util/datafile.h"
#include "../src/util/fileio.h"

static att_buf g_text = ATT_BUF_INIT;
static size_t g_files;

static void add_text(const char *s, size_t n)
{
    if (att_buf_append(&g_text, s, n) || (n && s[n - 1] != '\n' && att_buf_putc(&g_text, '\n'))) {
        fprintf(stderr, "bench_tagger: out of memory\n");
        exit(1);
    }
    g_files++;
}

static void add_dir(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        struct stat st;
        if (stat(path, &st))
            continue;
        if (S_ISDIR(st.st_mode)) {
            add_dir(path);
            continue;
        }
        size_t l = strlen(e->d_name);
        if (l < 4 || strcmp(e->d_name + l - 4, ".txt"))
            continue;
        char *data, err[256];
        size_t len;
        if (att_read_file(path, &data, &len, (size_t)64 << 20, err, sizeof err) == ATT_OK) {
            add_text(data, len);
            free(data);
        }
    }
    closedir(d);
}

/* One pass over every line; returns words. */
static size_t pass(const att_tagger *t, att_tword *w, size_t cap, unsigned flags)
{
    size_t words = 0;
    const char *s = g_text.data, *end = g_text.data + g_text.len;
    while (s < end) {
        const char *e = memchr(s, '\n', (size_t)(end - s));
        if (!e)
            e = end;
        size_t n = 0;
        att_status st = att_tag_words(t, s, (size_t)(e - s), w, cap, &n, flags, NULL, 0);
        if (st == ATT_OK)
            words += n;
        s = e + 1;
    }
    return words;
}

/* CPU seconds of this thread: on a loaded machine the wall clock also
 * counts the time other processes held the core. */
static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void run(const att_tagger *t, att_tword *w, size_t cap, unsigned flags, const char *what)
{
    double best = 0, best_cpu = 0;
    size_t words = 0;
    for (int r = 0; r < 3; r++) {
        double t0 = bench_now(), c0 = cpu_now(), el, cpu;
        size_t wd = 0, by = 0;
        do {
            wd += pass(t, w, cap, flags);
            by += g_text.len;
            el = bench_now() - t0;
        } while (el < 2.0);
        cpu = cpu_now() - c0;
        if ((double)by / el > best)
            best = (double)by / el;
        if (cpu > 0 && (double)by / cpu > best_cpu) {
            best_cpu = (double)by / cpu;
            words = (size_t)((double)wd / cpu);
        }
    }
    printf("%-22s %6.2f MB/s per CPU second (%9zu words/s); %6.2f MB/s by the wall clock\n", what, best_cpu / 1e6,
           words, best / 1e6);
}

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        add_dir(argv[i]);
    if (!g_text.len) {
        const char *data;
        size_t len;
        for (size_t i = 0; att_datafile_embedded("samples/", i, &data, &len); i++)
            add_text(data, len);
        printf("text: the %zu bundled sample pages, %.1f KB\n", g_files, (double)g_text.len / 1e3);
    } else {
        printf("text: %zu files, %.1f MB\n", g_files, (double)g_text.len / 1e6);
    }
    char err[256];
    double t0 = bench_now();
    const att_tagger *t = att_tagger_builtin(err, sizeof err);
    if (!t) {
        fprintf(stderr, "bench_tagger: %s\n", err);
        return 1;
    }
    printf("model load (once per process): %.0f ms\n", (bench_now() - t0) * 1e3);
    size_t cap = 1 << 20;
    att_tword *w = malloc(cap * sizeof *w);
    if (!w)
        return 1;
    run(t, w, cap, 0, "segment + UPOS tags:");
    run(t, w, cap, ATT_TAG_NOPOS, "segment only:");
    free(w);
    att_buf_free(&g_text);
    return 0;
}
