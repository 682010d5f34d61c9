/* Heartbeats (public side: include/coffman/heartbeat.h): a thread declares
 * how often it beats; the watchdog reports one that went silent. */
#ifndef COFFMAN_HEARTBEAT_INTERNAL_H
#define COFFMAN_HEARTBEAT_INTERNAL_H

#include "thread_registry.h"

#include <stdbool.h>
#include <stdint.h>

/* Set once any thread declared a heartbeat: until then the watchdog has
 * nothing to watch unless hang_timeout_s is set. */
extern atomic_bool coffman_heartbeat_in_use;

/* True when t declared a heartbeat and has been silent longer than it
 * promised at time now; *silent_ns tells for how long. */
bool coffman_heartbeat_stalled(coffman_thread *t, uint64_t now, uint64_t *silent_ns);

#endif
