/* Requests the client sent to clangd that clangd has not answered yet:
 * if clangd dies, each gets an error response instead of waiting forever. */
#ifndef COFFMAN_LSP_PENDING_H
#define COFFMAN_LSP_PENDING_H

#include <jansson.h>
#include <stdbool.h>

/* Records a request id (number or string) with its method. */
void pending_add(const json_t *id, const char *method);
/* Forgets an answered id; returns its method (caller frees) or NULL. */
char *pending_take(const json_t *id);
/* Removes every pending id and calls fn on each (for error replies). */
void pending_drain(void (*fn)(const json_t *id, void *ctx), void *ctx);

#endif
