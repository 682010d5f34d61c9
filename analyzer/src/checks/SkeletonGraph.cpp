#include "checks/SkeletonGraph.h"

#include <algorithm>
#include <functional>

namespace coffman {
namespace checks {

SkeletonGraph::SkeletonGraph(const facts::Function &fn,
                             std::function<bool(int)> deadEnd)
    : fn_(fn), deadEnd_(std::move(deadEnd)) {
  size_t n = fn.blocks.size();
  reach_.assign(n, false);
  toExit_.assign(n, false);
  selfLoop_.assign(n, false);
  if (fn.entry < 0 || static_cast<size_t>(fn.entry) >= n)
    return;
  std::vector<int> work{fn.entry};
  reach_[fn.entry] = true;
  while (!work.empty()) {
    int b = work.back();
    work.pop_back();
    for (int s : succsOf(b))
      if (!reach_[s]) {
        reach_[s] = true;
        work.push_back(s);
      }
  }
  // Backwards from the exit over reversed edges.
  std::vector<std::vector<int>> preds(n);
  for (size_t b = 0; b < n; ++b)
    for (int s : succsOf(static_cast<int>(b)))
      preds[s].push_back(static_cast<int>(b));
  if (fn.exit >= 0 && static_cast<size_t>(fn.exit) < n) {
    work = {fn.exit};
    toExit_[fn.exit] = true;
    while (!work.empty()) {
      int b = work.back();
      work.pop_back();
      for (int p : preds[b])
        if (!toExit_[p]) {
          toExit_[p] = true;
          work.push_back(p);
        }
    }
  }
  computeSccs();
}

std::vector<int> SkeletonGraph::succsOf(int b) const {
  std::vector<int> out;
  if (deadEnd_ && deadEnd_(b))
    return out;
  for (int s : fn_.blocks[b].succs)
    if (s >= 0 && static_cast<size_t>(s) < fn_.blocks.size())
      out.push_back(s);
  return out;
}

// Tarjan's algorithm, iterative so deep CFGs cannot overflow the stack.
void SkeletonGraph::computeSccs() {
  size_t n = fn_.blocks.size();
  scc_.assign(n, -1);
  std::vector<int> index(n, -1), low(n, 0), stack;
  std::vector<bool> onStack(n, false);
  int next = 0;
  struct Frame {
    int b;
    std::vector<int> succs;
    size_t i;
  };
  for (size_t root = 0; root < n; ++root) {
    if (!reach_[root] || index[root] >= 0)
      continue;
    std::vector<Frame> frames;
    auto push = [&](int b) {
      index[b] = low[b] = next++;
      stack.push_back(b);
      onStack[b] = true;
      frames.push_back({b, succsOf(b), 0});
    };
    push(static_cast<int>(root));
    while (!frames.empty()) {
      Frame &f = frames.back();
      if (f.i < f.succs.size()) {
        int s = f.succs[f.i++];
        if (s == f.b)
          selfLoop_[s] = true;
        if (index[s] < 0)
          push(s);
        else if (onStack[s])
          low[f.b] = std::min(low[f.b], index[s]);
        continue;
      }
      int b = f.b;
      if (low[b] == index[b]) {
        int id = static_cast<int>(sccSize_.size());
        int size = 0;
        int w;
        do {
          w = stack.back();
          stack.pop_back();
          onStack[w] = false;
          scc_[w] = id;
          ++size;
        } while (w != b);
        sccSize_.push_back(size);
      }
      frames.pop_back();
      if (!frames.empty())
        low[frames.back().b] = std::min(low[frames.back().b], low[b]);
    }
  }
}

bool SkeletonGraph::onCycle(int block) const {
  if (block < 0 || static_cast<size_t>(block) >= scc_.size() ||
      scc_[block] < 0)
    return false;
  return sccSize_[scc_[block]] > 1 || selfLoop_[block];
}

std::vector<std::vector<int>> SkeletonGraph::trapLoops() const {
  std::vector<std::vector<int>> byScc(sccSize_.size());
  for (size_t b = 0; b < scc_.size(); ++b)
    if (scc_[b] >= 0)
      byScc[scc_[b]].push_back(static_cast<int>(b));
  std::vector<std::vector<int>> out;
  for (auto &blocks : byScc) {
    if (blocks.empty() || !onCycle(blocks.front()) ||
        toExit_[blocks.front()])
      continue;
    // Terminal: no edge leaves the component.
    bool leaves = false;
    for (int b : blocks)
      for (int s : succsOf(b))
        if (scc_[s] != scc_[b])
          leaves = true;
    if (!leaves)
      out.push_back(blocks);
  }
  return out;
}

} // namespace checks
} // namespace coffman
