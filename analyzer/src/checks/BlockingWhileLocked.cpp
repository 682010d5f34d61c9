// blocking-while-locked: a call that can block for a long or unbounded
// time while a lock is held, directly or through callees.
//
// Each function gets a small bottom-up summary of how it may block (the
// first few distinct blocking operations it reaches, with the call chain
// down to them); the lockset engine then says what is held at each event.
// A condition wait releases its own mutex, so it only counts for the other
// locks held (hold and wait).  A callee that releases a caller's lock
// before blocking does not block under it.  Joining a thread that itself
// acquires a lock the joiner holds is not slow but a deadlock, and is
// reported as one.  Trylocks, try/timed waits and timed joins are bounded.
#include "checks/BlockingExemptions.h"
#include "checks/PathText.h"
#include "checks/Registry.h"
#include "checks/SkeletonGraph.h"
#include "checks/SummaryEffects.h"
#include "checks/ThreadSites.h"
#include "checks/UnorderedLocks.h"
#include "facts/Instantiate.h"

#include <algorithm>
#include <map>
#include <set>

namespace coffman {
namespace checks {

using namespace facts;
using program::HeldLock;

namespace {

// Buffered stdio writes and disk syncs are bounded in practice; reporting
// every logging call under a lock would drown the real findings.
bool boundedInPractice(const std::string &name) {
  static const std::set<std::string> bounded = {"fwrite", "fsync",
                                                "fdatasync"};
  return bounded.count(name) != 0;
}

struct Reason {
  std::string what;       // "usleep", "pthread_join", "wait on `cv`"
  SourceLoc at;           // the blocking call
  Path releases;          // a cond wait's own mutex (function's terms)
  bool condWait = false;
  std::vector<program::CallSite> chain; // from the function down to `at`
};

constexpr size_t kMaxReasons = 4;

bool blockingEvent(const Event &e, const BlockingExemptions &x) {
  switch (e.kind) {
  case EventKind::Blocking:
    return !boundedInPractice(e.calleeName) && !x.cannotBlock(e);
  case EventKind::ThreadJoin:
  case EventKind::SemWait:
  case EventKind::CondWait:
    return e.mode == AcquireMode::Blocking;
  default:
    return false;
  }
}

Reason reasonOf(const Event &e, const Function &fn) {
  Reason r;
  r.at = e.loc;
  r.what = e.calleeName;
  if (e.kind == EventKind::CondWait) {
    r.condWait = true;
    r.releases = e.lock;
    r.what = e.calleeName + "` on `" + display(e.object, &fn);
  } else if (e.kind == EventKind::SemWait) {
    r.what = e.calleeName + "` on `" + display(e.object, &fn);
  }
  return r;
}

class BlockSummaries {
public:
  BlockSummaries(const program::Program &p, const BlockingExemptions &x)
      : x_(x) {
    for (const auto &scc : p.bottomUp())
      for (int round = 0; round < 2; round++)
        for (const std::string &key : scc)
          if (const Function *fn = p.function(key))
            summarise(*fn);
  }
  const std::vector<Reason> *get(const std::string &key) const {
    auto it = reasons_.find(key);
    return it == reasons_.end() || it->second.empty() ? nullptr : &it->second;
  }

private:
  void summarise(const Function &fn) {
    std::vector<Reason> rs;
    std::set<std::string> seen;
    SkeletonGraph g(fn);
    auto add = [&](Reason r) {
      std::string k = r.what + "@" + where(r.at);
      if (rs.size() < kMaxReasons && seen.insert(k).second)
        rs.push_back(std::move(r));
    };
    for (size_t b = 0; b < fn.blocks.size(); b++) {
      if (!g.reachable(static_cast<int>(b)) ||
          x_.quietBlock(fn, static_cast<unsigned>(b)))
        continue;
      for (const Event &e : fn.blocks[b].events) {
        if (blockingEvent(e, x_)) {
          add(reasonOf(e, fn));
        } else if (e.kind == EventKind::Call && e.callee != fn.key) {
          auto it = reasons_.find(e.callee);
          if (it == reasons_.end())
            continue;
          for (const Reason &cr : it->second) {
            Reason r = cr;
            r.releases = instantiate(cr.releases, e.args);
            r.chain.insert(r.chain.begin(),
                           program::CallSite{e.loc, fn.name, e.calleeName});
            add(std::move(r));
          }
        }
      }
    }
    reasons_[fn.key] = std::move(rs);
  }

