// What blocking-while-locked leaves out besides bounded calls:
//  - I/O that cannot block: a read or write on a descriptor the program
//    made non-blocking, MSG_DONTWAIT, a zero poll timeout
//    (facts/FdFacts.h).  A descriptor slot that also receives a blocking
//    descriptor somewhere is not exempt.
//  - gate locks: a named lock that some thread takes only to pass through
//    (`lock(&hang); unlock(&hang);`) exists to stop threads at that point
//    while a controller holds it, so holding it while blocking is its
//    purpose (memcached's worker_hang_lock).  A lock that is also a
//    condition variable's mutex protects state and is never a gate.
#ifndef COFFMAN_CHECKS_BLOCKINGEXEMPTIONS_H
#define COFFMAN_CHECKS_BLOCKINGEXEMPTIONS_H

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

private:
  std::set<std::string> quiet_; // call locations
  std::set<std::string> gates_; // lock identities
};

} // namespace checks
} // namespace coffman

#endif
