#include "pending.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

typedef struct pending {
    json_t *id;
    char *method;
    struct pending *next;
} pending;

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pending *head;

void pending_add(const json_t *id, const char *method)
{
    pending *p = calloc(1, sizeof *p);
    if (!p)
        return;
    p->id = json_deep_copy(id);
    p->method = strdup(method ? method : "");
    pthread_mutex_lock(&mu);
    p->next = head;
    head = p;
    pthread_mutex_unlock(&mu);
}

char *pending_take(const json_t *id)
{
    char *method = NULL;
    pthread_mutex_lock(&mu);
    for (pending **pp = &head; *pp; pp = &(*pp)->next) {
        if (json_equal((*pp)->id, id)) {
            pending *p = *pp;
            *pp = p->next;
            method = p->method;
            json_decref(p->id);
            free(p);
            break;
        }
    }
    pthread_mutex_unlock(&mu);
    return method;
}

void pending_drain(void (*fn)(const json_t *id, void *ctx), void *ctx)
{
    pthread_mutex_lock(&mu);
    pending *list = head;
    head = NULL;
    pthread_mutex_unlock(&mu);
    while (list) {
        pending *next = list->next;
        fn(list->id, ctx);
        json_decref(list->id);
        free(list->method);
        free(list);
        list = next;
    }
}