  const BlockingExemptions &x_;
  std::map<std::string, std::vector<Reason>> reasons_;
};

// Held locks that stay held across the block: minus a cond wait's own
// mutex, minus what a callee releases before blocking, minus gate locks
// (held to stop others: that is what they are for).
std::vector<const HeldLock *> heldAcross(const program::PathState &s,
                                         const Path &released,
                                         const std::vector<Path> &calleeRel,
                                         const BlockingExemptions &x) {
  std::vector<const HeldLock *> out;
  std::set<std::string> seen; // `locks[]` twice is one name in a message
  for (const HeldLock &h : s.held) {
    if (!h.lock.known() || !seen.insert(h.lock.identity()).second ||
        x.gateLock(h.lock))
      continue;
    if (released.known() && h.lock == released)
      continue;
    if (std::find(calleeRel.begin(), calleeRel.end(), h.lock) !=
        calleeRel.end())
      continue;
    out.push_back(&h);
  }
  return out;
}

std::string names(const std::vector<const HeldLock *> &held,
                  const Function &fn) {
  std::string s;
  for (size_t i = 0; i < held.size(); i++) {
    if (i)
      s += i + 1 == held.size() ? " and " : ", ";
    s += "`" + display(held[i]->lock, &fn) + "` (acquired at " +
         where(held[i]->at) + ")";
  }
  return s;
}

// Threads whose handle a join names, started in the same function.
std::vector<const Event *> startsOf(const Function &fn, const Path &handle) {
  std::vector<const Event *> out;
  for (const Block &b : fn.blocks)
    for (const Event &e : b.events)
      if (e.kind == EventKind::ThreadCreate && e.object.known() &&
          e.object == handle)
        out.push_back(&e);
  return out;
}

class Checker {
public:
  Checker(const program::Program &p, std::vector<Finding> &out)
      : p_(p), exempt_(p), sums_(p, exempt_), threads_(p),
        unordered_(p, threads_), out_(out) {}

  void onEvent(const program::EventVisit &v) {
    const Event &e = v.event;
    if (v.before.held.empty())
      return;
    unordered_.onEvent(v, out_);
    if (e.kind == EventKind::ThreadJoin && e.mode == AcquireMode::Blocking &&
        joinDeadlock(v))
      return;
    if (exempt_.quietBlock(v.fn, v.block))
      return;
    if (blockingEvent(e, exempt_)) {
      Reason r = reasonOf(e, v.fn);
      report(v, {r}, heldAcross(v.before, r.releases, {}, exempt_), nullptr);
    } else if (e.kind == EventKind::Call) {
      const std::vector<Reason> *rs = sums_.get(e.callee);
      if (!rs)
        return;
      const program::Summary *s = p_.summaries().forCall(e);
      std::vector<Path> rel;
      if (s)
        for (const Path &x : s->releases)
          rel.push_back(instantiate(x, e.args));
      // Every way the callee blocks under the lock goes into one finding:
      // the UDP `sendto` must not hide the `getaddrinfo` beside it.
      std::vector<Reason> all;
      std::vector<const HeldLock *> held;
      for (const Reason &cr : *rs) {
        Reason r = cr;
        r.releases = instantiate(cr.releases, e.args);
        std::vector<const HeldLock *> h =
            heldAcross(v.before, r.releases, rel, exempt_);
        if (h.empty())
          continue;
        if (held.empty())
          held = std::move(h);
        all.push_back(std::move(r));
      }
      if (!all.empty())
        report(v, all, held, &e);
    }
  }

private:
  void report(const program::EventVisit &v, const std::vector<Reason> &rs,
              const std::vector<const HeldLock *> &held, const Event *call) {
    const Reason &r = rs.front();
    std::string what;
    std::set<std::string> named;
    for (const Reason &x : rs)
      if (named.insert(x.what).second)
        what += (what.empty() ? "`" : " or `") + x.what + "`";
    if (held.empty() || !firstReport(v, what, held))
      return;
    Finding f;
    f.kind = COFFMAN_BLOCKING_WHILE_LOCKED;
    f.loc = v.event.loc;
    if (call)
      f.message = "call to `" + call->calleeName + "` may block in " + what +
                  " while holding " + names(held, v.fn);
    else if (r.condWait)
      f.message = what + " releases only its own mutex: " +
                  names(held, v.fn) + " stays held while it waits";
    else
      f.message = what + " may block while holding " + names(held, v.fn);
    for (const HeldLock *h : held)
      addHeldNotes(*h, &v.fn, f.notes);
    if (call)
      for (const Reason &x : rs) {
        for (size_t i = 0; i < x.chain.size(); i++)
          f.notes.push_back({"`" + x.chain[i].caller + "` calls `" +
                                 x.chain[i].callee + "`",
                             x.chain[i].loc});
        f.notes.push_back({"`" + x.what + "` blocks here", x.at});
      }
    threads_.addNotes(v.fn.key, f.notes);
    f.fix = "release the lock before blocking, or move the blocking call "
            "out of the critical section";
    out_.push_back(std::move(f));
  }

