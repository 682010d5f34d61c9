// Robustness: longjmp (and siglongjmp out of a signal handler the thread
// raised itself) leaves functions that hold locks; the landing site
// unlocks them.  The shim keeps no per-frame state, so nothing is lost and
// nothing is reported.  100,000 rounds each.
// coffman-runtime: expect=clean output=same static=skip why=the-checker-does-not-follow-longjmp-so-it-sees-a-relock
#define _GNU_SOURCE
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>

static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER, b = PTHREAD_MUTEX_INITIALIZER;
static jmp_buf plain;
static sigjmp_buf from_handler;

static void fail_deep(int depth) {
    if (depth == 0) {
        pthread_mutex_lock(&b);
        longjmp(plain, 1);
    }
    fail_deep(depth - 1);
}

static void on_signal(int sig) {
    (void)sig;
    siglongjmp(from_handler, 1);
}

int main(void) {
    signal(SIGUSR1, on_signal);
    long landed = 0;
    for (int i = 0; i < 100000; i++) {
        if (setjmp(plain) == 0) {
            pthread_mutex_lock(&a);
            fail_deep(5);
        } else {
            pthread_mutex_unlock(&b);
            pthread_mutex_unlock(&a);
            landed++;
        }
        if (sigsetjmp(from_handler, 1) == 0) {
            pthread_mutex_lock(&a);
            pthread_mutex_lock(&b);
            raise(SIGUSR1);
        } else {
            pthread_mutex_unlock(&b);
            pthread_mutex_unlock(&a);
            landed++;
        }
    }
    /* Both locks must be free again. */
    int free_now = pthread_mutex_trylock(&a) == 0 && pthread_mutex_trylock(&b) == 0;
    printf("%ld landings, locks %s\n", landed, free_now ? "free" : "still held");
    return landed == 200000 && free_now ? 0 : 1;
}
