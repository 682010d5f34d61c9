#include "program/Summaries.h"

#include "facts/Instantiate.h"
#include "program/Program.h"

#include <algorithm>
#include <set>

namespace coffman {
namespace program {

using namespace facts;

HeldLock instantiateHeld(const HeldLock &h, const std::vector<Value> &args) {
  HeldLock out = h;
  out.lock = instantiate(h.lock, args);
  return out;
}

Value instantiateValue(const Value &v, const std::vector<Value> &args) {
  if (v.path.root != RootKind::Param)
    return v;
  if ((v.kind == Value::Load) && v.path.ops.empty()) {
    if (v.path.param < args.size() && args[v.path.param].kind != Value::Unknown)
      return args[v.path.param];
    Value u;
    u.pointee = v.pointee;
    return u;
  }
  Value out = v;
  out.path = instantiate(v.path, args);
  if (!out.path.known())
    out.kind = Value::Unknown;
  return out;
}

namespace {

bool namedOutside(const Path &p) {
  return p.root == RootKind::Param || p.root == RootKind::Global ||
         p.root == RootKind::Class;
}

// A chain shows where a lock is taken from: its first calls and the one
// that takes the lock say that.  Keeping every call of a deep chain on
// every edge made summaries quadratic in the depth; the middle is dropped.
CallChain prepend(const CallSite &cs, const CallChain &chain) {
  std::vector<CallSite> out;
  size_t keep = std::min(chain.size(), kMaxChain - 1);
  out.reserve(keep + 1);
  out.push_back(cs);
  if (chain.size() <= keep) {
    out.insert(out.end(), chain.begin(), chain.end());
  } else {
    out.insert(out.end(), chain.begin(), chain.begin() + (keep - 1));
    out.push_back(chain.back());
  }
  return out;
}

// Builds one function's summary: CallEffects changes the lockset at calls,
// the event hook records what the function does with the final states.
class Builder : public CallEffects {
public:
  Builder(const Summaries &sums, const Function &fn, const KnownArgs &known,
          Summary &out)
      : sums_(sums), fn_(fn), known_(known), out_(out) {}

  void apply(const Function &, const Event &call, bool,
             PathState &s) override {
    const Summary *callee = sums_.forCall(call, known_);
    if (!callee)
      return;
    for (const Path &r : callee->releases) {
      Path p = instantiate(r, call.args);
      if (p.known() && !release(s, p))
        addRelease(p);
    }
    for (const HeldLock &h : callee->leavesHeld) {
      HeldLock w = instantiateHeld(h, call.args);
      if (!w.lock.known())
        continue;
      w.at = call.loc; // a wrapper: the lock is taken at its call
      w.chain.clear();
      acquire(s, std::move(w));
    }
    for (const Path &h : callee->leavesRunning) {
      std::string id = instantiate(h, call.args).identity();
      if (std::find(s.running.begin(), s.running.end(), id) ==
          s.running.end())
        s.running.push_back(id);
    }
    for (const Path &j : callee->joins)
      joinHandle(s, instantiate(j, call.args).identity());
  }

  void unmatchedUnlock(const Event &e, const PathState &) override {
    if (e.lock.root == RootKind::Param || e.lock.root == RootKind::Global)
      addRelease(e.lock);
  }

  void onEvent(const EventVisit &v) {
    const Event &e = v.event;
    switch (e.kind) {
    case EventKind::Lock:
      if (e.mode == AcquireMode::Blocking)
        acquired(heldOf(e, e.lock), v.before);
      break;
    case EventKind::CondWait: {
      // The wait re-acquires its mutex while every other lock stays held.
      HeldLock m = heldOf(e, e.lock);
      m.mode = AcquireMode::Blocking;
      acquired(m, v.before, /*record=*/false);
      break;
    }
    case EventKind::Call:
      call(v);
      break;
    case EventKind::ThreadCreate:
      started(v);
      break;
    case EventKind::ThreadJoin:
      if (std::find(v.before.running.begin(), v.before.running.end(),
                    e.object.identity()) == v.before.running.end() &&
          (e.object.root == RootKind::Param ||
           e.object.root == RootKind::Global))
        addUnique(out_.joins, e.object);
      break;
    default:
      break;
    }
  }

