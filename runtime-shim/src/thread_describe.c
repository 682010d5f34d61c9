/* Turns registry records into sentences and notes.  Runs only while a
 * report is written (exit, watchdog, dump, leaktest), never on a fast
 * path, so it may allocate and symbolize. */
#define _GNU_SOURCE
#include "thread_describe.h"

#include "lock_table.h"
#include "report_arena.h"
#include "shim.h"
#include "stack_capture.h"
#include "symbolize.h"

#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct coffman_tdesc {
    coffman_symbolizer *sym;
    coffman_arena mem;
    coffman_note_list notes;
};

void coffman_tdesc_next(coffman_tdesc *d)
{
    d->notes.count = 0;
}

void *coffman_tdesc_alloc(coffman_tdesc *d, size_t n)
{
    void *p = coffman_arena_alloc(&d->mem, n);
    if (p)
        memset(p, 0, n);
    return p;
}

coffman_tdesc *coffman_tdesc_begin(void)
{
    coffman_busy++;
    coffman_tdesc *d = calloc(1, sizeof *d);
    if (!d) {
        coffman_busy--;
        return NULL;
    }
    d->sym = coffman_symbolizer_open();
    return d;
}

void coffman_tdesc_end(coffman_tdesc *d)
{
    if (!d)
        return;
    coffman_symbolizer_close(d->sym);
    coffman_arena_free(&d->mem);
    coffman_note_list_free(&d->notes);
    free(d);
    coffman_busy--;
}

const char *coffman_tdesc_strf(coffman_tdesc *d, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    const char *s = coffman_arena_vstrf(&d->mem, fmt, ap);
    va_end(ap);
    return s;
}

const char *coffman_tdesc_function(coffman_tdesc *d, uintptr_t addr)
{
    if (!addr || !d->sym)
        return NULL;
    coffman_frame f = {0};
    coffman_symbolize(d->sym, addr, false, &f);
    return f.function ? coffman_tdesc_strf(d, "%s", f.function) : NULL;
}

bool coffman_tdesc_code_frame(coffman_tdesc *d, uintptr_t addr, coffman_frame *out)
{
    memset(out, 0, sizeof *out);
    out->pc = addr;
    if (!addr || !d->sym)
        return false;
    coffman_symbolize(d->sym, addr, false, out);
    out->pc = addr;
    return out->function != NULL;
}

const char *coffman_tdesc_name(coffman_tdesc *d, coffman_thread *t)
{
    if (t->is_main)
        return coffman_tdesc_strf(d, "T%u (main thread)", t->serial);
    const char *fn = coffman_tdesc_function(d, (uintptr_t)t->start_routine);
    if (fn)
        return coffman_tdesc_strf(d, "T%u (%s)", t->serial, fn);
    if (t->start_routine) {
        /* A stripped library still names itself: say where to look. */
        coffman_frame f;
        coffman_tdesc_code_frame(d, (uintptr_t)t->start_routine, &f);
        if (f.module)
            return coffman_tdesc_strf(d, "T%u (start routine %p in %s)", t->serial, (void *)t->start_routine,
                                      f.module);
        return coffman_tdesc_strf(d, "T%u (start routine %p)", t->serial, (void *)t->start_routine);
    }
    return coffman_tdesc_strf(d, "T%u (tid %d)", t->serial, (int)t->tid);
}

const coffman_frame *coffman_tdesc_stack(coffman_tdesc *d, uint32_t id, size_t *n)
{
    const uintptr_t *pcs;
    *n = 0;
    if (!id || !d->sym || !coffman_stack_get(id, &pcs, n) || !*n)
        return NULL;
    coffman_frame *out = coffman_arena_alloc(&d->mem, *n * sizeof *out);
    if (!out) {
        *n = 0;
        return NULL;
    }
    for (size_t i = 0; i < *n; i++) {
        memset(&out[i], 0, sizeof out[i]);
        coffman_symbolize(d->sym, pcs[i], true, &out[i]);
    }
    return out;
}

const coffman_frame *coffman_tdesc_create_stack(coffman_tdesc *d, coffman_thread *t, size_t *n)
{
    return coffman_tdesc_stack(d, t->create_stack, n);
}

/* A one-frame "stack" for a bare pc (fast-path waits have no stack). */
static const coffman_frame *pc_frame(coffman_tdesc *d, uintptr_t pc, size_t *n)
{
    *n = 0;
    coffman_frame *f = pc && d->sym ? coffman_arena_alloc(&d->mem, sizeof *f) : NULL;
    if (!f)
        return NULL;
    memset(f, 0, sizeof *f);
    coffman_symbolize(d->sym, pc, true, f);
    *n = 1;
    return f;
}

