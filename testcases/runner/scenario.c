/* The scenario runner: runs one testcase natively, under coffman-check, or
 * under libcoffman.so, and compares what happened with what the testcase
 * declares (docs/testcases.md).  Exit 0 pass, 1 fail, 77 skipped. */
#define _DEFAULT_SOURCE
#include "expectations.h"
#include "process.h"

#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { PASS = 0, FAIL = 1, SKIP = 77 };
enum { HANG_WINDOW_MS = 3000, RUN_LIMIT_MS = 60000 };

typedef struct options {
    const char *mode, *exe, *check, *build_dir, *shim;
    unsigned limit_ms;
    char *libs[8];
    size_t lib_count;
    char **sources;
    size_t source_count;
} options;

static int usage(void)
{
    fprintf(stderr,
            "usage: coffman-scenario native  --exe EXE -- SOURCES...\n"
            "       coffman-scenario static  --check COFFMAN_CHECK -p BUILD_DIR [--lib FILE]... -- SOURCES...\n"
            "       coffman-scenario runtime --exe EXE --shim LIBCOFFMAN -- SOURCES...\n"
            "Options: --limit-ms N (default 60000) bounds a run that should end.\n"
            "Compares a testcase's behaviour with its declarations (docs/testcases.md).\n"
            "Exit codes: 0 pass, 1 fail, 77 skipped (the tool under test is not built).\n");
    return 2;
}

static bool parse_args(options *o, int argc, char **argv)
{
    memset(o, 0, sizeof *o);
    if (argc < 2)
        return false;
    o->mode = argv[1];
    int i = 2;
    for (; i < argc && strcmp(argv[i], "--") != 0; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!v)
            return false;
        if (strcmp(a, "--exe") == 0) o->exe = v;
        else if (strcmp(a, "--check") == 0) o->check = v;
        else if (strcmp(a, "-p") == 0) o->build_dir = v;
        else if (strcmp(a, "--shim") == 0) o->shim = v;
        else if (strcmp(a, "--limit-ms") == 0) o->limit_ms = (unsigned)strtoul(v, NULL, 10);
        else if (strcmp(a, "--lib") == 0 && o->lib_count < 8) o->libs[o->lib_count++] = (char *)v;
        else return false;
        i++;
    }
    if (!o->limit_ms)
        o->limit_ms = RUN_LIMIT_MS;
    o->sources = argv + i + 1;
    o->source_count = i < argc ? (size_t)(argc - i - 1) : 0;
    return o->source_count > 0;
}

static char **program_argv(const char *exe, const expectations *e)
{
    static char *argv[MAX_ARGS + 2];
    argv[0] = (char *)exe;
    for (size_t i = 0; i < e->arg_count; i++)
        argv[i + 1] = e->args[i];
    argv[e->arg_count + 1] = NULL;
    return argv;
}

static int run_native(const options *o, const expectations *e)
{
    char out[] = "/tmp/coffman-native-XXXXXX";
    int fd = mkstemp(out);
    if (fd >= 0)
        close(fd);
    run_result r = process_run(program_argv(o->exe, e), NULL, out,
                               e->hangs ? HANG_WINDOW_MS : o->limit_ms);
    int verdict = PASS;
    if (e->hangs && !r.timed_out) {
        fprintf(stderr, "FAIL: declared hangs=yes, but it ended (%s %d)\n",
                r.signaled ? "signal" : "exit", r.status);
        verdict = FAIL;
    } else if (!e->hangs && (r.timed_out || r.signaled || r.status != 0)) {
        fprintf(stderr, "FAIL: expected a clean exit, got %s %d\n",
                r.timed_out ? "a hang (killed after the limit)" : r.signaled ? "signal" : "exit",
                r.status);
        verdict = FAIL;
    } else {
        printf("native: %s as declared\n", e->hangs ? "hangs" : "exits 0");
    }
    if (verdict == FAIL)
        process_show_output(out, "program output");
    unlink(out);
    return verdict;
}

/* ---- static: findings against inline markers ---- */

typedef struct finding_key {
    char file[PATH_MAX];
    unsigned line;
    char kind[40];
} finding_key;

static bool same(const finding_key *f, const marker *m)
{
    return f->line == m->line && strcmp(f->kind, m->kind) == 0 && strcmp(f->file, m->file) == 0;
}

static size_t read_static_findings(const char *path, finding_key *out, size_t max, bool *ok)
{
    json_error_t err;
    json_t *doc = json_load_file(path, 0, &err);
    json_t *list = doc ? json_object_get(doc, "findings") : NULL;
    *ok = json_is_array(list);
    if (!*ok) {
        fprintf(stderr, "FAIL: coffman-check printed no JSON findings document (%s)\n", err.text);
        json_decref(doc);
        return 0;
    }
    size_t n = 0, i;
    json_t *f;
    json_array_foreach(list, i, f) {
        if (n == max)
            break;
        json_t *loc = json_object_get(f, "location");
        const char *file = json_string_value(json_object_get(loc, "file"));
        const char *kind = json_string_value(json_object_get(f, "kind"));
        char real[PATH_MAX];
        if (!file || !realpath(file, real))
            snprintf(real, sizeof real, "%s", file ? file : "(no file)");
        snprintf(out[n].file, sizeof out[n].file, "%s", real);
        out[n].line = (unsigned)json_integer_value(json_object_get(loc, "line"));
        snprintf(out[n].kind, sizeof out[n].kind, "%s", kind ? kind : "(no kind)");
        n++;
    }
    json_decref(doc);
    return n;
}

