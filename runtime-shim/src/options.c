/* Table-driven COFFMAN_OPTIONS parser.  No allocation: it runs in the
 * shim's constructor, before the program's main. */
#define _GNU_SOURCE
#include "options.h"

#include "text_escape.h"

#include <limits.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

coffman_options coffman_opts;

/* OPT_SINK: a path where "stderr" means standard error (stored as ""). */
typedef enum { OPT_BOOL, OPT_INT, OPT_LONG, OPT_PATH, OPT_SINK, OPT_ENUM, OPT_SIGNAL } opt_type;

typedef struct {
    const char *name;
    opt_type type;
    size_t offset;
    long min, max;
    const char *const *choices;   /* OPT_ENUM: NULL-terminated */
    const char *help;
} opt_def;

static const char *const formats[] = {"text", "json", NULL};
static const char *const identities[] = {"address", "class", NULL};

#define F(field) offsetof(coffman_options, field)
static const opt_def table[] = {
    {"log_path", OPT_SINK, F(log_path), 0, 0, NULL,
     "write reports to <log_path>.<pid> (\"stderr\" or empty: standard error)"},
    {"format", OPT_ENUM, F(format), 0, 0, formats, "report format: text (sanitizer style) or json (JSON Lines)"},
    {"color", OPT_BOOL, F(color), 0, 0, NULL, "colour text reports"},
    {"stack_depth", OPT_INT, F(stack_depth), 1, 64, NULL, "frames captured per stack"},
    {"suppressions", OPT_PATH, F(suppressions), 0, 0, NULL, "file of kind:glob lines to silence findings"},
    {"exitcode", OPT_INT, F(exitcode), 0, 255, NULL, "exit status after a deadlock, or at exit after any report"},
    {"halt_on_error", OPT_BOOL, F(halt_on_error), 0, 0, NULL, "exit at the first reported finding"},
    {"halt_on_deadlock", OPT_BOOL, F(halt_on_deadlock), 0, 0, NULL, "exit when a real deadlock is reported"},
    {"report_single_thread", OPT_BOOL, F(report_single_thread), 0, 0, NULL,
     "report lock-order cycles made by one thread alone"},
    {"lock_identity", OPT_ENUM, F(lock_identity), 0, 0, identities,
     "graph nodes: address (each lock) or class (locks initialised at one site)"},
    {"max_locks", OPT_LONG, F(max_locks), 1024, 1L << 26, NULL, "locks tracked at once; beyond, new locks are ignored"},
    {"graph_path", OPT_PATH, F(graph_path), 0, 0, NULL, "write the lock-order graph as JSON at exit (%p: pid; \"stderr\": standard error)"},
    {"deadlock_timeout_ms", OPT_INT, F(deadlock_timeout_ms), 10, 600000, NULL,
     "how long a wait-for cycle must persist before it is reported"},
    {"detect_deadlocks", OPT_BOOL, F(detect_deadlocks), 0, 0, NULL, "run the wait-for (real deadlock) monitor"},
    {"exit_grace_ms", OPT_INT, F(exit_grace_ms), 0, 600000, NULL, "grace for exiting threads before a thread-leak"},
    {"report_thread_leaks", OPT_BOOL, F(report_thread_leaks), 0, 0, NULL, "report threads alive or unjoined at exit"},
    {"hang_timeout_s", OPT_INT, F(hang_timeout_s), 0, 86400, NULL, "report a hang after N s without progress (0: off)"},
    {"halt_on_hang", OPT_BOOL, F(halt_on_hang), 0, 0, NULL, "exit after a hang report"},
    {"dump_signal", OPT_SIGNAL, F(dump_signal), 0, 64, NULL, "print every thread's state on this signal (0: off)"},
    {"verbose", OPT_BOOL, F(verbose), 0, 0, NULL, "print the shim's notices (start-up, limits)"},
};
#undef F

