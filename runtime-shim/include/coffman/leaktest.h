/* coffman leaktest: fail a C test that leaves threads behind.
 *
 *   coffman_leaktest_snap *s = coffman_leaktest_begin();
 *   ... code under test ...
 *   int leaked = coffman_leaktest_end(s, 1000);   // 0 when clean
 *
 * The C counterpart of Go's `defer leaktest.Check(t)()` and goleak.  It
 * works in two modes, chosen at run time:
 *   - alone: threads are counted through /proc/self/task; a leak is named
 *     by its thread id, its name (pthread_setname_np) and its kernel state;
 *   - under libcoffman.so (LD_PRELOAD): the shim's thread registry gives
 *     each leak's start routine, creation stack and what it is blocked on,
 *     and a thread that finished but was never joined counts too.
 * The library never links the shim; it looks it up with dlsym.
 *
 * Check (libcheck) users: include <check.h> before this header to get
 * coffman_leaktest_setup / coffman_leaktest_teardown for
 * tcase_add_checked_fixture (see docs/leaktest.md).
 */
#ifndef COFFMAN_LEAKTEST_H
#define COFFMAN_LEAKTEST_H

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct coffman_leaktest_snap coffman_leaktest_snap;

/* Snapshot of the threads alive now.  NULL only when out of memory. */
coffman_leaktest_snap *coffman_leaktest_begin(void);

/* Waits up to timeout_ms (polling with bounded back-off, like goleak) for
 * every thread started since the snapshot to end, then prints one
 * thread-leak report per thread still there to stderr.  Returns how many
 * leaked, or -1 if the threads could not be listed.  Frees snap. */
int coffman_leaktest_end(coffman_leaktest_snap *snap, unsigned timeout_ms);

/* As coffman_leaktest_end, but hands the report (malloc'd, NUL-terminated;
 * NULL when nothing leaked) to the caller instead of printing it. */
int coffman_leaktest_end_report(coffman_leaktest_snap *snap,
                                unsigned timeout_ms, char **report);

/* Ignore rules, process-wide, like goleak's IgnoreTopFunction: a thread
 * whose start routine (or any frame of its creation stack) matches the
 * fnmatch(3) glob is never counted.  Without the shim there is no start
 * routine: the glob is matched against the thread's name instead (set it
 * with pthread_setname_np).  Returns false when out of memory. */
bool coffman_leaktest_ignore(const char *glob);
void coffman_leaktest_clear_ignores(void);

/* True when libcoffman.so is loaded and reports come from its registry. */
bool coffman_leaktest_have_shim(void);

/* Timeout used by the fixtures and the per-process check: the
 * COFFMAN_LEAKTEST_TIMEOUT_MS environment variable, or 1000 ms. */
unsigned coffman_leaktest_default_timeout_ms(void);

/* ---- per-process mode (goleak's VerifyTestMain) ----------------------
 * For suites whose tests share one process (CK_FORK=no) or run in
 * parallel, a per-test snapshot cannot tell whose thread leaked.  In
 * per-process mode the fixtures do nothing and
 *     return coffman_leaktest_verify_main(failed ? 1 : 0);
 * at the end of main checks that every thread started since the library
 * was loaded (or since coffman_leaktest_ignore_current) has ended.
 * The mode is on when COFFMAN_LEAKTEST=process or after the call below. */
void coffman_leaktest_set_per_process(bool on);
bool coffman_leaktest_per_process(void);
/* Treat the threads alive now as part of the process's baseline. */
void coffman_leaktest_ignore_current(void);
/* Returns status when it is non-zero; otherwise 1 if threads leaked
 * (reports on stderr) and 0 if none did. */
int coffman_leaktest_verify_main(int status);

/* ---- Check fixtures: implementation behind the inline wrappers ------- */
void coffman_leaktest_fixture_begin(void);
/* Returns the number leaked (0 in per-process mode) and, when non-zero, a
 * malloc'd one-line summary for the failure message; the full report has
 * gone to stderr. */
int coffman_leaktest_fixture_end(char **summary);

#ifdef __cplusplus
}
#endif

/* Check's fixture pair, compiled into the test program so that they use
 * the test program's own copy of libcheck (it is a static library). */
#if defined(CHECK_H) && !defined(COFFMAN_LEAKTEST_NO_CHECK)
#include <stdlib.h>
static inline void coffman_leaktest_setup(void)
{
    coffman_leaktest_fixture_begin();
}

static inline void coffman_leaktest_teardown(void)
{
    char *summary = NULL;
    if (coffman_leaktest_fixture_end(&summary) != 0) {
        /* Not freed: ck_abort_msg does not return. */
        ck_abort_msg("%s", summary ? summary : "coffman leaktest: thread leak");
    }
    free(summary);
}
#endif

#endif
