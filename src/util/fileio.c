/* fileio.c - whole-file reading; see fileio.h. */
#include "fileio.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"

att_status att_read_stream(FILE *f, const char *name, char **out, size_t *len, size_t max,
                           char *err, size_t errlen)
{
    att_buf b = ATT_BUF_INIT;
    char chunk[65536];
    size_t n;
    *out = NULL;
    *len = 0;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (b.len + n > max) {
            att_buf_free(&b);
            return att_seterr(err, errlen, ATT_ERR_TOOBIG, "%s: larger than the %zu-byte limit",
                              name, max);
        }
        if (att_buf_append(&b, chunk, n) != ATT_OK) {
            att_buf_free(&b);
            return att_seterr(err, errlen, ATT_ERR_NOMEM, "%s: out of memory", name);
        }
    }
    if (ferror(f)) {
        int e = errno;
        att_buf_free(&b);
        return att_seterr(err, errlen, ATT_ERR_IO, "%s: read error: %s", name, strerror(e));
    }
    *len = b.len;
    *out = att_buf_steal(&b);
    return *out ? ATT_OK : ATT_ERR_NOMEM;
}

att_status att_read_file(const char *path, char **out, size_t *len, size_t max, char *err,
                         size_t errlen)
{
    if (strcmp(path, "-") == 0)
        return att_read_stream(stdin, "<stdin>", out, len, max, err, errlen);
    FILE *f = fopen(path, "rb");
    if (!f) {
        int e = errno;
        return att_seterr(err, errlen, e == ENOENT ? ATT_ERR_NOTFOUND : ATT_ERR_IO,
                          "%s: cannot open: %s", path, strerror(e));
    }
    struct stat sb;
    if (fstat(fileno(f), &sb) == 0 && S_ISDIR(sb.st_mode)) {
        fclose(f);
        return att_seterr(err, errlen, ATT_ERR_IO, "%s: is a directory", path);
    }
    if (fstat(fileno(f), &sb) == 0 && S_ISREG(sb.st_mode) && (size_t)sb.st_size > max) {
        fclose(f);
        return att_seterr(err, errlen, ATT_ERR_TOOBIG, "%s: %lld bytes, over the %zu-byte limit",
                          path, (long long)sb.st_size, max);
    }
    att_status st = att_read_stream(f, path, out, len, max, err, errlen);
    fclose(f);
    return st;
}
