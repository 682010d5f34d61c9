/* The analysis worker: one thread that runs coffman-check on documents as
 * they fall due, so no LSP message ever waits for an analysis. */
#ifndef COFFMAN_LSP_ANALYSIS_H
#define COFFMAN_LSP_ANALYSIS_H

#include <stdbool.h>

#include "checker.h"
#include "framing.h"

/* Starts the worker; results are published to `client`. */
bool analysis_start(const checker_config *config, lsp_writer *client,
                    const bool *utf16);
/* Stops the worker and kills a run in progress. */
void analysis_stop(void);

#endif
