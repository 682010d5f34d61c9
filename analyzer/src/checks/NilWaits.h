// The nil-object rules of never-signaled-wait (NeverSignaledWait.cpp runs
// them): waits that can never end because their object is not there.
#ifndef COFFMAN_CHECKS_NILWAITS_H
#define COFFMAN_CHECKS_NILWAITS_H

#include "checks/Finding.h"
#include "checks/NilPointers.h"
#include "checks/ThreadSites.h"
#include "program/Program.h"

#include <set>
#include <vector>

namespace coffman {
namespace checks {

// A blocking wait nothing can end, and the function it is in.
struct Stuck {
  const facts::Function *fn;
  const facts::Event *wait;
};

// A blocking cond or semaphore wait whose object is reached through a
// pointer that is NULL (NilPointers.h), reported at the wait with the
// sites the NULL came through.  Returns the waits reported.
std::set<const facts::Event *>
reportWaitsThroughNull(const program::Program &p, const NilPointers &nil,
                       const ThreadStarts &threads, std::vector<Finding> &out);

// A sem_wait on a named semaphore (a global, static or local sem_t) that
// no sem_init in the program initialises and whose address reaches no code
// we cannot see.  (A zero-filled pthread_cond_t is PTHREAD_COND_INITIALIZER
// on glibc; a sem_t has no static initialiser.)  Returns the waits reported.
std::set<const facts::Event *>
reportUninitialisedSems(const program::Program &p,
                        const ThreadStarts &threads,
                        std::vector<Finding> &out);

// A call passing a NULL pointer to a structure (a queue, a channel) to a
// function that can reach a stuck wait: Go's receive from a nil channel,
// whose implementation parks the caller for good.  Reported at the call.
void reportNullChannels(const program::Program &p, const NilPointers &nil,
                        const std::vector<Stuck> &stuck,
                        std::vector<Finding> &out);

} // namespace checks
} // namespace coffman

#endif
