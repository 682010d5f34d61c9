/* Wait stacks by call site: per thread, then per start routine. */
#define _GNU_SOURCE
#include "site_stacks.h"

#include "spin.h"
#include "stack_capture.h"

enum { SHARED_SLOTS = 256 };

typedef struct {
    uintptr_t routine, pc, depth;
    uint32_t id;
} shared_site;

static coffman_spin shared_lock = COFFMAN_SPIN_INIT;
static shared_site shared[SHARED_SLOTS];

static size_t shared_slot(uintptr_t routine, uintptr_t pc, uintptr_t depth)
{
    uint64_t h = (routine * 31 + pc) * 0x9E3779B97F4A7C15ull ^ depth;
    return (size_t)(h ^ (h >> 32)) % SHARED_SLOTS;
}

/* Threads the shim started know the stack pointer their routine began
 * with; the depth below it names the site across the routine's threads. */
static uint32_t shared_find(const coffman_thread *t, uintptr_t pc, uintptr_t sp)
{
    if (!t->start_sp || sp > t->start_sp)
        return 0;
    uintptr_t routine = (uintptr_t)t->start_routine, depth = t->start_sp - sp;
    const shared_site *s = &shared[shared_slot(routine, pc, depth)];
    coffman_spin_lock(&shared_lock);
    uint32_t id = s->routine == routine && s->pc == pc && s->depth == depth ? s->id : 0;
    coffman_spin_unlock(&shared_lock);
    return id;
}

static void shared_keep(const coffman_thread *t, uintptr_t pc, uintptr_t sp, uint32_t id)
{
    if (!t->start_sp || sp > t->start_sp || !id)
        return;
    uintptr_t routine = (uintptr_t)t->start_routine, depth = t->start_sp - sp;
    coffman_spin_lock(&shared_lock);
    shared[shared_slot(routine, pc, depth)] = (shared_site){routine, pc, depth, id};
    coffman_spin_unlock(&shared_lock);
}

uint32_t coffman_site_stack(coffman_thread *t, uintptr_t pc, uintptr_t sp)
{
    uintptr_t key = pc * 31 + sp;
    size_t i = (key >> 4) & 3;
    if (t->wait_cache_key[i] == key && t->wait_cache_id[i])
        return t->wait_cache_id[i];
    coffman_busy++;
    uint32_t id = shared_find(t, pc, sp);
    if (!id) {
        id = coffman_capture_stack_id(0);
        shared_keep(t, pc, sp, id);
    }
    coffman_busy--;
    t->wait_cache_key[i] = key;
    t->wait_cache_id[i] = id;
    return id;
}

void coffman_site_stacks_after_fork_child(void)
{
    coffman_spin_reset(&shared_lock);
}
