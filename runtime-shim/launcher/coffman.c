/* coffman: runs a program under libcoffman.so.
 *   coffman run [--options k=v:k=v] -- PROG ARGS...
 * Sets LD_PRELOAD and COFFMAN_OPTIONS and execs PROG, so PROG's exit
 * status (66 after a deadlock by default) is the launcher's. */
#define _GNU_SOURCE
#include "options.h"
#include "text_escape.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <link.h>
#include <stdarg.h>
#include <stdbool.h>
#include <sys/stat.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#if defined(__x86_64__)
#define COFFMAN_ELF_MACHINE EM_X86_64
#elif defined(__aarch64__)
#define COFFMAN_ELF_MACHINE EM_AARCH64
#elif defined(__i386__)
#define COFFMAN_ELF_MACHINE EM_386
#elif defined(__riscv)
#define COFFMAN_ELF_MACHINE EM_RISCV
#elif defined(__powerpc64__)
#define COFFMAN_ELF_MACHINE EM_PPC64
#else
#error "coffman: add this machine's EM_ constant"
#endif

static void usage(FILE *out)
{
    fprintf(out,
            "usage: coffman run [--options k=v:k=v...] -- PROGRAM [ARGS...]\n"
            "       coffman --help\n"
            "Runs PROGRAM with libcoffman.so preloaded: lock-order inversions, deadlocks,\n"
            "self-deadlocks and locks leaked by exiting threads are reported on stderr\n"
            "(or log_path), symbolized for -g binaries.\n"
            "--options may be repeated: COFFMAN_OPTIONS and every --options are merged\n"
            "in order, and a later value of an option wins.\n"
            "Exit status: PROGRAM's; the exitcode option (66) after a deadlock or, at\n"
            "exit, when anything was reported; 2 for a bad option, or a COFFMAN_SHIM\n"
            "that is not a loadable shared library; 127 if PROGRAM cannot be run.\n"
            "Options (also read from COFFMAN_OPTIONS, colon-separated):\n");
    char buf[8192];
    coffman_options_help(buf, sizeof buf);
    fputs(buf, out);
}

static const char *shown(const char *s)
{
    static char buf[4][200];
    static int next;
    next = (next + 1) % 4;
    return coffman_escape(s, buf[next], sizeof buf[next]);
}

/* One line on stderr, "coffman: error: ...", and exit status 2. */
static int fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int fail(const char *fmt, ...)
{
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    fprintf(stderr, "coffman: error: %s\n", line);
    return 2;
}

/* A position-independent program is ET_DYN too; the loader refuses to
 * preload it.  It is marked DF_1_PIE in its dynamic section. */
static bool is_executable(int fd, const ElfW(Ehdr) *h)
{
    for (ElfW(Half) i = 0; i < h->e_phnum; i++) {
        ElfW(Phdr) ph;
        if (pread(fd, &ph, sizeof ph, (off_t)(h->e_phoff + (ElfW(Off))i * h->e_phentsize)) != (ssize_t)sizeof ph)
            return true;
        if (ph.p_type != PT_DYNAMIC)
            continue;
        for (ElfW(Off) o = 0; o + sizeof(ElfW(Dyn)) <= ph.p_filesz; o += sizeof(ElfW(Dyn))) {
            ElfW(Dyn) d;
            if (pread(fd, &d, sizeof d, (off_t)(ph.p_offset + o)) != (ssize_t)sizeof d || d.d_tag == DT_NULL)
                break;
            if (d.d_tag == DT_FLAGS_1 && (d.d_un.d_val & DF_1_PIE))
                return true;
        }
    }
    return false;
}

/* The dynamic loader silently skips an LD_PRELOAD entry it cannot load, so
 * the program would run without the shim and exit 0: the shim must be an
 * ELF shared object for this machine, and its path must survive
 * LD_PRELOAD's splitting on spaces and colons. */