static int compare_static(const expectations *e, const finding_key *found, size_t n)
{
    int verdict = PASS;
    for (size_t i = 0; i < e->marker_count; i++) {
        bool hit = false;
        for (size_t j = 0; j < n && !hit; j++)
            hit = same(&found[j], &e->markers[i]);
        if (!hit) {
            fprintf(stderr, "FAIL: missing %s at %s:%u\n", e->markers[i].kind,
                    e->markers[i].file, e->markers[i].line);
            verdict = FAIL;
        }
    }
    for (size_t j = 0; j < n; j++) {
        bool expected = false;
        for (size_t i = 0; i < e->marker_count && !expected; i++)
            expected = same(&found[j], &e->markers[i]);
        if (!expected) {
            fprintf(stderr, "FAIL: unexpected %s at %s:%u\n", found[j].kind, found[j].file,
                    found[j].line);
            verdict = FAIL;
        }
    }
    if (verdict == PASS)
        printf("static: %zu expected finding(s), all reported, nothing else\n", e->marker_count);
    return verdict;
}

static int run_static(const options *o, const expectations *e)
{
    if (e->static_skip) {
        printf("skipped: static=skip (%s)\n", e->why);
        return SKIP;
    }
    if (!o->check || access(o->check, X_OK) != 0) {
        printf("skipped: %s is not built\n", o->check ? o->check : "coffman-check");
        return SKIP;
    }
    char json[] = "/tmp/coffman-static-XXXXXX", log[] = "/tmp/coffman-static-log-XXXXXX";
    close(mkstemp(json));
    close(mkstemp(log));
    char *argv[32];
    size_t a = 0;
    argv[a++] = (char *)o->check;
    argv[a++] = "-p";
    argv[a++] = (char *)o->build_dir;
    argv[a++] = "--format=json";
    argv[a++] = "-o";
    argv[a++] = json;
    for (size_t i = 0; i < o->source_count && a < 24; i++)
        argv[a++] = o->sources[i];
    for (size_t i = 0; i < o->lib_count && a < 30; i++)
        argv[a++] = o->libs[i];
    argv[a] = NULL;
    run_result r = process_run(argv, NULL, log, o->limit_ms);
    int want = e->marker_count ? 1 : 0;
    int verdict = PASS;
    if (r.timed_out || r.signaled || r.status != want) {
        fprintf(stderr, "FAIL: coffman-check %s %d, expected exit %d\n",
                r.timed_out ? "timed out" : r.signaled ? "died of signal" : "exited", r.status, want);
        verdict = FAIL;
    }
    static finding_key found[256];
    bool ok;
    size_t n = read_static_findings(json, found, 256, &ok);
    int cmp = ok ? compare_static(e, found, n) : FAIL;
    if (verdict == FAIL || cmp == FAIL)
        process_show_output(log, "coffman-check output");
    unlink(json);
    unlink(log);
    return verdict == FAIL ? FAIL : cmp;
}

/* ---- runtime: reported kinds against the header's expect= ---- */

typedef struct kind_set {
    char kinds[MAX_KINDS * 2][40];
    size_t count;
} kind_set;

static void kind_set_add(kind_set *s, const char *k)
{
    for (size_t i = 0; i < s->count; i++)
        if (strcmp(s->kinds[i], k) == 0)
            return;
    if (s->count < MAX_KINDS * 2)
        snprintf(s->kinds[s->count++], 40, "%s", k);
}

/* Every report file the shim wrote (log_path=DIR/report gives report.PID
 * per process, forked children included). */
static bool collect_kinds(const char *dir, kind_set *s)
{
    char cmd[PATH_MAX + 64];
    snprintf(cmd, sizeof cmd, "cat %s/report* 2>/dev/null", dir);
    FILE *p = popen(cmd, "r");
    if (!p)
        return false;
    char line[1 << 16];
    bool ok = true;
    while (fgets(line, sizeof line, p)) {
        json_error_t err;
        json_t *o = json_loads(line, 0, &err);
        const char *kind = json_string_value(json_object_get(o, "kind"));
        if (kind)
            kind_set_add(s, kind);
        else {
            fprintf(stderr, "FAIL: report line is not a JSON finding: %.200s", line);
            ok = false;
        }
        json_decref(o);
    }
    pclose(p);
    return ok;
}

