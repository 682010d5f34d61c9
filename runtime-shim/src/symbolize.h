/* Turns pcs into function/file/line with libdw, only while a report is
 * being written.  A symbolizer sees the modules loaded when it was
 * opened (so dlopen'ed libraries are covered). */
#ifndef COFFMAN_SYMBOLIZE_H
#define COFFMAN_SYMBOLIZE_H

#include "coffman/report.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct coffman_symbolizer coffman_symbolizer;

coffman_symbolizer *coffman_symbolizer_open(void);
void coffman_symbolizer_close(coffman_symbolizer *s);
/* Fills out (strings owned by the symbolizer).  return_address: pc is a
 * return address, so the call is at pc - 1.  Returns the start address of
 * the containing function, or 0. */
uintptr_t coffman_symbolize(coffman_symbolizer *s, uintptr_t pc, bool return_address, coffman_frame *out);
/* Name of a data symbol covering addr ("counts+16"), or NULL.  The
 * result is written into buf. */
const char *coffman_symbolize_data(coffman_symbolizer *s, uintptr_t addr, char *buf, size_t len);

#endif
