#define _GNU_SOURCE
#include "ignore.h"

#include <coffman/leaktest.h>
#include <fnmatch.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static pthread_mutex_t rules_mu = PTHREAD_MUTEX_INITIALIZER;
static lt_globs rules;

bool coffman_leaktest_ignore(const char *glob)
{
    if (!glob)
        return false;
    char *copy = strdup(glob);
    if (!copy)
        return false;
    pthread_mutex_lock(&rules_mu);
    char **v = realloc(rules.v, (rules.n + 1) * sizeof *v);
    if (v) {
        v[rules.n++] = copy;
        rules.v = v;
    }
    pthread_mutex_unlock(&rules_mu);
    if (!v)
        free(copy);
    return v != NULL;
}

void coffman_leaktest_clear_ignores(void)
{
    pthread_mutex_lock(&rules_mu);
    lt_globs_free(&rules);
    pthread_mutex_unlock(&rules_mu);
}

bool lt_globs_copy(lt_globs *out)
{
    bool ok = true;
    out->v = NULL;
    out->n = 0;
    pthread_mutex_lock(&rules_mu);
    if (rules.n) {
        out->v = calloc(rules.n, sizeof *out->v);
        ok = out->v != NULL;
        for (size_t i = 0; ok && i < rules.n; i++) {
            out->v[i] = strdup(rules.v[i]);
            ok = out->v[i] != NULL;
            out->n = i + 1;
        }
    }
    pthread_mutex_unlock(&rules_mu);
    if (!ok)
        lt_globs_free(out);
    return ok;
}

void lt_globs_free(lt_globs *g)
{
    for (size_t i = 0; i < g->n; i++)
        free(g->v[i]);
    free(g->v);
    g->v = NULL;
    g->n = 0;
}

bool lt_globs_match(const lt_globs *g, const char *name)
{
    for (size_t i = 0; i < g->n; i++)
        if (fnmatch(g->v[i], name, 0) == 0)
            return true;
    return false;
}
