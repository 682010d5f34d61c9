#define _GNU_SOURCE
#include "shim_link.h"

#include <coffman/leaktest.h>
#include <dlfcn.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

typedef const coffman_leaktest_shim_v1 *(*get_fn)(void);

static pthread_once_t once = PTHREAD_ONCE_INIT;
static get_fn get;

static void look_up(void)
{
    const char *off = getenv("COFFMAN_LEAKTEST_NO_SHIM");
    if (off && strcmp(off, "0") != 0)
        return;
    *(void **)&get = dlsym(RTLD_DEFAULT, COFFMAN_LEAKTEST_SHIM_SYMBOL);
}

bool lt_shim_loaded(void)
{
    pthread_once(&once, look_up);
    return get != NULL;
}

/* Asked every time: the shim answers NULL until its start-up is done,
 * and the loader may run our constructor before that. */
const coffman_leaktest_shim_v1 *lt_shim(void)
{
    return lt_shim_loaded() ? get() : NULL;
}

bool coffman_leaktest_have_shim(void)
{
    return lt_shim() != NULL;
}
