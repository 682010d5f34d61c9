// Blocks from which the process can only die: every path from them reaches
// a call that never returns (abort, exit, __builtin_unreachable() after a
// failed assert, _exit), or a call to a function of the program whose
// every path does.  A process on its way to abort blocks nobody that
// matters, so blocking-while-locked stays silent there (redis's
// `_serverAssert(...)` -> logStackTrace -> write).  A blocking call before
// the paths split, on a block with one path that goes on, still counts,
// and so does all of a function whose every path ends the process (a
// `main` or a server routine ending in exit(0)): that is its normal run,
// not a failure path; calls to it from functions that may go on are
// exempt.
// Leaving a thread (pthread_exit) is not dying; longjmp, also noreturn, is
// taken as dying (rare under a lock).
#ifndef COFFMAN_CHECKS_DYINGPATHS_H
#define COFFMAN_CHECKS_DYINGPATHS_H

#include "program/Program.h"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace coffman {
namespace checks {

class DyingPaths {
public:
  explicit DyingPaths(const program::Program &p);
  bool dying(const std::string &function, unsigned block) const;

private:
  // Marks fn's dying blocks; true when its entry is one.
  bool mark(const facts::Function &fn);

  std::set<std::string> fatal_; // functions that never return
  std::map<std::string, std::vector<bool>> dying_;
};

} // namespace checks
} // namespace coffman

#endif
