// Robustness: a library loaded with dlopen (SQLite, thread-safe build)
// takes its own mutexes from several threads; its lock calls go through
// the shim like the program's.  Its lock order is consistent: silent.
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
    db_exec(db, "create table t(x); insert into t values (1), (2), (3);"
                "select sum(x) from t;", NULL, NULL, NULL);
    db_close(db);
    return NULL;
}

int main(void) {
    void *lib = dlopen("libsqlite3.so.0", RTLD_NOW);
    if (!lib) {
        puts("no libsqlite3: nothing to test");
        return 0;
    }
    db_open = (open_fn)dlsym(lib, "sqlite3_open");
    db_exec = (exec_fn)dlsym(lib, "sqlite3_exec");
    db_close = (close_fn)dlsym(lib, "sqlite3_close");
    if (!db_open || !db_exec || !db_close)
        return 1;
    pthread_t t[4];
    for (int i = 0; i < 4; i++)
        pthread_create(&t[i], NULL, work, NULL);
    int failed = 0;
    for (int i = 0; i < 4; i++) {
        void *r;
        pthread_join(t[i], &r);
        failed |= r != NULL;
    }
    puts("done");
    return failed;
}
