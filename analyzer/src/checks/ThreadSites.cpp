#include "checks/ThreadSites.h"

#include <map>
#include <set>

namespace coffman {
namespace checks {

using namespace facts;

namespace {

std::vector<RoutineStart> collect(const program::Program &p) {
  std::vector<RoutineStart> out;
  for (const Function *fn : p.functions())
    for (const Block &b : fn->blocks)
      for (const Event &e : b.events) {
        if (e.kind != EventKind::ThreadCreate)
          continue;
        if (!e.callee.empty()) {
          out.push_back({e.callee, e.calleeName, e.loc, {}, fn, &e});
          continue;
        }
        // The routine is one of the creator's parameters.
        for (unsigned i = 0; i < fn->paramNames.size(); i++) {
          if (fn->paramNames[i] != e.calleeName)
            continue;
          for (const std::string &c : p.callers(fn->key))
            if (const Function *caller = p.function(c))
              for (const Block &cb : caller->blocks)
                for (const Event &call : cb.events)
                  if (call.kind == EventKind::Call && call.callee == fn->key &&
                      i < call.args.size() &&
                      call.args[i].kind == Value::Function) {
                    const std::string &k = call.args[i].function;
                    size_t colon = k.rfind(':');
                    out.push_back({k,
                                   colon == std::string::npos
                                       ? k
                                       : k.substr(colon + 1),
                                   e.loc, call.loc, fn, &e});
                  }
        }
      }
  return out;
}

} // namespace

ThreadStarts::ThreadStarts(const program::Program &p)
    : p_(p), starts_(collect(p)) {
  for (const RoutineStart &s : starts_)
    routines_.insert(s.routine);
}

void ThreadStarts::addNotes(const std::string &key,
                            std::vector<FindingNote> &notes) const {
  const program::Program &p = p_;
  // Functions from which `key` is reachable, up to a small depth.
  std::set<std::string> reach{key};
  std::vector<std::string> frontier{key};
  for (int depth = 0; depth < 6 && !frontier.empty(); depth++) {
    std::vector<std::string> next;
    for (const std::string &f : frontier)
      for (const std::string &c : p.callers(f))
        if (reach.insert(c).second)
          next.push_back(c);
    frontier.swap(next);
  }
  size_t added = 0;
  for (const RoutineStart &s : starts_) {
    if (!reach.count(s.routine) || added == 3)
      continue;
    notes.push_back({"thread running `" + s.routineName + "` started here",
                     s.via.valid() ? s.via : s.site});
    added++;
  }
}

} // namespace checks
} // namespace coffman
