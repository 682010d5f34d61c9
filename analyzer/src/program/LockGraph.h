// The program's lock-order graph: every "holding A while acquiring B" edge
// of every thread context, with paths instantiated for that context and
// resolved to program-wide names (Program::resolve).  Edges of main that
// happen before its first thread starts (or after its last join) are left
// out: no other thread can be holding anything then.
#ifndef COFFMAN_PROGRAM_LOCKGRAPH_H
#define COFFMAN_PROGRAM_LOCKGRAPH_H

#include "program/Program.h"

#include <map>
#include <string>
#include <vector>

namespace coffman {
namespace program {

struct EdgeInstance {
  OrderEdge edge;   // resolved paths
  int context = -1; // index into Threads::contexts()
};

class LockGraph {
public:
  explicit LockGraph(const Program &program);

  size_t nodeCount() const { return names_.size(); }
  const Path &node(size_t i) const { return names_[i]; }
  // Instances of the edge u -> v (empty when there is none).
  const std::vector<EdgeInstance> &edges(size_t u, size_t v) const;
  const std::vector<size_t> &successors(size_t u) const { return succ_[u]; }

private:
  size_t nodeId(const Path &p);
  void add(EdgeInstance e);

  std::map<std::string, size_t> ids_;
  std::vector<Path> names_;
  std::vector<std::vector<size_t>> succ_;
  std::map<std::pair<size_t, size_t>, std::vector<EdgeInstance>> edges_;
};

constexpr size_t kMaxInstancesPerEdge = 16;

} // namespace program
} // namespace coffman

#endif
