/* What both directions of the proxy share: the two peers' streams, the
 * clangd process, and how the session ends.  One per process. */
#ifndef COFFMAN_LSP_SESSION_H
#define COFFMAN_LSP_SESSION_H

#include <jansson.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <sys/types.h>

#include "framing.h"
#include "options.h"

typedef struct session {
    proxy_options opts;
    lsp_writer client;           /* our stdout */
    lsp_writer server;           /* clangd's stdin */
    int server_out;              /* clangd's stdout */
    pid_t clangd_pid;            /* 0 if clangd could not start */
    char *clangd_error;          /* why it could not, if so */
    char temp_root[256];         /* buffer copies for the checker */
    bool utf16;                  /* negotiated position encoding */
    atomic_bool exit_sent;       /* the client asked clangd to exit */
    atomic_bool client_gone;     /* our stdin ended */
} session;

extern session g_session;

/* JSON-RPC error response to the client for request `id` (may be NULL). */
void session_reply_error(const json_t *id, int code, const char *message);
/* window/showMessage to the client; type 1 error, 2 warning. */
void session_show_message(int type, const char *message);
/* Ends the process: stops analysis, removes temp files. */
_Noreturn void session_exit(int status);

#endif
