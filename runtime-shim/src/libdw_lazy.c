/* Loads libdw.so.1 once, on the first report (see libdw_lazy.h). */
#define _GNU_SOURCE
#include "libdw_lazy.h"

#include "report_emit.h"
#include "shim.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdbool.h>

static coffman_libdw fns;
static bool loaded;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static bool find(void *lib, void *slot, const char *name)
{
    void *p = dlsym(lib, name);
    if (p)
        *(void **)slot = p;
    return p != NULL;
}

static void load(void)
{
    void *lib = dlopen("libdw.so.1", RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        coffman_notice("cannot load libdw.so.1 (%s): stacks are shown as addresses; "
                       "install libdw1 to get functions, files and lines", dlerror());
        return;
    }
    loaded = find(lib, &fns.begin, "dwfl_begin") && find(lib, &fns.end, "dwfl_end") &&
             find(lib, &fns.report_begin, "dwfl_report_begin") && find(lib, &fns.report_end, "dwfl_report_end") &&
             find(lib, &fns.linux_proc_report, "dwfl_linux_proc_report") &&
             find(lib, &fns.linux_proc_find_elf, "dwfl_linux_proc_find_elf") &&
             find(lib, &fns.standard_find_debuginfo, "dwfl_standard_find_debuginfo") &&
             find(lib, &fns.addrmodule, "dwfl_addrmodule") && find(lib, &fns.module_info, "dwfl_module_info") &&
             find(lib, &fns.module_addrinfo, "dwfl_module_addrinfo") &&
             find(lib, &fns.module_getsrc, "dwfl_module_getsrc") && find(lib, &fns.lineinfo, "dwfl_lineinfo");
    if (!loaded)
        coffman_notice("libdw.so.1 lacks a dwfl function: stacks are shown as addresses");
}

const coffman_libdw *coffman_libdw_get(void)
{
    /* dlopen allocates and frees; the interposers must let it through. */
    coffman_busy++;
    pthread_once(&once, load);
    coffman_busy--;
    return loaded ? &fns : NULL;
}
