/* Shared by the interposers: a contended wait first waits with a short
 * deadline and only then captures its stack, so contention that resolves
 * quickly (the common case) never pays for an unwind. */
#ifndef COFFMAN_WAIT_HELPERS_H
#define COFFMAN_WAIT_HELPERS_H

#include "thread_registry.h"

#include <errno.h>
#include <time.h>

enum { COFFMAN_QUICK_WAIT_MS = 20 };

static inline struct timespec coffman_deadline(clockid_t clock, long ms)
{
    struct timespec ts;
    clock_gettime(clock, &ts);
    ts.tv_nsec += (ms % 1000) * 1000000L;
    ts.tv_sec += ms / 1000 + ts.tv_nsec / 1000000000L;
    ts.tv_nsec %= 1000000000L;
    return ts;
}

#endif
