/* editor -> clangd: forwards each message byte for byte, watches the
 * document notifications to keep the unsaved buffers and schedule
 * analyses, and rejects malformed input with a JSON-RPC error. */
#ifndef COFFMAN_LSP_PROXY_H
#define COFFMAN_LSP_PROXY_H

/* Reads the client until it ends; never returns. */
_Noreturn void proxy_run_client(int fd);

#endif
