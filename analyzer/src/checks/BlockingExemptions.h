// What blocking-while-locked leaves out besides bounded calls:
//  - I/O that cannot block: a read or write on a descriptor slot that only
//    non-blocking descriptors reach (checks/NonBlockingFds.h),
//    MSG_DONTWAIT, a zero poll timeout (facts/FdFacts.h).
//  - blocks where blocking hurts nobody: on a path that can only end the
//    process (checks/DyingPaths.h), and in a fork() child, a new process
//    with one thread (facts/ForkFacts.h).
//  - gate locks: a named lock that some thread takes only to pass through
//    (`lock(&hang); unlock(&hang);`) exists to stop threads at that point
//    while a controller holds it, so holding it while blocking is its
//    purpose (memcached's worker_hang_lock).  A lock that is also a
//    condition variable's mutex protects state and is never a gate.
#ifndef COFFMAN_CHECKS_BLOCKINGEXEMPTIONS_H
#define COFFMAN_CHECKS_BLOCKINGEXEMPTIONS_H

#include "checks/DyingPaths.h"
#include "program/Program.h"

#include <set>
#include <string>

namespace coffman {
namespace checks {

class BlockingExemptions {
public:
  explicit BlockingExemptions(const program::Program &p);
  // A Blocking event (read, write, poll, ...) that cannot block.
  bool cannotBlock(const facts::Event &e) const;
  bool gateLock(const facts::Path &lock) const;
  // Block `block` of `fn` dies or runs in a fork child.
  bool quietBlock(const facts::Function &fn, unsigned block) const;

private:
  DyingPaths dying_;
  std::set<std::string> quiet_; // call locations
  std::set<std::string> gates_; // lock identities
};

} // namespace checks
} // namespace coffman

#endif
