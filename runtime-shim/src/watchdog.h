/* The hang watchdog (hang_timeout_s) and the heartbeat check, run from the
 * shim's monitor thread about every 100 ms. */
#ifndef COFFMAN_WATCHDOG_H
#define COFFMAN_WATCHDOG_H

#include "thread_describe.h"

#include <stdint.h>

/* Notes for every thread in use (state, wait stack, held locks; creation
 * stack for a thread that is not blocked).  Shared with the dump. */
void coffman_watchdog_all_thread_notes(coffman_tdesc *d);

#endif
