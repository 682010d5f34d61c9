#include "checker.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "compdb.h"
#include "diagnostics.h"

extern char **environ;

static atomic_int running_pid;

void checker_kill_running(void)
{
    int pid = atomic_load(&running_pid);
    if (pid > 0)
        kill(-pid, SIGKILL);
}

typedef struct output {
    char *data;
    size_t len;
} output;

static void append(output *o, const char *s, size_t n)
{
    char *d = realloc(o->data, o->len + n + 1);
    if (!d)
        return;
    memcpy(d + o->len, s, n);
    o->len += n;
    d[o->len] = '\0';
    o->data = d;
}

/* Argument vector: checker --format=json -p DB --unsaved=FILE=TEMP
 * [--merge=FACTS] FILE.  The checker parses the temp copy under the real
 * file's name and compile command, so findings name the real file, and
 * facts of the real file merged from FACTS give way to the fresh ones. */
static char **build_argv(const checker_config *c, const char *db, const char *path,
                         const char *temp, char **owned)
{
    char **argv = calloc(8, sizeof *argv);
    if (!argv)
        return NULL;
    size_t n = 0;
    argv[n++] = (char *)c->checker;
    argv[n++] = "--format=json";
    if (asprintf(&owned[0], "-p%s", db) < 0 ||
        asprintf(&owned[1], "--unsaved=%s=%s", path, temp) < 0) {
        free(argv);
        return NULL;
    }
    argv[n++] = owned[0];
    argv[n++] = owned[1];
    if (c->facts_dir && asprintf(&owned[2], "--merge=%s", c->facts_dir) > 0)
        argv[n++] = owned[2];
    argv[n++] = (char *)path;
    return argv;
}

static bool write_file(const char *path, const text_buf *t)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return false;
    size_t off = 0;
    while (off < t->len) {
        ssize_t n = write(fd, t->data + off, t->len - off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        off += (size_t)n;
    }
    return close(fd) == 0 && off == t->len;
}

static int spawn(char **argv, const char *cwd, int out_fd, int err_fd)
{
    posix_spawn_file_actions_t fa;
    posix_spawnattr_t attr;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&fa, out_fd, 1);
    posix_spawn_file_actions_adddup2(&fa, err_fd, 2);
    posix_spawn_file_actions_addchdir_np(&fa, cwd);
    posix_spawnattr_init(&attr);
    /* Its own process group, so cancelling kills its helpers too. */
    posix_spawnattr_setpgroup(&attr, 0);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
    pid_t pid;
    int rc = posix_spawnp(&pid, argv[0], &fa, &attr, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&attr);
    if (rc != 0) {
        errno = rc;
        return -1;
    }
    return pid;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

typedef enum run_end { RUN_DONE, RUN_CANCELLED, RUN_TIMEOUT } run_end;