static bool shim_loadable(const char *path, char *why, size_t len)
{
    if (strpbrk(path, " :\t\n")) {
        snprintf(why, len, "its path contains a space or a colon, which LD_PRELOAD cannot hold");
        return false;
    }
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
    if (fd < 0) {
        snprintf(why, len, "%s", strerror(errno));
        return false;
    }
    struct stat st;
    ElfW(Ehdr) h;
    bool ok = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && pread(fd, &h, sizeof h, 0) == (ssize_t)sizeof h;
    if (!ok || memcmp(h.e_ident, ELFMAG, SELFMAG) != 0)
        snprintf(why, len, "it is not an ELF file");
    else if (h.e_ident[EI_CLASS] != (sizeof(void *) == 8 ? ELFCLASS64 : ELFCLASS32) || h.e_type != ET_DYN ||
             h.e_machine != COFFMAN_ELF_MACHINE)
        snprintf(why, len, "it is not a shared library for this machine");
    else if (is_executable(fd, &h))
        snprintf(why, len, "it is a program, not a shared library");
    else {
        close(fd);
        return true;
    }
    close(fd);
    return false;
}

/* libcoffman.so next to bin/: <prefix>/bin/coffman -> <prefix>/lib/libcoffman.so */
static bool find_shim(char *out, size_t len)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return false;
    exe[n] = '\0';
    char *dir = dirname(exe);
    snprintf(out, len, "%s/../lib/libcoffman.so", dir);
    char *real = realpath(out, NULL);
    if (!real)
        return false;
    snprintf(out, len, "%s", real);
    free(real);
    return access(out, R_OK) == 0;
}

/* Joins a and b with ':' into a new string (NULL when out of memory). */
static char *join(const char *a, const char *b)
{
    size_t la = a ? strlen(a) : 0, lb = b ? strlen(b) : 0;
    char *s = malloc(la + lb + 2);
    if (s)
        snprintf(s, la + lb + 2, "%s%s%s", a ? a : "", la && lb ? ":" : "", b ? b : "");
    return s;
}

int main(int argc, char **argv)
{
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    if (strcmp(argv[1], "run") != 0)
        return fail("unknown command '%s' (try coffman --help)", shown(argv[1]));
    /* Options given several times are merged in order: COFFMAN_OPTIONS,
     * then each --options; a later value of a key wins. */
    const char *env = getenv("COFFMAN_OPTIONS");
    char *merged = join(env, NULL);
    int i = 2;
    for (; merged && i < argc && strcmp(argv[i], "--"); i++) {
        const char *more;
        if (!strcmp(argv[i], "--options")) {
            if (i + 1 >= argc)
                return fail("'--options' needs a value: --options key=value[:key=value...]");
            more = argv[++i];
        } else if (!strncmp(argv[i], "--options=", 10))
            more = argv[i] + 10;
        else if (argv[i][0] == '-')
            return fail("unknown option '%s' for 'coffman run' (try coffman --help)", shown(argv[i]));
        else
            break;
        char *next = join(merged, more);
        free(merged);
        merged = next;
    }
    if (!merged)
        return fail("out of memory");
    if (i < argc && !strcmp(argv[i], "--"))
        i++;
    if (i >= argc) {
        usage(stderr);
        return 2;
    }
    coffman_options o;
    coffman_options_defaults(&o);
    char err[600];
    if (!coffman_options_parse(&o, merged, err, sizeof err))
        return fail("options: %s", err);
    char shim[PATH_MAX], why[200];
    const char *chosen = getenv("COFFMAN_SHIM");
    if (chosen && *chosen) {
        if (strlen(chosen) >= sizeof shim)
            return fail("COFFMAN_SHIM is too long; point it at libcoffman.so");
        snprintf(shim, sizeof shim, "%s", chosen);
    } else if (!find_shim(shim, sizeof shim))
        return fail("cannot find libcoffman.so next to this program; set COFFMAN_SHIM to its path");
    if (!shim_loadable(shim, why, sizeof why))
        return fail("%s '%s' cannot be preloaded: %s; point it at libcoffman.so", chosen && *chosen ? "COFFMAN_SHIM" : "shim",
                    shown(shim), why);
    char *preload = join(shim, getenv("LD_PRELOAD"));
    if (!preload || setenv("LD_PRELOAD", preload, 1) != 0 || setenv("COFFMAN_OPTIONS", merged, 1) != 0)
        return fail("out of memory");
    execvp(argv[i], &argv[i]);
    fprintf(stderr, "coffman: error: cannot run '%s': %s (check the program's path)\n", shown(argv[i]),
            strerror(errno));
    return 127;
}
