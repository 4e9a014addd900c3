/* cmd_segment.c - `attache segment [--pos]`: Vietnamese word segmentation
 * (and UPOS tags) of standard input, one output line per input line.
 *
 * Words are separated by one space, the syllables of a word joined by "_"
 * ("Việt_Nam"), punctuation is a word of its own; with --pos each word is
 * followed by "/" and its tag ("Việt_Nam/PROPN"; with --tags vtb the
 * tags UD_Vietnamese-VTB releases before 2.5 write: "Việt_Nam/NOUN").  An empty (or all-space)
 * line gives an empty line; a trailing "\r" is dropped.  A line that is not
 * valid UTF-8 (or holds a NUL byte) stops the command: one error line names
 * the line number and byte, exit status 2 (the lines before it are already
 * written).  Memory is bounded: a line longer than SEG_BLOCK bytes is
 * segmented in pieces cut at white space (a word is never longer than a
 * piece).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../segment/tagger.h"
#include "cli.h"

#define SEG_BLOCK (64 * 1024)

static int is_ws(unsigned char c) { return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r'; }

/* Write one word: inner white space (ASCII, and the UTF-8 no-break and
 * other spaces the tokenizer skips) collapsed into "_". */
static void put_word(const char *s, size_t from, size_t to, FILE *out)
{
    int in_space = 0;
    size_t i = from;
    while (i < to) {
        unsigned char c = (unsigned char)s[i];
        size_t sp = 0;
        if (is_ws(c))
            sp = 1;
        else if (c == 0xC2 && i + 1 < to && (unsigned char)s[i + 1] == 0xA0)
            sp = 2;
        else if (c == 0xE2 && i + 2 < to && (unsigned char)s[i + 1] == 0x80 &&
                 ((unsigned char)s[i + 2] <= 0x8B || (unsigned char)s[i + 2] == 0xAF))
            sp = 3;
        else if (c == 0xE3 && i + 2 < to && (unsigned char)s[i + 1] == 0x80 && (unsigned char)s[i + 2] == 0x80)
            sp = 3;
        if (sp) {
            if (!in_space)
                fputc('_', out);
            in_space = 1;
            i += sp;
            continue;
        }
        in_space = 0;
        fputc(c, out);
        i++;
    }
}

/* Segment buf[0..len) with att_tag_words flags and write its words
 * (with tags when pos; continuing the current output
 * line: *first says whether a word was written on it yet).  Returns 0, or
 * 2 after printing an error for bad UTF-8, 1 for other errors. */
static int emit(const att_tagger *t, const char *buf, size_t len, int pos, unsigned flags, att_tword *w, size_t cap,
                unsigned long lineno, size_t line_off, int *first)
{
    size_t n;
    char err[256];
    att_status st = att_tag_words(t, buf, len, w, cap, &n, flags, err, sizeof err);
    if (st == ATT_ERR_UTF8) {
        size_t at = 0;
        const char *p = strstr(err, "byte ");
        if (p)
            at = strtoul(p + 5, NULL, 10);
        fflush(stdout);
        cli_error("segment: stdin line %lu: invalid UTF-8 (or NUL) at byte %zu of the line", lineno, line_off + at + 1);
        return 2;
    }
    if (st) {
        cli_error("segment: stdin line %lu: %s", lineno, err);
        return 1;
    }
    for (size_t i = 0; i < n; i++) {
        if (!*first)
            fputc(' ', stdout);
        *first = 0;
        put_word(buf, w[i].from, w[i].to, stdout);
        if (pos) {
            fputc('/', stdout);
            fputs(att_upos_name((att_upos)w[i].upos), stdout);
        }
    }
    return 0;
}

int cmd_segment(cli_ctx *c, int argc, char **argv)
{
    (void)c;
    int pos = 0;
    unsigned legacy = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--pos")) {
            pos = 1;
        } else if (!strcmp(argv[i], "--tags") && i + 1 < argc && !strcmp(argv[i + 1], "vtb")) {
            legacy = ATT_TAG_VTB_LEGACY;
            i++;
        } else if (!strcmp(argv[i], "--tags") && i + 1 < argc && !strcmp(argv[i + 1], "ud")) {
            legacy = 0;
            i++;
        } else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            printf("usage: attache segment [--pos [--tags ud|vtb]] < TEXT\n"
                   "  one output line per input line: words separated by spaces, the syllables of a\n"
                   "  word joined by '_', punctuation split off; --pos adds '/TAG' (Universal POS by\n"
                   "  the UD guidelines; --tags vtb: as UD_Vietnamese-VTB before 2.5 writes them)\n");
            return 0;
        } else {
            cli_error("segment: unknown option '%s' (usage: attache segment [--pos [--tags ud|vtb]])", argv[i]);
            return 2;
        }
    }
    char err[256];
    const att_tagger *t = att_tagger_builtin(err, sizeof err);
    if (!t) {
        cli_error("segment: %s", err);
        return 1;
    }
    unsigned flags = pos ? legacy : ATT_TAG_NOPOS;
    char *buf = malloc(SEG_BLOCK);
    att_tword *w = malloc((SEG_BLOCK + 1) * sizeof *w);
    if (!buf || !w) {
        free(buf);
        free(w);
        cli_error("segment: out of memory");
        return 1;
    }
    size_t len = 0, line_off = 0;
    unsigned long lineno = 1;
    int first = 1, rc = 0, ch, any = 0;
    while (rc == 0) {
        ch = getc(stdin);
        if (ch == EOF || ch == '\n') {
            if (ch == EOF && !any && len == 0)
                break;
            if (len && buf[len - 1] == '\r')
                len--;
            rc = emit(t, buf, len, pos, flags, w, SEG_BLOCK + 1, lineno, line_off, &first);
            if (rc)
                break;
            fputc('\n', stdout);
            len = 0;
            line_off = 0;
            first = 1;
            any = 0;
            lineno++;
            if (ch == EOF)
                break;
            continue;
        }
        any = 1;
        buf[len++] = (char)ch;
        if (len == SEG_BLOCK) {
            /* cut at the last white space, else before a UTF-8 lead byte */
            size_t cut = len;
            while (cut > len / 2 && !is_ws((unsigned char)buf[cut - 1]))
                cut--;
            if (cut == len / 2) {
                cut = len;
                while (cut > len - 4 && ((unsigned char)buf[cut - 1] & 0xC0) == 0x80)
                    cut--;
                if (cut > 0 && (unsigned char)buf[cut - 1] >= 0xC0)
                    cut--;
            }
            rc = emit(t, buf, cut, pos, flags, w, SEG_BLOCK + 1, lineno, line_off, &first);
            memmove(buf, buf + cut, len - cut);
            line_off += cut;
            len -= cut;
        }
    }
    if (ferror(stdin) && !rc) {
        cli_error("segment: error reading stdin");
        rc = 1;
    }
    if (fflush(stdout) && !rc) {
        cli_error("segment: error writing stdout");
        rc = 1;
    }
    free(buf);
    free(w);
    return rc;
}
