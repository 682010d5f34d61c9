#define _DEFAULT_SOURCE
#include "process.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void exec_child(char *const argv[], char *const env[], const char *output_path)
{
    setpgid(0, 0); /* so a timeout kills the whole tree */
    int fd = open(output_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
        dup2(fd, 1);
        dup2(fd, 2);
        close(fd);
    }
    for (size_t i = 0; env && env[i]; i++)
        putenv(env[i]);
    execv(argv[0], argv);
    fprintf(stderr, "cannot run %s: %s\n", argv[0], strerror(errno));
    _exit(127);
}

static long now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000L + t.tv_nsec / 1000000L;
}

run_result process_run(char *const argv[], char *const env[], const char *output_path,
                       unsigned limit_ms)
{
    run_result r = {0};
    pid_t pid = fork();
    if (pid == 0)
        exec_child(argv, env, output_path);
    if (pid < 0) {
        perror("fork");
        r.status = 127;
        return r;
    }
    long deadline = now_ms() + limit_ms;
    int status = 0;
    pid_t done;
    while ((done = waitpid(pid, &status, WNOHANG)) == 0 && now_ms() < deadline)
        usleep(10000);
    if (done == 0) {
        r.timed_out = true;
        kill(-pid, SIGKILL);
        kill(pid, SIGKILL);
        waitpid(pid, &status, 0);
        return r;
    }
    r.signaled = WIFSIGNALED(status);
    r.status = r.signaled ? WTERMSIG(status) : WEXITSTATUS(status);
    return r;
}

void process_show_output(const char *output_path, const char *title)
{
    FILE *f = fopen(output_path, "r");
    if (!f)
        return;
    fprintf(stderr, "---- %s ----\n", title);
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        fwrite(buf, 1, n, stderr);
    fprintf(stderr, "---- end of %s ----\n", title);
    fclose(f);
}
