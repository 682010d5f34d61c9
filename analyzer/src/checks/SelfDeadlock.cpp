// self-deadlock: a thread waiting for itself.
//
// Relocking a lock the thread already holds (directly, or in a callee whose
// summary acquires it, instantiated at the call), taking the write side of
// a rwlock whose read side it holds, and joining itself.  Only a path that
// names one object counts: two locks of one class (`struct node.mu`) or two
// array elements may well be different objects.  Locks initialised
// recursive or error-checking (LockInitFacts) do not block their holder, a
// trylock never blocks, and two read locks of one rwlock are fine.
#include "checks/PathText.h"
#include "checks/Registry.h"
#include "checks/SummaryEffects.h"
#include "checks/ThreadSites.h"
#include "facts/Instantiate.h"

#include <algorithm>

namespace coffman {
namespace checks {

using namespace facts;
using program::HeldLock;

namespace {

class Relockable {
public:
  explicit Relockable(const program::Program &p) {
    for (const TranslationUnit &tu : p.units())
      for (const Path &l : tu.relockableLocks)
        locks_.push_back(l);
  }
  // Exactly the same object, or the same field of a type whose instances
  // are made recursive somewhere (we cannot tell instances apart).
  bool operator()(const Path &lock) const {
    Path cls = toClass(lock);
    for (const Path &r : locks_) {
      if (r == lock || r == cls)
        return true;
      bool typed = r.root == RootKind::Class || cls.root == RootKind::Class;
      if (typed && !lastField(r).empty() && lastField(r) == lastField(lock))
        return true;
    }
    return false;
  }

private:
  std::vector<Path> locks_;
};

// Would acquiring `want` (blocking) with `held` held wait for ourselves?
bool blocksOnSelf(const HeldLock &held, const Path &want, Access access,
                  const Relockable &relockable) {
  if (!namesOneObject(want) || relockable(want))
    return false;
  if (held.access == Access::Shared && access == Access::Shared)
    return false; // read-read: both proceed
  return true;
}

// "<head> (acquired at X): <why>" for a relock of `name`.
std::string relockText(const HeldLock &held, Access want,
                       const std::string &name) {
  bool upgrade = held.access == Access::Shared && want == Access::Exclusive;
  std::string head = upgrade ? "write-locks `" + name +
                                   "` while holding its read lock"
                             : "locks `" + name +
                                   "` again while already holding it";
  std::string why = upgrade ? "the writer waits for every reader, itself "
                              "included"
                            : "a non-recursive lock never lets its holder "
                              "in twice";
  return head + " (acquired at " + where(held.at) + "): " + why;
}

void direct(const program::EventVisit &v, const Relockable &relockable,
            const ThreadStarts &threads, std::vector<Finding> &out) {
  const Event &e = v.event;
  if (e.kind != EventKind::Lock || e.mode != AcquireMode::Blocking)
    return;
  const HeldLock *h = v.before.find(e.lock);
  if (!h || !blocksOnSelf(*h, e.lock, e.access, relockable))
    return;
  std::string name = display(e.lock, &v.fn);
  Finding f;
  f.kind = COFFMAN_SELF_DEADLOCK;
  f.severity = COFFMAN_SEVERITY_ERROR;
  f.message = "`" + v.fn.name + "` " + relockText(*h, e.access, name);
  f.loc = e.loc;
  addHeldNotes(*h, &v.fn, f.notes);
  threads.addNotes(v.fn.key, f.notes);
  f.fix = "release `" + name + "` first, or restructure so the lock is "
          "taken once";
  out.push_back(std::move(f));
}

void viaCallee(const program::Program &p, const program::EventVisit &v,
               const Relockable &relockable, const ThreadStarts &threads,
               std::vector<Finding> &out) {
  const Event &e = v.event;
  if (e.kind != EventKind::Call || v.before.held.empty())
    return;
  const program::Summary *s = p.summaries().forCall(e);
  if (!s)
    return;
  for (const program::Acquisition &a : s->acquires) {
    if (a.lock.mode != AcquireMode::Blocking)
      continue;
    // A callee that releases the lock before taking it again is fine.
    if (std::find(s->releases.begin(), s->releases.end(), a.lock.lock) !=
        s->releases.end())
      continue;
    Path want = instantiate(a.lock.lock, e.args);
    const HeldLock *h = v.before.find(want);
    if (!h || !blocksOnSelf(*h, want, a.lock.access, relockable))
      continue;
    std::string name = display(want, &v.fn);
    Finding f;
    f.kind = COFFMAN_SELF_DEADLOCK;
    f.severity = COFFMAN_SEVERITY_ERROR;
    f.message = "call to `" + e.calleeName + "` " +
                relockText(*h, a.lock.access, name);
    f.loc = e.loc;
    addHeldNotes(*h, &v.fn, f.notes);
    f.notes.push_back({"`" + e.calleeName + "` acquires it here", a.lock.at});
    for (const program::CallSite &c : a.lock.chain)
      f.notes.push_back(
          {"through `" + c.caller + "` calling `" + c.callee + "`", c.loc});
    threads.addNotes(v.fn.key, f.notes);
    f.fix = "release `" + name + "` before the call, or call a variant "
            "that expects the lock held";
    out.push_back(std::move(f));
    return;
  }
}

void selfJoin(const program::EventVisit &v, std::vector<Finding> &out) {
  const Event &e = v.event;
  if (e.kind != EventKind::ThreadJoin || e.mode != AcquireMode::Blocking ||
      e.object.known() || e.object.name.rfind("pthread_self", 0) != 0)
    return;
  Finding f;
  f.kind = COFFMAN_SELF_DEADLOCK;
  f.severity = COFFMAN_SEVERITY_ERROR;
  f.message = "`" + v.fn.name + "` joins its own thread: the join waits for "
              "itself to end (glibc returns EDEADLK instead)";
  f.loc = e.loc;
  f.fix = "join the thread from another thread, or let it detach itself";
  out.push_back(std::move(f));
}

} // namespace

void runSelfDeadlock(const program::Program &p, std::vector<Finding> &out) {
  Relockable relockable(p);
  ThreadStarts threads(p);
  for (const Function *fn : p.functions()) {
    bool interesting = false;
    for (const Block &b : fn->blocks)
      for (const Event &e : b.events)
        interesting |= e.kind == EventKind::Lock ||
                       e.kind == EventKind::ThreadJoin ||
                       e.kind == EventKind::Call;
    if (!interesting)
      continue;
    runLockset(p, *fn, [&](const program::EventVisit &v) {
      direct(v, relockable, threads, out);
      viaCallee(p, v, relockable, threads, out);
      selfJoin(v, out);
    });
  }
}

} // namespace checks
} // namespace coffman