  void onExit(const PathState &s) {
    exits_.push_back(s);
  }

  void finish() {
    // Left held on every path to the exit: an acquire wrapper.
    if (!exits_.empty())
      for (const HeldLock &h : exits_.front().held) {
        if (!namedOutside(h.lock))
          continue;
        bool all = std::all_of(exits_.begin(), exits_.end(),
                               [&](const PathState &s) {
                                 return s.find(h.lock) != nullptr;
                               });
        if (all && std::none_of(out_.leavesHeld.begin(), out_.leavesHeld.end(),
                                [&](const HeldLock &x) {
                                  return x.lock == h.lock;
                                }))
          out_.leavesHeld.push_back(h);
      }
    for (const ThreadStart &st : out_.starts) {
      if (!st.handle.known())
        continue;
      std::string id = st.handle.identity();
      for (const PathState &s : exits_)
        if (std::find(s.running.begin(), s.running.end(), id) !=
            s.running.end()) {
          addUnique(out_.leavesRunning, st.handle);
          break;
        }
    }
  }

private:
  static HeldLock heldOf(const Event &e, const Path &lock) {
    HeldLock h;
    h.lock = lock;
    h.kind = e.lockKind;
    h.access = e.access;
    h.mode = e.mode;
    h.at = e.loc;
    return h;
  }

  static void addUnique(std::vector<Path> &v, const Path &p) {
    if (std::find(v.begin(), v.end(), p) == v.end())
      v.push_back(p);
  }
  void addRelease(const Path &p) { addUnique(out_.releases, p); }

  void addAcquire(const HeldLock &h) {
    std::string k = h.lock.identity() +
                    (h.access == Access::Shared ? "#r" : "#w");
    if (acquireKeys_.insert(k).second)
      out_.acquires.push_back({h});
  }

  // One edge per (held, acquired, modes, threads running): the paths that
  // reach it keep only the gates they all hold.  A cycle is gated when one
  // lock is held on every path of each of its edges, so the intersection
  // loses nothing a report needs, and the count of distinct gate sets, which
  // grows with the number of call paths (2^n in a chain where each function
  // calls the next two under a lock), no longer bounds the cost.
  static HeldLock bareHeld(const HeldLock &h, const std::vector<Value> &args) {
    HeldLock out;
    out.lock = instantiate(h.lock, args);
    out.kind = h.kind;
    out.access = h.access;
    out.mode = h.mode;
    out.at = h.at;
    return out;
  }

  void addEdge(OrderEdge e,
               const std::function<void(OrderEdge &)> &withChains = {}) {
    if (!e.from.lock.known() || !e.to.lock.known() ||
        e.from.lock == e.to.lock)
      return;
    std::string k = e.from.lock.identity() + ">" + e.to.lock.identity() +
                    (e.to.access == Access::Shared ? "r" : "w") +
                    (e.from.access == Access::Shared ? "r" : "w") +
                    (e.threadsRunning ? "!" : ".");
    std::sort(e.running.begin(), e.running.end());
    e.running.erase(std::unique(e.running.begin(), e.running.end()),
                    e.running.end());
    for (const std::string &r : e.running)
      k += ";" + r;
    for (const std::string &j : e.joinedBefore)
      k += "-" + j;
    auto it = edgeIndex_.find(k);
    if (it != edgeIndex_.end()) {
      keepCommonGates(out_.edges[it->second], e, withChains);
      return;
    }
    if (out_.edges.size() >= sums_.edgeLimit()) {
      sums_.noteCut();
      return;
    }
    if (withChains)
      withChains(e);
    edgeIndex_.emplace(k, out_.edges.size());
    out_.edges.push_back(std::move(e));
  }

