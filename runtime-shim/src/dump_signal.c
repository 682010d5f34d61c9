/* The signal handler only raises a flag: describing threads allocates and
 * symbolizes, which a handler must not do.  The monitor thread, which
 * the handler wakes at once, writes the dump.  A dump is not a finding: it
 * goes to stderr, never counts towards the exit status, and the program
 * keeps running. */
#define _GNU_SOURCE
#include "dump_signal.h"

#include "options.h"
#include "report_emit.h"
#include "report_stderr.h"
#include "shim.h"
#include "thread_describe.h"
#include "watchdog.h"

#include <errno.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Requests are numbered; `served` is the highest number a written dump
 * covers.  One dump is written at a time (`writing`). */
static atomic_uint_fast64_t requested, served;
static atomic_flag writing = ATOMIC_FLAG_INIT;

enum { DUMP_WAIT_STEP_MS = 10, DUMP_WAIT_STEPS = 500 };

static void nap(void)
{
    struct timespec t = {0, DUMP_WAIT_STEP_MS * 1000000L};
    nanosleep(&t, NULL);
}

/* Like the Go runtime's SIGQUIT dump, the thread that took the signal
 * waits (a few seconds at most) until the dump is written, so the dump
 * shows the program as it was when asked.  A thread interrupted inside the
 * shim's own code does not wait: the monitor may need what it holds. */
static void on_dump_signal(int sig)
{
    (void)sig;
    uint_fast64_t ticket = atomic_fetch_add(&requested, 1) + 1;
    coffman_monitor_wake();
    if (coffman_busy)
        return;
    for (int i = 0; i < DUMP_WAIT_STEPS && atomic_load(&served) < ticket; i++)
        nap();
}

static void put_frames(coffman_buf *b, const coffman_frame *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        coffman_buf_printf(b, "    #%zu 0x%lx in %s", i, (unsigned long)s[i].pc,
                           s[i].function ? s[i].function : "??");
        if (s[i].file)
            coffman_buf_printf(b, " %s:%u", s[i].file, s[i].line);
        coffman_buf_puts(b, "\n");
    }
}

void coffman_dump_threads(const char *why)
{
    coffman_tdesc *d = coffman_tdesc_begin();
    if (!d)
        return;
    coffman_watchdog_all_thread_notes(d);
    coffman_finding f = {0};
    coffman_tdesc_attach(d, &f);
    coffman_buf b;
    coffman_buf_init(&b);
    int pid = (int)getpid();
    coffman_buf_printf(&b, "==%d==coffman: thread dump (%s): %zu note(s), the program keeps running\n", pid,
                       why, f.note_count);
    for (size_t i = 0; i < f.note_count; i++) {
        coffman_buf_printf(&b, "  %s%s\n", f.notes[i].message, f.notes[i].stack_len ? ":" : "");
        put_frames(&b, f.notes[i].stack, f.notes[i].stack_len);
    }
    coffman_buf_printf(&b, "==%d==coffman: end of thread dump\n", pid);
    if (!b.failed)
        coffman_stderr_write(b.data, b.len);
    coffman_buf_free(&b);
    coffman_tdesc_end(d);
}

static void serve_dump_requests(void)
{
    if (atomic_flag_test_and_set(&writing))
        return;
    uint_fast64_t want = atomic_load(&requested);
    if (atomic_load(&served) < want) {
        char why[48];
        const char *name = sigabbrev_np(coffman_opts.dump_signal);
        snprintf(why, sizeof why, "signal %s", name ? name : "?");
        coffman_dump_threads(why);
        atomic_store(&served, want);
    }
    atomic_flag_clear(&writing);
}

static void dump_tick(uint64_t now)
{
    (void)now;
    serve_dump_requests();
}

/* A dump that was asked for is never lost to an exit: one not taken yet is
 * written now, and one being written is waited for (bounded, so a stuck
 * monitor cannot hold the exit). */
static void finish_dump_before_exit(int status)
{
    (void)status;
    for (int i = 0; i < DUMP_WAIT_STEPS && atomic_load(&served) < atomic_load(&requested); i++) {
        serve_dump_requests();
        if (atomic_load(&served) < atomic_load(&requested))
            nap();
    }
}

__attribute__((constructor(112))) static void dump_signal_start(void)
{
    if (!coffman_opts.dump_signal)
        return;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_dump_signal;
    sa.sa_flags = SA_RESTART;   /* interrupted reads and waits go on */
    sigemptyset(&sa.sa_mask);
    if (sigaction(coffman_opts.dump_signal, &sa, NULL) != 0) {
        /* Like a bad option: the user asked for dumps and would get none. */
        char line[200];
        int n = snprintf(line, sizeof line,
                         "coffman: error: COFFMAN_OPTIONS: dump_signal=%d: cannot install a handler (%s); "
                         "use SIGQUIT, SIGUSR1 or SIGUSR2\n",
                         coffman_opts.dump_signal, strerror(errno));
        coffman_stderr_write(line, n > 0 && n < (int)sizeof line ? (size_t)n : 0);
        _exit(2);
    }
    coffman_monitor_add_tick(dump_tick);
    coffman_at_exit(finish_dump_before_exit);
    coffman_monitor_ensure();
}