const coffman_frame *coffman_tdesc_wait_stack(coffman_tdesc *d, coffman_thread *t, size_t *n)
{
    const coffman_frame *s = coffman_tdesc_stack(
        d, atomic_load_explicit(&t->wait_stack, memory_order_relaxed), n);
    return s ? s : pc_frame(d, atomic_load_explicit(&t->wait_pc, memory_order_relaxed), n);
}

static const char *wait_function(coffman_wait_kind kind, bool timed)
{
    switch (kind) {
    case COFFMAN_WAIT_MUTEX: return timed ? "pthread_mutex_timedlock" : "pthread_mutex_lock";
    case COFFMAN_WAIT_RDLOCK: return timed ? "pthread_rwlock_timedrdlock" : "pthread_rwlock_rdlock";
    case COFFMAN_WAIT_WRLOCK: return timed ? "pthread_rwlock_timedwrlock" : "pthread_rwlock_wrlock";
    case COFFMAN_WAIT_SPIN: return "pthread_spin_lock";
    case COFFMAN_WAIT_COND: return timed ? "pthread_cond_timedwait" : "pthread_cond_wait";
    case COFFMAN_WAIT_JOIN: return timed ? "pthread_timedjoin_np" : "pthread_join";
    case COFFMAN_WAIT_BARRIER: return "pthread_barrier_wait";
    case COFFMAN_WAIT_SEM: return timed ? "sem_timedwait" : "sem_wait";
    default: return "a wait";
    }
}

static const char *object_name(coffman_tdesc *d, const void *obj, coffman_wait_kind kind)
{
    char buf[128];
    const char *sym = d->sym ? coffman_symbolize_data(d->sym, (uintptr_t)obj, buf, sizeof buf) : NULL;
    const char *what = coffman_wait_kind_name(kind);
    if (kind == COFFMAN_WAIT_RDLOCK || kind == COFFMAN_WAIT_WRLOCK)
        what = "rwlock";
    if (sym)
        return coffman_tdesc_strf(d, "%s '%s' (%p)", what, sym, obj);
    return coffman_tdesc_strf(d, "%s %p", what, obj);
}

typedef struct owner_search {
    uintptr_t addr;
    coffman_thread *found;
} owner_search;

static bool holds(coffman_thread *t, void *arg)
{
    owner_search *s = arg;
    if (coffman_held_find(&t->held, s->addr) >= 0) {
        s->found = t;
        return false;
    }
    return true;
}

/* The thread holding a lock (racy by nature: fine for a stuck program). */
static coffman_thread *lock_owner(uintptr_t addr)
{
    owner_search s = {addr, NULL};
    coffman_registry_foreach(holds, &s);
    return s.found;
}

static const char *wait_detail(coffman_tdesc *d, coffman_thread *t, coffman_wait_kind kind, const void *obj)
{
    if (kind == COFFMAN_WAIT_COND) {
        uint64_t signals = coffman_cond_signal_count(obj);
        if (signals == 0)
            return "; this condition variable was never signalled";
        return coffman_tdesc_strf(d, "; it was signalled %llu time(s), none of which woke this wait",
                                  (unsigned long long)signals);
    }
    if (kind == COFFMAN_WAIT_JOIN && obj) {
        coffman_thread *joined = (coffman_thread *)obj;
        int st = atomic_load(&joined->state);
        return coffman_tdesc_strf(d, " (%s, which %s)", coffman_tdesc_name(d, joined),
                                  st == COFFMAN_THREAD_BLOCKED ? "is blocked itself"
                                  : st == COFFMAN_THREAD_RUNNING ? "is still running"
                                                                 : "has finished");
    }
    if (kind == COFFMAN_WAIT_MUTEX || kind == COFFMAN_WAIT_RDLOCK || kind == COFFMAN_WAIT_WRLOCK ||
        kind == COFFMAN_WAIT_SPIN) {
        coffman_thread *owner = lock_owner((uintptr_t)obj);
        if (owner && owner != t)
            return coffman_tdesc_strf(d, ", held by %s", coffman_tdesc_name(d, owner));
    }
    return "";
}

