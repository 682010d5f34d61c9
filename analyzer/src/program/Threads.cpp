#include "program/Threads.h"

#include "program/Program.h"

#include <algorithm>
#include <set>

namespace coffman {
namespace program {

using namespace facts;

static std::string siteKey(const SourceLoc &l) {
  return l.file + ":" + std::to_string(l.line) + ":" + std::to_string(l.col);
}

void Threads::addFrom(const Program &program, int parent) {
  const Summary *s = program.summaries().get(contexts_[parent].routine);
  if (!s)
    return;
  std::vector<Value> args;
  if (!contexts_[parent].isMain)
    args.push_back(contexts_[parent].arg);
  for (const ThreadStart &st : s->starts) {
    if (st.routine.empty() || !program.function(st.routine))
      continue;
    ThreadContext c;
    c.routine = st.routine;
    c.routineName = st.routineName;
    c.arg = program.resolve(instantiateValue(st.arg, args));
    c.site = st.site;
    c.chain = st.chain.sites();
    c.parent = parent;
    c.multiple = st.inLoop;
    c.handle = st.handle.identity();
    c.runningBefore = st.runningBefore;
    bool dup = false;
    for (ThreadContext &x : contexts_)
      if (x.routine == c.routine && siteKey(x.site) == siteKey(c.site) &&
          x.arg.kind == c.arg.kind && x.arg.path == c.arg.path) {
        x.multiple = true; // the same start reached twice
        dup = true;
      }
    if (dup || contexts_.size() >= kMaxContexts)
      continue;
    contexts_.push_back(std::move(c));
    addFrom(program, static_cast<int>(contexts_.size() - 1));
  }
}

void Threads::compute(const Program &program) {
  contexts_.clear();
  if (program.function("main")) {
    ThreadContext m;
    m.routine = "main";
    m.routineName = "main";
    m.isMain = true;
    contexts_.push_back(m);
    addFrom(program, 0);
  }
  // Creation sites the walk from main did not reach (called through
  // pointers we cannot resolve, or no main): their argument is unknown.
  std::set<std::string> seen;
  for (const ThreadContext &c : contexts_)
    seen.insert(siteKey(c.site));
  for (const Function *f : program.functions())
    for (const Block &b : f->blocks)
      for (const Event &e : b.events) {
        if (e.kind != EventKind::ThreadCreate || e.callee.empty() ||
            !program.function(e.callee) || !seen.insert(siteKey(e.loc)).second)
          continue;
        if (contexts_.size() >= kMaxContexts)
          return;
        ThreadContext c;
        c.routine = e.callee;
        c.routineName = e.calleeName;
        c.arg.pointee = e.args.empty() ? "" : e.args[0].pointee;
        if (!e.args.empty() && e.args[0].path.root != RootKind::Param &&
            e.args[0].path.root != RootKind::Local)
          c.arg = program.resolve(e.args[0]);
        c.site = e.loc;
        contexts_.push_back(std::move(c));
        addFrom(program, static_cast<int>(contexts_.size() - 1));
      }
}

bool Threads::concurrent(int a, int b) const {
  if (a < 0 || b < 0)
    return false;
  if (a == b)
    return contexts_[a].multiple;
  const ThreadContext &x = contexts_[a], &y = contexts_[b];
  // Siblings started by the same thread: concurrent only if one was still
  // running (not joined) when the other started.
  if (x.parent == y.parent && x.parent >= 0 && !x.handle.empty() &&
      !y.handle.empty() && x.handle[0] != 'U' &&
      y.handle[0] != 'U') {
    auto has = [](const std::vector<std::string> &v, const std::string &h) {
      return std::find(v.begin(), v.end(), h) != v.end();
    };
    return has(y.runningBefore, x.handle) || has(x.runningBefore, y.handle);
  }
  return true;
}

} // namespace program
} // namespace coffman
