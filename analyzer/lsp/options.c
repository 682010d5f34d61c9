#include "options.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *value_of(const char *arg, const char *name)
{
    size_t n = strlen(name);
    return strncmp(arg, name, n) == 0 && arg[n] == '=' ? arg + n + 1 : NULL;
}

static bool parse_int(const char *s, int lo, int hi, int *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (!*s || *end || v < lo || v > hi)
        return false;
    *out = (int)v;
    return true;
}

/* coffman-check installed beside this binary (build/bin, /usr/bin), so a
 * build tree works without PATH changes. */
static const char *default_checker(void)
{
    static char path[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", path, sizeof path - 32);
    if (n > 0) {
        path[n] = '\0';
        char *slash = strrchr(path, '/');
        if (slash) {
            strcpy(slash + 1, "coffman-check");
            if (access(path, X_OK) == 0)
                return path;
        }
    }
    return "coffman-check";
}

static const char *env_or(const char *name, const char *fallback)
{
    const char *v = getenv(name);
    return v && *v ? v : fallback;
}

/* Handles one of our options; returns 1 if consumed, 0 if not ours, -1 bad. */
static int own_option(const char *a, proxy_options *o)
{
    const char *v;
    if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)
        return (o->help = true), 1;
    if ((v = value_of(a, "--clangd")))
        return (o->clangd = v), 1;
    if ((v = value_of(a, "--coffman-check")))
        return (o->checker = v), 1;
    if ((v = value_of(a, "--coffman-facts-dir")))
        return (o->facts_dir = v), 1;
    if ((v = value_of(a, "--coffman-debounce-ms")))
        return parse_int(v, 0, 60000, &o->debounce_ms) ? 1 : -1;
    if ((v = value_of(a, "--coffman-timeout")))
        return parse_int(v, 1, 86400, &o->timeout_s) ? 1 : -1;
    return 0;
}

/* The checker runs in a temp directory: paths the user gave relative to
 * where the editor started us must not change meaning there. */
static const char *absolute(const char *path)
{
    if (!path || path[0] == '/' || (!strchr(path, '/') && strcmp(path, ".") != 0))
        return path;
    char *abs = realpath(path, NULL);
    return abs ? abs : path;
}

bool options_parse(int argc, char **argv, proxy_options *o)
{
    memset(o, 0, sizeof *o);
    o->clangd = env_or("COFFMAN_CLANGD", "clangd-19");
    o->checker = env_or("COFFMAN_CHECK", NULL);
    o->facts_dir = env_or("COFFMAN_FACTS_DIR", NULL);
    o->debounce_ms = 500;
    o->timeout_s = 120;
    o->clangd_argv = calloc((size_t)argc + 1, sizeof *o->clangd_argv);
    if (!o->clangd_argv)
        return false;
    int n = 1;
    for (int i = 1; i < argc; i++) {
        int r = own_option(argv[i], o);
        if (r < 0) {
            fprintf(stderr, "coffman-clangd: bad value in '%s'\n", argv[i]);
            return false;
        }
        if (r == 0) {
            const char *v = value_of(argv[i], "--compile-commands-dir");
            if (v)
                o->compdb_dir = v;
            o->clangd_argv[n++] = argv[i];
        }
    }
    o->clangd_argv[0] = (char *)o->clangd;
    if (!o->checker)
        o->checker = default_checker();
    o->checker = absolute(o->checker);
    o->facts_dir = absolute(o->facts_dir);
    o->compdb_dir = absolute(o->compdb_dir);
    return true;
}

void options_usage(const char *argv0)
{
    printf(
"usage: %s [--clangd=PATH] [--coffman-check=PATH] [--coffman-facts-dir=DIR]\n"
"          [--coffman-debounce-ms=N] [--coffman-timeout=SECONDS] [CLANGD_ARGS...]\n"
"\n"
"An LSP server for editors to use in place of clangd.  It runs the real clangd\n"
"with CLANGD_ARGS, forwards every message both ways unchanged, and adds\n"
"coffman's deadlock and thread-leak findings to clangd's diagnostics for each\n"
"open C file (source \"coffman\", code = check name, evidence as related\n"
"information).  Files are analysed on open and save, and after edits pause for\n"
"the debounce time, using the unsaved buffer and the flags from the project's\n"
"compile_commands.json; analysis never delays clangd's answers.\n"
"\n"
"  --clangd=PATH             clangd to run (env COFFMAN_CLANGD; default clangd-19)\n"
"  --coffman-check=PATH      checker (env COFFMAN_CHECK; default: coffman-check\n"
"                            beside this program, else from PATH)\n"
"  --coffman-facts-dir=DIR   facts of the whole program (from the compiler\n"
"                            plugin), for findings that span files\n"
"                            (env COFFMAN_FACTS_DIR)\n"
"  --coffman-debounce-ms=N   quiet time after an edit before analysing (500)\n"
"  --coffman-timeout=S       give up on one analysis after S seconds (120)\n"
"  --compile-commands-dir=D  clangd's option; also where coffman looks\n"
"  --help                    this text (clangd's own options: clangd-19 --help)\n"
"\n"
"Exit status: clangd's, or 1 if clangd could not start or died unexpectedly\n"
"(the editor is told why first).\n", argv0);
}