  // Narrows `kept`'s gates to those `e` holds too; when that leaves exactly
  // `e`'s gates, `e`'s path is the one to show.
  static void keepCommonGates(OrderEdge &kept, OrderEdge &e,
                              const std::function<void(OrderEdge &)> &chains) {
    auto heldIn = [](const std::vector<HeldLock> &v, const HeldLock &g) {
      return std::any_of(v.begin(), v.end(), [&](const HeldLock &x) {
        return x.lock == g.lock;
      });
    };
    std::vector<HeldLock> common;
    for (const HeldLock &g : kept.alsoHeld)
      if (heldIn(e.alsoHeld, g))
        common.push_back(g);
    if (common.size() == e.alsoHeld.size() &&
        common.size() < kept.alsoHeld.size()) {
      if (chains)
        chains(e);
      kept.from = std::move(e.from);
      kept.to = std::move(e.to);
    }
    kept.alsoHeld = std::move(common);
  }

  // `to` is acquired (blocking) with `before.held` held.
  void acquired(const HeldLock &to, const PathState &before,
                bool record = true) {
    if (!to.lock.known())
      return;
    if (record)
      addAcquire(to);
    for (size_t i = 0; i < before.held.size(); i++) {
      OrderEdge e;
      e.from = before.held[i];
      e.to = to;
      for (size_t j = 0; j < before.held.size(); j++)
        if (j != i)
          e.alsoHeld.push_back(before.held[j]);
      e.threadsRunning = !before.running.empty();
      e.running = before.running;
      e.joinedBefore = before.joined;
      addEdge(std::move(e));
    }
  }

  void call(const EventVisit &v) {
    const Event &e = v.event;
    const Summary *callee = sums_.forCall(e, known_);
    if (!callee)
      return;
    CallSite cs{e.loc, fn_.name, e.calleeName};
    for (const Acquisition &a : callee->acquires) {
      HeldLock h = instantiateHeld(a.lock, e.args);
      bool wrapper = std::any_of(
          callee->leavesHeld.begin(), callee->leavesHeld.end(),
          [&](const HeldLock &x) { return x.lock == a.lock.lock; });
      if (wrapper) {
        h.at = e.loc;
        h.chain.clear();
      } else {
        h.chain = prepend(cs, a.lock.chain);
      }
      acquired(h, v.before);
    }
    for (const OrderEdge &ce : callee->edges) {
      // Most callee edges merge into one this function has already, so
      // their call chains are only built for an edge that is kept.
      OrderEdge oe;
      oe.from = bareHeld(ce.from, e.args);
      oe.to = bareHeld(ce.to, e.args);
      for (const HeldLock &g : ce.alsoHeld)
        oe.alsoHeld.push_back(bareHeld(g, e.args));
      for (const HeldLock &g : v.before.held)
        oe.alsoHeld.push_back(g);
      // The caller's threads still run unless the callee joined them
      // before this edge.
      oe.running = ce.running;
      for (const std::string &r : v.before.running)
        if (std::find(ce.joinedBefore.begin(), ce.joinedBefore.end(), r) ==
            ce.joinedBefore.end())
          oe.running.push_back(r);
      oe.threadsRunning = !oe.running.empty();
      oe.joinedBefore = ce.joinedBefore;
      oe.joinedBefore.insert(oe.joinedBefore.end(), v.before.joined.begin(),
                             v.before.joined.end());
      addEdge(std::move(oe), [&](OrderEdge &x) {
        x.from.chain = prepend(cs, ce.from.chain);
        x.to.chain = prepend(cs, ce.to.chain);
      });
    }
    for (const Path &j : callee->joins) {
      Path h = instantiate(j, e.args);
      if ((h.root == RootKind::Param || h.root == RootKind::Global) &&
          std::find(v.before.running.begin(), v.before.running.end(),
                    h.identity()) == v.before.running.end())
        addUnique(out_.joins, h);
    }
    for (const ThreadStart &st : callee->starts) {
      ThreadStart s = st;
      s.arg = instantiateValue(st.arg, e.args);
      s.handle = instantiate(st.handle, e.args);
      s.chain = prepend(cs, st.chain);
      s.inLoop = st.inLoop || v.inLoop;
      s.runningBefore.insert(s.runningBefore.end(), v.before.running.begin(),
                             v.before.running.end());
      addStart(std::move(s));
    }
  }

