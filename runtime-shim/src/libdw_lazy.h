/* libdw, loaded on first use.  The shim needs it only to write a report,
 * while loading it at start-up with its dependencies (libelf, libz,
 * liblzma, libbz2) cost every process about 1.2 ms here (/bin/true:
 * 2.84 ms, 4.04 ms with libdw preloaded): a test suite of short processes
 * paid that for reports it almost never printed. */
#ifndef COFFMAN_LIBDW_LAZY_H
#define COFFMAN_LIBDW_LAZY_H

#include <elfutils/libdwfl.h>

typedef struct coffman_libdw {
    Dwfl *(*begin)(const Dwfl_Callbacks *);
    void (*end)(Dwfl *);
    void (*report_begin)(Dwfl *);
    int (*report_end)(Dwfl *, int (*)(Dwfl_Module *, void *, const char *, Dwarf_Addr, void *), void *);
    int (*linux_proc_report)(Dwfl *, pid_t);
    int (*linux_proc_find_elf)(Dwfl_Module *, void **, const char *, Dwarf_Addr, char **, Elf **);
    int (*standard_find_debuginfo)(Dwfl_Module *, void **, const char *, Dwarf_Addr, const char *,
                                   const char *, GElf_Word, char **);
    Dwfl_Module *(*addrmodule)(Dwfl *, Dwarf_Addr);
    const char *(*module_info)(Dwfl_Module *, void ***, Dwarf_Addr *, Dwarf_Addr *, Dwarf_Addr *,
                               Dwarf_Addr *, const char **, const char **);
    const char *(*module_addrinfo)(Dwfl_Module *, GElf_Addr, GElf_Off *, GElf_Sym *, GElf_Word *, Elf **,
                                   Dwarf_Addr *);
    Dwfl_Line *(*module_getsrc)(Dwfl_Module *, Dwarf_Addr);
    const char *(*lineinfo)(Dwfl_Line *, Dwarf_Addr *, int *, int *, Dwarf_Word *, Dwarf_Word *);
} coffman_libdw;

/* The functions, or NULL when libdw.so.1 cannot be loaded (reports then
 * show addresses, and the shim says why once). */
const coffman_libdw *coffman_libdw_get(void);

#endif
