// blocking-while-locked, the "lock not in a known order" rule (issue 6:
// "`mtx_lock` of a lock not in a known order").
//
// Holding lock A while blocking to acquire lock B is safe when every thread
// takes A and B in one order.  For two named locks the lock-order check
// knows the order and reports any cycle.  For two instances of one lock
// class (`a->mu` and `b->mu` of two accounts, `locks[i]` and `locks[j]`)
// no analysis can know it: which instance comes first is decided by
// run-time values, so two threads calling `transfer(x, y)` and
// `transfer(y, x)` deadlock.  Reported at a blocking acquisition (or a call
// whose callee acquires) of B while holding A, when
//  - A and B are two instances of one class (not the same path: that is a
//    relock), and in some thread context that may run concurrently they
//    stay indistinguishable after instantiation (or the function is reached
//    by no thread context, and so runs with unknown arguments);
// unless the order is known after all:
//  - B is reached through a link of its own structure (`cur->next->mu`,
//    `p->left->mu`: lists and trees are walked in their order);
//  - the function compares the two objects (`if (a < b)`, `a->id < b->id`;
//    for array elements, any comparison of two run-time values);
//  - both are reached through two different global or static pointers
//    (`x->mu` then `y->mu`): the pointers name them, and their order is a
//    lock-order question;
//  - a named lock is held exclusively around the nesting (a gate);
//  - both are read acquisitions of rwlocks.
#ifndef COFFMAN_CHECKS_UNORDEREDLOCKS_H
#define COFFMAN_CHECKS_UNORDEREDLOCKS_H

#include "checks/Finding.h"
#include "checks/ThreadSites.h"
#include "program/Program.h"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace coffman {
namespace checks {

class UnorderedLocks {
public:
  UnorderedLocks(const program::Program &p, const ThreadStarts &threads);
  // Called with every event and the locks held before it.
  void onEvent(const program::EventVisit &v, std::vector<Finding> &out);

private:
  struct Acquired {
    program::HeldLock lock;
    const facts::Event *call = nullptr; // the call, if through a callee
  };
  std::vector<Acquired> acquisitions(const program::EventVisit &v) const;
  bool knownOrder(const program::EventVisit &v, const program::HeldLock &a,
                  const program::HeldLock &b) const;
  bool runTimeOrder(const program::HeldLock &a,
                    const program::HeldLock &b) const;
  void report(const program::EventVisit &v, const program::HeldLock &a,
              const Acquired &b, std::vector<Finding> &out) const;

  const program::Program &p_;
  const ThreadStarts &threads_;
  std::set<std::string> links_;  // "struct node.next"
  std::set<std::string> seen_;   // edge keys met in some thread context
  std::set<std::string> merged_; // ... and indistinguishable there
};

// The class two instances of one lock share: `struct account.mu` for
// `a->mu`, the array itself for `locks[i]`; "" for a named lock.
std::string lockClassKey(const facts::Path &p);

} // namespace checks
} // namespace coffman

#endif
