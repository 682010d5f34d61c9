#include "checks/NilWaits.h"

#include "checks/PathText.h"
#include "facts/Instantiate.h"

#include <map>

namespace coffman {
namespace checks {

using namespace facts;

namespace {

bool blockingWait(const Event &e) {
  return (e.kind == EventKind::CondWait || e.kind == EventKind::SemWait) &&
         e.mode == AcquireMode::Blocking;
}

Finding nullWaitFinding(const Function &fn, const Event &wait,
                        const Path &slot, const NullOrigin &origin,
                        const ThreadStarts &threads) {
  Finding f;
  f.kind = COFFMAN_NEVER_SIGNALED_WAIT;
  std::string obj = display(wait.object, &fn);
  std::string ptr = display(slot, &fn);
  f.message = "`" + wait.calleeName + "` on `" + obj + "` waits through `" +
              ptr + "`, which is NULL here: a wait on no object never "
              "returns normally, like a receive from a nil channel";
  f.loc = wait.loc;
  f.notes = origin.steps;
  threads.addNotes(fn.key, f.notes);
  f.fix = "give `" + ptr + "` a real object before the thread uses it, or "
          "test it for NULL before waiting";
  return f;
}

} // namespace

std::set<const Event *>
reportWaitsThroughNull(const program::Program &p, const NilPointers &nil,
                       const ThreadStarts &threads, std::vector<Finding> &out) {
  std::set<const Event *> reported;
  for (const Function *fn : p.functions())
    for (const Block &b : fn->blocks)
      for (const Event &e : b.events) {
        if (!blockingWait(e))
          continue;
        for (const Path &slot : pointerSlots(e.object)) {
          NullOrigin origin;
          if (!nil.slotNull(*fn, slot, &origin))
            continue;
          out.push_back(nullWaitFinding(*fn, e, slot, origin, threads));
          reported.insert(&e);
          break;
        }
      }
  return reported;
}

namespace {

bool namedObject(const Path &p) {
  if (p.root != RootKind::Global && p.root != RootKind::Local)
    return false;
  for (const std::string &op : p.ops)
    if (op.empty() || op[0] != '.')
      return false;
  return true;
}

// A helper's `sem_init(s, ...)` on its parameter initialises whatever its
// callers (or thread starts) pass it, followed up a few helper levels.
void resolveInits(const program::Program &p, std::vector<ObjectInit> pending,
                  std::vector<Path> &out) {
  for (int depth = 0; depth < 4 && !pending.empty(); depth++) {
    std::vector<ObjectInit> next;
    for (const ObjectInit &i : pending)
      for (const Function *fn : p.functions())
        for (const Block &b : fn->blocks)
          for (const Event &e : b.events) {
            if ((e.kind != EventKind::Call &&
                 e.kind != EventKind::ThreadCreate) ||
                e.callee != i.function)
              continue;
            Path q = instantiate(i.object, e.args);
            if (q.root == RootKind::Param)
              next.push_back({fn->key, q});
            else
              out.push_back(q); // unknown aliases everything: silent
          }
    pending.swap(next);
  }
  for (const ObjectInit &i : pending)
    out.push_back(toClass(i.object)); // too deep to follow
}

// Semaphores sem_init'ed anywhere, or whose address reaches code we do not
// see (which may sem_init them).
std::vector<Path> maybeInitialisedSems(const program::Program &p) {
  std::vector<Path> out;
  std::vector<ObjectInit> viaParams;
  for (const TranslationUnit &tu : p.units())
    for (const ObjectInit &i : tu.initialisedSems)
      if (i.object.root == RootKind::Param && !i.function.empty())
        viaParams.push_back(i);
      else
        out.push_back(i.object);
  resolveInits(p, std::move(viaParams), out);
  for (const Function *fn : p.functions())
    for (const Block &b : fn->blocks)
      for (const Event &e : b.events)
        if (e.kind == EventKind::Call && !p.function(e.callee))
          for (const Value &a : e.args)
            if (a.kind == Value::AddrOf)
              out.push_back(a.path);
  return out;
}

} // namespace

std::set<const Event *>
reportUninitialisedSems(const program::Program &p, const ThreadStarts &threads,
                        std::vector<Finding> &out) {
  std::set<const Event *> reported;
  std::vector<Path> inited = maybeInitialisedSems(p);
  for (const Function *fn : p.functions())
    for (const Block &b : fn->blocks)
      for (const Event &e : b.events) {
        if (e.kind != EventKind::SemWait || e.mode != AcquireMode::Blocking ||
            !namedObject(e.object))
          continue;
        bool maybe = false;
        for (const Path &i : inited)
          maybe |= mayAlias(i, e.object);
        if (maybe)
          continue;
        Finding f;
        f.kind = COFFMAN_NEVER_SIGNALED_WAIT;
        std::string obj = display(e.object, fn);
        f.message = "`" + e.calleeName + "` on `" + obj + "`, which no "
                    "code initialises with sem_init: a wait on an "
                    "uninitialised semaphore is undefined behaviour";
        f.loc = e.loc;
        threads.addNotes(fn->key, f.notes);
        f.fix = "sem_init `" + obj + "` before any thread uses it";
        out.push_back(std::move(f));
        reported.insert(&e);
      }
  return reported;
}

namespace {

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

// A structure or union type name: "struct queue", or the typedef name of
// an anonymous one; not a scalar ("char", "unsigned int", "int *").
bool aggregate(const std::string &type) {
  if (type.rfind("struct ", 0) == 0 || type.rfind("union ", 0) == 0)
    return true;
  static const char *const scalars[] = {"char", "int",   "long",  "short",
                                        "float", "double", "_Bool", "bool"};
  if (type.empty() || type.find_first_of(" *[(") != std::string::npos)
    return false;
  for (const char *s : scalars)
    if (type == s)
      return false;
  return true;
}

} // namespace

// Only pointers to structures count (a queue, a channel): a NULL output
// buffer or option is not what a wait blocks on.
void reportNullChannels(const program::Program &p, const NilPointers &nil,
                        const std::vector<Stuck> &stuck,
                        std::vector<Finding> &out) {
  std::map<std::string, Stuck> hangs = mayHang(p, stuck);
  for (const Function *fn : p.functions())
    for (const Block &b : fn->blocks)
      for (const Event &e : b.events) {
        if (e.kind != EventKind::Call || !hangs.count(e.callee))
          continue;
        for (const Value &a : e.args) {
          NullOrigin origin;
          if (!aggregate(a.pointee) || !nil.isNull(*fn, a, &origin))
            continue;
          const Stuck &s = hangs.at(e.callee);
          Finding f;
          f.kind = COFFMAN_NEVER_SIGNALED_WAIT;
          std::string arg = a.kind == Value::Null
                                ? "NULL"
                                : "NULL (`" + display(a.path, fn) + "`)";
          f.message = "`" + e.calleeName + "` can never return: it is "
                      "passed " + arg + " and reaches a wait that nothing "
                      "can end, like a receive from a nil channel";
          f.loc = e.loc;
          f.notes = origin.steps;
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

} // namespace checks
} // namespace coffman
