/* status.c - descriptions and formatting of att_status codes. */
#include "status.h"

#include <stdarg.h>
#include <stdio.h>

const char *att_status_str(att_status st)
{
    switch (st) {
    case ATT_OK: return "ok";
    case ATT_ERR_NOMEM: return "out of memory";
    case ATT_ERR_IO: return "I/O error";
    case ATT_ERR_EMPTY: return "empty input";
    case ATT_ERR_BINARY: return "binary file";
    case ATT_ERR_UTF8: return "invalid UTF-8";
    case ATT_ERR_CHARSET: return "unsupported character encoding";
    case ATT_ERR_FORMAT: return "malformed input";
    case ATT_ERR_TOOBIG: return "input too large";
    case ATT_ERR_DB: return "database error";
    case ATT_ERR_USAGE: return "usage error";
    case ATT_ERR_NOTFOUND: return "not found";
    }
    return "unknown error";
}

att_status att_seterr(char *err, size_t errlen, att_status st, const char *fmt, ...)
{
    if (err && errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, errlen, fmt, ap);
        va_end(ap);
    }
    return st;
}
