// Graph questions about one function's CFG skeleton (facts::Function) that
// the wait, leak and termination checks ask: which blocks are reachable,
// which lie on a cycle, and which loops have no way out.
#ifndef COFFMAN_CHECKS_SKELETONGRAPH_H
#define COFFMAN_CHECKS_SKELETONGRAPH_H

#include "facts/Facts.h"

#include <functional>
#include <vector>

namespace coffman {
namespace checks {

class SkeletonGraph {
public:
  // `deadEnd(b)`: block b never falls through to its successors (it calls a
  // function that never returns); such edges are ignored.
  explicit SkeletonGraph(const facts::Function &fn,
                         std::function<bool(int)> deadEnd = nullptr);

  bool reachable(int block) const { return reach_[block]; }
  // On some cycle of reachable blocks: a loop re-runs it.
  bool onCycle(int block) const;
  // Reachable cycles from which the exit block cannot be reached, each as
  // its blocks (a terminal strongly connected component).
  std::vector<std::vector<int>> trapLoops() const;
  // Can the exit be reached from `block`?
  bool reachesExit(int block) const { return toExit_[block]; }

private:
  std::vector<int> succsOf(int b) const;
  void computeSccs();

  const facts::Function &fn_;
  std::function<bool(int)> deadEnd_;
  std::vector<bool> reach_, toExit_;
  std::vector<int> scc_;          // component id per block, -1 unreached
  std::vector<int> sccSize_;
  std::vector<bool> selfLoop_;
};

} // namespace checks
} // namespace coffman

#endif
