// no-termination: a thread routine that can never end.
//
// The seed talk's three paths to termination are: the work is done, an
// unrecoverable error, or being told to stop.  In the CFG all three are
// edges that leave the loop (a `break`/`return` on a done flag or a closed
// done channel, `pthread_exit`/`exit`, which the CFG sends to the exit) -
// except cancellation, which ends a thread at a cancellation point.  So a
// routine has no path to termination when, with calls to functions that
// never return treated as dead ends, a loop it enters has no edge out, no
// cancellation point is reached in it while the program cancels threads.
#include "checks/PathText.h"
#include "checks/Registry.h"
#include "checks/SkeletonGraph.h"
#include "checks/ThreadSites.h"

#include <algorithm>
#include <map>
#include <memory>
#include <set>

namespace coffman {
namespace checks {

using namespace facts;

namespace {

bool isCancelPointEvent(const Event &e) {
  switch (e.kind) {
  case EventKind::Blocking:
  case EventKind::CondWait:
  case EventKind::SemWait:
  case EventKind::ThreadJoin:
    return true;
  default:
    return false;
  }
}

class Termination {
public:
  explicit Termination(const program::Program &p) : p_(p) {
    for (const TranslationUnit &tu : p.units())
      cancels_ |= tu.callsCancel;
  }

  // No path from entry to exit, calls to such functions being dead ends.
  bool neverReturns(const std::string &key) {
    auto it = never_.find(key);
    if (it != never_.end())
      return it->second;
    const Function *fn = p_.function(key);
    never_[key] = false; // recursion: assume it returns
    if (!fn || fn->entry < 0)
      return false;
    bool r = !graph(*fn).reachesExit(fn->entry);
    never_[key] = r;
    return r;
  }

  const SkeletonGraph &graph(const Function &fn) {
    auto it = graphs_.find(fn.key);
    if (it != graphs_.end())
      return *it->second;
    auto g = std::make_unique<SkeletonGraph>(fn, [this, &fn](int b) {
      for (const Event &e : fn.blocks[b].events)
        if (e.kind == EventKind::Call && e.callee != fn.key &&
            neverReturns(e.callee))
          return true;
      return false;
    });
    return *graphs_.emplace(fn.key, std::move(g)).first->second;
  }

  // Can a thread be cancelled inside these blocks of `fn`?
  bool cancellable(const Function &fn, const std::vector<int> &blocks) {
    if (!cancels_)
      return false;
    if (fn.callsTestCancel)
      return true;
    for (int b : blocks)
      for (const Event &e : fn.blocks[b].events) {
        if (isCancelPointEvent(e))
          return true;
        if (e.kind == EventKind::Call && reachesCancelPoint(e.callee, 0))
          return true;
      }
    return false;
  }

private:
  // Unknown callees may well sleep or read: count them as cancel points.
  bool reachesCancelPoint(const std::string &key, int depth) {
    auto memo = cancelPoint_.find(key);
    if (memo != cancelPoint_.end())
      return memo->second;
    const Function *fn = p_.function(key);
    if (!fn)
      return true;
    if (fn->callsTestCancel)
      return true;
    if (depth > 6)
      return false;
    cancelPoint_[key] = false; // recursion: no cancel point on this way
    bool found = false;
    for (const Block &b : fn->blocks)
      for (const Event &e : b.events)
        if (!found && (isCancelPointEvent(e) ||
                       (e.kind == EventKind::Call && e.callee != key &&
                        reachesCancelPoint(e.callee, depth + 1))))
          found = true;
    cancelPoint_[key] = found;
    return found;
  }

  const program::Program &p_;
  bool cancels_ = false;
  std::map<std::string, bool> never_;
  std::map<std::string, bool> cancelPoint_;
  std::map<std::string, std::unique_ptr<SkeletonGraph>> graphs_;
};

// The loop statement of a trapped region, else its first event.
SourceLoc loopLoc(const Function &fn, const std::vector<int> &blocks) {
  SourceLoc best;
  for (int b : blocks) {
    const SourceLoc &l = fn.blocks[b].loop;
    if (l.valid() && (!best.valid() || l.line < best.line))
      best = l;
  }
  if (best.valid())
    return best;
  for (int b : blocks)
    for (const Event &e : fn.blocks[b].events)
      if (e.loc.valid() && (!best.valid() || e.loc.line < best.line))
        best = e.loc;
  return best.valid() ? best : fn.loc;
}

// Follows a never-returning routine down to the function whose loop traps
// it.  Returns the trapping function (or nullptr) and the loop's blocks.
const Function *findTrap(Termination &t, const program::Program &p,
                         const Function &fn, std::vector<int> &trap,
                         int depth = 0) {
  const SkeletonGraph &g = t.graph(fn);
  std::vector<std::vector<int>> loops = g.trapLoops();
  if (!loops.empty()) {
    trap = loops.front();
    return &fn;
  }
  if (depth > 6)
    return nullptr;
  for (size_t b = 0; b < fn.blocks.size(); b++) {
    if (!g.reachable(static_cast<int>(b)))
      continue;
    for (const Event &e : fn.blocks[b].events)
      if (e.kind == EventKind::Call && e.callee != fn.key &&
          t.neverReturns(e.callee))
        if (const Function *callee = p.function(e.callee))
          return findTrap(t, p, *callee, trap, depth + 1);
  }
  return nullptr;
}

// Joins of the handle a thread was started with, in the function that
// started it.
void addJoinNotes(const RoutineStart &st, std::vector<FindingNote> &notes) {
  if (!st.creator || !st.create || !st.create->object.known())
    return;
  std::string handle = st.create->object.identity();
  for (const Block &b : st.creator->blocks)
    for (const Event &e : b.events)
      if (e.kind == EventKind::ThreadJoin && e.mode == AcquireMode::Blocking &&
          e.object.identity() == handle)
        notes.push_back({"joined here: this join never returns", e.loc});
}

} // namespace

void runNoTermination(const program::Program &p, std::vector<Finding> &out) {
  Termination t(p);
  ThreadStarts threads(p);
  std::map<std::string, size_t> reported; // routine -> finding index
  std::set<std::string> clean;
  for (const RoutineStart &st : threads.all()) {
    if (clean.count(st.routine))
      continue;
    const Function *fn = p.function(st.routine);
    SourceLoc site = st.via.valid() ? st.via : st.site;
    auto done = reported.find(st.routine);
    if (done != reported.end()) {
      Finding &f = out[done->second];
      if (f.notes.size() < 6) {
        f.notes.push_back({"also started here", site});
        addJoinNotes(st, f.notes);
      }
      continue;
    }
    std::vector<int> trap;
    const Function *where =
        fn && t.neverReturns(fn->key) ? findTrap(t, p, *fn, trap) : nullptr;
    if (!where || t.cancellable(*where, trap)) {
      clean.insert(st.routine);
      continue;
    }
    Finding f;
    f.kind = COFFMAN_NO_TERMINATION;
    f.message = "thread routine `" + fn->name +
                "` can never terminate: this loop has no exit, no stop flag "
                "or done channel it checks, and no cancellation point";
    if (where != fn)
      f.message += " (reached through `" + where->name + "`)";
    f.loc = loopLoc(*where, trap);
    f.notes.push_back({"thread running `" + fn->name + "` started here",
                       site});
    addJoinNotes(st, f.notes);
    f.fix = "give the loop a way out: check a done flag (atomic or under its "
            "lock) or select on a done channel, and return when it is set";
    reported[st.routine] = out.size();
    out.push_back(std::move(f));
  }
}

} // namespace checks
} // namespace coffman
