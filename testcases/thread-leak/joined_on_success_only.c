// start_pair() starts a reader, then a writer; when the writer cannot be
// started it returns an error and the reader's handle is dropped.
// coffman-runtime: expect=clean
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>

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
    if (pthread_create(&r, NULL, reader, NULL) != 0) // coffman-expect: thread-leak
        return -1;
    if (pthread_create(&w, NULL, writer, NULL) != 0)
        return -1;
    pthread_join(w, NULL);
    pthread_join(r, NULL);
    return 0;
}

int main(void) {
    return start_pair() == 0 ? 0 : 1;
}
