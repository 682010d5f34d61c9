/* hang: for hang_timeout_s seconds no thread made progress (no lock taken
 * or released, no wait ended, no thread started or ended) while at least
 * one thread is blocked.  A silent heartbeat is a hang of one thread.
 * Both are reported once and, unless halt_on_hang=0, end the process:
 * in CI a silent timeout becomes a diagnosis. */
#define _GNU_SOURCE
#include "watchdog.h"

#include "heartbeat.h"
#include "options.h"
#include "report_emit.h"
#include "shim.h"

#include <string.h>

enum { MAX_NAMED = 256, MAX_STALLS = 64 };

typedef struct scan {
    uint64_t now;
    uint64_t fingerprint;      /* changes whenever any thread progresses */
    size_t blocked;            /* threads in an untimed wait */
    coffman_thread *oldest;    /* longest in an untimed wait */
    uint64_t oldest_since;
    coffman_thread *stalled[MAX_STALLS];
    uint64_t stalled_silence[MAX_STALLS];
    size_t nstalled;
} scan;

/* Runs under the registry's spinlock: reads only. */
static bool scan_one(coffman_thread *t, void *arg)
{
    scan *s = arg;
    uint64_t p = atomic_load_explicit(&t->progress, memory_order_relaxed);
    int st = atomic_load_explicit(&t->state, memory_order_relaxed);
    s->fingerprint += (p + 1) * 0x9E3779B97F4A7C15ull + t->serial * 31u + (uint64_t)st;
    if (st == COFFMAN_THREAD_BLOCKED && !atomic_load_explicit(&t->wait_timed, memory_order_relaxed)) {
        s->blocked++;
        uint64_t since = atomic_load_explicit(&t->wait_since_ns, memory_order_relaxed);
        if (!s->oldest || since < s->oldest_since) {
            s->oldest = t;
            s->oldest_since = since;
        }
    }
    uint64_t silence;
    if (s->nstalled < MAX_STALLS && coffman_heartbeat_stalled(t, s->now, &silence)) {
        s->stalled_silence[s->nstalled] = silence;
        s->stalled[s->nstalled++] = t;
    }
    return true;
}

static bool note_one(coffman_thread *t, void *arg)
{
    coffman_thread **list = arg;
    for (size_t i = 0; i < MAX_NAMED; i++)
        if (!list[i]) {
            list[i] = t;
            return true;
        }
    return false;
}

void coffman_watchdog_all_thread_notes(coffman_tdesc *d)
{
    coffman_thread *list[MAX_NAMED + 1];
    memset(list, 0, sizeof list);
    /* Copy first: describing takes the registry lock again (lock owners). */
    coffman_registry_foreach(note_one, list);
    for (size_t i = 0; list[i]; i++) {
        coffman_thread *t = list[i];
        int st = atomic_load(&t->state);
        if (st == COFFMAN_THREAD_BLOCKED) {
            coffman_tdesc_thread_notes(d, t, 0);
            continue;
        }
        /* No current stack for a thread outside intercepted waits: say
         * what it is doing and where it came from. */
        size_t n = 0;
        const coffman_frame *s = t->is_main ? NULL : coffman_tdesc_create_stack(d, t, &n);
        coffman_tdesc_note(d,
                           coffman_tdesc_strf(d, "%s %s%s", coffman_tdesc_name(d, t), coffman_tdesc_state(d, t),
                                              n ? "; it was created" : ""),
                           s, n);
        coffman_tdesc_thread_notes(d, t, 0);   /* its held locks */
    }
}

static void finish(coffman_tdesc *d, coffman_finding *f)
{
    coffman_tdesc_attach(d, f);
    bool written = coffman_emit(f);
    coffman_tdesc_end(d);
    if (written && coffman_opts.halt_on_hang)
        coffman_halt();
}

