// The list of checks.  Each check is one file in this directory, named for
// it, exposing one `void runXxx(const program::Program &, std::vector<Finding>
// &)`; adding a check is one line in Registry.cpp and one in
// analyzer/CMakeLists.txt (COFFMAN_CHECK_SOURCES).
#ifndef COFFMAN_CHECKS_REGISTRY_H
#define COFFMAN_CHECKS_REGISTRY_H

#include "checks/Finding.h"
#include "program/Program.h"

#include <vector>

namespace coffman {
namespace checks {

using CheckFn = void (*)(const program::Program &, std::vector<Finding> &);

struct CheckInfo {
  const char *name;                // "coffman-lock-order-inversion"
  std::vector<coffman_kind> kinds; // kinds it may report
  CheckFn run;
};

const std::vector<CheckInfo> &allChecks();

// Runs every check that can report an enabled kind; `enabled(kind)` decides.
template <typename Enabled>
std::vector<Finding> runChecks(const program::Program &p, Enabled enabled) {
  std::vector<Finding> out;
  for (const CheckInfo &c : allChecks()) {
    bool any = false;
    for (coffman_kind k : c.kinds)
      any |= enabled(k);
    if (any)
      c.run(p, out);
  }
  std::vector<Finding> kept;
  for (Finding &f : out)
    if (enabled(f.kind))
      kept.push_back(std::move(f));
  sortAndUnique(kept);
  return kept;
}

// Check entry points (one per file).
void runLockOrderInversion(const program::Program &, std::vector<Finding> &);
void runNeverSignaledWait(const program::Program &, std::vector<Finding> &);
void runUnguardedWait(const program::Program &, std::vector<Finding> &);
void runBlockingWhileLocked(const program::Program &, std::vector<Finding> &);
void runSelfDeadlock(const program::Program &, std::vector<Finding> &);
void runLockLeak(const program::Program &, std::vector<Finding> &);
void runThreadLeak(const program::Program &, std::vector<Finding> &);
void runNoTermination(const program::Program &, std::vector<Finding> &);

} // namespace checks
} // namespace coffman

#endif
