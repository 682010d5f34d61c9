#include "checks/SummaryEffects.h"

#include "facts/Instantiate.h"

#include <algorithm>

namespace coffman {
namespace checks {

using namespace facts;
using program::HeldLock;
using program::PathState;

void SummaryEffects::apply(const Function &, const Event &call, bool,
                           PathState &s) {
  const program::Summary *callee = program_.summaries().forCall(call);
  if (!callee)
    return;
  for (const Path &r : callee->releases) {
    Path p = instantiate(r, call.args);
    if (p.known())
      program::release(s, p);
  }
  for (const HeldLock &h : callee->leavesHeld) {
    HeldLock w = program::instantiateHeld(h, call.args);
    if (!w.lock.known())
      continue;
    w.at = call.loc; // an acquire wrapper: the lock is taken at its call
    w.chain.clear();
    program::acquire(s, std::move(w));
  }
}

void runLockset(const program::Program &p, const Function &fn,
                const program::EventHook &onEvent,
                const program::ExitHook &onExit) {
  SummaryEffects effects(p);
  program::LocksetEngine engine(fn, &effects);
  engine.run(onEvent, onExit ? onExit : [](const PathState &) {});
}

} // namespace checks
} // namespace coffman
