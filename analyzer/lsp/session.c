#include "session.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analysis.h"

session g_session;

void session_reply_error(const json_t *id, int code, const char *message)
{
    json_t *msg = json_pack("{s:s,s:O,s:{s:i,s:s}}", "jsonrpc", "2.0",
                            "id", id ? id : json_null(), "error",
                            "code", code, "message", message);
    lsp_write_json(&g_session.client, msg);
    json_decref(msg);
}

void session_show_message(int type, const char *message)
{
    json_t *msg = json_pack("{s:s,s:s,s:{s:i,s:s}}", "jsonrpc", "2.0",
                            "method", "window/showMessage", "params",
                            "type", type, "message", message);
    lsp_write_json(&g_session.client, msg);
    json_decref(msg);
}

/* The temp root holds one numbered directory per run in progress. */
static void remove_temp_root(const char *root)
{
    if (!root[0])
        return;
    DIR *d = opendir(root);
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char sub[512];
        snprintf(sub, sizeof sub, "%s/%s", root, e->d_name);
        DIR *s = opendir(sub);
        struct dirent *f;
        while (s && (f = readdir(s)) != NULL) {
            char file[1024];
            snprintf(file, sizeof file, "%s/%s", sub, f->d_name);
            if (strcmp(f->d_name, ".") != 0 && strcmp(f->d_name, "..") != 0)
                unlink(file);
        }
        if (s)
            closedir(s);
        rmdir(sub);
    }
    if (d)
        closedir(d);
    rmdir(root);
}

_Noreturn void session_exit(int status)
{
    analysis_stop();
    remove_temp_root(g_session.temp_root);
    exit(status);
}
