/* The shim's side of coffman/heartbeat.h: two stores into the calling
 * thread's registry record.  Exported under versioned names that the
 * header looks up with dlsym, so programs run unchanged without the shim. */
#define _GNU_SOURCE
#include "heartbeat.h"

#include "shim.h"

atomic_bool coffman_heartbeat_in_use;

COFFMAN_EXPORT void coffman_heartbeat_beat_v1(void);
COFFMAN_EXPORT void coffman_heartbeat_expect_v1(unsigned interval_ms);

void coffman_heartbeat_beat_v1(void)
{
    coffman_thread *t = coffman_thread_self();
    if (t)
        atomic_store_explicit(&t->heartbeat_last_ns, coffman_now_ns(), memory_order_relaxed);
}

void coffman_heartbeat_expect_v1(unsigned interval_ms)
{
    coffman_thread *t = coffman_thread_self();
    if (!t)
        return;
    atomic_store_explicit(&t->heartbeat_last_ns, coffman_now_ns(), memory_order_relaxed);
    atomic_store_explicit(&t->heartbeat_interval_ns, (uint64_t)interval_ms * 1000000u, memory_order_relaxed);
    if (interval_ms) {
        atomic_store_explicit(&coffman_heartbeat_in_use, true, memory_order_relaxed);
        coffman_monitor_ensure();   /* the watchdog runs on the monitor */
    }
}

bool coffman_heartbeat_stalled(coffman_thread *t, uint64_t now, uint64_t *silent_ns)
{
    uint64_t interval = atomic_load_explicit(&t->heartbeat_interval_ns, memory_order_relaxed);
    uint64_t last = atomic_load_explicit(&t->heartbeat_last_ns, memory_order_relaxed);
    int st = atomic_load_explicit(&t->state, memory_order_relaxed);
    if (!interval || (st != COFFMAN_THREAD_RUNNING && st != COFFMAN_THREAD_BLOCKED) || now <= last)
        return false;
    *silent_ns = now - last;
    return now - last > interval;
}
