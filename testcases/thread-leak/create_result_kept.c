// start_pair() keeps each pthread_create result to print it:
// `if ((rc = pthread_create(..)) != 0)`.  When the reader cannot be
// started no thread exists, so returning drops nothing; when the writer
// cannot be started, the reader's handle is dropped.
// coffman-runtime: expect=clean
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static void *reader(void *arg) {
    (void)arg;
    puts("reader");
    return NULL;
}

static void *writer(void *arg) {
    (void)arg;
    puts("writer");
    return NULL;
}

static int start_pair(void) {
    pthread_t r, w;
    int rc;
    if ((rc = pthread_create(&r, NULL, reader, NULL)) != 0) { // coffman-expect: thread-leak
        fprintf(stderr, "reader: %s\n", strerror(rc));
        return -1;
    }
    if ((rc = pthread_create(&w, NULL, writer, NULL)) != 0) {
        fprintf(stderr, "writer: %s\n", strerror(rc));
        return -1;
    }
    pthread_join(w, NULL);
    pthread_join(r, NULL);
    return 0;
}

int main(void) {
    return start_pair() == 0 ? 0 : 1;
}
