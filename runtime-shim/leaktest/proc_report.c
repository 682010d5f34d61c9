#define _GNU_SOURCE
#include "proc_report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static bool push_leak(lt_tasks *leaks, const lt_task *t)
{
    if (leaks->n == leaks->cap) {
        size_t cap = leaks->cap ? leaks->cap * 2 : 8;
        lt_task *v = realloc(leaks->v, cap * sizeof *v);
        if (!v)
            return false;
        leaks->v = v;
        leaks->cap = cap;
    }
    leaks->v[leaks->n++] = *t;
    return true;
}

bool lt_proc_leaks(const lt_tasks *before, const lt_globs *ignore,
                   lt_tasks *now, lt_tasks *leaks)
{
    leaks->n = 0;
    if (!lt_tasks_read(now))
        return false;
    pid_t self = gettid();
    for (size_t i = 0; i < now->n; i++) {
        const lt_task *t = &now->v[i];
        /* "coffman-*": the shim's own threads, when /proc mode is forced
         * with the shim loaded (they are named so by the shim). */
        if (t->tid == self || lt_tasks_contains(before, t) ||
            lt_globs_match(ignore, t->name) || strncmp(t->name, "coffman-", 8) == 0)
            continue;
        if (!push_leak(leaks, t))
            return false;
    }
    return true;
}

static void report_one(const lt_task *t, coffman_buf *out)
{
    char wchan[64], message[256];
    lt_task_wchan(t->tid, wchan, sizeof wchan);
    snprintf(message, sizeof message,
             "thread %d \"%s\" started since the snapshot is still alive "
             "(%s%s%s)",
             (int)t->tid, t->name, lt_task_state_name(t->state),
             wchan[0] ? ", in kernel function " : "", wchan);
    coffman_finding f = {
        .kind = COFFMAN_THREAD_LEAK,
        .severity = COFFMAN_SEVERITY_WARNING,
        .message = message,
        .fix = "make the thread end and join it before the test ends; run "
               "under libcoffman.so (LD_PRELOAD) to see its start routine, "
               "creation stack and what it waits on",
    };
    coffman_format_sanitizer(out, &f, (int)getpid(), false);
}

void lt_proc_report(const lt_tasks *leaks, coffman_buf *out)
{
    for (size_t i = 0; i < leaks->n; i++)
        report_one(&leaks->v[i], out);
}
