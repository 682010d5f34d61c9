/* thread-leak at process end: at exit or return from main, and when the
 * last thread ends after main called pthread_exit (glibc then calls exit
 * from that thread, so one exit hook covers both). */
#define _GNU_SOURCE
#include "leak_report.h"

#include "options.h"
#include "report_emit.h"
#include "shim.h"

#include <dlfcn.h>
#include <errno.h>
#include <string.h>
#include <time.h>

typedef struct collect_ctx {
    coffman_leak_set *set;
    int64_t after;
    coffman_thread *self;
} collect_ctx;

static bool is_leaked(const coffman_thread *t, const coffman_thread *self)
{
    if (t == self || t->is_main)
        return false;
    switch (atomic_load(&t->state)) {
    case COFFMAN_THREAD_RUNNING:
    case COFFMAN_THREAD_BLOCKED:
        return true;
    case COFFMAN_THREAD_FINISHED:
        return !atomic_load(&t->detached);
    default:
        return false;
    }
}

/* A leak that may still end on its own: running (perhaps on its way
 * out), or blocked (perhaps just signalled, not yet woken).  Only a
 * finished, unjoined thread is certain. */
static bool is_settling(const coffman_thread *t)
{
    return atomic_load(&t->state) != COFFMAN_THREAD_FINISHED;
}

/* Runs under the registry's spinlock: only reads and stores pointers. */
static bool collect_one(coffman_thread *t, void *arg)
{
    collect_ctx *c = arg;
    if ((int64_t)t->serial <= c->after || !is_leaked(t, c->self))
        return true;
    coffman_leak_set *s = c->set;
    s->total++;
    s->settling += is_settling(t);
    if (s->n < COFFMAN_LEAK_MAX)
        s->v[s->n++] = t;
    return true;
}

void coffman_leaks_collect(coffman_leak_set *s, int64_t after)
{
    s->n = s->total = s->settling = 0;
    collect_ctx c = {s, after, coffman_thread_self_peek()};
    coffman_registry_foreach(collect_one, &c);
}

static const char *fix_for(const coffman_thread *t)
{
    switch (atomic_load(&t->state)) {
    case COFFMAN_THREAD_BLOCKED:
        return "end the thread's wait (signal, post or close what it waits for) and join it before the process (or the test) ends";
    case COFFMAN_THREAD_FINISHED:
        return "join the thread with pthread_join, or detach it (pthread_detach) if nobody needs its result";
    default:
        return "give the thread a way to stop (a flag or channel it checks) and join it before the process (or the test) ends";
    }
}

/* The start routine as a frame, so that `thread:glob` suppressions and
 * readers both see it. */
static void start_routine_note(coffman_tdesc *d, coffman_thread *t)
{
    coffman_frame *f = t->start_routine ? coffman_tdesc_alloc(d, sizeof *f) : NULL;
    if (f && coffman_tdesc_code_frame(d, (uintptr_t)t->start_routine, f))
        coffman_tdesc_note(d, coffman_tdesc_strf(d, "start routine of T%u", t->serial), f, 1);
}

void coffman_leak_finding(coffman_tdesc *d, coffman_thread *t, const char *when, coffman_finding *f)
{
    const char *name = coffman_tdesc_name(d, t);
    bool detached = atomic_load(&t->detached);
    bool finished = atomic_load(&t->state) == COFFMAN_THREAD_FINISHED;
    memset(f, 0, sizeof *f);
    f->kind = COFFMAN_THREAD_LEAK;
    f->severity = COFFMAN_SEVERITY_WARNING;
    const char *state = coffman_tdesc_state(d, t);
    if (!finished && !strncmp(state, "is ", 3))
        state = coffman_tdesc_strf(d, "is still %s", state + 3);
    f->message = coffman_tdesc_strf(d, "%s, %s thread %s %s; created by T%u", when,
                                    detached ? "detached" : "leaked", name, state, t->creator_serial);
    f->stack = coffman_tdesc_create_stack(d, t, &f->stack_len);
    f->fix = fix_for(t);
    start_routine_note(d, t);
    coffman_tdesc_thread_notes(d, t, COFFMAN_TDESC_SHORT);
    coffman_tdesc_attach(d, f);
}

static void pause_ns(uint64_t ns)
{
    struct timespec ts = {(time_t)(ns / 1000000000u), (long)(ns % 1000000000u)};
    while (clock_nanosleep(CLOCK_MONOTONIC, 0, &ts, &ts) == EINTR)
        ;
}

/* Like goleak's retries: threads on their way out get exit_grace_ms,
 * polled with a back-off from 1 ms up to 50 ms. */
static void wait_for_settling(coffman_leak_set *s)
{
    uint64_t deadline = coffman_now_ns() + (uint64_t)coffman_opts.exit_grace_ms * 1000000u;
    uint64_t pause = 1000000u;
    coffman_leaks_collect(s, -1);
    while (s->settling) {
        uint64_t now = coffman_now_ns();
        if (now >= deadline)
            break;
        pause_ns(pause < deadline - now ? pause : deadline - now);
        pause = pause * 2 < 50000000u ? pause * 2 : 50000000u;
        coffman_leaks_collect(s, -1);
    }
}

/* A test program linked with libcoffman-leaktest judges its thread leaks
 * itself, per test and with its ignore rules.  A second verdict at exit
 * would turn every forked Check test that leaves an ignored thread into
 * "Early exit with return value 66". */
static bool leaktest_in_charge(void)
{
    return dlsym(RTLD_DEFAULT, "coffman_leaktest_begin") != NULL;
}

static coffman_leak_set exit_set;   /* static: 8 KiB is too much for a stack near exit */

static void report_at_exit(int status)
{
    (void)status;
    if (!coffman_opts.report_thread_leaks || !coffman_active || leaktest_in_charge())
        return;
    coffman_busy++;
    wait_for_settling(&exit_set);
    coffman_tdesc *d = exit_set.n ? coffman_tdesc_begin() : NULL;
    for (size_t i = 0; d && i < exit_set.n; i++) {
        coffman_tdesc_next(d);
        coffman_finding f;
        coffman_leak_finding(d, exit_set.v[i], "at exit", &f);
        coffman_emit(&f);
    }
    coffman_tdesc_end(d);
    if (exit_set.total > exit_set.n)
        coffman_notice("%zu more leaked threads not reported", exit_set.total - exit_set.n);
    coffman_busy--;
}

/* After the shim's own start-up (constructor 101): options are parsed. */
__attribute__((constructor(110))) static void leak_report_start(void)
{
    coffman_at_exit(report_at_exit);
}
