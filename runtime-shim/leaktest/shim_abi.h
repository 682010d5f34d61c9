/* The small table libcoffman.so exports for libcoffman-leaktest.
 *
 * The leaktest library must not link the shim (it also works without it),
 * so it finds this table at run time with dlsym(RTLD_DEFAULT, ...).  The
 * symbol name carries the version: a change of layout gets a new name and
 * an old leaktest simply falls back to /proc mode.
 */
#ifndef COFFMAN_LEAKTEST_SHIM_ABI_H
#define COFFMAN_LEAKTEST_SHIM_ABI_H

#include <stddef.h>
#include <stdint.h>

#define COFFMAN_LEAKTEST_SHIM_SYMBOL "coffman_leaktest_shim_get_v1"

typedef struct coffman_leaktest_shim_v1 {
    /* A mark in the shim's sequence of thread creations: threads created
     * later have a larger sequence number. */
    uint64_t (*mark)(void);
    /* Counts the leaked threads created after `since`: running, blocked,
     * or finished but neither joined nor detached.  The calling thread and
     * threads whose start routine or a creation frame matches one of the
     * globs are skipped.  When report is not NULL, *report receives a
     * malloc'd text report, one thread-leak finding per leak. */
    size_t (*find)(uint64_t since, const char *const *globs, size_t nglobs,
                   char **report);
} coffman_leaktest_shim_v1;

#endif
