/* Finds libcoffman.so's leaktest table, if the shim is loaded. */
#ifndef COFFMAN_LEAKTEST_SHIM_LINK_H
#define COFFMAN_LEAKTEST_SHIM_LINK_H

#include "shim_abi.h"

#include <stdbool.h>

/* The table, or NULL when the shim is not loaded, not started yet, or
 * COFFMAN_LEAKTEST_NO_SHIM=1 asks for /proc mode anyway. */
const coffman_leaktest_shim_v1 *lt_shim(void);
/* The shim is loaded, even if it has not started yet (our constructor
 * may run before the shim's). */
bool lt_shim_loaded(void);

#endif
