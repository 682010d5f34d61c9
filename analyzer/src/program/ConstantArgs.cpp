#include "program/ConstantArgs.h"

#include "program/Program.h"

#include <algorithm>

namespace coffman {
namespace program {

using namespace facts;

// The parameter `v` is the unchanged value of, if any.
static int paramOf(const Value &v) {
  if (v.kind != Value::Load || v.path.root != RootKind::Param ||
      !v.path.ops.empty())
    return -1;
  return static_cast<int>(v.path.param);
}

KnownArgs knownArgs(const Event &call, const KnownArgs &caller) {
  KnownArgs out;
  for (unsigned i = 0; i < call.args.size(); i++) {
    const Value &v = call.args[i];
    KnownArg k;
    k.param = i;
    if (v.kind == Value::Null || v.kind == Value::Int) {
      k.value = v.kind == Value::Int ? v.number : 0;
    } else if (v.kind == Value::AddrOf || v.kind == Value::Function) {
      k.exact = false; // an object's address is never NULL
    } else {
      int p = paramOf(v);
      auto it = std::find_if(caller.begin(), caller.end(),
                             [&](const KnownArg &c) {
                               return static_cast<int>(c.param) == p;
                             });
      if (p < 0 || it == caller.end())
        continue;
      k.exact = it->exact;
      k.value = it->value;
    }
    out.push_back(k);
  }
  return out;
}

std::vector<bool> ParamBranches::scan(const Function &fn) const {
  std::vector<bool> t(fn.numParams, false);
  auto mark = [&](int p) {
    if (p >= 0 && static_cast<size_t>(p) < t.size())
      t[p] = true;
  };
  for (const Block &b : fn.blocks) {
    if (b.branch.kind == Branch::Flag)
      mark(b.branch.param);
    for (const Event &e : b.events) {
      if (e.kind != EventKind::Call)
        continue;
      const std::vector<bool> *callee = tested(e.callee);
      for (size_t j = 0; callee && j < e.args.size() && j < callee->size();
           j++)
        if ((*callee)[j])
          mark(paramOf(e.args[j]));
    }
  }
  return t;
}

void ParamBranches::compute(const Program &program) {
  tested_.clear();
  // Callees first; a recursive group is repeated until nothing changes
  // (each round only adds parameters, so it ends).
  for (const std::vector<std::string> &scc : program.bottomUp())
    for (bool changed = true; changed;) {
      changed = false;
      for (const std::string &key : scc) {
        const Function *fn = program.function(key);
        if (!fn)
          continue;
        std::vector<bool> t = scan(*fn);
        if (std::none_of(t.begin(), t.end(), [](bool b) { return b; }))
          continue;
        std::vector<bool> &old = tested_[key];
        if (old != t) {
          old = std::move(t);
          changed = true;
        }
      }
    }
}

const std::vector<bool> *ParamBranches::tested(const std::string &key) const {
  auto it = tested_.find(key);
  return it == tested_.end() ? nullptr : &it->second;
}

std::string specialisation(const std::vector<bool> &tested,
                           const KnownArgs &known, KnownArgs &kept) {
  std::string key;
  kept.clear();
  for (const KnownArg &k : known) {
    if (k.param >= tested.size() || !tested[k.param])
      continue;
    kept.push_back(k);
    key += std::to_string(k.param) +
           (k.exact ? "=" + std::to_string(k.value) : "!=0") + ";";
  }
  return key;
}

std::vector<FlagFact> entryFacts(const Function &fn, const KnownArgs &known) {
  std::vector<FlagFact> facts;
  for (const Block &b : fn.blocks) {
    const Branch &br = b.branch;
    if (br.kind != Branch::Flag || br.param < 0)
      continue;
    auto k = std::find_if(known.begin(), known.end(), [&](const KnownArg &x) {
      return static_cast<int>(x.param) == br.param;
    });
    if (k == known.end() ||
        std::any_of(facts.begin(), facts.end(),
                    [&](const FlagFact &f) { return f.var == br.var; }))
      continue;
    FlagFact f;
    f.var = br.var;
    f.holds = !k->exact || k->value != 0; // zero: "var != 0" fails
    if (k->exact && k->value != 0) {
      f.compare = true; // the exact value decides `var == K` tests too
      f.value = k->value;
    }
    facts.push_back(std::move(f));
  }
  return facts;
}

} // namespace program
} // namespace coffman
