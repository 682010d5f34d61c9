/* The JSON shape of one finding, shared by the JSON Lines and SARIF
 * writers so both describe a finding with the same fields. */
#ifndef COFFMAN_JSON_FINDING_H
#define COFFMAN_JSON_FINDING_H

#include "coffman/report.h"

#include <jansson.h>

json_t *coffman_json_frame(const coffman_frame *fr);
json_t *coffman_json_stack(const coffman_frame *stack, size_t len);
json_t *coffman_json_conditions(const coffman_conditions *c);
json_t *coffman_json_finding(const coffman_finding *f, const char *tool);
/* Appends the JSON text of `v` and drops the reference to it. */
void coffman_json_emit(coffman_buf *out, json_t *v, size_t flags);

#endif
