/* Real deadlocks: the wait-for graph (thread -> object it waits for ->
 * threads that hold it, or the thread it joins), built by the monitor
 * from the registry.  A cycle, or a state where every live thread waits
 * for something only another thread could do, is reported once it has
 * stayed unchanged for deadlock_timeout_ms. */
#define _GNU_SOURCE
#include "options.h"
#include "report_emit.h"
#include "shim.h"
#include "thread_registry.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct {
    coffman_thread *t;
    int state, kind;
    const void *obj;
    bool timed, stable;
} snap;

typedef struct {
    snap *v;
    size_t n, cap;
    uint64_t now, timeout;
} snapshot;

static bool collect(coffman_thread *t, void *arg)
{
    snapshot *s = arg;
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 64;
        snap *v = realloc(s->v, cap * sizeof *v);
        if (!v)
            return false;
        s->v = v;
        s->cap = cap;
    }
    uint64_t progress = atomic_load(&t->progress);
    if (progress != t->mon_progress || !t->mon_stable_since_ns) {
        t->mon_progress = progress;
        t->mon_stable_since_ns = s->now;
    }
    snap *x = &s->v[s->n++];
    x->t = t;
    x->state = atomic_load_explicit(&t->state, memory_order_acquire);
    x->kind = atomic_load(&t->wait_kind);
    x->obj = atomic_load(&t->wait_obj);
    x->timed = atomic_load(&t->wait_timed);
    x->stable = s->now - t->mon_stable_since_ns >= s->timeout;
    return true;
}

static bool stuck(const snap *x)
{
    return x->state == COFFMAN_THREAD_BLOCKED && x->stable && !x->timed;
}

static bool holds(const snap *x, const void *obj, bool write_only)
{
    /* Only stable records are read: their held stacks do not move. */
    if (!(stuck(x) || (x->state == COFFMAN_THREAD_FINISHED && x->stable)))
        return false;
    const coffman_held_stack *h = &x->t->held;
    for (size_t i = 0; i < h->len; i++)
        if (h->items[i].addr == (uintptr_t)obj && (!write_only || h->items[i].write))
            return true;
    return false;
}

static bool is_lock_wait(int kind)
{
    return kind == COFFMAN_WAIT_MUTEX || kind == COFFMAN_WAIT_RDLOCK || kind == COFFMAN_WAIT_WRLOCK ||
           kind == COFFMAN_WAIT_SPIN;
}

/* Index of a thread that x waits for (the first found), or -1. */
static long waits_for(const snapshot *s, const snap *x, size_t start)
{
    for (size_t j = start; j < s->n; j++) {
        const snap *y = &s->v[j];
        if (y == x && is_lock_wait(x->kind))
            continue;   /* relocks are the self-deadlock check's */
        if (is_lock_wait(x->kind) && holds(y, x->obj, x->kind == COFFMAN_WAIT_RDLOCK))
            return (long)j;
        if (x->kind == COFFMAN_WAIT_JOIN && (const void *)y->t == x->obj)
            return (long)j;
    }
    return -1;
}

static size_t find_cycle(const snapshot *s, coffman_thread **out, size_t max)
{
    for (size_t i = 0; i < s->n; i++) {
        if (!stuck(&s->v[i]))
            continue;
        /* Follow the first owner from each thread; rwlocks with several
         * readers are covered because every start point is tried. */
        size_t path[64], len = 0, cur = i;
        while (len < 64) {
            path[len++] = cur;
            long nx = waits_for(s, &s->v[cur], 0);
            if (nx < 0)
                break;
            const snap *y = &s->v[nx];
            if (y->state == COFFMAN_THREAD_FINISHED) {
                /* The owner is gone: its locks are never released. */
                size_t n = len < max ? len : max;
                for (size_t k = 0; k < n; k++)
                    out[k] = s->v[path[k]].t;
                if (n < max)
                    out[n++] = y->t;
                return n;
            }
            if (!stuck(y))
                break;
            for (size_t k = 0; k < len; k++)
                if (path[k] == (size_t)nx) {
                    size_t n = 0;
                    for (size_t m = k; m < len && n < max; m++)
                        out[n++] = s->v[path[m]].t;
                    return n;
                }
            cur = (size_t)nx;
        }
    }
    return 0;
}

/* Live threads the kernel knows, monitor included (a main thread that
 * left with pthread_exit stays as a zombie and is not counted). */
long coffman_kernel_threads(void)
{
    DIR *d = opendir("/proc/self/task");
    if (!d)
        return -1;
    long n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char path[300], buf[256];
        snprintf(path, sizeof path, "/proc/self/task/%s/stat", e->d_name);
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        ssize_t len = fd >= 0 ? read(fd, buf, sizeof buf - 1) : -1;
        if (fd >= 0)
            close(fd);
        if (len <= 0)
            continue;
        buf[len] = '\0';
        const char *paren = strrchr(buf, ')');
        if (paren && paren[1] == ' ' && (paren[2] == 'Z' || paren[2] == 'X'))
            continue;
        n++;
    }
    closedir(d);
    return n;
}

static bool only_internal_waits(int kind)
{
    return is_lock_wait(kind) || kind == COFFMAN_WAIT_COND || kind == COFFMAN_WAIT_JOIN ||
           kind == COFFMAN_WAIT_BARRIER || kind == COFFMAN_WAIT_SEM;
}

static size_t all_asleep(const snapshot *s, coffman_thread **out, size_t max)
{
    size_t live = 0, n = 0;
    for (size_t i = 0; i < s->n; i++) {
        const snap *x = &s->v[i];
        if (x->state == COFFMAN_THREAD_FINISHED)
            continue;
        live++;
        if (!stuck(x) || !only_internal_waits(x->kind))
            return 0;
        if (n < max)
            out[n++] = x->t;
    }
    /* A thread the shim never saw could still end a wait. */
    if (!live || coffman_kernel_threads() != (long)live + 1)
        return 0;
    return n;
}

static uint64_t reported_key;

void coffman_wait_for_graph_tick(uint64_t now)
{
    snapshot s = {.now = now, .timeout = (uint64_t)coffman_opts.deadlock_timeout_ms * 1000000ull};
    coffman_registry_foreach(collect, &s);
    coffman_thread *cyc[64];
    bool asleep = false;
    size_t n = find_cycle(&s, cyc, 64);
    if (!n) {
        n = all_asleep(&s, cyc, 64);
        asleep = n > 0;
    }
    if (n) {
        uint64_t key = 0;
        for (size_t i = 0; i < n; i++)
            key += (cyc[i]->serial + 1) * 0x9E3779B97F4A7C15ull ^ cyc[i]->mon_progress;
        if (key != reported_key) {
            reported_key = key;
            coffman_report_deadlock(cyc, n, asleep);
            if (coffman_opts.halt_on_deadlock)
                coffman_halt();
        }
    }
    free(s.v);
}
