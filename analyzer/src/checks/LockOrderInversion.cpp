// coffman-lock-order-inversion: a cycle in the lock-order graph whose edges
// can be realised by different threads at the same time.
//
// A cycle A -> B -> ... -> A is reported when one edge instance per step can
// be chosen such that
//  - the instances' thread contexts can run concurrently (distinct threads,
//    or one routine started several times; main only after it started
//    threads: LockGraph drops its earlier edges);
//  - no lock is held exclusively across every step (a gate lock serialises
//    them), classes excepted since two instances of a class differ;
//  - each wait really blocks: taking a rwlock for reading blocks nobody who
//    holds it for reading (a read-read cycle is no deadlock);
// and only blocking acquisitions make edges (a trylock or timed lock cannot
// wait forever; Summaries leaves them out).
#include "checks/Registry.h"
#include "program/LockGraph.h"

#include <algorithm>
#include <functional>
#include <set>
#include <sstream>
#include <tuple>

namespace coffman {
namespace checks {

using namespace program;
using facts::Access;
using facts::SourceLoc;

namespace {

constexpr size_t kMaxCycleLength = 4;
constexpr size_t kMaxCycles = 2000;
constexpr size_t kMaxChoiceSteps = 20000;

std::string at(const SourceLoc &l) {
  std::string f = l.file;
  size_t slash = f.rfind('/');
  if (slash != std::string::npos)
    f = f.substr(slash + 1);
  return f + ":" + std::to_string(l.line);
}

std::string q(const facts::Path &p) { return "`" + p.str() + "`"; }

bool locBefore(const SourceLoc &a, const SourceLoc &b) {
  return std::tie(a.file, a.line, a.col) < std::tie(b.file, b.line, b.col);
}

class CycleSearch {
public:
  CycleSearch(const Program &p, const LockGraph &g) : p_(p), g_(g) {}

  void run(std::vector<Finding> &out) {
    std::vector<int> scc = components();
    for (size_t s = 0; s < g_.nodeCount() && cycles_ < kMaxCycles; s++) {
      std::vector<size_t> path{s};
      extend(s, scc, path, out);
    }
  }

private:
  // Strongly connected components: only nodes of one SCC share cycles.
  std::vector<int> components() {
    size_t n = g_.nodeCount();
    std::vector<int> comp(n, -1), index(n, -1), low(n, 0);
    std::vector<bool> on(n, false);
    std::vector<size_t> st;
    int counter = 0, ncomp = 0;
    std::function<void(size_t)> visit = [&](size_t v) {
      index[v] = low[v] = counter++;
      st.push_back(v);
      on[v] = true;
      for (size_t w : g_.successors(v)) {
        if (index[w] < 0) {
          visit(w);
          low[v] = std::min(low[v], low[w]);
        } else if (on[w]) {
          low[v] = std::min(low[v], index[w]);
        }
      }
      if (low[v] != index[v])
        return;
      size_t w;
      do {
        w = st.back();
        st.pop_back();
        on[w] = false;
        comp[w] = ncomp;
      } while (w != v);
      ncomp++;
    };
    for (size_t v = 0; v < n; v++)
      if (index[v] < 0)
        visit(v);
    return comp;
  }

  // Simple cycles through `start` whose other nodes have larger ids, so
  // each cycle is enumerated once.
  void extend(size_t start, const std::vector<int> &scc,
              std::vector<size_t> &path, std::vector<Finding> &out) {
    size_t last = path.back();
    for (size_t next : g_.successors(last)) {
      if (cycles_ >= kMaxCycles)
        return;
      if (next == start && path.size() >= 2) {
        cycles_++;
        consider(path, out);
        continue;
      }
      if (next <= start || scc[next] != scc[start] ||
          path.size() >= kMaxCycleLength ||
          std::find(path.begin(), path.end(), next) != path.end())
        continue;
      path.push_back(next);
      extend(start, scc, path, out);
      path.pop_back();
    }
  }

  // main runs an edge alongside a thread only if that thread (or the
  // ancestor main started it through) had been started and not yet joined.
  bool mainSees(const EdgeInstance &mainEdge, int ctx) {
    const std::vector<ThreadContext> &cs = p_.threads().contexts();
    while (ctx >= 0 && cs[ctx].parent >= 0 && !cs[cs[ctx].parent].isMain)
      ctx = cs[ctx].parent;
    if (ctx < 0 || cs[ctx].parent < 0 || cs[ctx].handle.empty() ||
        cs[ctx].handle[0] == 'U')
      return true;
    const std::vector<std::string> &r = mainEdge.edge.running;
    return std::find(r.begin(), r.end(), cs[ctx].handle) != r.end();
  }

  bool concurrent(const EdgeInstance &a, const EdgeInstance &b) {
    if (!p_.threads().concurrent(a.context, b.context))
      return false;
    const std::vector<ThreadContext> &cs = p_.threads().contexts();
    if (cs[a.context].isMain && !cs[b.context].isMain)
      return mainSees(a, b.context);
    if (cs[b.context].isMain && !cs[a.context].isMain)
      return mainSees(b, a.context);
    return true;
  }

  bool blocks(const EdgeInstance &waiting, const EdgeInstance &holder) {
    // `waiting` wants holder's held lock: both shared means no wait.
    return !(waiting.edge.to.access == Access::Shared &&
             holder.edge.from.access == Access::Shared);
  }

