#include "checks/BlockingExemptions.h"
#include "checks/NonBlockingFds.h"

namespace coffman {
namespace checks {

using namespace facts;

namespace {

std::string locKey(const SourceLoc &l) {
  return l.file + ":" + std::to_string(l.line) + ":" + std::to_string(l.col);
}

bool named(const Path &p) {
  return (p.root == RootKind::Global || p.root == RootKind::Local) &&
         p.ops.empty();
}

} // namespace

BlockingExemptions::BlockingExemptions(const program::Program &p)
    : dying_(p) {
  NonBlockingFds fds(p);
  for (const TranslationUnit &tu : p.units()) {
    for (const SourceLoc &l : tu.nonBlockingCalls)
      quiet_.insert(locKey(l));
    for (const FdUse &u : tu.fdUses)
      if (fds.nonBlocking(u.fd))
        quiet_.insert(locKey(u.call));
  }

  std::set<std::string> passThrough, condMutexes;
  for (const TranslationUnit &tu : p.units())
    for (const Path &l : tu.passThroughLocks)
      if (named(l))
        passThrough.insert(l.identity());
  for (const Function *fn : p.functions())
    for (const Block &b : fn->blocks)
      for (const Event &e : b.events)
        if (e.kind == EventKind::CondWait)
          condMutexes.insert(e.lock.identity());
  for (const std::string &l : passThrough)
    if (!condMutexes.count(l))
      gates_.insert(l);
}

bool BlockingExemptions::cannotBlock(const Event &e) const {
  return e.kind == EventKind::Blocking && quiet_.count(locKey(e.loc)) != 0;
}

bool BlockingExemptions::quietBlock(const Function &fn,
                                    unsigned block) const {
  return (block < fn.blocks.size() && fn.blocks[block].forkChild) ||
         dying_.dying(fn.key, block);
}

bool BlockingExemptions::gateLock(const Path &lock) const {
  return gates_.count(lock.identity()) != 0;
}

} // namespace checks
} // namespace coffman
