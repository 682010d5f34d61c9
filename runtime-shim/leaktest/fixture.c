#define _GNU_SOURCE
/* Per-test fixtures and the per-process check (goleak's VerifyTestMain). */
#include <coffman/leaktest.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static pthread_mutex_t state_mu = PTHREAD_MUTEX_INITIALIZER;
static coffman_leaktest_snap *test_snap;      /* the running test's */
static coffman_leaktest_snap *process_snap;   /* baseline of the process */
static int per_process = -1;                  /* -1: not decided yet */

/* The baseline is taken before main, so that threads a library started
 * while loading are not blamed on the tests. */
__attribute__((constructor)) static void take_process_baseline(void)
{
    process_snap = coffman_leaktest_begin();
}

void coffman_leaktest_set_per_process(bool on)
{
    pthread_mutex_lock(&state_mu);
    per_process = on;
    pthread_mutex_unlock(&state_mu);
}

bool coffman_leaktest_per_process(void)
{
    pthread_mutex_lock(&state_mu);
    if (per_process < 0) {
        const char *v = getenv("COFFMAN_LEAKTEST");
        per_process = v && strcmp(v, "process") == 0;
    }
    bool on = per_process;
    pthread_mutex_unlock(&state_mu);
    return on;
}

void coffman_leaktest_ignore_current(void)
{
    coffman_leaktest_snap *fresh = coffman_leaktest_begin();
    pthread_mutex_lock(&state_mu);
    coffman_leaktest_snap *old = process_snap;
    process_snap = fresh;
    pthread_mutex_unlock(&state_mu);
    /* Ending an old snapshot with no wait just frees it. */
    char *ignored = NULL;
    coffman_leaktest_end_report(old, 0, &ignored);
    free(ignored);
}

int coffman_leaktest_verify_main(int status)
{
    pthread_mutex_lock(&state_mu);
    coffman_leaktest_snap *s = process_snap;
    process_snap = NULL;
    pthread_mutex_unlock(&state_mu);
    int leaked = coffman_leaktest_end(s, coffman_leaktest_default_timeout_ms());
    if (leaked != 0)
        fprintf(stderr, "coffman leaktest: %d thread(s) leaked by the tests "
                "of this process\n", leaked);
    coffman_leaktest_ignore_current();  /* a later call starts afresh */
    if (status != 0)
        return status;
    return leaked != 0;
}

void coffman_leaktest_fixture_begin(void)
{
    if (coffman_leaktest_per_process())
        return;
    coffman_leaktest_snap *s = coffman_leaktest_begin();
    pthread_mutex_lock(&state_mu);
    coffman_leaktest_snap *old = test_snap;
    test_snap = s;
    pthread_mutex_unlock(&state_mu);
    if (old)  /* a teardown that never ran: the test crashed (nofork) */
        coffman_leaktest_end_report(old, 0, NULL);
}

/* "worker" from the first finding's message line, for a short summary. */
static char *summarize(int leaked, const char *report)
{
    const char *msg = report ? strstr(report, "\n  ") : NULL;
    size_t len = 0;
    if (msg) {
        msg += 3;
        len = strcspn(msg, "\n");
        if (len > 200)
            len = 200;
        while (len && msg[len - 1] == ':')   /* a stack followed it */
            len--;
    }
    char *out = malloc(len + 128);
    if (!out)
        return NULL;
    if (leaked < 0)
        snprintf(out, len + 128, "coffman leaktest: cannot list the threads");
    else
        snprintf(out, len + 128, "coffman leaktest: %d thread(s) leaked%s%.*s%s",
                 leaked, msg ? " (first: " : "", (int)len, msg ? msg : "",
                 msg ? "); thread-leak reports on stderr" : "");
    return out;
}

int coffman_leaktest_fixture_end(char **summary)
{
    if (summary)
        *summary = NULL;
    pthread_mutex_lock(&state_mu);
    coffman_leaktest_snap *s = test_snap;
    test_snap = NULL;
    pthread_mutex_unlock(&state_mu);
    if (!s)
        return 0;  /* per-process mode, or no setup ran */
    char *report = NULL;
    int leaked = coffman_leaktest_end_report(s, coffman_leaktest_default_timeout_ms(),
                                             &report);
    if (report) {
        fputs(report, stderr);
        fflush(stderr);
    }
    if (leaked != 0 && summary)
        *summary = summarize(leaked, report);
    free(report);
    return leaked;
}