  void started(const EventVisit &v) {
    const Event &e = v.event;
    ThreadStart s;
    s.routine = e.callee;
    s.routineName = e.calleeName;
    if (!e.args.empty())
      s.arg = e.args[0];
    s.handle = e.object;
    s.site = e.loc;
    s.inLoop = v.inLoop;
    s.detached = e.flag;
    s.runningBefore = v.before.running;
    addStart(std::move(s));
  }

  void addStart(ThreadStart s) {
    for (ThreadStart &x : out_.starts)
      if (x.site.file == s.site.file && x.site.line == s.site.line &&
          x.site.col == s.site.col && x.arg.path == s.arg.path &&
          x.arg.kind == s.arg.kind) {
        // One start reached on several paths: the threads running before
        // it on any of them may overlap it.
        x.inLoop |= s.inLoop;
        for (std::string &r : s.runningBefore)
          if (std::find(x.runningBefore.begin(), x.runningBefore.end(), r) ==
              x.runningBefore.end())
            x.runningBefore.push_back(std::move(r));
        return;
      }
    if (out_.starts.size() < 256)
      out_.starts.push_back(std::move(s));
  }

  const Summaries &sums_;
  const Function &fn_;
  const KnownArgs &known_; // this function's parameters fixed by the call
  Summary &out_;
  std::set<std::string> acquireKeys_;
  std::map<std::string, size_t> edgeIndex_;
  std::vector<PathState> exits_;
};

} // namespace

Summary Summaries::build(const Function &fn, const KnownArgs &known) const {
  Summary out;
  Builder b(*this, fn, known, out);
  LocksetEngine engine(fn, &b);
  engine.assume(entryFacts(fn, known));
  engine.run([&](const EventVisit &v) { b.onEvent(v); },
             [&](const PathState &s) { b.onExit(s); });
  b.finish();
  return out;
}

const Summary *Summaries::forCall(const Event &call,
                                  const KnownArgs &caller) const {
  const Summary *general = get(call.callee);
  const std::vector<bool> *tested = params_.tested(call.callee);
  if (!general || !tested || !program_)
    return general;
  KnownArgs kept;
  std::string key =
      specialisation(*tested, knownArgs(call, caller), kept);
  if (key.empty())
    return general;
  key = call.callee + "|" + key;
  auto it = specialised_.find(key);
  if (it != specialised_.end())
    return &it->second;
  const Function *fn = program_->function(call.callee);
  // A recursive call with the same constants uses the general summary.
  if (!fn || !inProgress_.insert(key).second)
    return general;
  Summary s = build(*fn, kept);
  inProgress_.erase(key);
  return &(specialised_[key] = std::move(s));
}

// Specialisations made while `key`'s recursive group was still changing.
void Summaries::forgetSpecialised(const std::string &key) {
  std::string prefix = key + "|";
  auto it = specialised_.lower_bound(prefix);
  while (it != specialised_.end() && it->first.compare(0, prefix.size(),
                                                       prefix) == 0)
    it = specialised_.erase(it);
}

void Summaries::compute(const Program &program) {
  program_ = &program;
  params_.compute(program);
  specialised_.clear();
  for (const std::vector<std::string> &scc : program.bottomUp()) {
    bool recursive = scc.size() > 1;
    if (!recursive) {
      const std::vector<std::string> &c = program.callees(scc.front());
      recursive = std::find(c.begin(), c.end(), scc.front()) != c.end();
    }
    unsigned rounds = recursive ? kRecursionRounds : 1;
    for (unsigned r = 0; r < rounds; r++) {
      size_t before = 0, after = 0;
      for (const std::string &k : scc)
        if (const Summary *s = get(k))
          before += s->size();
      for (const std::string &k : scc)
        if (const Function *fn = program.function(k)) {
          Summary &s = byKey_[k];
          totalEdges_ -= std::min(totalEdges_, s.edges.size());
          s = build(*fn, {});
          totalEdges_ += s.edges.size();
        }
      for (const std::string &k : scc) {
        forgetSpecialised(k);
        if (const Summary *s = get(k))
          after += s->size();
      }
      if (r > 0 && before == after)
        break;
    }
  }
}

} // namespace program
} // namespace coffman
