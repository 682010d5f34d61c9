/* Name resolution under a lock (collectd network.c:2022): getaddrinfo and
 * the other resolver calls wait for DNS servers, seconds per try, and
 * during an outage every thread that needs the lock stalls behind one
 * lookup.  Resolving before taking the lock is the fix, and silent.
 *
 * This run resolves numeric addresses only, so it needs no network.
 *
 * coffman-runtime: expect=clean
 */
#define _GNU_SOURCE
#include <netdb.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

struct peer {
    pthread_mutex_t lock;
    struct addrinfo *addr;
    char host[NI_MAXHOST];
};

static struct peer server = {PTHREAD_MUTEX_INITIALIZER, NULL, ""};

static void resolve_locked(const char *node)
{
    struct addrinfo hints;
    memset(&hints, 0, sizeof hints);
    hints.ai_flags = AI_NUMERICHOST;
    pthread_mutex_lock(&server.lock);
    if (server.addr == NULL &&
        getaddrinfo(node, "25826", &hints, &server.addr) != 0) // coffman-expect: blocking-while-locked
        server.addr = NULL;
    if (server.addr != NULL)
        getnameinfo(server.addr->ai_addr, server.addr->ai_addrlen, // coffman-expect: blocking-while-locked
                    server.host, sizeof server.host, NULL, 0, NI_NUMERICHOST);
    pthread_mutex_unlock(&server.lock);
}

static void resolve_first(const char *node)
{
    struct addrinfo hints, *res = NULL;
    memset(&hints, 0, sizeof hints);
    hints.ai_flags = AI_NUMERICHOST;
    if (getaddrinfo(node, "25826", &hints, &res) != 0)
        return;
    pthread_mutex_lock(&server.lock);
    struct addrinfo *old = server.addr;
    server.addr = res;
    pthread_mutex_unlock(&server.lock);
    if (old != NULL)
        freeaddrinfo(old);
}

static void *worker(void *arg)
{
    resolve_locked(arg);
    resolve_first(arg);
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, "127.0.0.1");
    pthread_join(t, NULL);
    printf("resolved %s\n", server.host);
    if (server.addr != NULL)
        freeaddrinfo(server.addr);
    return 0;
}
