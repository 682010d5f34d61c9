/* The program the safety tests run under the shim.
 *   safety_child [plant KIND NAME [exec]] MODE [ARG]
 * plant: puts a KIND (symlink, fifo, file, hardlink) at NAME ("%p": this
 * process's pid), as an attacker in a shared directory would; symlink and
 * hardlink point at $SAFETY_VICTIM.  With "exec" it plants first, then
 * execs itself under $SAFETY_PRELOAD (same pid: the shim's start-up check
 * sees the planted file); without, the shim is already running (the plant
 * races its lazy open).
 * Modes make one report (a lock-order cycle: run with
 * report_single_thread=1) in different surroundings. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER, b = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t c = PTHREAD_MUTEX_INITIALIZER, d = PTHREAD_MUTEX_INITIALIZER;

static void inversion_of(pthread_mutex_t *x, pthread_mutex_t *y)
{
    pthread_mutex_lock(x);
    pthread_mutex_lock(y);
    pthread_mutex_unlock(y);
    pthread_mutex_unlock(x);
    pthread_mutex_lock(y);
    pthread_mutex_lock(x);
    pthread_mutex_unlock(x);
    pthread_mutex_unlock(y);
}

static void inversion(void) { inversion_of(&a, &b); }

static void expand(const char *tmpl, char *out, size_t len)
{
    const char *p = strstr(tmpl, "%p");
    if (!p)
        snprintf(out, len, "%s", tmpl);
    else
        snprintf(out, len, "%.*s%d%s", (int)(p - tmpl), tmpl, (int)getpid(), p + 2);
}

static int plant(const char *kind, const char *tmpl)
{
    char name[4096];
    expand(tmpl, name, sizeof name);
    const char *victim = getenv("SAFETY_VICTIM");
    int rc = -1;
    if (!strcmp(kind, "symlink"))
        rc = symlink(victim, name);
    else if (!strcmp(kind, "hardlink"))
        rc = link(victim, name);
    else if (!strcmp(kind, "fifo"))
        rc = mkfifo(name, 0666);
    else if (!strcmp(kind, "file")) {
        FILE *f = fopen(name, "w");
        rc = f && fputs("written before the run\n", f) >= 0 && fclose(f) == 0 ? 0 : -1;
    }
    if (rc != 0)
        perror(name);
    return rc;
}

static int run_mode(const char *mode, const char *arg)
{
    if (!strcmp(mode, "clean"))
        return 0;
    if (!strcmp(mode, "inversion"))
        inversion();
    else if (!strcmp(mode, "close-stderr")) {
        close(2);
        inversion();
    } else if (!strcmp(mode, "data-file")) {
        /* The data file becomes fd 2, as in a program that reuses it. */
        close(2);
        int fd = open(arg, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd != 2)
            return 3;
        inversion();
        if (write(fd, "data\n", 5) != 5)
            return 4;
        close(fd);
    } else if (!strcmp(mode, "reuse-every-fd")) {
        /* Like a daemon: close every descriptor above stderr, then open a
         * data file and let it take every number (the shim's included). */
        inversion();
        for (int fd = 3; fd < 1024; fd++)
            close(fd);
        int data = open(arg, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (data != 3)
            return 3;
        for (int fd = 4; fd < 1024; fd++)
            dup2(data, fd);
        inversion_of(&c, &d);
        if (write(data, "data\n", 5) != 5)
            return 4;
    } else if (!strcmp(mode, "file-size-limit")) {
        /* Writes past 64 bytes to any file fail with EFBIG. */
        signal(SIGXFSZ, SIG_IGN);
        struct rlimit rl = {64, 64};
        setrlimit(RLIMIT_FSIZE, &rl);
        inversion();
        inversion();
    } else if (!strcmp(mode, "dlclose-reload")) {
        /* The library's mutexes in one order, unloaded, then the next
         * load's mutexes (same addresses, new locks) in the other. */
        void *first = NULL;
        for (int reverse = 0; reverse < 2; reverse++) {
            void *lib = dlopen(arg, RTLD_NOW | RTLD_LOCAL);
            void (*lock_pair)(int) = lib ? (void (*)(int))dlsym(lib, "safety_lock_pair") : NULL;
            if (!lock_pair)
                return 9;
            lock_pair(reverse);
            if (!reverse)
                first = (void *)lock_pair;
            else
                printf("reloaded %s the old address\n", first == (void *)lock_pair ? "at" : "not at");
            dlclose(lib);
        }
    } else
        return 5;
    puts("done");
    return 0;
}

int main(int argc, char **argv)
{
    int i = 1;
    if (argc > 3 && !strcmp(argv[1], "plant")) {
        if (plant(argv[2], argv[3]) != 0)
            return 6;
        i = 4;
        if (argc > 4 && !strcmp(argv[4], "exec")) {
            setenv("LD_PRELOAD", getenv("SAFETY_PRELOAD"), 1);
            char *args[] = {argv[0], argc > 5 ? argv[5] : "clean", argc > 6 ? argv[6] : NULL, NULL};
            execv("/proc/self/exe", args);
            return 7;
        }
    }
    if (i >= argc)
        return 8;
    return run_mode(argv[i], i + 1 < argc ? argv[i + 1] : NULL);
}
