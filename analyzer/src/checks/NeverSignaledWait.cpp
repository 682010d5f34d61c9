// never-signaled-wait: a blocking wait that nothing in the program can end.
//
// Two rules.  (1) A cond wait or sem_wait on an object that no code in any
// translation unit signals, broadcasts or posts (nor hands to a function we
// cannot see, nor gives a count with sem_init).  (2) Go's receive from a
// nil channel: a thread started with NULL, or a function called with NULL,
// passes that NULL on to a call that reaches such a wait.  Timed and try
// waits end on their own and are never reported.
#include "checks/PathText.h"
#include "checks/Registry.h"
#include "checks/ThreadSites.h"
#include "facts/Instantiate.h"

#include <map>
#include <set>

namespace coffman {
namespace checks {

using namespace facts;

namespace {

struct Wakers {
  std::vector<Path> conds; // signalled or broadcast
  std::vector<Path> sems;  // posted or given a count
  std::vector<Path> escaped; // address handed to code we cannot see

  bool wakes(const std::vector<Path> &set, const Path &o) const {
    for (const Path &s : set)
      if (mayAlias(s, o))
        return true;
    for (const Path &s : escaped)
      if (mayAlias(s, o))
        return true;
    return false;
  }
};

Wakers collectWakers(const program::Program &p) {
  Wakers w;
  for (const TranslationUnit &tu : p.units())
    for (const Path &s : tu.prepostedSems)
      w.sems.push_back(s);
  for (const Function *fn : p.functions())
    for (const Block &b : fn->blocks)
      for (const Event &e : b.events) {
        if (e.kind == EventKind::CondSignal)
          w.conds.push_back(e.object);
        else if (e.kind == EventKind::SemPost)
          w.sems.push_back(e.object);
        else if (e.kind == EventKind::Call && !p.function(e.callee))
          for (const Value &a : e.args)
            if (a.kind == Value::AddrOf)
              w.escaped.push_back(a.path);
      }
  return w;
}

bool foreverWait(const Event &e) {
  return (e.kind == EventKind::CondWait || e.kind == EventKind::SemWait) &&
         e.mode == AcquireMode::Blocking;
}

struct Stuck {
  const Function *fn;
  const Event *wait;
};

// Rule 1: every blocking wait nobody can wake.
std::vector<Stuck> findStuckWaits(const program::Program &p,
                                  const Wakers &w) {
  std::vector<Stuck> out;
  for (const Function *fn : p.functions())
    for (const Block &b : fn->blocks)
      for (const Event &e : b.events) {
        if (!foreverWait(e) || !e.object.known() || e.object.opaque())
          continue;
        bool cond = e.kind == EventKind::CondWait;
        if (!w.wakes(cond ? w.conds : w.sems, e.object))
          out.push_back({fn, &e});
      }
  return out;
}

// A wait on an object only its own function can see (a static or
// automatic local whose address goes nowhere) parks the thread on purpose:
// Go's nil-channel receive is built exactly so.  The bug, if any, is the
// call that gets there, reported by rule 2 (or as no-termination), not the
// park itself.
bool deliberatePark(const Stuck &s) {
  const Path &o = s.wait->object;
  if (o.key.rfind(s.fn->key + "::", 0) != 0)
    return false;
  for (const Block &b : s.fn->blocks)
    for (const Event &e : b.events)
      if (e.kind == EventKind::Call || e.kind == EventKind::ThreadCreate)
        for (const Value &a : e.args)
          if (a.kind == Value::AddrOf && a.path.key == o.key)
            return false;
  return true;
}

Finding stuckFinding(const ThreadStarts &threads, const Stuck &s) {
  Finding f;
  f.kind = COFFMAN_NEVER_SIGNALED_WAIT;
  f.severity = COFFMAN_SEVERITY_WARNING;
  std::string obj = display(s.wait->object, s.fn);
  bool cond = s.wait->kind == EventKind::CondWait;
  f.message = "`" + s.wait->calleeName + "` on `" + obj +
              "` can never return: no code in the program " +
              (cond ? "signals or broadcasts it" : "posts it");
  f.loc = s.wait->loc;
  threads.addNotes(s.fn->key, f.notes);
  f.fix = cond ? "signal `" + obj + "` where its predicate becomes true, or "
                 "wait with a timeout"
               : "sem_post `" + obj + "` where a unit becomes available";
  return f;
}

// How a NULL reached a parameter: the call or thread start that passed it.
struct NullOrigin {
  std::vector<FindingNote> steps; // outermost first
};

using ParamKey = std::pair<std::string, unsigned>;

// Parameters that receive NULL on some call or thread start, with the
// sites that pass it; propagated through parameters passed on unchanged.
std::map<ParamKey, NullOrigin> nullParams(const program::Program &p) {
  std::map<ParamKey, NullOrigin> out;
  auto flow = [&](const Function &caller, const Value &arg,
                  const std::string &callee, unsigned index,
                  const FindingNote &site) {
    if (!p.function(callee))
      return false;
    ParamKey k{callee, index};
    if (out.count(k))
      return false;
    if (arg.kind == Value::Null) {
      out[k].steps = {site};
      return true;
    }
    if (arg.kind == Value::Load && arg.path.root == RootKind::Param &&
        arg.path.ops.empty()) {
      auto from = out.find({caller.key, arg.path.param});
      if (from == out.end())
        return false;
      NullOrigin o = from->second;
      o.steps.push_back(site);
      out[k] = o;
      return true;
    }
    return false;
  };
  for (int round = 0; round < 6; round++) {
    bool changed = false;
    for (const Function *fn : p.functions())
      for (const Block &b : fn->blocks)
        for (const Event &e : b.events) {
          if (e.kind == EventKind::Call)
            for (unsigned i = 0; i < e.args.size(); i++)
              changed |= flow(*fn, e.args[i], e.callee, i,
                              {"`" + e.calleeName + "` called with NULL here",
                               e.loc});
          else if (e.kind == EventKind::ThreadCreate && !e.args.empty())
            changed |= flow(*fn, e.args[0], e.callee, 0,
                            {"thread running `" + e.calleeName +
                                 "` started with NULL here",
                             e.loc});
        }
    if (!changed)
      break;
  }
  return out;
}

// Functions that may reach a stuck wait, each with the wait it reaches.
std::map<std::string, Stuck> mayHang(const program::Program &p,
                                     const std::vector<Stuck> &stuck) {
  std::map<std::string, Stuck> out;
  for (const Stuck &s : stuck)
    out.emplace(s.fn->key, s);
  for (const auto &scc : p.bottomUp())
    for (int round = 0; round < 2; round++)
      for (const std::string &key : scc) {
        if (out.count(key))
          continue;
        for (const std::string &c : p.callees(key)) {
          auto it = out.find(c);
          if (it != out.end()) {
            out.emplace(key, it->second);
            break;
          }
        }
      }
  return out;
}

// Rule 2: a NULL parameter handed to a call that can reach a stuck wait.
// Only pointers to structures count (a queue, a channel): a NULL output
// buffer or option is not what a wait blocks on.
void reportNullChannels(const program::Program &p,
                        const std::vector<Stuck> &stuck,
                        std::vector<Finding> &out) {
  std::map<ParamKey, NullOrigin> nulls = nullParams(p);
  if (nulls.empty())
    return;
  std::map<std::string, Stuck> hangs = mayHang(p, stuck);
  for (const Function *fn : p.functions())
    for (const Block &b : fn->blocks)
      for (const Event &e : b.events) {
        if (e.kind != EventKind::Call || !hangs.count(e.callee))
          continue;
        for (const Value &a : e.args) {
          if (a.kind != Value::Load || a.path.root != RootKind::Param ||
              !a.path.ops.empty() || a.pointee.empty())
            continue;
          auto n = nulls.find({fn->key, a.path.param});
          if (n == nulls.end())
            continue;
          const Stuck &s = hangs.at(e.callee);
          Finding f;
          f.kind = COFFMAN_NEVER_SIGNALED_WAIT;
          std::string arg = display(a.path, fn);
          f.message = "`" + e.calleeName + "` can never return: it is "
                      "passed NULL (`" + arg + "` of `" + fn->name +
                      "`) and reaches a wait that nothing can end, like a "
                      "receive from a nil channel";
          f.loc = e.loc;
          for (const FindingNote &step : n->second.steps)
            f.notes.push_back(step);
          f.notes.push_back({"the wait that never ends: `" +
                                 s.wait->calleeName + "` in `" + s.fn->name +
                                 "`",
                             s.wait->loc});
          f.fix = "pass a real `" + a.pointee + "`, or select on a done "
                  "channel as well so the thread can be stopped";
          out.push_back(std::move(f));
          break;
        }
      }
}

} // namespace

void runNeverSignaledWait(const program::Program &p,
                          std::vector<Finding> &out) {
  Wakers w = collectWakers(p);
  std::vector<Stuck> stuck = findStuckWaits(p, w);
  ThreadStarts threads(p);
  for (const Stuck &s : stuck)
    if (!deliberatePark(s))
      out.push_back(stuckFinding(threads, s));
  reportNullChannels(p, stuck, out);
}

} // namespace checks
} // namespace coffman
