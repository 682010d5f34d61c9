#include "program/Program.h"

#include "facts/Instantiate.h"

#include <algorithm>
#include <functional>
#include <set>

namespace coffman {
namespace program {

using namespace facts;

Program::Program(std::vector<TranslationUnit> units)
    : units_(std::move(units)) {
  index();
  buildCallGraph();
  orderBottomUp();
  summaries_.compute(*this);
  threads_.compute(*this);
}

void Program::index() {
  for (const TranslationUnit &tu : units_) {
    for (const Function &f : tu.functions)
      if (f.defined && byKey_.emplace(f.key, &f).second)
        defined_.push_back(&f);
    for (const Store &st : tu.stores) {
      if (st.value.path.root == RootKind::Param)
        continue;
      std::string id = st.target.identity();
      auto it = stores_.find(id);
      if (it == stores_.end())
        stores_.emplace(id, st.value);
      else if (!(it->second.path == st.value.path &&
                 it->second.kind == st.value.kind &&
                 it->second.function == st.value.function))
        it->second = Value(); // two different values: ambiguous
    }
  }
}

const Function *Program::function(const std::string &key) const {
  auto it = byKey_.find(key);
  return it == byKey_.end() ? nullptr : it->second;
}

static const std::vector<std::string> kNone;

const std::vector<std::string> &Program::callees(const std::string &k) const {
  auto it = callees_.find(k);
  return it == callees_.end() ? kNone : it->second;
}

const std::vector<std::string> &Program::callers(const std::string &k) const {
  auto it = callers_.find(k);
  return it == callers_.end() ? kNone : it->second;
}

void Program::buildCallGraph() {
  for (const Function *f : defined_) {
    std::set<std::string> seen;
    for (const Block &b : f->blocks)
      for (const Event &e : b.events)
        if (e.kind == EventKind::Call && !e.callee.empty() &&
            byKey_.count(e.callee) && seen.insert(e.callee).second) {
          callees_[f->key].push_back(e.callee);
          callers_[e.callee].push_back(f->key);
        }
  }
}

// Tarjan's algorithm emits SCCs callees-first, the order summaries need.
void Program::orderBottomUp() {
  std::map<std::string, int> index, low;
  std::set<std::string> onStack;
  std::vector<std::string> stack;
  int counter = 0;
  std::function<void(const std::string &)> visit = [&](const std::string &v) {
    index[v] = low[v] = counter++;
    stack.push_back(v);
    onStack.insert(v);
    for (const std::string &w : callees(v)) {
      if (!index.count(w)) {
        visit(w);
        low[v] = std::min(low[v], low[w]);
      } else if (onStack.count(w)) {
        low[v] = std::min(low[v], index[w]);
      }
    }
    if (low[v] != index[v])
      return;
    std::vector<std::string> scc;
    std::string w;
    do {
      w = stack.back();
      stack.pop_back();
      onStack.erase(w);
      scc.push_back(w);
    } while (w != v);
    sccs_.push_back(std::move(scc));
  };
  for (const Function *f : defined_)
    if (!index.count(f->key))
      visit(f->key);
}

Path Program::resolve(const Path &in) const {
  Path p = in;
  // Follow pointers stored in named objects, innermost first.
  for (unsigned round = 0; round < 8; round++) {
    bool changed = false;
    size_t start = p.root == RootKind::Param ? 1 : 0;
    if (p.root == RootKind::Class || p.root == RootKind::Unknown)
      break;
    for (size_t i = start; i < p.ops.size(); i++) {
      if (!isDeref(p.ops[i]))
        continue;
      Path prefix = p;
      prefix.ops.assign(p.ops.begin(), p.ops.begin() + i);
      auto it = stores_.find(prefix.identity());
      if (it == stores_.end() || (it->second.kind != Value::AddrOf &&
                                  it->second.kind != Value::Load))
        break;
      Path q = derefValue(it->second, p.ops[i], p.pointee);
      q.ops.insert(q.ops.end(), p.ops.begin() + i + 1, p.ops.end());
      q.pointee = p.pointee;
      p = q;
      changed = true;
      break;
    }
    if (!changed)
      break;
  }
  // A pointer variable assigned once names one object: keep `a->mu`.
  bool named = true;
  for (size_t i = 0; i < p.ops.size() && named; i++)
    if (isDeref(p.ops[i]))
      named = i == 0 && p.stable &&
              (p.root == RootKind::Local || p.root == RootKind::Global);
  return named ? p : toClass(p);
}

Value Program::resolve(const Value &v) const {
  if (v.kind == Value::Load && v.path.known()) {
    Path p = v.path;
    auto it = stores_.find(p.identity());
    if (it != stores_.end() && it->second.kind != Value::Unknown)
      return it->second;
    return v;
  }
  return v;
}

} // namespace program
} // namespace coffman
