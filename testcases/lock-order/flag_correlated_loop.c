/* A crawler walks per-class locks inside a loop, holding crawl_lock.  Its
 * module says whether its callback needs the class lock: the lock is
 * released before the callback under `if (!mod->needs_lock)` and after it
 * under `if (mod->needs_lock)`, so it is never held when the loop drops and
 * retakes crawl_lock.  The loop also branches on several flags nobody tests
 * again (a client error code, an item pointer, a sleep setting), which
 * multiply the paths.  A lockset that merges those paths loses the
 * needs_lock correlation, keeps class_locks[] "held" into the next
 * iteration, and reports class_locks[] -> crawl_lock against the starter's
 * crawl_lock -> class_locks[].
 *
 * coffman-runtime: expect=clean
 */
#define _DEFAULT_SOURCE
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <unistd.h>

#define NCLASS 4

struct module {
    bool needs_lock;
    bool needs_client;
    void (*eval)(int cls);
};

struct crawl {
    struct module *mod;
    int client_fd;
};

static pthread_mutex_t crawl_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t class_locks[NCLASS];
static int items[NCLASS] = {1, 1, 1, 1};
static int queued[NCLASS];
static int checked[NCLASS];
static unsigned crawl_sleep_us;

static void count_item(int cls)
{
    checked[cls]++;
}

static struct module expire_mod = {true, false, count_item};
static struct crawl active = {&expire_mod, -1};

static int client_getbuf(struct crawl *c)
{
    return c->client_fd >= 0 ? 0 : 0;
}

static int *first_item(int cls)
{
    return items[cls] ? &items[cls] : NULL;
}

static void crawl_classes(void)
{
    for (int i = 0; i < NCLASS; i++) {
        if (active.client_fd >= 0) {
            int ret = client_getbuf(&active);
            if (ret != 0)
                continue;
        } else if (active.mod->needs_client) {
            continue;
        }
        pthread_mutex_lock(&class_locks[i]);
        int *item = first_item(i);
        if (item == NULL) {
            pthread_mutex_unlock(&class_locks[i]);
            continue;
        }
        if (!active.mod->needs_lock)
            pthread_mutex_unlock(&class_locks[i]);
        active.mod->eval(i);
        if (item)
            (*item)++;
        if (active.mod->needs_lock)
            pthread_mutex_unlock(&class_locks[i]);
        if (crawl_sleep_us) {
            pthread_mutex_unlock(&crawl_lock);
            usleep(crawl_sleep_us);
            pthread_mutex_lock(&crawl_lock);
        } else if (!crawl_sleep_us) {
            pthread_mutex_unlock(&crawl_lock);
            pthread_mutex_lock(&crawl_lock);
        }
    }
}

static void *crawler(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&crawl_lock);
    for (int round = 0; round < 3; round++)
        crawl_classes();
    pthread_mutex_unlock(&crawl_lock);
    return NULL;
}

static void *starter(void *arg)
{
    (void)arg;
    for (int i = 0; i < NCLASS; i++) {
        pthread_mutex_lock(&crawl_lock);
        pthread_mutex_lock(&class_locks[i]);
        queued[i]++;
        pthread_mutex_unlock(&class_locks[i]);
        pthread_mutex_unlock(&crawl_lock);
    }
    return NULL;
}

int main(void)
{
    pthread_t c, s;
    for (int i = 0; i < NCLASS; i++)
        pthread_mutex_init(&class_locks[i], NULL);
    pthread_create(&c, NULL, crawler, NULL);
    pthread_create(&s, NULL, starter, NULL);
    pthread_join(c, NULL);
    pthread_join(s, NULL);
    return checked[0] == 3 && queued[0] == 1 ? 0 : 1;
}