  bool gated(const std::vector<const EdgeInstance *> &chosen) {
    std::set<std::string> common;
    bool first = true;
    for (const EdgeInstance *e : chosen) {
      std::set<std::string> mine;
      for (const HeldLock &g : e->edge.alsoHeld)
        if (g.lock.root != facts::RootKind::Class && g.lock.known() &&
            g.access == Access::Exclusive)
          mine.insert(g.lock.identity());
      if (first)
        common = mine;
      else {
        std::set<std::string> both;
        for (const std::string &x : common)
          if (mine.count(x))
            both.insert(x);
        common = both;
      }
      first = false;
    }
    return !common.empty();
  }

  bool choose(const std::vector<size_t> &cycle, size_t i,
              std::vector<const EdgeInstance *> &chosen) {
    if (steps_++ > kMaxChoiceSteps)
      return false;
    size_t k = cycle.size();
    if (i == k) {
      if (!blocks(*chosen[k - 1], *chosen[0]))
        return false;
      return !gated(chosen);
    }
    for (const EdgeInstance &e : g_.edges(cycle[i], cycle[(i + 1) % k])) {
      bool ok = i == 0 || blocks(*chosen[i - 1], e);
      for (size_t j = 0; ok && j < i; j++)
        ok = concurrent(*chosen[j], e);
      if (!ok)
        continue;
      chosen.push_back(&e);
      if (choose(cycle, i + 1, chosen))
        return true;
      chosen.pop_back();
    }
    return false;
  }

  void consider(const std::vector<size_t> &cycle, std::vector<Finding> &out) {
    std::vector<size_t> sorted = cycle;
    std::sort(sorted.begin(), sorted.end());
    if (!reported_.insert(sorted).second)
      return;
    std::vector<const EdgeInstance *> chosen;
    steps_ = 0;
    if (!choose(cycle, 0, chosen)) {
      reported_.erase(sorted);
      return;
    }
    out.push_back(describe(chosen));
  }

  std::string threadOf(int ctx) {
    const ThreadContext &c = p_.threads().contexts()[ctx];
    if (c.isMain)
      return "the main thread (after it started other threads)";
    std::string s = "thread `" + c.routineName + "`";
    if (c.site.valid())
      s += " started at " + at(c.site);
    if (c.multiple)
      s += " (started more than once)";
    return s;
  }

  std::string chainText(const HeldLock &h) {
    std::string s;
    for (const CallSite &cs : h.chain)
      s += (s.empty() ? "" : " -> ") + cs.caller + " calls " + cs.callee +
           " at " + at(cs.loc);
    return s;
  }

  Finding describe(std::vector<const EdgeInstance *> chosen) {
    // The closing acquisition: the step acquired last in source order; the
    // notes walk the cycle so that it comes last.
    size_t close = 0;
    for (size_t i = 1; i < chosen.size(); i++)
      if (locBefore(chosen[close]->edge.to.at, chosen[i]->edge.to.at))
        close = i;
    std::rotate(chosen.begin(), chosen.begin() + (close + 1) % chosen.size(),
                chosen.end());
    const EdgeInstance &last = *chosen.back();
    Finding f;
    f.kind = COFFMAN_LOCK_ORDER_INVERSION;
    f.loc = last.edge.to.at;
    std::string cycle;
    for (const EdgeInstance *e : chosen)
      cycle += q(e->edge.from.lock) + " -> ";
    cycle += q(chosen.front()->edge.from.lock);
    if (chosen.size() == 2)
      f.message = "lock order inversion: acquiring " + q(last.edge.to.lock) +
                  " while holding " + q(last.edge.from.lock) +
                  ", which another thread acquires in the opposite order";
    else
      f.message = "lock order inversion: acquiring " + q(last.edge.to.lock) +
                  " while holding " + q(last.edge.from.lock) +
                  " closes the cycle " + cycle;
    for (const EdgeInstance *e : chosen) {
      const OrderEdge &oe = e->edge;
      f.notes.push_back({"holding " + q(oe.from.lock) + " (acquired at " +
                             at(oe.from.at) + ") while acquiring " +
                             q(oe.to.lock) + " at " + at(oe.to.at),
                         oe.to.at});
      std::string chain = chainText(oe.to);
      if (!chain.empty())
        f.notes.push_back({"call chain to " + q(oe.to.lock) + ": " + chain,
                           oe.to.chain.front().loc});
      const ThreadContext &c = p_.threads().contexts()[e->context];
      f.notes.push_back({"this order runs in " + threadOf(e->context),
                         c.site.valid() ? c.site : oe.to.at});
    }
    bool rw = std::any_of(chosen.begin(), chosen.end(),
                          [](const EdgeInstance *e) {
                            return e->edge.to.kind == facts::LockKind::RwLock;
                          });
    std::string locks;
    for (const EdgeInstance *e : chosen)
      locks += (locks.empty() ? "" : ", ") + q(e->edge.from.lock);
    f.mutualExclusion =
        locks + (rw ? " are locks that at least one side takes exclusively"
                    : " can each be held by only one thread at a time");
    f.holdAndWait = "each thread holds one lock while it blocks acquiring "
                    "the next (no trylock or timeout)";
    f.noPreemption = "a held lock cannot be taken away; only its owner "
                     "releases it";
    f.circularWait = "the waits form the cycle " + cycle;
    f.fix = "acquire these locks in one global order everywhere (e.g. always " +
            q(chosen.front()->edge.from.lock) + " first), or take the "
            "second one with a trylock and back off";
    return f;
  }

  const Program &p_;
  const LockGraph &g_;
  size_t cycles_ = 0, steps_ = 0;
  std::set<std::vector<size_t>> reported_;
};

} // namespace

void runLockOrderInversion(const Program &program, std::vector<Finding> &out) {
  LockGraph graph(program);
  CycleSearch(program, graph).run(out);
}

} // namespace checks
} // namespace coffman
