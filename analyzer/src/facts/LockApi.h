// The C library calls coffman understands, by name: pthreads, C11 threads,
// POSIX semaphores, and calls that can block for an unbounded time.
#ifndef COFFMAN_FACTS_LOCKAPI_H
#define COFFMAN_FACTS_LOCKAPI_H

#include "facts/Facts.h"

#include <string>

namespace coffman {
namespace facts {

struct ApiInfo {
  EventKind kind;
  LockKind lockKind = LockKind::Unknown;
  Access access = Access::Exclusive;
  AcquireMode mode = AcquireMode::Blocking;
  int objectArg = 0;  // argument holding the lock/cond/sem/handle
  int mutexArg = -1;  // CondWait: the mutex
  bool flag = false;  // CondSignal: broadcast
};

// nullptr when `name` is not a known concurrency or blocking call.
const ApiInfo *lookupApi(const std::string &name);

} // namespace facts
} // namespace coffman

#endif
