#include "compdb.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static bool has_db(const char *dir)
{
    char path[4096 + 32];
    snprintf(path, sizeof path, "%s/compile_commands.json", dir);
    return access(path, R_OK) == 0;
}

static char *parent_dir(const char *path)
{
    char *d = strdup(path);
    char *slash = d ? strrchr(d, '/') : NULL;
    if (slash)
        *(slash == d ? slash + 1 : slash) = '\0';
    return d;
}

char *compdb_find(const char *file, const char *hint)
{
    if (hint)
        return has_db(hint) ? strdup(hint) : NULL;
    char *dir = parent_dir(file);
    while (dir) {
        char build[4096 + 8];
        snprintf(build, sizeof build, "%s/build", strcmp(dir, "/") ? dir : "");
        if (has_db(dir))
            return dir;
        if (has_db(build)) {
            free(dir);
            return strdup(build);
        }
        if (strcmp(dir, "/") == 0)
            break;
        char *up = parent_dir(dir);
        free(dir);
        dir = up;
    }
    free(dir);
    return NULL;
}

int compdb_write_default(const char *dir, const char *file)
{
    char *file_dir = parent_dir(file);
    json_t *db = json_pack("[{s:s,s:s,s:[s,s,s,s]}]", "directory", file_dir ? file_dir : "/",
                           "file", file, "arguments", "clang", "-std=c11", "-c", file);
    free(file_dir);
    char path[4096];
    snprintf(path, sizeof path, "%s/compile_commands.json", dir);
    int rc = db ? json_dump_file(db, path, 0) : -1;
    json_decref(db);
    return rc;
}