static void report_hang(const scan *s, uint64_t quiet_ns)
{
    coffman_tdesc *d = coffman_tdesc_begin();
    if (!d)
        return;
    coffman_finding f = {.kind = COFFMAN_HANG, .severity = COFFMAN_SEVERITY_ERROR};
    f.message = coffman_tdesc_strf(d, "no thread made progress for %.1f s while %zu thread(s) are blocked; "
                                      "the longest waiting is %s, which %s",
                                   (double)quiet_ns / 1e9, s->blocked, coffman_tdesc_name(d, s->oldest),
                                   coffman_tdesc_state(d, s->oldest));
    f.stack = coffman_tdesc_wait_stack(d, s->oldest, &f.stack_len);
    coffman_tdesc_note(d, "the state of every thread follows", NULL, 0);
    coffman_watchdog_all_thread_notes(d);
    f.fix = "the blocked threads wait for an event no running thread will produce: find who should "
            "signal, unlock, post or write, and why it does not (hang_timeout_s sets this watchdog)";
    finish(d, &f);
}

static void report_stall(coffman_thread *t, uint64_t silence_ns)
{
    coffman_tdesc *d = coffman_tdesc_begin();
    if (!d)
        return;
    uint64_t interval = atomic_load(&t->heartbeat_interval_ns);
    coffman_finding f = {.kind = COFFMAN_HANG, .severity = COFFMAN_SEVERITY_ERROR};
    f.message = coffman_tdesc_strf(d, "heartbeat stopped: %s promised a beat every %llu ms but has been silent "
                                      "for %.1f s; it %s",
                                   coffman_tdesc_name(d, t), (unsigned long long)(interval / 1000000u),
                                   (double)silence_ns / 1e9, coffman_tdesc_state(d, t));
    f.stack = coffman_tdesc_wait_stack(d, t, &f.stack_len);
    if (!f.stack)   /* not in an intercepted wait: where it came from */
        f.stack = coffman_tdesc_create_stack(d, t, &f.stack_len);
    coffman_tdesc_thread_notes(d, t, COFFMAN_TDESC_CREATION | COFFMAN_TDESC_NO_WAIT);
    f.fix = "call coffman_heartbeat_expect(0) before a wait that may legitimately be long, or find why "
            "the awaited event does not come";
    finish(d, &f);
}

/* Each stall is reported once: remembered by thread and last beat. */
static struct { uint32_t serial; uint64_t beat; } stalls_seen[MAX_STALLS];
static size_t next_seen;

static bool stall_is_new(coffman_thread *t)
{
    uint64_t beat = atomic_load(&t->heartbeat_last_ns);
    for (size_t i = 0; i < MAX_STALLS; i++)
        if (stalls_seen[i].serial == t->serial && stalls_seen[i].beat == beat)
            return false;
    stalls_seen[next_seen].serial = t->serial;
    stalls_seen[next_seen].beat = beat;
    next_seen = (next_seen + 1) % MAX_STALLS;
    return true;
}

static uint64_t last_fingerprint, quiet_since;
static bool hang_reported;

static void watchdog_tick(uint64_t now)
{
    if (!coffman_active || (!coffman_opts.hang_timeout_s && !atomic_load(&coffman_heartbeat_in_use)))
        return;   /* nothing to watch: no walk of the registry */
    scan s = {.now = now};
    coffman_registry_foreach(scan_one, &s);
    for (size_t i = 0; i < s.nstalled; i++)
        if (stall_is_new(s.stalled[i]))
            report_stall(s.stalled[i], s.stalled_silence[i]);
    if (s.fingerprint != last_fingerprint || !s.blocked || !quiet_since) {
        last_fingerprint = s.fingerprint;
        quiet_since = now;
        hang_reported = false;
        return;
    }
    uint64_t limit = (uint64_t)coffman_opts.hang_timeout_s * 1000000000ull;
    if (limit && !hang_reported && now - quiet_since >= limit) {
        hang_reported = true;   /* once per quiet period (halt_on_hang=0) */
        report_hang(&s, now - quiet_since);
    }
}

void coffman_watchdog_after_fork_child(void);
void coffman_watchdog_after_fork_child(void)
{
    last_fingerprint = quiet_since = 0;
    hang_reported = false;
    memset(stalls_seen, 0, sizeof stalls_seen);
}

__attribute__((constructor(111))) static void watchdog_start(void)
{
    coffman_monitor_add_tick(watchdog_tick);
    pthread_atfork(NULL, NULL, coffman_watchdog_after_fork_child);
    /* No need to start the monitor here: it starts with the first thread
     * created or the first blocking wait, the only ways to hang. */
}
