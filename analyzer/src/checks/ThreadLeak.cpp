// thread-leak: a joinable thread whose handle is lost before anyone joins
// or detaches it.
//
// Per function, a forward may-dataflow tracks which pthread_create /
// thrd_create calls may still be unjoined.  A create whose handle is still
// live is overwritten (the loop reusing one pthread_t); a return with a
// live create drops it.  Only handles local to the function are tracked:
// one stored into a caller's struct, a global, or handed on (returned,
// copied, passed to a function) belongs to someone else.  The failure edge
// of `if (pthread_create(...) != 0)` starts no thread (Branch::Spawn).
// Arrays of handles (the WaitGroup idiom) are matched by array: a loop
// joining `wg[i]` joins the `wg[i]` a loop created.
#include "checks/PathText.h"
#include "checks/Registry.h"
#include "checks/SkeletonGraph.h"

#include <algorithm>
#include <deque>
#include <map>
#include <set>

namespace coffman {
namespace checks {

using namespace facts;

namespace {

bool isArray(const Path &p) {
  return std::find(p.ops.begin(), p.ops.end(), "[]") != p.ops.end();
}

// Routines that detach themselves (pthread_detach(pthread_self())).
bool selfDetaching(const program::Program &p, const std::string &key,
                   int depth = 0) {
  const Function *fn = p.function(key);
  if (!fn || depth > 2)
    return false;
  for (const Block &b : fn->blocks)
    for (const Event &e : b.events) {
      if (e.kind == EventKind::ThreadDetach && !e.object.known())
        return true;
      if (e.kind == EventKind::Call && e.callee != key &&
          selfDetaching(p, e.callee, depth + 1))
        return true;
    }
  return false;
}

struct Create {
  unsigned block, index;
  const Event *event;
  std::string handle; // identity
};

struct Leak {
  std::string why;
  SourceLoc at;
  bool overwrite = false;
};

class FunctionLeaks {
public:
  FunctionLeaks(const program::Program &p, const Function &fn)
      : p_(p), fn_(fn) {}

  void run(std::vector<Finding> &out);

private:
  using State = std::set<unsigned>; // indices into creates_
  bool tracked(const Event &e) const;
  void collect();
  State transfer(unsigned b, State s, bool report);
  void leak(unsigned c, const std::string &why, const SourceLoc &at,
            bool overwrite = false) {
    auto it = leaks_.find(c);
    if (it == leaks_.end() || (overwrite && !it->second.overwrite))
      leaks_[c] = {why, at, overwrite};
  }

