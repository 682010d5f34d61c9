/* clangd -> editor: forwards clangd's messages byte for byte, except
 * publishDiagnostics of open documents, which get coffman's merged in.
 * When clangd ends, tells the editor why and ends the proxy. */
#ifndef COFFMAN_LSP_SERVER_H
#define COFFMAN_LSP_SERVER_H

#include <stdbool.h>

/* Starts clangd with g_session.opts; false (and clangd_error set) if it
 * cannot be started. */
bool server_spawn(void);
/* Starts the thread that reads clangd's output. */
bool server_start_reader(void);
/* The client is gone: lets clangd see EOF, waits a little, then ends. */
_Noreturn void server_finish_after_client(void);

#endif