static int compare_runtime(const expectations *e, const kind_set *got, const run_result *r,
                           unsigned limit_ms)
{
    int verdict = PASS;
    for (size_t i = 0; i < e->runtime_kind_count; i++) {
        bool hit = false;
        for (size_t j = 0; j < got->count && !hit; j++)
            hit = strcmp(got->kinds[j], e->runtime_kinds[i]) == 0;
        if (!hit) {
            fprintf(stderr, "FAIL: the shim did not report %s\n", e->runtime_kinds[i]);
            verdict = FAIL;
        }
    }
    for (size_t j = 0; j < got->count; j++)
        if (!expectations_runtime_expects(e, got->kinds[j])) {
            fprintf(stderr, "FAIL: unexpected %s report\n", got->kinds[j]);
            verdict = FAIL;
        }
    bool found = e->runtime_kind_count > 0;
    if (r->timed_out) {
        fprintf(stderr, "FAIL: still running after %u ms%s\n", limit_ms,
                e->hangs ? ": the hang was not reported" : "");
        verdict = FAIL;
    } else if (r->signaled) {
        fprintf(stderr, "FAIL: the program died of signal %d under the shim\n", r->status);
        verdict = FAIL;
    } else if (found != (r->status != 0)) {
        fprintf(stderr, "FAIL: exit code %d, expected %s\n", r->status,
                found ? "non-zero (findings were reported)" : "0");
        verdict = FAIL;
    }
    if (verdict == PASS)
        printf("runtime: reported exactly the declared kinds, exit %d\n", r->status);
    return verdict;
}

/* Byte-for-byte equality of two captured outputs. */
static bool same_file(const char *a, const char *b)
{
    FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
    bool same = fa && fb;
    while (same) {
        int ca = getc(fa), cb = getc(fb);
        same = ca == cb;
        if (ca == EOF || cb == EOF)
            break;
    }
    if (fa)
        fclose(fa);
    if (fb)
        fclose(fb);
    return same;
}

/* output=same: the program under the shim must print exactly what it
 * prints natively, and (when nothing is expected) exit with the same
 * status; a report changes the status by design. */
static int compare_with_native(const options *o, const expectations *e, const run_result *shim_run,
                               const char *dir, const char *shim_output)
{
    char native_out[PATH_MAX + 32];
    snprintf(native_out, sizeof native_out, "%s/native-output", dir);
    run_result n = process_run(program_argv(o->exe, e), NULL, native_out, o->limit_ms);
    int verdict = PASS;
    if (!same_file(native_out, shim_output)) {
        fprintf(stderr, "FAIL: the output under the shim differs from the native output\n");
        process_show_output(native_out, "native output");
        verdict = FAIL;
    }
    if (e->runtime_kind_count == 0 &&
        (n.timed_out != shim_run->timed_out || n.signaled != shim_run->signaled || n.status != shim_run->status)) {
        fprintf(stderr, "FAIL: exit status %d under the shim, %d natively\n", shim_run->status, n.status);
        verdict = FAIL;
    }
    return verdict;
}

static int run_runtime(const options *o, const expectations *e)
{
    if (e->runtime_skip) {
        printf("skipped: runtime=skip (%s)\n", e->why);
        return SKIP;
    }
    if (!o->shim || access(o->shim, R_OK) != 0) {
        printf("skipped: %s is not built\n", o->shim ? o->shim : "libcoffman.so");
        return SKIP;
    }
    char dir[] = "/tmp/coffman-runtime-XXXXXX";
    if (!mkdtemp(dir))
        return FAIL;
    char preload[PATH_MAX + 16], opts[PATH_MAX + 600], out[PATH_MAX + 16];
    snprintf(preload, sizeof preload, "LD_PRELOAD=%s", o->shim);
    snprintf(opts, sizeof opts, "COFFMAN_OPTIONS=format=json:log_path=%s/report%s%s", dir,
             e->options[0] ? ":" : "", e->options);
    snprintf(out, sizeof out, "%s/output", dir);
    char *env[] = {preload, opts, NULL};
    run_result r = process_run(program_argv(o->exe, e), env, out, o->limit_ms);
    kind_set got = {0};
    bool parsed = collect_kinds(dir, &got);
    int verdict = compare_runtime(e, &got, &r, o->limit_ms);
    if (!parsed)
        verdict = FAIL;
    if (e->same_output && compare_with_native(o, e, &r, dir, out) == FAIL)
        verdict = FAIL;
    if (verdict == FAIL) {
        process_show_output(out, "program output");
        char cmd[PATH_MAX + 64];
        snprintf(cmd, sizeof cmd, "cat %s/report* 1>&2 2>/dev/null", dir);
        fprintf(stderr, "---- reports ----\n");
        if (system(cmd) != 0)
            fprintf(stderr, "(none)\n");
    }
    char rm[PATH_MAX + 16];
    snprintf(rm, sizeof rm, "rm -rf %s", dir);
    if (system(rm) != 0)
        fprintf(stderr, "warning: could not remove %s\n", dir);
    return verdict;
}

int main(int argc, char **argv)
{
    options o;
    if (!parse_args(&o, argc, argv))
        return usage();
    expectations e;
    if (!expectations_read(&e, o.sources, o.source_count))
        return FAIL;
    if (strcmp(o.mode, "native") == 0 && o.exe)
        return run_native(&o, &e);
    if (strcmp(o.mode, "static") == 0)
        return run_static(&o, &e);
    if (strcmp(o.mode, "runtime") == 0 && o.exe)
        return run_runtime(&o, &e);
    return usage();
}
