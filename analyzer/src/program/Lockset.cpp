#include "program/Lockset.h"

#include "facts/Instantiate.h"

#include <algorithm>
#include <deque>
#include <functional>
#include <set>

namespace coffman {
namespace program {

using namespace facts;

// The key without the flags: paths holding the same locks and threads.
static std::string coreKey(const PathState &s) {
  std::string k;
  for (const HeldLock &h : s.held)
    k += h.lock.identity() + (h.access == Access::Shared ? "r" : "w") + ";";
  k += "||";
  for (const std::string &r : s.running)
    k += r + ";";
  k += "|";
  for (const std::string &j : s.joined)
    k += j + ";";
  return k;
}

std::string PathState::key() const {
  std::string k = coreKey(*this);
  k += "#";
  for (const FlagFact &f : flags)
    k += f.var + (f.compare ? "==" + std::to_string(f.value) : "") +
         (f.holds ? "=1;" : "=0;");
  return k;
}

const HeldLock *PathState::find(const Path &p) const {
  std::string id = p.identity();
  for (auto it = held.rbegin(); it != held.rend(); ++it)
    if (it->lock.identity() == id)
      return &*it;
  return nullptr;
}

void acquire(PathState &s, HeldLock h) {
  // Bound the set so loops that lock without unlocking still converge:
  // a lock held twice already (a class in hand-over-hand) is not re-added.
  std::string id = h.lock.identity();
  unsigned same = 0;
  for (const HeldLock &x : s.held)
    same += x.lock.identity() == id;
  if (same >= 2 || s.held.size() >= kMaxHeld)
    return;
  s.held.push_back(std::move(h));
}

bool release(PathState &s, const Path &p) {
  std::string id = p.identity();
  for (auto it = s.held.rbegin(); it != s.held.rend(); ++it)
    if (it->lock.identity() == id) {
      s.held.erase(std::next(it).base());
      return true;
    }
  // `unlock(&cur->mu)` after `lock(&next->mu); cur = next`: the names differ
  // but both are one class; release the oldest lock of that class, which
  // is the one lock coupling lets go of.
  Path cls = toClass(p);
  if (cls.root != RootKind::Class || cls.opaque())
    return false;
  std::string cid = cls.identity();
  for (auto it = s.held.begin(); it != s.held.end(); ++it)
    if (toClass(it->lock).identity() == cid) {
      s.held.erase(it);
      return true;
    }
  return false;
}

void LocksetEngine::computeLoops() {
  // Tarjan's SCC over blocks: a block is in a loop if its SCC has a cycle.
  size_t n = fn_.blocks.size();
  inLoop_.assign(n, false);
  loopJoins_.assign(n, {});
  std::vector<int> index(n, -1), low(n, 0);
  std::vector<bool> onStack(n, false);
  std::vector<unsigned> stack;
  int counter = 0;
  std::function<void(unsigned)> visit = [&](unsigned v) {
    index[v] = low[v] = counter++;
    stack.push_back(v);
    onStack[v] = true;
    for (int w : fn_.blocks[v].succs) {
      if (w < 0 || static_cast<size_t>(w) >= n)
        continue;
      if (index[w] < 0) {
        visit(static_cast<unsigned>(w));
        low[v] = std::min(low[v], low[w]);
      } else if (onStack[w]) {
        low[v] = std::min(low[v], index[w]);
      }
    }
    if (low[v] != index[v])
      return;
    std::vector<unsigned> scc;
    unsigned w;
    do {
      w = stack.back();
      stack.pop_back();
      onStack[w] = false;
      scc.push_back(w);
    } while (w != v);
    bool cyclic = scc.size() > 1;
    if (!cyclic)
      for (int s : fn_.blocks[v].succs)
        cyclic |= s == static_cast<int>(v);
    if (!cyclic)
      return;
    std::vector<std::string> joins;
    for (unsigned x : scc) {
      inLoop_[x] = true;
      for (const Event &e : fn_.blocks[x].events)
        if (e.kind == EventKind::ThreadJoin && e.object.known())
          joins.push_back(e.object.identity());
    }
    if (!joins.empty())
      for (unsigned x : scc)
        loopJoins_[x] = joins;
  };
  for (unsigned v = 0; v < n; v++)
    if (index[v] < 0)
      visit(v);
}

// Flags on shared lvalues (`if (mod->needs_lock)`) are keyed "P:...".
static bool isSharedFlag(const std::string &var) {
  return var.compare(0, 2, "P:") == 0;
}

// While this thread waits, others may change shared flags.
static bool forgetsSharedFlags(const Event &e) {
  return e.kind == EventKind::CondWait || e.kind == EventKind::SemWait ||
         e.kind == EventKind::Blocking;
}

// Backward liveness of flags: a block's branch reads its flag; an
// assignment kills it, a wait kills every shared flag.
void LocksetEngine::computeLiveFlags() {
  size_t n = fn_.blocks.size();
  liveFlags_.assign(n, {});
  bool anyFlag = std::any_of(fn_.blocks.begin(), fn_.blocks.end(),
                             [](const Block &b) {
                               return b.branch.kind == Branch::Flag;
                             });
  if (!anyFlag)
    return;
  std::vector<std::set<std::string>> in(n);
  for (bool changed = true; changed;) {
    changed = false;
    for (size_t b = n; b-- > 0;) {
      const Block &blk = fn_.blocks[b];
      std::set<std::string> live;
      for (int succ : blk.succs)
        if (succ >= 0 && static_cast<size_t>(succ) < n)
          live.insert(in[succ].begin(), in[succ].end());
      if (blk.branch.kind == Branch::Flag)
        live.insert(blk.branch.var);
      for (auto e = blk.events.rbegin(); e != blk.events.rend(); ++e) {
        if (e->kind == EventKind::Assign)
          live.erase(e->object.key);
        else if (forgetsSharedFlags(*e))
          for (auto it = live.begin(); it != live.end();)
            it = isSharedFlag(*it) ? live.erase(it) : std::next(it);
      }
      if (live != in[b]) {
        in[b] = std::move(live);
        changed = true;
      }
    }
  }
  for (size_t b = 0; b < n; b++)
    liveFlags_[b].assign(in[b].begin(), in[b].end()); // sorted
}

void LocksetEngine::dropDeadFlags(PathState &s, unsigned b) const {
  const std::vector<std::string> &live = liveFlags_[b];
  s.flags.erase(std::remove_if(s.flags.begin(), s.flags.end(),
                               [&](const auto &f) {
                                 return !std::binary_search(
                                     live.begin(), live.end(), f.var);
                               }),
                s.flags.end());
}

int decide(const std::vector<FlagFact> &facts, const std::string &var,
           bool compare, long long value) {
  for (const FlagFact &f : facts) {
    if (f.var != var)
      continue;
    if (f.compare == compare && (!compare || f.value == value))
      return f.holds;
    if (f.compare && f.holds) // var == f.value exactly
      return compare ? f.value == value : f.value != 0;
    if (!f.compare && !f.holds) // var == 0
      return compare ? value == 0 : 0;
  }
  return -1;
}

static void killFlag(PathState &s, const std::string &var) {
  s.flags.erase(std::remove_if(s.flags.begin(), s.flags.end(),
                               [&](const FlagFact &f) { return f.var == var; }),
                s.flags.end());
}

// `i = 1` in a loop's step: later tests of `i` are decided, so a scoped
// lock written as `for (i = 0; i ? (unlock, 0) : (lock, 1); i = 1)` runs
// its body once, locked, and leaves unlocked.
static void assignConstant(PathState &s, const Event &e) {
  if (e.args.size() != 1)
    return;
  const Value &v = e.args.front();
  switch (v.kind) {
  case Value::Null:
    s.flags.push_back({e.object.key, false, 0, false});
    break;
  case Value::Int:
    s.flags.push_back({e.object.key, true, v.number, true});
    break;
  case Value::AddrOf:
  case Value::Function:
    s.flags.push_back({e.object.key, false, 0, true});
    break;
  default:
    break;
  }
}

// `cur = next` in lock coupling: a lock held as `cur->mu` is no longer
// reachable by that name; keep holding it as its class.
static void renameMoved(PathState &s, const std::string &var) {
  for (HeldLock &h : s.held)
    if (h.lock.root == RootKind::Local && h.lock.key == var &&
        std::any_of(h.lock.ops.begin(), h.lock.ops.end(), isDeref)) {
      Path c = toClass(h.lock);
      if (c.known())
        h.lock = c;
    }
}

void joinHandle(PathState &s, const std::string &id) {
  auto it = std::find(s.running.begin(), s.running.end(), id);
  if (it != s.running.end())
    s.running.erase(it);
  else if (std::find(s.joined.begin(), s.joined.end(), id) == s.joined.end())
    s.joined.push_back(id);
}

static HeldLock heldFrom(const Event &e) {
  HeldLock h;
  h.lock = e.lock;
  h.kind = e.lockKind;
  h.access = e.access;
  h.mode = e.mode;
  h.at = e.loc;
  return h;
}

void LocksetEngine::apply(const Event &e, unsigned b, PathState &s) {
  const Block &blk = fn_.blocks[b];
  switch (e.kind) {
  case EventKind::Lock: {
    bool deferred = blk.branch.kind == Branch::TryLock &&
                    &blk.events[blk.branch.event] == &e;
    if (!deferred)
      acquire(s, heldFrom(e));
    break;
  }
  case EventKind::Unlock:
    if (!release(s, e.lock) && calls_)
      calls_->unmatchedUnlock(e, s);
    break;
  case EventKind::Call:
    if (calls_)
      calls_->apply(fn_, e, blockInLoop(b), s);
    break;
  case EventKind::ThreadCreate: {
    std::string id = e.object.known() ? e.object.identity()
                                      : "@" + e.loc.file + ":" +
                                            std::to_string(e.loc.line);
    if (std::find(s.running.begin(), s.running.end(), id) == s.running.end())
      s.running.push_back(id);
    break;
  }
  case EventKind::ThreadJoin:
    joinHandle(s, e.object.identity());
    break;
  case EventKind::CondWait:
  case EventKind::SemWait:
  case EventKind::Blocking:
    s.flags.erase(std::remove_if(s.flags.begin(), s.flags.end(),
                                 [](const auto &f) {
                                   return isSharedFlag(f.var);
                                 }),
                  s.flags.end());
    break;
  case EventKind::Assign:
    killFlag(s, e.object.key);
    renameMoved(s, e.object.key);
    assignConstant(s, e);
    break;
  default:
    break;
  }
}

// Keeps in `x` only the flags `s` agrees with; true if `x` changed.
static bool keepCommonFlags(PathState &x, const PathState &s) {
  size_t before = x.flags.size();
  x.flags.erase(std::remove_if(x.flags.begin(), x.flags.end(),
                               [&](const auto &f) {
                                 return std::find(s.flags.begin(),
                                                  s.flags.end(),
                                                  f) == s.flags.end();
                               }),
                x.flags.end());
  return x.flags.size() != before;
}

static void foldSameLocks(std::vector<PathState> &set) {
  std::vector<PathState> folded;
  std::vector<std::string> cores;
  for (PathState &x : set) {
    std::string core = coreKey(x);
    auto it = std::find(cores.begin(), cores.end(), core);
    if (it == cores.end()) {
      cores.push_back(core);
      folded.push_back(std::move(x));
    } else {
      keepCommonFlags(folded[it - cores.begin()], x);
    }
  }
  set = std::move(folded);
}

// `keys` holds each state's key, so a block's set is searched without
// rebuilding every key (sqlite3's interpreter loop has thousands of
// blocks, each visited many times).
bool LocksetEngine::addState(std::vector<PathState> &set,
                             std::vector<std::string> &keys, PathState s) {
  std::string k = s.key();
  if (std::find(keys.begin(), keys.end(), k) != keys.end())
    return false;
  if (set.size() < kMaxPaths) {
    set.push_back(std::move(s));
    keys.push_back(std::move(k));
    return true;
  }
  bool changed = foldInto(set, std::move(s));
  keys.clear();
  for (const PathState &x : set)
    keys.push_back(x.key());
  return changed;
}

// The set is full: first fold `s` into a path holding exactly the same
// locks, keeping only the flags both agree on, so the locksets stay exact.
bool LocksetEngine::foldInto(std::vector<PathState> &set, PathState s) {
  std::string core = coreKey(s);
  for (PathState &x : set)
    if (coreKey(x) == core)
      return keepCommonFlags(x, s);
  // A new lockset: make room by folding the paths that hold the same locks
  // as each other, which only loses flags, never a lockset.
  foldSameLocks(set);
  if (set.size() < kMaxPaths) {
    set.push_back(std::move(s));
    return true;
  }
  // Too many paths: merge everything into one may-state.  Flags go (they
  // would be wrong for some merged path); locks and threads are unioned.
  PathState merged = std::move(set.front());
  set.erase(set.begin());
  set.push_back(std::move(s));
  merged.flags.clear();
  for (PathState &x : set) {
    for (HeldLock &h : x.held)
      if (!merged.find(h.lock))
        acquire(merged, std::move(h));
    for (std::string &r : x.running)
      if (std::find(merged.running.begin(), merged.running.end(), r) ==
          merged.running.end())
        merged.running.push_back(std::move(r));
  }
  set.clear();
  set.push_back(std::move(merged));
  return true;
}

// A call that never returns ends the path: nothing after it runs, so it
// returns no lock and orders nothing.  Leaving the thread (pthread_exit,
// recorded as a Return) is the thread's return and still reaches the exit.
static bool endsProcessPath(const Block &blk) {
  if (!blk.noReturn)
    return false;
  for (const Event &e : blk.events)
    if (e.kind == EventKind::Return)
      return false;
  return true;
}

void LocksetEngine::step(unsigned b, PathState s, const EventHook *hook,
                         std::vector<std::vector<PathState>> &out) {
  const Block &blk = fn_.blocks[b];
  for (const std::string &h : loopJoins_[b])
    s.running.erase(std::remove(s.running.begin(), s.running.end(), h),
                    s.running.end());
  for (unsigned i = 0; i < blk.events.size(); i++) {
    if (hook && *hook)
      (*hook)(EventVisit{fn_, b, i, blk.events[i], s, blockInLoop(b)});
    apply(blk.events[i], b, s);
  }
  out.assign(blk.succs.size(), {});
  if (endsProcessPath(blk))
    return;
  for (unsigned i = 0; i < blk.succs.size(); i++) {
    if (blk.succs[i] < 0)
      continue;
    PathState next = s;
    if (blk.branch.kind == Branch::Flag && blk.succs.size() == 2) {
      const Branch &br = blk.branch;
      bool holds = i == br.trueSucc;
      int known = decide(next.flags, br.var, br.compare, br.value);
      if (known >= 0 && (known == 1) != holds)
        continue; // infeasible
      if (known < 0)
        next.flags.push_back({br.var, br.compare, br.value, holds});
    } else if (blk.branch.kind == Branch::TryLock &&
               i == blk.branch.trueSucc &&
               blk.branch.event < blk.events.size()) {
      acquire(next, heldFrom(blk.events[blk.branch.event]));
    }
    dropDeadFlags(next, static_cast<unsigned>(blk.succs[i]));
    out[i].push_back(std::move(next));
  }
}

void LocksetEngine::run(const EventHook &onEvent, const ExitHook &onExit) {
  size_t n = fn_.blocks.size();
  if (fn_.entry < 0 || static_cast<size_t>(fn_.entry) >= n)
    return;
  computeLoops();
  computeLiveFlags();
  std::vector<std::vector<PathState>> in(n);
  std::vector<std::vector<std::string>> keys(n);
  std::deque<unsigned> work;
  std::vector<bool> queued(n, false);
  PathState start;
  start.flags = entry_;
  dropDeadFlags(start, static_cast<unsigned>(fn_.entry));
  keys[fn_.entry].push_back(start.key());
  in[fn_.entry].push_back(std::move(start));
  work.push_back(static_cast<unsigned>(fn_.entry));
  queued[fn_.entry] = true;
  // Bounded: each block's state set only grows (or collapses to one merged
  // state), and locks/flags/handles come from a finite set of events.
  unsigned budget = static_cast<unsigned>(n) * 64 + 256;
  while (!work.empty() && budget-- > 0) {
    unsigned b = work.front();
    work.pop_front();
    queued[b] = false;
    std::vector<PathState> states = in[b];
    for (const PathState &s : states) {
      std::vector<std::vector<PathState>> out;
      step(b, s, nullptr, out);
      for (unsigned i = 0; i < out.size(); i++) {
        int succ = fn_.blocks[b].succs[i];
        bool changed = false;
        for (PathState &o : out[i])
          changed |= addState(in[succ], keys[succ], std::move(o));
        if (changed && !queued[succ]) {
          queued[succ] = true;
          work.push_back(static_cast<unsigned>(succ));
        }
      }
    }
  }
  for (unsigned b = 0; b < n; b++) {
    for (const PathState &s : in[b]) {
      std::vector<std::vector<PathState>> out;
      step(b, s, &onEvent, out);
    }
  }
  if (onExit && fn_.exit >= 0 && static_cast<size_t>(fn_.exit) < n)
    for (const PathState &s : in[fn_.exit])
      onExit(s);
}

} // namespace program
} // namespace coffman
