/* What libcoffman-leaktest asks the shim (leaktest/shim_abi.h): a mark in
 * the sequence of thread creations, and the leaks since a mark with their
 * full reports.  Exported by name; the leaktest library finds it with
 * dlsym, so neither links the other. */
#define _GNU_SOURCE
#include "../leaktest/shim_abi.h"
#include "leak_report.h"
#include "shim.h"

#include <fcntl.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static bool max_serial(coffman_thread *t, void *arg)
{
    uint32_t *max = arg;
    if (t->serial > *max)
        *max = t->serial;
    return true;
}

/* Serials are never reused, so every thread created after this call has
 * a larger one than any record in use now. */
static uint64_t mark(void)
{
    uint32_t max = 0;
    coffman_registry_foreach(max_serial, &max);
    return max;
}

static bool glob_any(const char *const *globs, size_t n, const char *s)
{
    for (size_t i = 0; s && i < n; i++)
        if (fnmatch(globs[i], s, 0) == 0)
            return true;
    return false;
}

static void read_comm(pid_t tid, char *buf, size_t len)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/self/task/%d/comm", (int)tid);
    buf[0] = '\0';
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return;
    ssize_t n = read(fd, buf, len - 1);
    close(fd);
    buf[n > 0 ? n : 0] = '\0';
    buf[strcspn(buf, "\n")] = '\0';
}

/* goleak's IgnoreTopFunction, and its wish to match the "created by"
 * frame: the start routine, any creation frame, or the thread's name. */
static bool ignored(coffman_tdesc *d, coffman_thread *t, const char *const *globs, size_t n)
{
    if (!n)
        return false;
    if (glob_any(globs, n, coffman_tdesc_function(d, (uintptr_t)t->start_routine)))
        return true;
    size_t depth;
    const coffman_frame *s = coffman_tdesc_create_stack(d, t, &depth);
    for (size_t i = 0; s && i < depth; i++)
        if (glob_any(globs, n, s[i].function))
            return true;
    char comm[32];
    if (atomic_load(&t->state) != COFFMAN_THREAD_FINISHED) {
        read_comm(t->tid, comm, sizeof comm);
        return comm[0] && glob_any(globs, n, comm);
    }
    return false;
}

static size_t find(uint64_t since, const char *const *globs, size_t nglobs, char **report)
{
    coffman_leak_set *set = malloc(sizeof *set);
    if (!set)
        return 0;
    coffman_busy++;
    coffman_leaks_collect(set, since > INT64_MAX ? INT64_MAX : (int64_t)since);
    coffman_buf out;
    coffman_buf_init(&out);
    size_t count = set->total - set->n;   /* beyond the named ones */
    /* A poll without ignore rules needs no names: no symbolizer. */
    bool describe = report || nglobs;
    if (!describe)
        count = set->total;
    coffman_tdesc *d = describe && set->n ? coffman_tdesc_begin() : NULL;
    for (size_t i = 0; d && i < set->n; i++) {
        coffman_tdesc_next(d);
        if (ignored(d, set->v[i], globs, nglobs))
            continue;
        count++;
        if (report) {
            coffman_finding f;
            coffman_leak_finding(d, set->v[i], "when the test ended", &f);
            coffman_format_sanitizer(&out, &f, (int)getpid(), false);
        }
    }
    if (describe && set->n && !d)
        count += set->n;   /* out of memory: count, do not name */
    coffman_tdesc_end(d);
    if (report && out.len && !out.failed) {
        coffman_buf_append(&out, "", 1);
        *report = out.data;
    } else {
        if (report)
            *report = NULL;
        coffman_buf_free(&out);
    }
    coffman_busy--;
    free(set);
    return count;
}

static const coffman_leaktest_shim_v1 table = {mark, find};

COFFMAN_EXPORT const coffman_leaktest_shim_v1 *coffman_leaktest_shim_get_v1(void);
const coffman_leaktest_shim_v1 *coffman_leaktest_shim_get_v1(void)
{
    return coffman_active ? &table : NULL;
}
