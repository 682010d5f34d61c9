/* The report context (arena + symbolizer + notes) and the sink. */
#define _GNU_SOURCE
#include "report_emit.h"

#include "lock_table.h"
#include "report_arena.h"
#include "report_file.h"
#include "report_stderr.h"
#include "options.h"
#include "shim.h"
#include "spin.h"
#include "stack_capture.h"
#include "suppressions.h"
#include "symbolize.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct coffman_report {
    coffman_arena mem;
    coffman_symbolizer *sym;
    coffman_note_list notes;
};

/* Reports go to the saved stderr, or to the log file (opened lazily). */
enum { SINK_STDERR = -1, SINK_UNOPENED = -2 };
static coffman_kept_fd sink = {SINK_STDERR, 0, 0};
static char sink_path[COFFMAN_PATH_MAX + 32];
static coffman_spin emit_lock = COFFMAN_SPIN_INIT;
static atomic_uint written;
static int sink_open_lazy(void);

coffman_report *coffman_report_begin(void)
{
    coffman_busy++;
    coffman_report *r = calloc(1, sizeof *r);
    if (r)
        r->sym = coffman_symbolizer_open();
    else
        coffman_busy--;
    return r;
}

const char *coffman_report_strf(coffman_report *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    const char *s = coffman_arena_vstrf(&r->mem, fmt, ap);
    va_end(ap);
    return s;
}

coffman_frame coffman_report_frame(coffman_report *r, uintptr_t pc)
{
    coffman_frame f;
    coffman_symbolize(r->sym, pc, true, &f);
    return f;
}

const coffman_frame *coffman_report_pcs(coffman_report *r, const uintptr_t *pcs, size_t n)
{
    coffman_frame *out = n ? coffman_arena_alloc(&r->mem, n * sizeof *out) : NULL;
    for (size_t i = 0; out && i < n; i++)
        coffman_symbolize(r->sym, pcs[i], true, &out[i]);
    return out;
}

const coffman_frame *coffman_report_stack(coffman_report *r, uint32_t id, size_t *n)
{
    const uintptr_t *pcs;
    *n = 0;
    if (!coffman_stack_get(id, &pcs, n))
        return NULL;
    const coffman_frame *f = coffman_report_pcs(r, pcs, *n);
    if (!f)
        *n = 0;
    return f;
}

const char *coffman_report_lock_name(coffman_report *r, uintptr_t addr, int kind)
{
    char buf[128];
    const char *sym = coffman_symbolize_data(r->sym, addr, buf, sizeof buf);
    const char *what = coffman_obj_kind_name((coffman_obj_kind)kind);
    if (sym)
        return coffman_report_strf(r, "%s '%s' (%#lx)", what, sym, (unsigned long)addr);
    return coffman_report_strf(r, "%s %#lx", what, (unsigned long)addr);
}

void coffman_report_note(coffman_report *r, const char *message, const coffman_frame *stack, size_t n)
{
    coffman_note_list_add(&r->notes, message, stack, n);
}

bool coffman_report_finish(coffman_report *r, coffman_finding *f)
{
    if (!r)
        return false;
    f->notes = r->notes.notes;
    f->note_count = r->notes.count;
    if (!f->loc.pc && !f->loc.file && f->stack && f->stack_len)
        f->loc = f->stack[0];
    bool ok = coffman_emit(f);
    coffman_symbolizer_close(r->sym);
    coffman_arena_free(&r->mem);
    coffman_note_list_free(&r->notes);
    free(r);
    coffman_busy--;
    return ok;
}

/* A report that cannot be written (disk full, a file size limit) is noted
 * once on the saved stderr, and this and later reports go there instead. */
static void write_all(const char *p, size_t n)
{
    int fd = sink_open_lazy();
    if (fd == SINK_STDERR) {
        coffman_stderr_write(p, n);
        return;
    }
    if (fd < 0 || coffman_write_fully(fd, p, n))
        return;
    coffman_notice("cannot write a report to log_path '%s': %s; reporting to stderr from now on", sink_path,
                   strerror(errno));
    close(fd);
    sink.fd = SINK_STDERR;
    coffman_stderr_write(p, n);
}

bool coffman_emit(const coffman_finding *f)
{
    if (coffman_suppressed(f))
        return false;
    coffman_buf buf;
    coffman_buf_init(&buf);
    if (coffman_opts.format == COFFMAN_FORMAT_JSON)
        coffman_format_json(&buf, f, "libcoffman");
    else
        coffman_format_sanitizer(&buf, f, (int)getpid(), coffman_opts.color);
    coffman_spin_lock(&emit_lock);
    if (buf.data)
        write_all(buf.data, buf.len);
    coffman_spin_unlock(&emit_lock);
    coffman_buf_free(&buf);
    atomic_fetch_add(&written, 1);
    if (coffman_opts.halt_on_error)
        coffman_halt();
    return true;
}

void coffman_notice(const char *fmt, ...)
{
    char line[512];
    int n = snprintf(line, sizeof line, "==%d==coffman: note: ", (int)getpid());
    va_list ap;
    va_start(ap, fmt);
    n += vsnprintf(line + n, sizeof line - (size_t)n - 1, fmt, ap);
    va_end(ap);
    if (n > (int)sizeof line - 2)
        n = (int)sizeof line - 2;
    line[n++] = '\n';
    coffman_stderr_write(line, (size_t)n);
}

unsigned coffman_findings_written(void) { return atomic_load(&written); }

_Noreturn void coffman_halt(void)
{
    _exit(coffman_opts.exitcode);
}

/* Like the sanitizers' log_path: reports go to "<log_path>.<pid>", opened
 * at the first report (so a clean run leaves no file, and a forked child
 * writes its own), created safely (report_file.h). */
static void log_file_name(char *out, size_t len)
{
    snprintf(out, len, "%s.%d", coffman_opts.log_path, (int)getpid());
}

/* The log file, opened at the first report, and again if the program
 * closed its descriptor since (the number may now be one of its files). */
static int sink_open_lazy(void)
{
    if (sink.fd == SINK_STDERR)
        return SINK_STDERR;
    if (sink.fd >= 0) {
        if (coffman_kept_fd_get(&sink) >= 0)
            return sink.fd;
        sink.fd = SINK_UNOPENED;
    }
    log_file_name(sink_path, sizeof sink_path);
    char err[600];
    int fd = coffman_report_file_append("log_path", sink_path, err, sizeof err);
    if (fd < 0 || !coffman_kept_fd_set(&sink, fd)) {
        if (fd >= 0)
            close(fd);
        else
            coffman_notice("%s; reporting to stderr", err);
        sink.fd = SINK_STDERR;
    }
    return sink.fd;
}

/* Checks at start-up that the log file can be created safely. */
bool coffman_report_sink_open(char *err, size_t errlen)
{
    if (!coffman_opts.log_path[0]) {
        sink.fd = SINK_STDERR;
        return true;
    }
    log_file_name(sink_path, sizeof sink_path);
    if (!coffman_report_file_check("log_path", sink_path, err, errlen))
        return false;
    sink.fd = SINK_UNOPENED;
    return true;
}

void coffman_report_after_fork_child(void)
{
    if (coffman_opts.log_path[0]) {
        if (coffman_kept_fd_get(&sink) >= 0)
            close(sink.fd);
        sink.fd = SINK_UNOPENED;
    }
    coffman_spin_reset(&emit_lock);
    atomic_store(&written, 0);
}

coffman_symbolizer *coffman_report_symbolizer(coffman_report *r)
{
    return r->sym;
}