void coffman_options_defaults(coffman_options *o)
{
    memset(o, 0, sizeof *o);
    o->format = COFFMAN_FORMAT_TEXT;
    o->stack_depth = 16;
    o->exitcode = 66;
    o->halt_on_deadlock = true;
    o->lock_identity = COFFMAN_IDENTITY_ADDRESS;
    o->max_locks = 1L << 20;
    o->deadlock_timeout_ms = 300;
    o->detect_deadlocks = true;
    o->exit_grace_ms = 200;
    o->report_thread_leaks = true;
    o->halt_on_hang = true;
}

/* Decimal digits only: no base prefix ("010" is ten, "0x42" is refused), no
 * sign, no spaces, and an overflow is out of range, not a wrapped value. */
static bool parse_long(const char *v, long *out)
{
    if (!*v)
        return false;
    long x = 0;
    for (const char *c = v; *c; c++) {
        if (*c < '0' || *c > '9')
            return false;
        int digit = *c - '0';
        x = x > (LONG_MAX - digit) / 10 ? LONG_MAX : x * 10 + digit;
    }
    *out = x;
    return true;
}

static bool parse_bool(const char *v, bool *out)
{
    static const char *const yes[] = {"1", "true", "yes", "on"};
    static const char *const no[] = {"0", "false", "no", "off"};
    for (size_t i = 0; i < 4; i++) {
        if (!strcmp(v, yes[i]))
            return (*out = true), true;
        if (!strcmp(v, no[i]))
            return (*out = false), true;
    }
    return false;
}

static bool parse_signal(const char *v, long *out)
{
    if (parse_long(v, out))
        return true;
    if (!strncmp(v, "SIG", 3))
        v += 3;
    for (int sig = 1; sig < NSIG; sig++) {
        const char *name = sigabbrev_np(sig);
        if (name && !strcmp(v, name))
            return (*out = sig), true;
    }
    return false;
}

/* Why a signal cannot be the dump signal, or NULL.  A crash signal's
 * handler returns to the faulting instruction, which faults again: a crash
 * would become an endless stream of dumps.  SIGKILL and SIGSTOP cannot be
 * caught, and glibc keeps the signals between 31 and SIGRTMIN for itself. */
static const char *dump_signal_refused(long sig)
{
    static const int crash[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGTRAP, SIGSYS};
    for (size_t i = 0; i < sizeof crash / sizeof crash[0]; i++)
        if (sig == crash[i])
            return "it reports a crash, and a dump handler would turn the crash into an endless loop";
    if (sig == SIGKILL || sig == SIGSTOP)
        return "it cannot be caught";
    if (sig > 31 && sig < SIGRTMIN)
        return "the C library reserves it";
    if (sig > SIGRTMAX)
        return "it is not a signal";
    return NULL;
}

/* What a value of this option looks like, for the error message. */
static void expected(const opt_def *d, char *out, size_t len)
{
    switch (d->type) {
    case OPT_BOOL: snprintf(out, len, "1/0, true/false, yes/no or on/off"); break;
    case OPT_INT: case OPT_LONG: snprintf(out, len, "a decimal integer in [%ld, %ld]", d->min, d->max); break;
    case OPT_SIGNAL: snprintf(out, len, "a signal name such as SIGUSR2, or its number; 0 for off"); break;
    case OPT_PATH: case OPT_SINK: snprintf(out, len, "a path of at most %d bytes", COFFMAN_PATH_MAX - 1); break;
    case OPT_ENUM: {
        size_t o = 0;
        for (int i = 0; d->choices[i] && o < len; i++)
            o += (size_t)snprintf(out + o, len - o, "%s%s", i ? " or " : "", d->choices[i]);
        break;
    }
    }
}

