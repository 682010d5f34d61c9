/* Leak detection and reports from /proc alone (no shim loaded). */
#ifndef COFFMAN_LEAKTEST_PROC_REPORT_H
#define COFFMAN_LEAKTEST_PROC_REPORT_H

#include "ignore.h"
#include "proc_tasks.h"

#include <coffman/report.h>

/* Fills leaks with the threads alive now that are not in `before`, not
 * the calling thread and not matched by `ignore` (on their names).
 * Returns false when /proc could not be read. */
bool lt_proc_leaks(const lt_tasks *before, const lt_globs *ignore,
                   lt_tasks *now, lt_tasks *leaks);

/* Appends one thread-leak finding per leak, sanitizer style. */
void lt_proc_report(const lt_tasks *leaks, coffman_buf *out);

#endif
