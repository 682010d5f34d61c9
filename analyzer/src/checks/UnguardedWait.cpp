// unguarded-wait: a condition wait that no loop re-runs.
//
// POSIX lets pthread_cond_wait return spuriously, and a signalled waiter
// may find the predicate already false again (another consumer ran
// first); only a loop that re-checks the predicate is correct.  The rule is
// structural: the wait must lie on a cycle of its function's CFG, or every
// call of its function must (a helper `wait_ready()` called from
// `while (!ready) wait_ready();` is fine).  Timed waits are often used as
// interruptible sleeps, where an early return is harmless: not reported.
#include "checks/PathText.h"
#include "checks/Registry.h"
#include "checks/SkeletonGraph.h"
#include "checks/ThreadSites.h"

#include <map>
#include <memory>

namespace coffman {
namespace checks {

using namespace facts;

namespace {

class LoopIndex {
public:
  LoopIndex(const program::Program &p, const ThreadStarts &t)
      : p_(p), threads_(t) {}

  bool onCycle(const Function &fn, int block) {
    auto it = graphs_.find(fn.key);
    if (it == graphs_.end())
      it = graphs_.emplace(fn.key, std::make_unique<SkeletonGraph>(fn)).first;
    return it->second->onCycle(block);
  }

  // Every known call of `key` is re-run by a loop, here or further up.
  // Unknown callers (external linkage, no caller in the program) may loop:
  // we cannot tell, and say nothing.
  bool callsLoop(const std::string &key, int depth) {
    auto memo = callsLoop_.find(key);
    if (memo != callsLoop_.end())
      return memo->second;
    callsLoop_[key] = true; // recursion: a cycle of calls loops
    bool r = callsLoopUncached(key, depth);
    callsLoop_[key] = r;
    return r;
  }

private:
  bool callsLoopUncached(const std::string &key, int depth) {
    const std::vector<std::string> &callers = p_.callers(key);
    if (callers.empty())
      return !threads_.isRoutine(key) && externallyVisible(key);
    if (depth > 4)
      return true;
    for (const std::string &c : callers) {
      const Function *fn = p_.function(c);
      if (!fn)
        return true;
      for (size_t b = 0; b < fn->blocks.size(); b++)
        for (const Event &e : fn->blocks[b].events)
          if (e.kind == EventKind::Call && e.callee == key &&
              !onCycle(*fn, static_cast<int>(b)) && !callsLoop(c, depth + 1))
            return false;
    }
    return true;
  }

  static bool externallyVisible(const std::string &key) {
    return key.find(':') == std::string::npos && key != "main";
  }
  const program::Program &p_;
  const ThreadStarts &threads_;
  std::map<std::string, std::unique_ptr<SkeletonGraph>> graphs_;
  std::map<std::string, bool> callsLoop_;
};

} // namespace

void runUnguardedWait(const program::Program &p, std::vector<Finding> &out) {
  ThreadStarts threads(p);
  LoopIndex loops(p, threads);
  for (const Function *fn : p.functions())
    for (size_t b = 0; b < fn->blocks.size(); b++)
      for (const Event &e : fn->blocks[b].events) {
        if (e.kind != EventKind::CondWait || e.mode != AcquireMode::Blocking)
          continue;
        if (loops.onCycle(*fn, static_cast<int>(b)) ||
            loops.callsLoop(fn->key, 0))
          continue;
        Finding f;
        f.kind = COFFMAN_UNGUARDED_WAIT;
        f.severity = COFFMAN_SEVERITY_NOTE;
        std::string cv = display(e.object, fn);
        f.message = "`" + e.calleeName + "` on `" + cv +
                    "` is not in a loop that re-checks its predicate: a "
                    "spurious or stolen wakeup runs on with the predicate "
                    "false";
        f.loc = e.loc;
        threads.addNotes(fn->key, f.notes);
        f.fix = "wait in a loop: `while (!predicate) " + e.calleeName +
                "(...)`";
        out.push_back(std::move(f));
      }
}

} // namespace checks
} // namespace coffman