/* Collects stdout and stderr until both close, polling `wanted`. */
static run_end collect(int pid, int out_fd, int err_fd, output *out, output *err,
                       const checker_config *c, checker_wanted wanted, void *ctx)
{
    struct pollfd p[2] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}};
    output *sink[2] = {out, err};
    double deadline = now_s() + c->timeout_s;
    int open_fds = 2;
    while (open_fds > 0) {
        if (!wanted(ctx) || now_s() > deadline) {
            kill(-pid, SIGKILL);
            return wanted(ctx) ? RUN_TIMEOUT : RUN_CANCELLED;
        }
        if (poll(p, 2, 100) < 0 && errno != EINTR)
            break;
        for (int i = 0; i < 2; i++) {
            if (p[i].fd < 0 || !(p[i].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            char buf[65536];
            ssize_t n = read(p[i].fd, buf, sizeof buf);
            if (n > 0) {
                append(sink[i], buf, (size_t)n);
            } else if (n == 0 || errno != EINTR) {
                p[i].fd = -1;
                open_fds--;
            }
        }
    }
    return RUN_DONE;
}

/* The line of the checker's stderr that says most about a failure. */
static char *first_error(const output *err)
{
    const char *text = err->data ? err->data : "";
    const char *hit = strstr(text, "error:");
    const char *start = hit ? hit : text;
    while (hit && start > text && start[-1] != '\n')
        start--;
    size_t n = strcspn(start, "\n");
    return n ? strndup(start, n) : strdup("no message");
}

static json_t *failure(const char *fmt, const char *a, const char *b, int severity)
{
    char msg[2048];
    snprintf(msg, sizeof msg, fmt, a, b);
    json_t *arr = json_array();
    json_array_append_new(arr, diag_failure(msg, severity));
    return arr;
}

/* Findings from a finished run, or one diagnostic saying why not. */
static json_t *interpret(int status, const output *out, const output *err,
                         const char *checker, const diag_target *t)
{
    char detail[64];
    if (WIFSIGNALED(status)) {
        snprintf(detail, sizeof detail, "signal %d, %s", WTERMSIG(status),
                 strsignal(WTERMSIG(status)));
        return failure("coffman: %s crashed (%s); no coffman findings for this file",
                       checker, detail, 2);
    }
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    const char *why = NULL;
    json_t *diags = (code == 0 || code == 1 || code == 2)
                        ? diag_from_report(out->data ? out->data : "", t, &why)
                        : NULL;
    if (code == 0 || code == 1) {
        if (diags)
            return diags;
        return failure("coffman: %s: %s", checker, why, 2);
    }
    char *raw = first_error(err);
    char *line = diag_untemp(raw, t);
    free(raw);
    json_t *result = diags ? diags : json_array();
    if (code == 2)
        json_array_append_new(result, diag_failure(line, 3));
    else {
        char msg[1200];
        snprintf(msg, sizeof msg, "coffman: %s exited with status %d: %s",
                 checker, code, line);
        json_array_append_new(result, diag_failure(msg, 2));
    }
    free(line);
    return result;
}

/* The database to pass as -p: the project's, or a one-line one in the
 * run's temp directory for a file no database knows. */
static char *database_for(const checker_config *c, const char *path, const char *dir)
{
    char *db = compdb_find(path, c->compdb_dir);
    if (db || compdb_write_default(dir, path) != 0)
        return db;
    return strdup(dir);
}

static json_t *run(const checker_config *c, const char *path, const char *dir,
                   const char *temp, const text_buf *text, bool utf16,
                   checker_wanted wanted, void *ctx)
{
    char *owned[3] = {NULL, NULL, NULL};
    char *db = database_for(c, path, dir);
    char **argv = db ? build_argv(c, db, path, temp, owned) : NULL;
    int out_pipe[2], err_pipe[2];
    json_t *result = NULL;
    bool cancelled = false;
    if (!argv || pipe2(out_pipe, O_CLOEXEC) != 0)
        goto done;
    if (pipe2(err_pipe, O_CLOEXEC) != 0) {
        close(out_pipe[0]);
        close(out_pipe[1]);
        goto done;
    }
    int pid = spawn(argv, dir, out_pipe[1], err_pipe[1]);
    close(out_pipe[1]);
    close(err_pipe[1]);
    if (pid < 0) {
        result = failure("coffman: cannot run %s: %s", c->checker, strerror(errno), 2);
    } else {
        atomic_store(&running_pid, pid);
        output out = {0}, err = {0};
        run_end end = collect(pid, out_pipe[0], err_pipe[0], &out, &err, c, wanted, ctx);
        int status = 0;
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
            ;
        atomic_store(&running_pid, 0);
        diag_target t = {path, temp, text, utf16};
        cancelled = end == RUN_CANCELLED;
        if (end == RUN_DONE)
            result = interpret(status, &out, &err, c->checker, &t);
        else if (end == RUN_TIMEOUT)
            result = failure("coffman: %s took longer than the timeout%s; stopped",
                             c->checker, "", 2);
        free(out.data);
        free(err.data);
    }
    close(out_pipe[0]);
    close(err_pipe[0]);
done:
    if (!result && !cancelled)
        result = failure("coffman: cannot run %s: %s", c->checker, strerror(errno), 2);
    free(argv);
    for (int i = 0; i < 3; i++)
        free(owned[i]);
    free(db);
    return result;
}

json_t *checker_run(const checker_config *c, const char *path,
                    const text_buf *text, bool utf16,
                    checker_wanted wanted, void *ctx)
{
    /* Same basename as the real file: messages and rules that look at the
     * name read naturally, and each run gets a fresh directory. */
    static atomic_uint counter;
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    char dir[512], temp[800];
    snprintf(dir, sizeof dir, "%s/%u", c->temp_root, atomic_fetch_add(&counter, 1));
    snprintf(temp, sizeof temp, "%s/%s", dir, base);
    if (mkdir(dir, 0700) != 0 || !write_file(temp, text)) {
        rmdir(dir);
        return failure("coffman: cannot write the buffer to %s: %s", temp,
                       strerror(errno), 2);
    }
    json_t *result = run(c, path, dir, temp, text, utf16, wanted, ctx);
    char db[600];
    snprintf(db, sizeof db, "%s/compile_commands.json", dir);
    unlink(db);
    unlink(temp);
    rmdir(dir);
    return result;
}
