/* The shared vocabulary: one name per kind of finding, for every half and
 * every output format. */
#include "coffman/report.h"

#include <string.h>

static const struct {
    const char *name;
    const char *summary;
} kinds[COFFMAN_KIND_COUNT] = {
    [COFFMAN_LOCK_ORDER_INVERSION] = {"lock-order-inversion", "potential deadlock"},
    [COFFMAN_DEADLOCK] = {"deadlock", "threads blocked forever"},
    [COFFMAN_SELF_DEADLOCK] = {"self-deadlock", "thread waits for itself"},
    [COFFMAN_NEVER_SIGNALED_WAIT] = {"never-signaled-wait", "wait that nothing can end"},
    [COFFMAN_UNGUARDED_WAIT] = {"unguarded-wait", "condition wait without a predicate loop"},
    [COFFMAN_BLOCKING_WHILE_LOCKED] = {"blocking-while-locked", "blocking call under a lock"},
    [COFFMAN_LOCK_LEAK] = {"lock-leak", "lock still held"},
    [COFFMAN_THREAD_LEAK] = {"thread-leak", "thread never joined"},
    [COFFMAN_NO_TERMINATION] = {"no-termination", "thread has no way to end"},
    [COFFMAN_HANG] = {"hang", "no thread made progress"},
};

const char *coffman_kind_name(coffman_kind kind)
{
    if ((unsigned)kind >= COFFMAN_KIND_COUNT)
        return NULL;
    return kinds[kind].name;
}

const char *coffman_kind_summary(coffman_kind kind)
{
    if ((unsigned)kind >= COFFMAN_KIND_COUNT)
        return NULL;
    return kinds[kind].summary;
}

bool coffman_kind_parse(const char *name, coffman_kind *out)
{
    static const char prefix[] = "coffman-";
    if (!name)
        return false;
    if (strncmp(name, prefix, sizeof prefix - 1) == 0)
        name += sizeof prefix - 1;
    for (int k = 0; k < COFFMAN_KIND_COUNT; k++) {
        if (strcmp(name, kinds[k].name) == 0) {
            if (out)
                *out = (coffman_kind)k;
            return true;
        }
    }
    return false;
}
