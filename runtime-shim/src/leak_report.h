/* Thread leaks: which threads count as leaked, and their reports.  Used at
 * process end (report_thread_leaks) and by libcoffman-leaktest through
 * leaktest_bridge.c. */
#ifndef COFFMAN_LEAK_REPORT_H
#define COFFMAN_LEAK_REPORT_H

#include "coffman/report.h"
#include "thread_describe.h"
#include "thread_registry.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Threads kept for a report; beyond this they are counted, not named. */
enum { COFFMAN_LEAK_MAX = 1024 };

typedef struct coffman_leak_set {
    coffman_thread *v[COFFMAN_LEAK_MAX];
    size_t n;          /* in v */
    size_t total;      /* all leaked threads, also those not in v */
    size_t settling;   /* leaks that may still end by themselves */
} coffman_leak_set;

/* Leaked threads with a serial above `after` (-1: all), skipping the
 * calling thread and the main thread: running or blocked (detached or
 * not), or finished but neither joined nor detached. */
void coffman_leaks_collect(coffman_leak_set *s, int64_t after);

/* Builds the thread-leak finding for t in f; `when` ends the message
 * ("at exit", "when the test ended").  Strings live in d. */
void coffman_leak_finding(coffman_tdesc *d, coffman_thread *t, const char *when, coffman_finding *f);

#endif
