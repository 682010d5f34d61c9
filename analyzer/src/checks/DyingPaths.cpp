#include "checks/DyingPaths.h"

namespace coffman {
namespace checks {

using namespace facts;

DyingPaths::DyingPaths(const program::Program &p) {
  // Bottom-up, twice per SCC so mutual recursion settles.
  for (const auto &scc : p.bottomUp())
    for (int round = 0; round < 2; round++)
      for (const std::string &key : scc)
        if (const Function *fn = p.function(key))
          if (mark(*fn))
            fatal_.insert(key);
}

bool DyingPaths::mark(const Function &fn) {
  std::vector<bool> &d = dying_[fn.key];
  d.assign(fn.blocks.size(), false);
  for (size_t b = 0; b < fn.blocks.size(); b++) {
    bool leaves = false, dies = fn.blocks[b].noReturn;
    for (const Event &e : fn.blocks[b].events) {
      leaves |= e.kind == EventKind::Return;
      dies |= e.kind == EventKind::Call && fatal_.count(e.callee);
    }
    d[b] = dies && !leaves;
  }
  // A block dies when all the ways on from it do.
  for (bool changed = true; changed;) {
    changed = false;
    for (size_t b = 0; b < fn.blocks.size(); b++) {
      const Block &blk = fn.blocks[b];
      if (d[b] || static_cast<int>(b) == fn.exit)
        continue;
      bool any = false, all = true;
      for (int s : blk.succs) {
        if (s < 0 || static_cast<size_t>(s) >= d.size())
          continue;
        any = true;
        all &= d[s];
      }
      bool leaves = false;
      for (const Event &e : blk.events)
        leaves |= e.kind == EventKind::Return;
      if (any && all && !leaves) {
        d[b] = true;
        changed = true;
      }
    }
  }
  return fn.entry >= 0 && static_cast<size_t>(fn.entry) < d.size() &&
         d[fn.entry];
}

bool DyingPaths::dying(const std::string &function, unsigned block) const {
  // In a function that never returns (a main or a server loop ending in
  // exit(0)), the path to the exit is the program's normal run.
  if (fatal_.count(function))
    return false;
  auto it = dying_.find(function);
  return it != dying_.end() && block < it->second.size() &&
         it->second[block];
}

} // namespace checks
} // namespace coffman
