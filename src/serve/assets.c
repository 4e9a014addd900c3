/* assets.c - the dashboard's files, served from the table compiled into
 * the binary (web/ -> build/gen/embedded.c).  A URL path is only ever
 * compared with the table's names: nothing from a URL reaches the file
 * system, and there are no directory listings. */
#include <stdio.h>
#include <string.h>

#include "../util/embedded.h"
#include "serve_int.h"

static const struct {
    const char *ext, *type;
} types[] = {
    {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},   {".json", "application/json; charset=utf-8"},
    {".svg", "image/svg+xml"},             {".png", "image/png"},
};

const char *att_asset(const char *path, size_t *len, const char **type)
{
    if (!strcmp(path, "/") || !strcmp(path, "/index.html"))
        path = "/index.html";
    if (path[0] != '/' || strstr(path, "..") || strlen(path) > 200)
        return NULL;
    char name[256];
    /* the API's document lives beside the code that answers it */
    if (!strcmp(path, "/api/v1/openapi.json"))
        strcpy(name, "src/serve/openapi.json");
    else
        snprintf(name, sizeof name, "web%s", path);
    for (size_t i = 0; i < att_embedded_count; i++) {
        if (!att_embedded_files[i].name || strcmp(att_embedded_files[i].name, name) != 0)
            continue;
        const char *dot = strrchr(name, '.');
        *type = "application/octet-stream";
        for (size_t k = 0; dot && k < sizeof types / sizeof types[0]; k++)
            if (!strcmp(dot, types[k].ext))
                *type = types[k].type;
        *len = att_embedded_files[i].len;
        return att_embedded_files[i].data;
    }
    return NULL;
}
