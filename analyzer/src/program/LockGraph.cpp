#include "program/LockGraph.h"

namespace coffman {
namespace program {

using namespace facts;

static HeldLock resolved(const Program &p, const HeldLock &h,
                         const std::vector<Value> &args) {
  HeldLock out = instantiateHeld(h, args);
  out.lock = p.resolve(out.lock);
  return out;
}

// Only locks with a name or a class with a field say which lock they are.
static bool nameable(const Path &p) { return p.known() && !p.opaque(); }

LockGraph::LockGraph(const Program &program) {
  const std::vector<ThreadContext> &ctxs = program.threads().contexts();
  for (size_t c = 0; c < ctxs.size(); c++) {
    const Summary *s = program.summaries().get(ctxs[c].routine);
    if (!s)
      continue;
    std::vector<Value> args;
    if (!ctxs[c].isMain)
      args.push_back(ctxs[c].arg);
    for (const OrderEdge &e : s->edges) {
      if (ctxs[c].isMain && !e.threadsRunning)
        continue;
      EdgeInstance inst;
      inst.context = static_cast<int>(c);
      inst.edge.from = resolved(program, e.from, args);
      inst.edge.to = resolved(program, e.to, args);
      inst.edge.threadsRunning = e.threadsRunning;
      inst.edge.running = e.running;
      for (const HeldLock &g : e.alsoHeld)
        inst.edge.alsoHeld.push_back(resolved(program, g, args));
      add(std::move(inst));
    }
  }
}

size_t LockGraph::nodeId(const Path &p) {
  auto it = ids_.find(p.identity());
  if (it != ids_.end())
    return it->second;
  size_t id = names_.size();
  ids_.emplace(p.identity(), id);
  names_.push_back(p);
  succ_.emplace_back();
  return id;
}

void LockGraph::add(EdgeInstance e) {
  if (!nameable(e.edge.from.lock) || !nameable(e.edge.to.lock) ||
      e.edge.from.lock == e.edge.to.lock)
    return;
  size_t u = nodeId(e.edge.from.lock), v = nodeId(e.edge.to.lock);
  std::vector<EdgeInstance> &list = edges_[{u, v}];
  if (list.empty())
    succ_[u].push_back(v);
  if (list.size() < kMaxInstancesPerEdge)
    list.push_back(std::move(e));
}

const std::vector<EdgeInstance> &LockGraph::edges(size_t u, size_t v) const {
  static const std::vector<EdgeInstance> none;
  auto it = edges_.find({u, v});
  return it == edges_.end() ? none : it->second;
}

} // namespace program
} // namespace coffman
