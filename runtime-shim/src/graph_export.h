/* The lock-order graph as JSON (graph_path=), documented in
 * docs/runtime.md so that graphs of many processes can be merged. */
#ifndef COFFMAN_GRAPH_EXPORT_H
#define COFFMAN_GRAPH_EXPORT_H

#include "coffman/report.h"

#include <stdbool.h>

void coffman_graph_to_json(coffman_buf *out);
bool coffman_graph_export(const char *path_template);

#endif
