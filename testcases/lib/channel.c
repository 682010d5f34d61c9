/* Implementation notes: each blocked operation registers a stack-allocated
 * waiter on every channel it waits for; a channel that changes wakes all
 * its waiters.  Lock order is always channel->mu before waiter->mu, and a
 * waiter's mutex is never held while a channel's is taken. */
#define _POSIX_C_SOURCE 200809L
#include "channel.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

typedef struct waiter {
    pthread_mutex_t mu;
    pthread_cond_t woken;
    bool fired;
} waiter;

typedef struct watch {
    struct watch *next;
    waiter *w;
} watch;

struct channel {
    pthread_mutex_t mu;
    void **items;
    size_t cap, len, head;
    bool closed;
    watch *watchers;
};

#define MAX_CASES 8

channel *chan_make(size_t capacity)
{
    channel *c = calloc(1, sizeof *c);
    if (!c)
        abort();
    c->cap = capacity ? capacity : 1;
    c->items = calloc(c->cap, sizeof *c->items);
    if (!c->items)
        abort();
    pthread_mutex_init(&c->mu, NULL);
    return c;
}

void chan_free(channel *c)
{
    if (!c)
        return;
    pthread_mutex_destroy(&c->mu);
    free(c->items);
    free(c);
}

/* Called with c->mu held. */
static void wake_watchers(channel *c)
{
    for (watch *n = c->watchers; n; n = n->next) {
        pthread_mutex_lock(&n->w->mu);
        n->w->fired = true;
        pthread_cond_signal(&n->w->woken);
        pthread_mutex_unlock(&n->w->mu);
    }
}

static void watch_add(channel *c, watch *n)
{
    pthread_mutex_lock(&c->mu);
    n->next = c->watchers;
    c->watchers = n;
    pthread_mutex_unlock(&c->mu);
}

static void watch_remove(channel *c, watch *n)
{
    pthread_mutex_lock(&c->mu);
    for (watch **p = &c->watchers; *p; p = &(*p)->next) {
        if (*p == n) {
            *p = n->next;
            break;
        }
    }
    pthread_mutex_unlock(&c->mu);
}

/* Tries one case without blocking; returns true when it proceeded. */
static bool try_case(const chan_case *k, void **received, bool *ok)
{
    channel *c = k->chan;
    bool done = false;
    pthread_mutex_lock(&c->mu);
    if (k->send && (c->closed || c->len < c->cap)) {
        *ok = !c->closed;
        if (!c->closed)
            c->items[(c->head + c->len++) % c->cap] = k->value;
        done = true;
    } else if (!k->send && (c->len > 0 || c->closed)) {
        *ok = c->len > 0;
        if (c->len > 0) {
            void *v = c->items[c->head];
            c->head = (c->head + 1) % c->cap;
            c->len--;
            if (received)
                *received = v;
        }
        done = true;
    }
    if (done && *ok)
        wake_watchers(c);
    pthread_mutex_unlock(&c->mu);
    return done;
}

static int try_all(chan_case *cases, size_t n, void **received, bool *ok)
{
    for (size_t i = 0; i < n; i++)
        if (cases[i].chan && try_case(&cases[i], received, ok))
            return (int)i;
    return -1;
}

static struct timespec deadline_after(int ms)
{
    struct timespec t;
    clock_gettime(CLOCK_REALTIME, &t);
    t.tv_sec += ms / 1000;
    t.tv_nsec += (long)(ms % 1000) * 1000000L;
    if (t.tv_nsec >= 1000000000L) {
        t.tv_sec++;
        t.tv_nsec -= 1000000000L;
    }
    return t;
}

/* Waits until a watched channel changes; false when the deadline passed. */
static bool wait_for_change(waiter *w, const struct timespec *deadline)
{
    bool in_time = true;
    pthread_mutex_lock(&w->mu);
    while (!w->fired && in_time) {
        if (deadline)
            in_time = pthread_cond_timedwait(&w->woken, &w->mu, deadline) != ETIMEDOUT;
        else
            pthread_cond_wait(&w->woken, &w->mu);
    }
    w->fired = false;
    pthread_mutex_unlock(&w->mu);
    return in_time;
}

/* Go: an operation on a nil channel blocks forever.  Nothing in the
 * program can signal `never`: the C analog of a receive from a nil channel,
 * which coffman reports at the call that passes the NULL channel. */
static void block_forever(void)
{
    static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
    static pthread_cond_t never = PTHREAD_COND_INITIALIZER;
    pthread_mutex_lock(&mu);
    for (;;)
        pthread_cond_wait(&never, &mu);
}

static bool all_nil(const chan_case *cases, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (cases[i].chan)
            return false;
    return true;
}

int chan_select(chan_case *cases, size_t n, int timeout_ms, void **received,
                bool *ok)
{
    if (timeout_ms < 0 && all_nil(cases, n))
        block_forever();
    bool ok_local;
    if (!ok)
        ok = &ok_local;
    if (n > MAX_CASES)
        abort();
    waiter w = {.fired = false};
    pthread_mutex_init(&w.mu, NULL);
    pthread_cond_init(&w.woken, NULL);
    watch nodes[MAX_CASES];
    for (size_t i = 0; i < n; i++) {
        nodes[i].w = &w;
        if (cases[i].chan)
            watch_add(cases[i].chan, &nodes[i]);
    }
    struct timespec deadline = deadline_after(timeout_ms > 0 ? timeout_ms : 0);
    int fired;
    while ((fired = try_all(cases, n, received, ok)) < 0)
        if (!wait_for_change(&w, timeout_ms >= 0 ? &deadline : NULL))
            break;
    if (fired < 0)
        fired = try_all(cases, n, received, ok);
    for (size_t i = 0; i < n; i++)
        if (cases[i].chan)
            watch_remove(cases[i].chan, &nodes[i]);
    pthread_cond_destroy(&w.woken);
    pthread_mutex_destroy(&w.mu);
    return fired;
}

bool chan_send(channel *c, void *value)
{
    chan_case k = {c, true, value};
    bool ok = false;
    chan_select(&k, 1, -1, NULL, &ok);
    return ok;
}

bool chan_recv(channel *c, void **value)
{
    chan_case k = {c, false, NULL};
    bool ok = false;
    chan_select(&k, 1, -1, value, &ok);
    return ok;
}

bool chan_try_send(channel *c, void *value)
{
    chan_case k = {c, true, value};
    bool ok = false;
    return chan_select(&k, 1, 0, NULL, &ok) == 0 && ok;
}

void chan_close(channel *c)
{
    pthread_mutex_lock(&c->mu);
    c->closed = true;
    wake_watchers(c);
    pthread_mutex_unlock(&c->mu);
}

void sleep_ms(unsigned ms)
{
    struct timespec t = {ms / 1000, (long)(ms % 1000) * 1000000L};
    while (nanosleep(&t, &t) == -1 && errno == EINTR) {
    }
}