  // One finding per blocking call and set of held locks: the same lock
  // reacquired at several places on the way (a loop that cycles it) would
  // otherwise repeat the finding once per acquisition site.
  bool firstReport(const program::EventVisit &v, const std::string &what,
                   const std::vector<const HeldLock *> &held) {
    const SourceLoc &l = v.event.loc;
    std::string k = l.file + ":" + std::to_string(l.line) + ":" +
                    std::to_string(l.col) + "|" + what;
    for (const HeldLock *h : held)
      k += "|" + h->lock.identity();
    return reported_.insert(k).second;
  }

  // pthread_join of a thread that acquires a lock we hold: it can never
  // finish, so the join never returns.
  bool joinDeadlock(const program::EventVisit &v) {
    const Event &join = v.event;
    for (const Event *start : startsOf(v.fn, join.object)) {
      const program::Summary *s = p_.summaries().get(start->callee);
      if (!s)
        continue;
      for (const program::Acquisition &a : s->acquires) {
        Path want = instantiate(a.lock.lock, start->args);
        const HeldLock *h = v.before.find(want);
        if (!h || !namesOneObject(want))
          continue;
        std::string lock = display(want, &v.fn);
        Finding f;
        f.kind = COFFMAN_BLOCKING_WHILE_LOCKED;
        f.severity = COFFMAN_SEVERITY_ERROR;
        f.loc = join.loc;
        f.message = "deadlock: `" + join.calleeName +
                    "` waits for the thread running `" + start->calleeName +
                    "` while holding `" + lock + "` (acquired at " +
                    where(h->at) + "), which that thread acquires at " +
                    where(a.lock.at);
        addHeldNotes(*h, &v.fn, f.notes);
        f.notes.push_back({"thread running `" + start->calleeName +
                               "` started here",
                           start->loc});
        f.notes.push_back({"it acquires `" + lock + "` here", a.lock.at});
        f.mutualExclusion = "`" + lock + "` admits one holder at a time";
        f.holdAndWait = "this thread holds `" + lock +
                        "` while waiting for the other thread to end";
        f.noPreemption = "nothing takes `" + lock + "` away from its holder";
        f.circularWait = "the joiner waits for the thread, the thread waits "
                         "for `" + lock + "` held by the joiner";
        f.fix = "release `" + lock + "` before joining";
        out_.push_back(std::move(f));
        return true;
      }
    }
    return false;
  }

  const program::Program &p_;
  BlockingExemptions exempt_;
  BlockSummaries sums_;
  ThreadStarts threads_;
  UnorderedLocks unordered_; // `mtx_lock` of a lock in no known order
  std::vector<Finding> &out_;
  std::set<std::string> reported_;
};

} // namespace

namespace {

bool isElement(const Path &p) {
  return std::find(p.ops.begin(), p.ops.end(), "[]") != p.ops.end();
}

using EventId = std::pair<unsigned, unsigned>; // block, index

// Array-element locks (`locks[i]`) held at each event on every path: a
// lock loop followed by an unlock loop leaves paths on which the dataflow
// cannot pair the iterations, and only a hold seen on all of them is real.
std::map<EventId, std::set<std::string>>
stableElements(const program::Program &p, const Function &fn) {
  std::map<EventId, std::set<std::string>> out;
  runLockset(p, fn, [&](const program::EventVisit &v) {
    std::set<std::string> held;
    for (const HeldLock &h : v.before.held)
      if (isElement(h.lock))
        held.insert(h.lock.identity());
    EventId id{v.block, v.index};
    auto it = out.find(id);
    if (it == out.end()) {
      out.emplace(id, std::move(held));
      return;
    }
    for (auto x = it->second.begin(); x != it->second.end();)
      x = held.count(*x) ? std::next(x) : it->second.erase(x);
  });
  return out;
}

} // namespace

void runBlockingWhileLocked(const program::Program &p,
                            std::vector<Finding> &out) {
  Checker checker(p, out);
  for (const Function *fn : p.functions()) {
    bool locks = false, elements = false;
    for (const Block &b : fn->blocks)
      for (const Event &e : b.events) {
        locks |= e.kind == EventKind::Lock || e.kind == EventKind::Call;
        elements |= e.kind == EventKind::Lock && isElement(e.lock);
      }
    if (!locks)
      continue;
    std::map<EventId, std::set<std::string>> stable;
    if (elements)
      stable = stableElements(p, *fn);
    runLockset(p, *fn, [&](const program::EventVisit &v) {
      if (!elements)
        return checker.onEvent(v);
      const std::set<std::string> &keep = stable[{v.block, v.index}];
      program::PathState s = v.before;
      s.held.erase(std::remove_if(s.held.begin(), s.held.end(),
                                  [&](const HeldLock &h) {
                                    return isElement(h.lock) &&
                                           !keep.count(h.lock.identity());
                                  }),
                   s.held.end());
      checker.onEvent(program::EventVisit{v.fn, v.block, v.index, v.event, s,
                                          v.inLoop});
    });
  }
}

} // namespace checks
} // namespace coffman
