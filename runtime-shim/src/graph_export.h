/* The lock-order graph as JSON (graph_path=), documented in
 * docs/runtime.md so that graphs of many processes can be merged. */
#ifndef COFFMAN_GRAPH_EXPORT_H
#define COFFMAN_GRAPH_EXPORT_H

#include "coffman/report.h"

#include <stdbool.h>
#include <stddef.h>

void coffman_graph_to_json(coffman_buf *out);
/* Writes the graph to graph_path ("stderr": the saved stderr; %p: pid);
 * a failure is a one-line note. */
bool coffman_graph_export(const char *path_template);
/* Start-up check that graph_path can be written safely (report_file.h). */
bool coffman_graph_path_check(const char *path_template, char *err, size_t errlen);

#endif
