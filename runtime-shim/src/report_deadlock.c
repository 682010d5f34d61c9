/* Findings about threads that are stuck: deadlock (a wait-for cycle, or
 * every live thread asleep), and the per-thread notes other findings
 * reuse (issue 4: thread-leak, hang, dumps). */
#define _GNU_SOURCE
#include "lock_table.h"
#include "report_emit.h"
#include "thread_registry.h"

#include <string.h>

static const char *wait_fn(int kind)
{
    switch (kind) {
    case COFFMAN_WAIT_MUTEX: return "pthread_mutex_lock";
    case COFFMAN_WAIT_RDLOCK: return "pthread_rwlock_rdlock";
    case COFFMAN_WAIT_WRLOCK: return "pthread_rwlock_wrlock";
    case COFFMAN_WAIT_SPIN: return "pthread_spin_lock";
    case COFFMAN_WAIT_COND: return "pthread_cond_wait";
    case COFFMAN_WAIT_JOIN: return "pthread_join";
    case COFFMAN_WAIT_BARRIER: return "pthread_barrier_wait";
    case COFFMAN_WAIT_SEM: return "sem_wait";
    default: return "?";
    }
}

static int obj_kind_of_wait(int kind)
{
    switch (kind) {
    case COFFMAN_WAIT_RDLOCK: case COFFMAN_WAIT_WRLOCK: return COFFMAN_OBJ_RWLOCK;
    case COFFMAN_WAIT_SPIN: return COFFMAN_OBJ_SPIN;
    case COFFMAN_WAIT_COND: return COFFMAN_OBJ_COND;
    default: return COFFMAN_OBJ_MUTEX;
    }
}

const char *coffman_report_wait_text(coffman_report *r, coffman_thread *t)
{
    if (atomic_load(&t->state) != COFFMAN_THREAD_BLOCKED)
        return NULL;
    int kind = atomic_load(&t->wait_kind);
    const void *obj = atomic_load(&t->wait_obj);
    uint64_t since = atomic_load(&t->wait_since_ns);
    if (!since)
        since = t->mon_stable_since_ns;
    double secs = since ? (double)(coffman_now_ns() - since) / 1e9 : 0;
    if (kind == COFFMAN_WAIT_JOIN) {
        const coffman_thread *j = obj;
        return coffman_report_strf(r, "blocked in pthread_join on thread T%u for %.1f s", j ? j->serial : 0, secs);
    }
    if (kind == COFFMAN_WAIT_BARRIER || kind == COFFMAN_WAIT_SEM)
        return coffman_report_strf(r, "blocked in %s on %s %p for %.1f s", wait_fn(kind),
                                   kind == COFFMAN_WAIT_SEM ? "semaphore" : "barrier", obj, secs);
    const char *name = coffman_report_lock_name(r, (uintptr_t)obj, obj_kind_of_wait(kind));
    if (kind == COFFMAN_WAIT_COND) {
        uint64_t sig = coffman_cond_signal_count(obj);
        return coffman_report_strf(r, "blocked in pthread_cond_wait on %s for %.1f s; %s", name, secs,
                                   sig ? coffman_report_strf(r, "it was signalled %lu times, none since",
                                                             (unsigned long)sig)
                                       : "this condition variable was never signalled");
    }
    return coffman_report_strf(r, "blocked in %s on %s for %.1f s", wait_fn(kind), name, secs);
}

void coffman_report_thread_notes(coffman_report *r, coffman_thread *t)
{
    size_t n = 0;
    const coffman_frame *st = NULL;
    const char *what = coffman_report_wait_text(r, t);
    uint32_t ws = atomic_load(&t->wait_stack);
    uintptr_t wpc = atomic_load(&t->wait_pc);
    if (ws)
        st = coffman_report_stack(r, ws, &n);
    else if (wpc && (st = coffman_report_pcs(r, &wpc, 1)))
        n = 1;
    int state = atomic_load(&t->state);
    if (!what)
        what = state == COFFMAN_THREAD_FINISHED ? "finished" : "running";
    coffman_report_note(r, coffman_report_strf(r, "thread T%u is %s", t->serial, what), st, n);
    for (size_t i = 0; i < t->held.len; i++) {
        const coffman_held *h = &t->held.items[i];
        coffman_lock_info *info = coffman_lock_info_of(coffman_lock_peek((const void *)h->addr));
        const char *name = coffman_report_lock_name(r, h->addr, info ? info->kind : COFFMAN_OBJ_MUTEX);
        const coffman_frame *a = coffman_report_pcs(r, &h->acq_pc, 1);
        coffman_report_note(r, coffman_report_strf(r, "T%u holds %s%s, acquired here", t->serial, name,
                                                   h->write ? "" : " (read)"),
                            a, a ? 1 : 0);
    }
    if (t->is_main) {
        coffman_report_note(r, coffman_report_strf(r, "thread T%u is the main thread", t->serial), NULL, 0);
        return;
    }
    const coffman_frame *cs = coffman_report_stack(r, t->create_stack, &n);
    coffman_frame fn = coffman_report_frame(r, (uintptr_t)t->start_routine + 1);
    coffman_report_note(r, coffman_report_strf(r, "thread T%u (start routine %s) was created by T%u here", t->serial,
                                               fn.function ? fn.function : "?", t->creator_serial),
                        cs, n);
}

void coffman_report_deadlock(coffman_thread *const *ts, size_t n, bool all_asleep)
{
    coffman_report *r = coffman_report_begin();
    if (!r)
        return;
    coffman_buf chain;
    coffman_buf_init(&chain);
    for (size_t i = 0; i < n; i++) {
        const char *w = coffman_report_wait_text(r, ts[i]);
        const coffman_thread *next = ts[(i + 1) % n];
        coffman_buf_printf(&chain, "%sT%u %s", i ? "; " : "", ts[i]->serial, w ? w : "has finished");
        if (!all_asleep && w && next != ts[i]) {
            if (atomic_load(&ts[i]->wait_kind) != COFFMAN_WAIT_JOIN)
                coffman_buf_printf(&chain, ", held by T%u", next->serial);
        }
        coffman_report_thread_notes(r, ts[i]);
    }
    const char *desc = chain.data ? coffman_report_strf(r, "%s", chain.data) : "?";
    coffman_finding f = {
        .kind = COFFMAN_DEADLOCK,
        .severity = COFFMAN_SEVERITY_ERROR,
        .message = all_asleep
                       ? coffman_report_strf(r, "all %zu threads are asleep: each waits for something only another "
                                                "thread of this process could do",
                                             n)
                       : coffman_report_strf(r, "%zu threads wait for each other forever", n),
        .conditions = {
            .mutual_exclusion = "each lock waited for has an exclusive holder",
            .hold_and_wait = desc,
            .no_preemption = "blocking waits: no thread gives up what it holds or stops waiting",
            .circular_wait = all_asleep ? "every live thread waits, so no thread is left to wake another"
                                        : "the waits form a cycle (see the threads above)",
        },
        .fix = all_asleep ? "make sure the thread that should signal, post or unlock exists and reaches that point"
                          : "take the locks in one global order in every thread, or release before waiting",
    };
    uint32_t ws = atomic_load(&ts[0]->wait_stack);
    f.stack = coffman_report_stack(r, ws, &f.stack_len);
    coffman_report_finish(r, &f);
    coffman_buf_free(&chain);
}