static bool set_one(coffman_options *o, const opt_def *d, const char *v, char *err, size_t errlen)
{
    char *field = (char *)o + d->offset;
    char shown[160], want[160];
    coffman_escape(v, shown, sizeof shown);
    long x = 0;
    bool b;
    switch (d->type) {
    case OPT_BOOL:
        if (!parse_bool(v, &b))
            goto bad;
        *(bool *)field = b;
        return true;
    case OPT_INT:
    case OPT_LONG:
    case OPT_SIGNAL:
        if (!(d->type == OPT_SIGNAL ? parse_signal(v, &x) : parse_long(v, &x)))
            goto bad;
        if (x < d->min || x > d->max)
            goto bad;
        if (d->type == OPT_SIGNAL && x && dump_signal_refused(x)) {
            snprintf(err, errlen, "%s=%s is refused: %s; use SIGQUIT, SIGUSR1 or SIGUSR2", d->name, shown,
                     dump_signal_refused(x));
            return false;
        }
        if (d->type == OPT_LONG)
            *(long *)field = x;
        else
            *(int *)field = (int)x;
        return true;
    case OPT_PATH:
    case OPT_SINK:
        if (strlen(v) >= COFFMAN_PATH_MAX)
            goto bad;
        strcpy(field, d->type == OPT_SINK && !strcmp(v, "stderr") ? "" : v);
        return true;
    case OPT_ENUM:
        for (int i = 0; d->choices[i]; i++)
            if (!strcmp(v, d->choices[i]))
                return (*(int *)field = i), true;
        goto bad;
    }
bad:
    expected(d, want, sizeof want);
    snprintf(err, errlen, "bad value '%s' for option '%s': expected %s", shown, d->name, want);
    return false;
}

static const opt_def *find(const char *key, size_t len)
{
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (strlen(table[i].name) == len && !strncmp(table[i].name, key, len))
            return &table[i];
    return NULL;
}

bool coffman_options_parse(coffman_options *o, const char *text, char *err, size_t errlen)
{
    char item[COFFMAN_PATH_MAX + 64];
    while (text && *text) {
        const char *end = strchr(text, ':');
        size_t n = end ? (size_t)(end - text) : strlen(text);
        if (n >= sizeof item) {
            char shown[64];
            snprintf(err, errlen, "option '%s' is too long (at most %zu bytes)",
                     coffman_escape_n(text, 40, shown, sizeof shown), sizeof item - 1);
            return false;
        }
        memcpy(item, text, n);
        item[n] = '\0';
        text = end ? end + 1 : NULL;
        if (n == 0)
            continue;
        char *eq = strchr(item, '=');
        if (!eq) {
            char shown[160];
            snprintf(err, errlen, "option '%s' has no value (expected key=value)",
                     coffman_escape(item, shown, sizeof shown));
            return false;
        }
        const opt_def *d = find(item, (size_t)(eq - item));
        if (!d) {
            *eq = '\0';
            char shown[160];
            snprintf(err, errlen, "unknown option '%s' (coffman --help lists the options)",
                     coffman_escape(item, shown, sizeof shown));
            return false;
        }
        if (!set_one(o, d, eq + 1, err, errlen))
            return false;
    }
    return true;
}

static void describe_default(const opt_def *d, const coffman_options *o, char *out, size_t len)
{
    const char *field = (const char *)o + d->offset;
    switch (d->type) {
    case OPT_BOOL: snprintf(out, len, "%d", *(const bool *)field); break;
    case OPT_INT: case OPT_SIGNAL: snprintf(out, len, "%d", *(const int *)field); break;
    case OPT_LONG: snprintf(out, len, "%ld", *(const long *)field); break;
    case OPT_PATH: case OPT_SINK: snprintf(out, len, "%s", *field ? field : "\"\""); break;
    case OPT_ENUM: snprintf(out, len, "%s", d->choices[*(const int *)field]); break;
    }
}

size_t coffman_options_help(char *buf, size_t len)
{
    coffman_options def;
    coffman_options_defaults(&def);
    size_t used = 0;
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        char dv[64];
        describe_default(&table[i], &def, dv, sizeof dv);
        int n = snprintf(buf + used, used < len ? len - used : 0, "  %-22s (default %s) %s\n", table[i].name, dv,
                         table[i].help);
        if (n > 0)
            used += (size_t)n;
    }
    return used;
}