  const program::Program &p_;
  const Function &fn_;
  std::vector<Create> creates_;
  std::map<unsigned, Leak> leaks_;
};

bool FunctionLeaks::tracked(const Event &e) const {
  if (e.kind != EventKind::ThreadCreate || e.flag)
    return false;
  const Path &h = e.object;
  if (h.root != RootKind::Local)
    return false;
  if (std::find(fn_.escapedHandles.begin(), fn_.escapedHandles.end(),
                h.key) != fn_.escapedHandles.end())
    return false;
  return e.callee.empty() || !selfDetaching(p_, e.callee);
}

void FunctionLeaks::collect() {
  for (unsigned b = 0; b < fn_.blocks.size(); b++)
    for (unsigned i = 0; i < fn_.blocks[b].events.size(); i++) {
      const Event &e = fn_.blocks[b].events[i];
      if (tracked(e))
        creates_.push_back({b, i, &e, e.object.identity()});
    }
}

FunctionLeaks::State FunctionLeaks::transfer(unsigned b, State s,
                                             bool report) {
  const Block &blk = fn_.blocks[b];
  for (unsigned i = 0; i < blk.events.size(); i++) {
    const Event &e = blk.events[i];
    if (e.kind == EventKind::ThreadJoin || e.kind == EventKind::ThreadDetach) {
      std::string id = e.object.identity();
      for (auto it = s.begin(); it != s.end();)
        it = creates_[*it].handle == id ? s.erase(it) : std::next(it);
    } else if (e.kind == EventKind::Return && report) {
      for (unsigned c : s)
        leak(c, "is still unjoined when `" + fn_.name + "` returns here",
             e.loc);
    } else if (e.kind == EventKind::ThreadCreate) {
      for (unsigned c = 0; c < creates_.size(); c++) {
        if (creates_[c].block != b || creates_[c].index != i)
          continue;
        if (!isArray(e.object))
          for (unsigned live : s)
            if (report && creates_[live].handle == creates_[c].handle)
              leak(live, "is overwritten here by the next thread creation",
                   e.loc, true);
        if (!isArray(e.object))
          for (auto it = s.begin(); it != s.end();)
            it = creates_[*it].handle == creates_[c].handle ? s.erase(it)
                                                            : std::next(it);
        s.insert(c);
      }
    }
  }
  return s;
}

void FunctionLeaks::run(std::vector<Finding> &out) {
  collect();
  if (creates_.empty() || fn_.entry < 0)
    return;
  size_t n = fn_.blocks.size();
  std::vector<State> in(n);
  std::vector<bool> seen(n, false);
  std::deque<unsigned> work{static_cast<unsigned>(fn_.entry)};
  seen[fn_.entry] = true;
  auto outgoing = [&](unsigned b, const State &after, unsigned succIdx) {
    const Block &blk = fn_.blocks[b];
    State s = after;
    // The failure edge of a creation check: that thread does not exist.
    // In main it starts the way out of the process, which is how C programs
    // handle a failed pthread_create: the threads already running end with
    // it, nothing is leaked.
    if (blk.branch.kind == Branch::Spawn && succIdx != blk.branch.trueSucc) {
      if (fn_.name == "main")
        s.clear();
      for (unsigned c = 0; c < creates_.size(); c++)
        if (creates_[c].block == b && creates_[c].index == blk.branch.event)
          s.erase(c);
    }
    return s;
  };
  while (!work.empty()) {
    unsigned b = work.front();
    work.pop_front();
    State after = transfer(b, in[b], false);
    const Block &blk = fn_.blocks[b];
    for (unsigned i = 0; i < blk.succs.size(); i++) {
      int s = blk.succs[i];
      if (s < 0)
        continue;
      State next = outgoing(b, after, i);
      size_t before = in[s].size();
      in[s].insert(next.begin(), next.end());
      if (!seen[s] || in[s].size() != before) {
        seen[s] = true;
        work.push_back(static_cast<unsigned>(s));
      }
    }
  }
  for (unsigned b = 0; b < n; b++)
    if (seen[b])
      transfer(b, in[b], true);
  // Whatever reaches the exit without a return statement falls off the end.
  if (fn_.exit >= 0 && seen[fn_.exit])
    for (unsigned c : in[fn_.exit])
      leak(c, "is still unjoined at the end of `" + fn_.name + "`", fn_.loc);
  // Arrays: a live element at the exit is a leak only when no element of
  // that array is ever joined or detached in this function.
  std::set<std::string> handledArrays;
  for (const Block &blk : fn_.blocks)
    for (const Event &e : blk.events)
      if ((e.kind == EventKind::ThreadJoin ||
           e.kind == EventKind::ThreadDetach) &&
          isArray(e.object))
        handledArrays.insert(e.object.identity());
  // In main every return ends the process: an early (error) exit is not a
  // leak of a thread that the normal path joins.  Only a thread main never
  // joins or detaches at all, or a handle it overwrites, is reported there.
  std::set<std::string> handled = handledArrays;
  if (fn_.name == "main")
    for (const Block &blk : fn_.blocks)
      for (const Event &e : blk.events)
        if (e.kind == EventKind::ThreadJoin ||
            e.kind == EventKind::ThreadDetach)
          handled.insert(e.object.identity());
  for (const auto &l : leaks_) {
    const Create &c = creates_[l.first];
    if (isArray(c.event->object) && handledArrays.count(c.handle))
      continue;
    if (fn_.name == "main" && handled.count(c.handle) && !l.second.overwrite)
      continue;
    Finding f;
    f.kind = COFFMAN_THREAD_LEAK;
    std::string routine =
        c.event->calleeName.empty() ? "?" : c.event->calleeName;
    f.message = "thread running `" + routine +
                "` is never joined or detached on some path: its handle `" +
                display(c.event->object, &fn_) + "` is lost";
    f.loc = c.event->loc;
    f.notes.push_back({"`" + display(c.event->object, &fn_) + "` " +
                           l.second.why,
                       l.second.at});
    f.fix = "join the thread (pthread_join) on every path, or detach it if "
            "nobody needs to wait for it";
    out.push_back(std::move(f));
  }
}

} // namespace

void runThreadLeak(const program::Program &p, std::vector<Finding> &out) {
  for (const Function *fn : p.functions())
    FunctionLeaks(p, *fn).run(out);
}

} // namespace checks
} // namespace coffman
