/* The threads of this process as /proc/self/task shows them: the only
 * source of truth when libcoffman.so is not loaded. */
#ifndef COFFMAN_LEAKTEST_PROC_TASKS_H
#define COFFMAN_LEAKTEST_PROC_TASKS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

typedef struct lt_task {
    pid_t tid;
    /* Start time in clock ticks since boot: with the tid it names a thread
     * even when the kernel reuses the tid of an ended one. */
    unsigned long long start;
    char state;                 /* R, S, D, T, Z, ... */
    char name[32];
} lt_task;

typedef struct lt_tasks {
    lt_task *v;
    size_t n, cap;
} lt_tasks;

/* Replaces *out's content with the live threads.  False on failure. */
bool lt_tasks_read(lt_tasks *out);
void lt_tasks_free(lt_tasks *t);
bool lt_tasks_contains(const lt_tasks *t, const lt_task *task);
/* The kernel function a thread sleeps in ("futex_wait_queue", ...), or an
 * empty string when unknown. */
void lt_task_wchan(pid_t tid, char *buf, size_t size);
const char *lt_task_state_name(char state);

#endif
