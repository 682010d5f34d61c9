/* Start-up: resolve the real functions, read COFFMAN_OPTIONS (a bad one
 * stops the process before main), open the report sink, load
 * suppressions; fork and exit handling. */
#define _GNU_SOURCE
#include "shim.h"

#include "cycle_check.h"
#include "graph_export.h"
#include "lock_graph.h"
#include "lock_table.h"
#include "options.h"
#include "site_stacks.h"
#include "report_emit.h"
#include "report_stderr.h"
#include "stack_capture.h"
#include "suppressions.h"
#include "thread_registry.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void coffman_thread_hooks_init(void);
void coffman_monitor_after_fork_child(void);
void coffman_run_exit_hooks(int status);

static void die(const char *what, const char *detail)
{
    char line[1024];
    int n = snprintf(line, sizeof line, "coffman: error: %s: %s\n", what, detail);
    if (n > (int)sizeof line - 1)
        n = (int)sizeof line - 1, line[n - 1] = '\n';
    coffman_stderr_write(line, n > 0 ? (size_t)n : 0);
    _exit(2);
}

/* Like the sanitizers: a run that reported something does not exit 0. */
static void on_process_exit(int status, void *arg)
{
    (void)arg;
    coffman_busy++;
    coffman_run_exit_hooks(status);
    if (coffman_opts.graph_path[0])
        coffman_graph_export(coffman_opts.graph_path);
    coffman_busy--;
    if (status == 0 && coffman_findings_written()) {
        fflush(NULL);
        _exit(coffman_opts.exitcode);
    }
}

static void after_fork_child(void)
{
    coffman_lock_table_after_fork_child();
    coffman_graph_after_fork_child();
    coffman_stack_after_fork_child();
    coffman_site_stacks_after_fork_child();
    coffman_report_after_fork_child();
    coffman_monitor_after_fork_child();
    coffman_registry_after_fork_child();
}

__attribute__((constructor(101))) static void coffman_start(void)
{
    coffman_busy++;
    coffman_stderr_save();
    coffman_resolve();
    coffman_options_defaults(&coffman_opts);
    char err[600];
    if (!coffman_options_parse(&coffman_opts, getenv("COFFMAN_OPTIONS"), err, sizeof err))
        die("COFFMAN_OPTIONS", err);
    if (!coffman_report_sink_open(err, sizeof err))
        die("COFFMAN_OPTIONS", err);
    if (coffman_opts.graph_path[0] && !coffman_graph_path_check(coffman_opts.graph_path, err, sizeof err))
        die("COFFMAN_OPTIONS", err);
    if (coffman_opts.suppressions[0] && !coffman_suppressions_load(coffman_opts.suppressions, err, sizeof err))
        die("suppressions", err);
    coffman_stack_init();
    coffman_thread_hooks_init();
    pthread_atfork(NULL, NULL, after_fork_child);
    on_exit(on_process_exit, NULL);
    coffman_busy--;
    coffman_active = 1;
    coffman_thread *main_thread = coffman_thread_self();   /* serial 0 */
    (void)main_thread;
    if (coffman_opts.verbose)
        coffman_notice("libcoffman active (max_locks=%ld)", coffman_opts.max_locks);
}
