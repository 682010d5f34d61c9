/* libdw (dwfl) symbolization of the running process. */
#define _GNU_SOURCE
#include "symbolize.h"

#include "libdw_lazy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct coffman_symbolizer {
    const coffman_libdw *dw;
    Dwfl *dwfl;
    Dwfl_Callbacks callbacks;
};

static char *debuginfo_path;

coffman_symbolizer *coffman_symbolizer_open(void)
{
    coffman_symbolizer *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    const coffman_libdw *dw = s->dw = coffman_libdw_get();
    if (!dw)
        return s;
    s->callbacks = (Dwfl_Callbacks){
        .find_elf = dw->linux_proc_find_elf,
        .find_debuginfo = dw->standard_find_debuginfo,
        .debuginfo_path = &debuginfo_path,
    };
    s->dwfl = dw->begin(&s->callbacks);
    if (s->dwfl) {
        dw->report_begin(s->dwfl);
        if (dw->linux_proc_report(s->dwfl, (pid_t)gettid()) != 0 || dw->report_end(s->dwfl, NULL, NULL) != 0) {
            dw->end(s->dwfl);
            s->dwfl = NULL;
        }
    }
    return s;
}

void coffman_symbolizer_close(coffman_symbolizer *s)
{
    if (!s)
        return;
    if (s->dwfl)
        s->dw->end(s->dwfl);
    free(s);
}

static const char *basename_of(const char *path)
{
    const char *slash = path ? strrchr(path, '/') : NULL;
    return slash ? slash + 1 : path;
}

uintptr_t coffman_symbolize(coffman_symbolizer *s, uintptr_t pc, bool return_address, coffman_frame *out)
{
    memset(out, 0, sizeof *out);
    out->pc = pc;
    if (!s || !s->dwfl || !pc)
        return 0;
    const coffman_libdw *dw = s->dw;
    Dwarf_Addr addr = return_address ? pc - 1 : pc;
    Dwfl_Module *m = dw->addrmodule(s->dwfl, addr);
    if (!m)
        return 0;
    const char *mod = dw->module_info(m, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
    out->module = basename_of(mod);
    GElf_Off off = 0;
    GElf_Sym sym;
    out->function = dw->module_addrinfo(m, addr, &off, &sym, NULL, NULL, NULL);
    Dwfl_Line *line = dw->module_getsrc(m, addr);
    if (line) {
        int lineno = 0, col = 0;
        out->file = dw->lineinfo(line, NULL, &lineno, &col, NULL, NULL);
        out->line = lineno > 0 ? (unsigned)lineno : 0;
        out->column = col > 0 ? (unsigned)col : 0;
    }
    return out->function ? (uintptr_t)(addr - off) : 0;
}

const char *coffman_symbolize_data(coffman_symbolizer *s, uintptr_t addr, char *buf, size_t len)
{
    if (!s || !s->dwfl)
        return NULL;
    Dwfl_Module *m = s->dw->addrmodule(s->dwfl, addr);
    if (!m)
        return NULL;
    GElf_Off off = 0;
    GElf_Sym sym;
    const char *name = s->dw->module_addrinfo(m, addr, &off, &sym, NULL, NULL, NULL);
    if (!name || GELF_ST_TYPE(sym.st_info) != STT_OBJECT || off >= sym.st_size + (sym.st_size == 0))
        return NULL;
    if (off)
        snprintf(buf, len, "%s+%lu", name, (unsigned long)off);
    else
        snprintf(buf, len, "%s", name);
    return buf;
}