static const char *blocked_state(coffman_tdesc *d, coffman_thread *t)
{
    coffman_wait_kind kind = atomic_load_explicit(&t->wait_kind, memory_order_relaxed);
    bool timed = atomic_load_explicit(&t->wait_timed, memory_order_relaxed);
    const void *obj = atomic_load_explicit(&t->wait_obj, memory_order_relaxed);
    uint64_t since = atomic_load_explicit(&t->wait_since_ns, memory_order_relaxed);
    uint64_t now = coffman_now_ns();
    double secs = since && now > since ? (double)(now - since) / 1e9 : 0.0;
    size_t n;
    const coffman_frame *where = coffman_tdesc_wait_stack(d, t, &n);
    const char *at = "";
    if (where && where[0].file)
        at = coffman_tdesc_strf(d, " at %s:%u", where[0].file, where[0].line);
    const char *what = kind == COFFMAN_WAIT_JOIN ? "a thread" : object_name(d, obj, kind);
    return coffman_tdesc_strf(d, "is blocked in %s on %s for %.1f s%s%s", wait_function(kind, timed), what,
                              secs, at, wait_detail(d, t, kind, obj));
}

/* For a thread outside any intercepted wait: where the kernel has it. */
static const char *kernel_wait(coffman_tdesc *d, pid_t tid)
{
    char path[64], buf[64];
    snprintf(path, sizeof path, "/proc/self/task/%d/wchan", (int)tid);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return "";
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0)
        return "";
    buf[n] = '\0';
    if (!strcmp(buf, "0"))
        return "";
    return coffman_tdesc_strf(d, " (in the kernel at %s)", buf);
}

const char *coffman_tdesc_state(coffman_tdesc *d, coffman_thread *t)
{
    bool detached = atomic_load(&t->detached);
    switch (atomic_load(&t->state)) {
    case COFFMAN_THREAD_BLOCKED:
        return blocked_state(d, t);
    case COFFMAN_THREAD_FINISHED:
        return detached ? "finished" : "finished but was never joined nor detached (its stack and result are leaked)";
    case COFFMAN_THREAD_JOINED:
        return "has been joined";
    default:
        return coffman_tdesc_strf(d, "is running outside any wait coffman intercepts%s", kernel_wait(d, t->tid));
    }
}

void coffman_tdesc_note(coffman_tdesc *d, const char *message, const coffman_frame *stack, size_t n)
{
    coffman_note_list_add(&d->notes, message, stack, n);
}

static void held_notes(coffman_tdesc *d, coffman_thread *t)
{
    /* Only trustworthy while t is stuck; for a report that is the case. */
    size_t len = t->held.len;
    for (size_t i = 0; i < len && t->held.items; i++) {
        const coffman_held *h = &t->held.items[i];
        coffman_lock_info *info = coffman_lock_info_of(coffman_lock_peek((const void *)h->addr));
        char buf[128];
        const char *sym = d->sym ? coffman_symbolize_data(d->sym, h->addr, buf, sizeof buf) : NULL;
        const char *kind = info ? coffman_obj_kind_name((coffman_obj_kind)info->kind) : "lock";
        size_t n;
        const coffman_frame *s = coffman_tdesc_stack(d, h->acq_stack, &n);
        if (!s)
            s = pc_frame(d, h->acq_pc, &n);
        const char *msg = sym ? coffman_tdesc_strf(d, "%s holds %s '%s' (%#lx), acquired", coffman_tdesc_name(d, t),
                                                   kind, sym, (unsigned long)h->addr)
                              : coffman_tdesc_strf(d, "%s holds %s %#lx, acquired", coffman_tdesc_name(d, t), kind,
                                                   (unsigned long)h->addr);
        coffman_tdesc_note(d, msg, s, n);
    }
}

void coffman_tdesc_thread_notes(coffman_tdesc *d, coffman_thread *t, unsigned flags)
{
    const char *name = coffman_tdesc_name(d, t);
    if (atomic_load(&t->state) == COFFMAN_THREAD_BLOCKED && !(flags & COFFMAN_TDESC_NO_WAIT)) {
        size_t n;
        const coffman_frame *s = coffman_tdesc_wait_stack(d, t, &n);
        const char *msg = flags & COFFMAN_TDESC_SHORT ? coffman_tdesc_strf(d, "%s is blocked here", name)
                                                      : coffman_tdesc_strf(d, "%s %s", name, coffman_tdesc_state(d, t));
        coffman_tdesc_note(d, msg, s, n);
    }
    held_notes(d, t);
    if ((flags & COFFMAN_TDESC_CREATION) && !t->is_main) {
        size_t n;
        const coffman_frame *s = coffman_tdesc_create_stack(d, t, &n);
        coffman_tdesc_note(d, coffman_tdesc_strf(d, "%s was created by T%u", name, t->creator_serial), s, n);
    }
}

void coffman_tdesc_attach(coffman_tdesc *d, coffman_finding *f)
{
    f->notes = d->notes.notes;
    f->note_count = d->notes.count;
}
