// never-signaled-wait: a blocking wait that nothing in the program can end.
//
// (1) A cond wait or sem_wait on an object that no code in any
// translation unit signals, broadcasts or posts (nor hands to a function we
// cannot see, nor gives a count with sem_init).  The nil-object rules
// (NilWaits.h) come first, and a wait they explain is not reported again
// here: (2) a wait through a NULL pointer, (3) a sem_wait on a semaphore
// nothing initialises, (4) Go's receive from a nil channel: NULL passed to
// a call that reaches a stuck wait.  Timed and try waits end on their own
// and are never reported.
#include "checks/NilWaits.h"
#include "checks/PathText.h"
#include "checks/Registry.h"
#include "checks/ThreadSites.h"

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

} // namespace

void runNeverSignaledWait(const program::Program &p,
                          std::vector<Finding> &out) {
  ThreadStarts threads(p);
  NilPointers nil(p);
  std::set<const Event *> explained =
      reportWaitsThroughNull(p, nil, threads, out);
  std::set<const Event *> uninit = reportUninitialisedSems(p, threads, out);
  explained.insert(uninit.begin(), uninit.end());
  Wakers w = collectWakers(p);
  std::vector<Stuck> stuck;
  for (const Stuck &s : findStuckWaits(p, w))
    if (!explained.count(s.wait))
      stuck.push_back(s);
  for (const Stuck &s : stuck)
    if (!deliberatePark(s))
      out.push_back(stuckFinding(threads, s));
  reportNullChannels(p, nil, stuck, out);
}

} // namespace checks
} // namespace coffman
