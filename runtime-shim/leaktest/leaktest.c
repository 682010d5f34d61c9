/* Snapshot, poll with bounded back-off, report: the core of leaktest. */
#define _GNU_SOURCE
#include <coffman/leaktest.h>

#include "ignore.h"
#include "proc_report.h"
#include "shim_link.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Both views are kept: the shim may start after a snapshot taken by a
 * constructor, and /proc is the fallback when it is not loaded. */
struct coffman_leaktest_snap {
    lt_tasks tasks;             /* /proc mode; n == SIZE_MAX: unreadable */
    uint64_t mark;              /* shim mode */
    bool have_mark;
};

/* Back-off bounds: a thread that is on its way out usually ends within
 * microseconds; 100 ms keeps a long timeout from spinning. */
enum { FIRST_SLEEP_US = 1000, MAX_SLEEP_US = 100000 };

coffman_leaktest_snap *coffman_leaktest_begin(void)
{
    coffman_leaktest_snap *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    const coffman_leaktest_shim_v1 *shim = lt_shim();
    if (shim) {
        s->mark = shim->mark();
        s->have_mark = true;
    } else if (lt_shim_loaded()) {
        /* Not started yet: no thread of the program exists before it. */
        s->mark = 0;
        s->have_mark = true;
    }
    if (!lt_tasks_read(&s->tasks))
        s->tasks.n = SIZE_MAX;  /* end() says -1 rather than a false "clean" */
    return s;
}

/* One look at the threads: the number leaked now, or -1 on error.  With
 * report != NULL, also the text report of those leaks. */
static long count_leaks(const coffman_leaktest_snap *s, char **report)
{
    lt_globs ignore;
    if (!lt_globs_copy(&ignore))
        return -1;
    long n;
    const coffman_leaktest_shim_v1 *shim = s->have_mark ? lt_shim() : NULL;
    if (shim) {
        n = (long)shim->find(s->mark, (const char *const *)ignore.v, ignore.n,
                             report);
    } else if (s->tasks.n == SIZE_MAX) {
        n = -1;
    } else {
        lt_tasks now = {0}, leaks = {0};
        n = lt_proc_leaks(&s->tasks, &ignore, &now, &leaks) ? (long)leaks.n : -1;
        if (n > 0 && report) {
            coffman_buf b;
            coffman_buf_init(&b);
            lt_proc_report(&leaks, &b);
            coffman_buf_append(&b, "", 1);  /* the NUL */
            *report = b.failed ? NULL : b.data;
            if (b.failed)
                coffman_buf_free(&b);
        }
        lt_tasks_free(&now);
        lt_tasks_free(&leaks);
    }
    lt_globs_free(&ignore);
    return n;
}

static uint64_t now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

static void sleep_us(uint64_t us)
{
    struct timespec ts = {(time_t)(us / 1000000u), (long)(us % 1000000u) * 1000};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

int coffman_leaktest_end_report(coffman_leaktest_snap *s, unsigned timeout_ms,
                                char **report)
{
    if (report)
        *report = NULL;
    if (!s)
        return -1;
    uint64_t deadline = now_us() + (uint64_t)timeout_ms * 1000u;
    uint64_t pause = FIRST_SLEEP_US;
    long n;
    while ((n = count_leaks(s, NULL)) > 0) {
        uint64_t t = now_us();
        if (t >= deadline)
            break;
        sleep_us(pause < deadline - t ? pause : deadline - t);
        pause = pause * 2 < MAX_SLEEP_US ? pause * 2 : MAX_SLEEP_US;
    }
    /* Look once more with the report: the set may have shrunk meanwhile. */
    if (n > 0)
        n = count_leaks(s, report);
    lt_tasks_free(&s->tasks);
    free(s);
    return (int)n;
}

int coffman_leaktest_end(coffman_leaktest_snap *s, unsigned timeout_ms)
{
    char *report = NULL;
    int n = coffman_leaktest_end_report(s, timeout_ms, &report);
    if (report) {
        fputs(report, stderr);
        fflush(stderr);
    }
    if (n < 0)
        fputs("coffman leaktest: cannot list the threads of this process\n", stderr);
    free(report);
    return n;
}

unsigned coffman_leaktest_default_timeout_ms(void)
{
    const char *v = getenv("COFFMAN_LEAKTEST_TIMEOUT_MS");
    if (v && *v) {
        char *end;
        unsigned long ms = strtoul(v, &end, 10);
        if (*end == '\0' && ms <= 3600000ul)
            return (unsigned)ms;
    }
    return 1000;
}
