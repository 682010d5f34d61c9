// lock-leak: a function that returns holding a lock on some paths but not
// on others, and a thread routine that ends holding a lock.
//
// Built on the lockset engine with callee summaries, so acquire wrappers
// (a callee that returns holding the lock on every path) count as an
// acquisition at their call, flags correlate `if (f) lock ... if (f)
// unlock`, and a failed trylock holds nothing.  A function that leaves a
// lock held on every path is an acquire wrapper, not a leak; one that leaves
// it held on some paths and whose caller releases it afterwards is a
// conditional acquire ("returns 0 with the lock held"), not a leak either.
// A leak in a callee is reported there only, not again in each caller:
// summaries only carry locks held on every path.  `main` is exempt:
// returning from it ends the process.
#include "checks/PathText.h"
#include "checks/Registry.h"
#include "checks/SummaryEffects.h"
#include "checks/ThreadSites.h"
#include "facts/Instantiate.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

namespace coffman {
namespace checks {

using namespace facts;
using program::HeldLock;
using program::PathState;

namespace {

bool isElement(const Path &p) {
  for (const std::string &op : p.ops)
    if (op == "[]")
      return true;
  return false;
}

bool reportable(const Path &p) {
  return p.known() && !p.opaque() && p.root != RootKind::Local;
}

// Does some caller of `fn` release `lock` (instantiated at its call)?
bool callerReleases(const program::Program &p, const Function &fn,
                    const Path &lock) {
  for (const std::string &c : p.callers(fn.key)) {
    const Function *caller = p.function(c);
    if (!caller)
      continue;
    std::set<std::string> passed;
    for (const Block &b : caller->blocks)
      for (const Event &e : b.events)
        if (e.kind == EventKind::Call && e.callee == fn.key)
          passed.insert(instantiate(lock, e.args).identity());
    for (const Block &b : caller->blocks)
      for (const Event &e : b.events) {
        if (e.kind == EventKind::Unlock &&
            (passed.count(e.lock.identity()) ||
             passed.count(toClass(e.lock).identity())))
          return true;
        if (e.kind == EventKind::Call)
          if (const program::Summary *s = p.summaries().forCall(e))
            for (const Path &r : s->releases)
              if (passed.count(instantiate(r, e.args).identity()))
                return true;
      }
  }
  return false;
}

// `unlock_table(t)` with `t` from `lock_table()`: the release names the
// lock through a pointer (`t->mu`) while the wrapper named the object
// (`tbl.mu`), and nothing says `t` points to `tbl`.  Same field: assume it is
// the one released, rather than report a leak we cannot prove.
bool releasedAsClass(const program::Program &p, const Function &fn,
                     const Path &lock) {
  std::string field = lastField(lock);
  if (field.empty())
    return false;
  auto throughPointer = [](const Path &r) {
    if (r.root == RootKind::Class)
      return true;
    for (const std::string &op : r.ops)
      if (op.compare(0, 2, "->") == 0 || op == "*")
        return true;
    return false;
  };
  auto matches = [&](const Path &r) {
    return lastField(r) == field && throughPointer(r);
  };
  for (const Block &b : fn.blocks)
    for (const Event &e : b.events) {
      if (e.kind == EventKind::Unlock && matches(e.lock))
        return true;
      if (e.kind == EventKind::Call)
        if (const program::Summary *s = p.summaries().forCall(e))
          for (const Path &r : s->releases)
            if (matches(instantiate(r, e.args)))
              return true;
    }
  return false;
}

// The constant a return gives, or nothing when it is not a constant.
std::optional<long long> returned(const Event &ret) {
  if (ret.args.size() != 1)
    return std::nullopt;
  return ret.args.front().kind == Value::Null ? 0 : ret.args.front().number;
}

// Returns holding `lock` exactly when it returns one value (`return 0`
// after a successful trylock, `return -EBUSY` otherwise): a try-acquire
// wrapper, whose callers test the value, even when no caller is seen.
bool tryAcquire(const std::vector<PathState> &returns,
                const std::vector<const Event *> &events, const Path &lock) {
  std::optional<long long> success;
  std::vector<long long> failures;
  for (size_t i = 0; i < returns.size(); i++) {
    std::optional<long long> v = returned(*events[i]);
    if (!v)
      return false;
    if (!returns[i].find(lock))
      failures.push_back(*v);
    else if (success && *success != *v)
      return false;
    else
      success = v;
  }
  return success && !failures.empty() &&
         std::find(failures.begin(), failures.end(), *success) ==
             failures.end();
}

void checkFunction(const program::Program &p, const ThreadStarts &threads,
                   const Function &fn, std::vector<Finding> &out) {
  std::vector<PathState> returns, exits;
  std::vector<SourceLoc> returnLocs;
  std::vector<const Event *> returnEvents;
  runLockset(
      p, fn,
      [&](const program::EventVisit &v) {
        if (v.event.kind == EventKind::Return) {
          returns.push_back(v.before);
          returnLocs.push_back(v.event.loc);
          returnEvents.push_back(&v.event);
        }
      },
      [&](const PathState &s) { exits.push_back(s); });
  if (exits.empty())
    return;
  bool thread = threads.isRoutine(fn.key);
  std::map<std::string, const HeldLock *> candidates;
  for (const PathState &s : exits)
    for (const HeldLock &h : s.held)
      if (reportable(h.lock))
        candidates.emplace(h.lock.identity(), &h);
  for (const auto &c : candidates) {
    const HeldLock &h = *c.second;
    size_t holding = 0;
    for (const PathState &s : exits)
      holding += s.find(h.lock) != nullptr;
    bool everyPath = holding == exits.size();
    if (everyPath && !thread)
      continue; // an acquire wrapper
    // `lock(&locks[i])` in one loop, `unlock(&locks[i])` in another: the
    // dataflow cannot pair the iterations, so "held on some paths" is an
    // artefact for array elements.  Only a certain leak is reported.
    if (!everyPath && isElement(h.lock))
      continue;
    if (!everyPath && !thread && callerReleases(p, fn, h.lock))
      continue; // a conditional acquire
    if (releasedAsClass(p, fn, h.lock))
      continue;
    // Only a lock taken by a trylock: `lock; if (err) return -1;` is the
    // same shape with a blocking lock, and that is a leak.
    if (!everyPath && !thread && h.mode != AcquireMode::Blocking &&
        returns.size() == exits.size() &&
        tryAcquire(returns, returnEvents, h.lock))
      continue;
    std::string lock = display(h.lock, &fn);
    Finding f;
    f.kind = COFFMAN_LOCK_LEAK;
    f.message = thread ? "thread routine `" + fn.name + "` ends holding `" +
                             lock + "` (acquired at " + where(h.at) +
                             "): nobody can release it"
                       : "`" + fn.name + "` returns holding `" + lock +
                             "` (acquired at " + where(h.at) +
                             ") on this path, but releases it on others";
    addHeldNotes(h, &fn, f.notes);
    if (thread)
      threads.addNotes(fn.key, f.notes);
    f.fix = "release `" + lock + "` before returning on this path (or jump "
            "to a common unlock label)";
    bool any = false;
    for (size_t i = 0; i < returns.size(); i++)
      if (returns[i].find(h.lock)) {
        Finding r = f;
        r.loc = returnLocs[i];
        out.push_back(std::move(r));
        any = true;
      }
    if (!any) { // falls off the end, or leaves through pthread_exit
      f.loc = fn.loc;
      out.push_back(std::move(f));
    }
  }
}

} // namespace

void runLockLeak(const program::Program &p, std::vector<Finding> &out) {
  ThreadStarts threads(p);
  for (const Function *fn : p.functions())
    if (fn->name != "main")
      checkFunction(p, threads, *fn, out);
}

} // namespace checks
} // namespace coffman
