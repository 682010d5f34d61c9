/* coffman: runs a program under libcoffman.so.
 *   coffman run [--options k=v:k=v] -- PROG ARGS...
 * Sets LD_PRELOAD and COFFMAN_OPTIONS and execs PROG, so PROG's exit
 * status (66 after a deadlock by default) is the launcher's. */
#define _GNU_SOURCE
#include "options.h"

#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void usage(FILE *out)
{
    fprintf(out,
            "usage: coffman run [--options k=v:k=v...] -- PROGRAM [ARGS...]\n"
            "       coffman --help\n"
            "Runs PROGRAM with libcoffman.so preloaded: lock-order inversions, deadlocks,\n"
            "self-deadlocks and locks leaked by exiting threads are reported on stderr\n"
            "(or log_path), symbolized for -g binaries.\n"
            "Exit status: PROGRAM's; the exitcode option (66) after a deadlock or, at\n"
            "exit, when anything was reported; 2 for a bad option; 127 if PROGRAM\n"
            "cannot be run.\n"
            "Options (also read from COFFMAN_OPTIONS, colon-separated):\n");
    char buf[8192];
    coffman_options_help(buf, sizeof buf);
    fputs(buf, out);
}

/* libcoffman.so next to bin/: <prefix>/bin/coffman -> <prefix>/lib/libcoffman.so */
static bool find_shim(char *out, size_t len)
{
    const char *env = getenv("COFFMAN_SHIM");
    if (env && access(env, R_OK) == 0)
        return snprintf(out, len, "%s", env) < (int)len;
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

int main(int argc, char **argv)
{
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    if (strcmp(argv[1], "run") != 0) {
        fprintf(stderr, "coffman: unknown command '%s' (try coffman --help)\n", argv[1]);
        return 2;
    }
    const char *extra = NULL;
    int i = 2;
    for (; i < argc && strcmp(argv[i], "--"); i++) {
        if (!strcmp(argv[i], "--options") && i + 1 < argc)
            extra = argv[++i];
        else if (!strncmp(argv[i], "--options=", 10))
            extra = argv[i] + 10;
        else
            break;
    }
    if (i < argc && !strcmp(argv[i], "--"))
        i++;
    if (i >= argc) {
        usage(stderr);
        return 2;
    }
    char merged[8192];
    const char *env = getenv("COFFMAN_OPTIONS");
    snprintf(merged, sizeof merged, "%s%s%s", env ? env : "", env && *env && extra ? ":" : "", extra ? extra : "");
    coffman_options o;
    coffman_options_defaults(&o);
    char err[600];
    if (!coffman_options_parse(&o, merged, err, sizeof err)) {
        fprintf(stderr, "coffman: error: options: %s\n", err);
        return 2;
    }
    char shim[PATH_MAX];
    if (!find_shim(shim, sizeof shim)) {
        fprintf(stderr, "coffman: error: cannot find libcoffman.so (set COFFMAN_SHIM)\n");
        return 2;
    }
    const char *pre = getenv("LD_PRELOAD");
    char preload[2 * PATH_MAX + 2];
    snprintf(preload, sizeof preload, "%s%s%s", shim, pre && *pre ? ":" : "", pre ? pre : "");
    setenv("LD_PRELOAD", preload, 1);
    setenv("COFFMAN_OPTIONS", merged, 1);
    execvp(argv[i], &argv[i]);
    fprintf(stderr, "coffman: error: cannot run '%s': ", argv[i]);
    perror(NULL);
    return 127;
}
