/* Findings about lock order: lock-order-inversion (a cycle in the
 * graph), self-deadlock (relock of a lock the thread holds), lock-leak
 * (a thread ended holding locks). */
#define _GNU_SOURCE
#include "lock_graph.h"
#include "lock_table.h"
#include "report_emit.h"
#include "stack_capture.h"
#include "symbolize.h"
#include "thread_registry.h"

#include <string.h>

/* Internal to report_emit.c: the report's symbolizer. */
coffman_symbolizer *coffman_report_symbolizer(coffman_report *r);

static const char *lock_name(coffman_report *r, uintptr_t addr)
{
    coffman_lock_info *i = coffman_lock_info_of(coffman_lock_peek((const void *)addr));
    return coffman_report_lock_name(r, addr, i ? i->kind : COFFMAN_OBJ_MUTEX);
}

/* Where `from` was acquired: its call site, then -- when the acquiring
 * function is still on the stack that requested `to` (the usual case:
 * lock a; ...; lock b) -- that stack's outer frames.  Full stacks for both
 * locks without unwinding on every acquisition. */
static const coffman_frame *acquired_stack(coffman_report *r, const coffman_edge *e, size_t *n)
{
    const uintptr_t *pcs;
    size_t len = 0;
    coffman_stack_get(e->to_stack, &pcs, &len);
    coffman_frame first;
    uintptr_t fn = coffman_symbolize(coffman_report_symbolizer(r), e->from_pc, true, &first);
    size_t k = 0;
    for (; fn && k < len; k++) {
        coffman_frame f;
        if (coffman_symbolize(coffman_report_symbolizer(r), pcs[k], true, &f) == fn)
            break;
    }
    size_t tail = fn && k < len ? len - k - 1 : 0;
    uintptr_t buf[COFFMAN_STACK_MAX + 1];
    buf[0] = e->from_pc;
    if (tail > COFFMAN_STACK_MAX)
        tail = COFFMAN_STACK_MAX;
    if (tail)
        memcpy(buf + 1, pcs + k + 1, tail * sizeof *buf);
    *n = tail + 1;
    return coffman_report_pcs(r, buf, *n);
}

typedef struct { uint32_t serial; coffman_thread *found; } by_serial;

static bool match_serial(coffman_thread *t, void *arg)
{
    by_serial *b = arg;
    if (t->serial != b->serial)
        return true;
    b->found = t;
    return false;
}

static void thread_origin(coffman_report *r, uint32_t serial, uint32_t *seen, size_t *nseen)
{
    for (size_t i = 0; i < *nseen; i++)
        if (seen[i] == serial)
            return;
    seen[(*nseen)++] = serial;
    by_serial b = {serial, NULL};
    coffman_registry_foreach(match_serial, &b);
    if (!b.found || b.found->is_main) {
        coffman_report_note(r, coffman_report_strf(r, b.found ? "thread T%u is the main thread"
                                                              : "thread T%u has ended and was joined", serial),
                            NULL, 0);
        return;
    }
    size_t n;
    const coffman_frame *st = coffman_report_stack(r, b.found->create_stack, &n);
    coffman_frame fn = coffman_report_frame(r, (uintptr_t)b.found->start_routine + 1);
    coffman_report_note(r, coffman_report_strf(r, "thread T%u (start routine %s) was created by T%u here", serial,
                                               fn.function ? fn.function : "?", b.found->creator_serial),
                        st, n);
}

void coffman_report_lock_cycle(const coffman_edge *const *c, size_t n)
{
    coffman_report *r = coffman_report_begin();
    if (!r)
        return;
    coffman_buf chain, hold;
    coffman_buf_init(&chain);
    coffman_buf_init(&hold);
    for (size_t i = 0; i < n; i++) {
        const coffman_edge *e = c[i];
        const char *a = lock_name(r, e->from_addr), *b = lock_name(r, e->to_addr);
        coffman_buf_printf(&chain, "%s -> ", a);
        size_t an, bn;
        const coffman_frame *as = acquired_stack(r, e, &an);
        const coffman_frame *bs = coffman_report_stack(r, e->to_stack, &bn);
        const char *tname = coffman_report_strf(r, "T%u%s", e->thread_serial,
                                                e->multi_thread ? " (and other threads)" : "");
        coffman_report_note(r, coffman_report_strf(r, "%s acquired %s here", tname, a), as, an);
        coffman_report_note(r, coffman_report_strf(r, "%s then requested %s here, while holding %s", tname, b, a),
                            bs, bn);
        coffman_buf_printf(&hold, "%sT%u holds %s (acquired at %s:%u) while waiting for %s (at %s:%u)",
                           i ? "; " : "", e->thread_serial, a, as && as[0].file ? as[0].file : "?",
                           as ? as[0].line : 0, b, bs && bs[0].file ? bs[0].file : "?", bs ? bs[0].line : 0);
    }
    coffman_buf_printf(&chain, "%s", lock_name(r, c[0]->from_addr));
    uint32_t seen[64];
    size_t nseen = 0;
    for (size_t i = 0; i < n && nseen < 64; i++)
        thread_origin(r, c[i]->thread_serial, seen, &nseen);
    const coffman_edge *last = c[n - 1];
    coffman_finding f = {
        .kind = COFFMAN_LOCK_ORDER_INVERSION,
        .severity = COFFMAN_SEVERITY_WARNING,
        .message = coffman_report_strf(r, "cycle in lock order: %s", chain.data ? chain.data : "?"),
        .conditions = {
            .mutual_exclusion = coffman_report_strf(r, "each lock in the cycle is exclusive in the modes used "
                                                       "(mutexes, spinlocks, or a rwlock taken for writing)"),
            .hold_and_wait = coffman_report_strf(r, "%s", hold.data ? hold.data : "?"),
            .no_preemption = "every request in the cycle is a blocking lock call: nothing takes a held lock "
                             "back (a trylock that backs off would not deadlock)",
            .circular_wait = coffman_report_strf(r, "%s", chain.data ? chain.data : "?"),
        },
        .fix = coffman_report_strf(r, "take these locks in one global order everywhere (e.g. always %s first), "
                                      "or take the inner one with trylock and back off",
                                   lock_name(r, c[0]->from_addr)),
    };
    f.stack = coffman_report_stack(r, last->to_stack, &f.stack_len);
    coffman_report_finish(r, &f);
    coffman_buf_free(&chain);
    coffman_buf_free(&hold);
}

