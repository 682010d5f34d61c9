// Robustness: the program closes stderr and opens a data file, which gets
// fd 2; then two threads take two locks in opposite orders (taking turns:
// a potential deadlock).  The report must not land in the data
// file: the shim writes to the stderr the process started with (or to
// log_path).  The program checks its data file itself.
// coffman-runtime: expect=lock-order-inversion output=same
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER, b = PTHREAD_MUTEX_INITIALIZER;
static sem_t first_done, second_done;

static void *forward(void *arg) {
    (void)arg;
    pthread_mutex_lock(&a);
    pthread_mutex_lock(&b);
    pthread_mutex_unlock(&b);
    pthread_mutex_unlock(&a);
    sem_post(&first_done);
    sem_wait(&second_done);   /* alive while the other order is taken */
    return NULL;
}

static void *backward(void *arg) {
    (void)arg;
    sem_wait(&first_done);
    pthread_mutex_lock(&b);
    pthread_mutex_lock(&a); // coffman-expect: lock-order-inversion
    pthread_mutex_unlock(&a);
    pthread_mutex_unlock(&b);
    sem_post(&second_done);
    return NULL;
}

int main(void) {
    char path[] = "/tmp/coffman-data-XXXXXX";
    close(2);
    int fd = mkstemp(path);
    if (fd != 2)
        return 1;
    sem_init(&first_done, 0, 0);
    sem_init(&second_done, 0, 0);
    pthread_t t1, t2;
    pthread_create(&t1, NULL, forward, NULL);
    pthread_create(&t2, NULL, backward, NULL);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    const char data[] = "the program's data\n";
    if (write(fd, data, sizeof data - 1) != (ssize_t)sizeof data - 1)
        return 1;
    char back[4096] = {0};
    ssize_t n = pread(fd, back, sizeof back - 1, 0);
    unlink(path);
    int intact = n == (ssize_t)sizeof data - 1 && !memcmp(back, data, sizeof data - 1);
    puts(intact ? "the data file holds only the program's data" : "the data file was written into");
    return intact ? 0 : 1;
}
