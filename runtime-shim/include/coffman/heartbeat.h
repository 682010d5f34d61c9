/* Heartbeats for long-running worker threads.
 *
 *   coffman_heartbeat_expect(500);   // this thread beats at least every 500 ms
 *   for (;;) { do_work(); coffman_heartbeat(); }
 *
 * Under libcoffman.so with hang_timeout_s=N (or any value > 0), the hang
 * watchdog reports a thread that declared an interval and then went
 * silent for longer than it, with what it is blocked on.
 *
 * Header only, and safe without the shim: the first call of each function
 * looks the shim up (dlsym) and, when it is not loaded, every later call
 * is a load and a branch.  Link with nothing; on glibc older than 2.34
 * add -ldl.
 */
#ifndef COFFMAN_HEARTBEAT_H
#define COFFMAN_HEARTBEAT_H

#include <dlfcn.h>

#ifndef RTLD_DEFAULT
#define RTLD_DEFAULT ((void *)0)   /* glibc's value; hidden without _GNU_SOURCE */
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* The entry points libcoffman.so exports (stable names). */
#define COFFMAN_HEARTBEAT_BEAT_SYMBOL "coffman_heartbeat_beat_v1"
#define COFFMAN_HEARTBEAT_EXPECT_SYMBOL "coffman_heartbeat_expect_v1"

/* Resolves `name` once per call site family; (void *)1 marks "absent". */
static inline void *coffman_heartbeat__lookup_(void **cache, const char *name)
{
    void *fn = __atomic_load_n(cache, __ATOMIC_ACQUIRE);
    if (!fn) {
        fn = dlsym(RTLD_DEFAULT, name);
        if (!fn)
            fn = (void *)1;
        __atomic_store_n(cache, fn, __ATOMIC_RELEASE);
    }
    return fn == (void *)1 ? (void *)0 : fn;
}

/* Declares that the calling thread will call coffman_heartbeat() at least
 * every interval_ms milliseconds; 0 stops watching it (call it before a
 * long, expected pause).  Counts as a beat. */
static inline void coffman_heartbeat_expect(unsigned interval_ms)
{
    static void *cache;
    void (*fn)(unsigned) = (void (*)(unsigned))
        coffman_heartbeat__lookup_(&cache, COFFMAN_HEARTBEAT_EXPECT_SYMBOL);
    if (fn)
        fn(interval_ms);
}

/* One beat: "this thread is alive and making progress". */
static inline void coffman_heartbeat(void)
{
    static void *cache;
    void (*fn)(void) = (void (*)(void))
        coffman_heartbeat__lookup_(&cache, COFFMAN_HEARTBEAT_BEAT_SYMBOL);
    if (fn)
        fn();
}

#ifdef __cplusplus
}
#endif
#endif