void coffman_report_self_deadlock(coffman_thread *t, uintptr_t addr, int kind, uintptr_t acq_pc, const char *how)
{
    coffman_report *r = coffman_report_begin();
    if (!r)
        return;
    const char *name = coffman_report_lock_name(r, addr, kind);
    uintptr_t pcs[COFFMAN_STACK_MAX];
    size_t n = coffman_capture_stack(pcs, COFFMAN_STACK_MAX);
    coffman_frame acq = coffman_report_frame(r, acq_pc);
    coffman_frame *acqp = (coffman_frame *)coffman_report_pcs(r, &acq_pc, 1);
    coffman_report_note(r, coffman_report_strf(r, "T%u acquired %s here and still holds it", t->serial, name), acqp,
                        acqp ? 1 : 0);
    coffman_finding f = {
        .kind = COFFMAN_SELF_DEADLOCK,
        .severity = COFFMAN_SEVERITY_ERROR,
        .message = coffman_report_strf(r, "T%u calls %s on %s, which it already holds: it waits for itself forever",
                                       t->serial, how, name),
        .conditions = {
            .mutual_exclusion = coffman_report_strf(r, "%s is not recursive: one holder at a time", name),
            .hold_and_wait = coffman_report_strf(r, "T%u holds %s (acquired at %s:%u) and waits for it again",
                                                 t->serial, name, acq.file ? acq.file : "?", acq.line),
            .no_preemption = "only the holder can release it, and the holder is the one waiting",
            .circular_wait = coffman_report_strf(r, "T%u -> %s -> T%u", t->serial, name, t->serial),
        },
        .fix = "release the lock before calling code that takes it again, or use a recursive mutex",
    };
    f.stack = coffman_report_pcs(r, pcs, n);
    f.stack_len = f.stack ? n : 0;
    coffman_report_finish(r, &f);
}

void coffman_report_lock_leak(coffman_thread *t)
{
    coffman_report *r = coffman_report_begin();
    if (!r)
        return;
    coffman_buf names;
    coffman_buf_init(&names);
    for (size_t i = 0; i < t->held.len; i++) {
        const coffman_held *h = &t->held.items[i];
        const char *name = lock_name(r, h->addr);
        coffman_buf_printf(&names, "%s%s", i ? ", " : "", name);
        const coffman_frame *st = coffman_report_pcs(r, &h->acq_pc, 1);
        coffman_report_note(r, coffman_report_strf(r, "%s was acquired here", name), st, st ? 1 : 0);
    }
    size_t n;
    const coffman_frame *cs = coffman_report_stack(r, t->create_stack, &n);
    coffman_frame fn = coffman_report_frame(r, (uintptr_t)t->start_routine + 1);
    coffman_report_note(r, coffman_report_strf(r, "thread T%u (start routine %s) was created here", t->serial,
                                               fn.function ? fn.function : "?"),
                        cs, n);
    const coffman_frame *first = coffman_report_pcs(r, &t->held.items[0].acq_pc, 1);
    coffman_finding f = {
        .kind = COFFMAN_LOCK_LEAK,
        .severity = COFFMAN_SEVERITY_WARNING,
        .message = coffman_report_strf(r, "thread T%u exited while holding %s; any thread that takes %s will wait "
                                          "forever",
                                       t->serial, names.data ? names.data : "?",
                                       t->held.len > 1 ? "them" : "it"),
        .fix = "release every lock on every path out of the thread (including early returns and pthread_exit)",
    };
    f.stack = first;
    f.stack_len = first ? 1 : 0;
    coffman_report_finish(r, &f);
    coffman_buf_free(&names);
}
