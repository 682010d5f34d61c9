#include "checks/NonBlockingFds.h"

#include <map>

namespace coffman {
namespace checks {

using namespace facts;

namespace {

// "param:F#1[0]" -> F, 1, "[0]".
bool splitParam(const std::string &slot, std::string &fn, unsigned &index,
                std::string &rest) {
  if (slot.rfind("param:", 0) != 0)
    return false;
  size_t hash = slot.rfind('#');
  if (hash == std::string::npos)
    return false;
  fn = slot.substr(6, hash - 6);
  size_t end = slot.find('[', hash);
  index = static_cast<unsigned>(std::stoul(slot.substr(hash + 1, end - hash - 1)));
  rest = end == std::string::npos ? "" : slot.substr(end);
  return true;
}

std::string paramSlot(const std::string &fn, unsigned index) {
  return "param:" + fn + "#" + std::to_string(index);
}

// "x[1]" -> "x", "[1]"; "" when the slot is no element.
std::string elementBase(const std::string &slot, std::string *index) {
  if (slot.empty() || slot.back() != ']')
    return "";
  size_t open = slot.rfind('[');
  if (open == std::string::npos)
    return "";
  if (index)
    *index = slot.substr(open);
  return slot.substr(0, open);
}

struct UnionFind {
  std::map<std::string, std::string> parent;
  std::string find(const std::string &x) {
    auto it = parent.find(x);
    if (it == parent.end() || it->second == x)
      return x;
    std::string r = find(it->second);
    parent[x] = r;
    return r;
  }
  void join(const std::string &a, const std::string &b) {
    std::string ra = find(a), rb = find(b);
    if (ra != rb)
      parent[ra] = rb;
  }
};

class Resolver {
public:
  explicit Resolver(const program::Program &p) {
    for (const TranslationUnit &tu : p.units()) {
      effects_.insert(effects_.end(), tu.fdEffects.begin(),
                      tu.fdEffects.end());
      copies_.insert(copies_.end(), tu.fdCopies.begin(), tu.fdCopies.end());
      args_.insert(args_.end(), tu.fdArgs.begin(), tu.fdArgs.end());
    }
    for (const FdArg &a : args_) {
      std::vector<const FdArg *> &call = calls_[a.call];
      if (call.empty())
        callsOf_[a.callee].push_back(a.call);
      call.push_back(&a);
    }
  }

  void run(std::set<std::string> &nonBlocking, std::set<std::string> &blocking) {
    instantiate();
    std::set<std::string> nb, b;
    sources(nb, b);
    Edges edges = graph();
    reach(edges, nb, nonBlocking);
    reach(edges, b, blocking);
  }

private:
  using Edges = std::map<std::string, std::vector<std::string>>;

  // Effects on a helper's parameters, or decided by its arguments, move
  // to each of its call sites until none is left to move.
  void instantiate() {
    std::vector<FdEffect> work = effects_;
    std::set<std::string> seen;
    while (!work.empty()) {
      FdEffect e = std::move(work.back());
      work.pop_back();
      std::string key = e.function + "|" + e.slot + "|" +
                        (e.create ? "c" : "m") + e.state;
      for (unsigned p : e.params)
        key += "," + std::to_string(p);
      if (!seen.insert(key).second)
        continue;
      std::string fn, rest;
      unsigned index = 0;
      bool viaParam = splitParam(e.slot, fn, index, rest) &&
                      fn == e.function && !(e.create && rest.empty());
      bool dependent = e.state == 'P' || e.state == 'Q';
      if (!dependent)
        concrete_.push_back(e);
      if (!viaParam && !dependent)
        continue;
      for (const std::string &id : callsOf_[e.function]) {
        const std::vector<const FdArg *> &args = calls_[id];
        FdEffect out = e;
        // An effect on the caller's argument happens in the caller; one on
        // the helper's own slot stays the helper's.
        if (viaParam)
          out.function = args.front()->function;
        if (viaParam && !callerSlot(args, index, rest, out.slot))
          continue;
        if (dependent && !decide(args, out))
          continue;
        work.push_back(std::move(out));
      }
    }
  }

  static const FdArg *argAt(const std::vector<const FdArg *> &args,
                            unsigned index) {
    for (const FdArg *a : args)
      if (a->index == index)
        return a;
    return nullptr;
  }

  // What the callee's `param#index` + rest is in the caller.
  static bool callerSlot(const std::vector<const FdArg *> &args,
                         unsigned index, const std::string &rest,
                         std::string &slot) {
    const FdArg *a = argAt(args, index);
    if (!a)
      return false;
    if (rest.empty() && a->kind == 'v')
      slot = a->slot;
    else if (rest == "[0]" && a->kind == 'a')
      slot = a->slot;
    else if (!rest.empty() && a->kind == 'r')
      slot = a->slot + rest;
    else
      return false;
    return true;
  }

  // A flags value computed from parameters, at one call site.
  static bool decide(const std::vector<const FdArg *> &args, FdEffect &e) {
    std::vector<unsigned> chain;
    bool falsy = false;
    for (unsigned p : e.params) {
      const FdArg *a = argAt(args, p);
      if (!a)
        continue;
      if (e.state == 'P' ? a->nonblock : a->truth == 1) {
        e.state = 'N';
        e.params.clear();
        return true;
      }
      if (a->param >= 0)
        chain.push_back(static_cast<unsigned>(a->param));
      falsy |= a->truth == 0;
    }
    if (!chain.empty()) {
      e.params = chain;
      return true;
    }
    e.params.clear();
    if (e.create || (e.state == 'Q' && falsy)) {
      e.state = 'B';
      return true;
    }
    return false;
  }

  // Non-blocking and blocking descriptors where they first land.  A
  // blocking creation that its own function makes non-blocking (on the
  // slot or on one it is copied to or from there) is not one; one that the
  // function returns is decided again in each caller that keeps the result
  // (`fd = open_helper(..); set_nonblock(fd);`).
  void sources(std::set<std::string> &nb, std::set<std::string> &b) {
    std::map<std::string, std::set<std::string>> slots;
    // A function's result, and a callee's, are ends: joining through them
    // would make `return a;` and `return b;`, or two calls of one helper,
    // one descriptor.
    auto isResult = [](const std::string &s) { return s.rfind("ret:", 0) == 0; };
    for (const FdCopy &c : copies_) {
      if (isResult(c.from))
        keptBy_[c.from.substr(4)].push_back(&c);
      if (isResult(c.from) || isResult(c.to))
        continue;
      local_[c.function].join(c.from, c.to);
      slots[c.function].insert({c.from, c.to});
    }
    for (const FdCopy &c : copies_)
      if (c.to == "ret:" + c.function)
        returns_[c.function].push_back(c.from);
    for (const FdEffect &e : concrete_)
      slots[e.function].insert(e.slot);
    for (auto &[fn, set] : slots)
      for (const std::string &s : set) {
        std::string idx, base = elementBase(s, &idx);
        if (!base.empty() && idx != "[?]" && set.count(base + "[?]"))
          local_[fn].join(s, base + "[?]");
      }
    // What a helper does through a pointer parameter happens to its
    // callers' slots: instantiate() put it there.
    auto throughPointer = [](const FdEffect &e) {
      std::string fn, rest;
      unsigned index;
      return splitParam(e.slot, fn, index, rest) && !rest.empty();
    };
    for (const FdEffect &e : concrete_)
      if (throughPointer(e))
        continue;
      else if (e.state == 'N') {
        nb.insert(e.slot);
        if (!e.create)
          madeNonBlocking_.insert(
              {e.function, local_[e.function].find(e.slot)});
      }
    std::set<std::pair<std::string, std::string>> seen;
    for (const FdEffect &e : concrete_)
      if (throughPointer(e))
        continue;
      else if (e.state == 'B' && !e.create)
        b.insert(e.slot);
      else if (e.state == 'B')
        blockingCreation(e.function, e.slot, b, seen);
  }

  void blockingCreation(const std::string &fn, const std::string &slot,
                        std::set<std::string> &b,
                        std::set<std::pair<std::string, std::string>> &seen) {
    if (!seen.insert({fn, slot}).second)
      return;
    UnionFind &uf = local_[fn];
    std::string comp = uf.find(slot);
    if (madeNonBlocking_.count({fn, comp}))
      return;
    bool returned = slot == "ret:" + fn;
    for (const std::string &r : returns_[fn])
      returned |= uf.find(r) == comp;
    auto kept = keptBy_.find(fn);
    if (!returned || kept == keptBy_.end()) {
      b.insert(slot);
      return;
    }
    for (const FdCopy *c : kept->second)
      blockingCreation(c->function, c->to, b, seen);
  }

  // Copies carry descriptors forward, into a helper by its arguments, and
  // out of it by what it stores through a pointer parameter, which lands
  // in each caller's own slot (never from one caller to another).
  Edges graph() {
    Edges out;
    std::vector<FdCopy> work = copies_;
    std::set<std::string> seen;
    while (!work.empty()) {
      FdCopy c = std::move(work.back());
      work.pop_back();
      if (!seen.insert(c.function + "|" + c.from + "|" + c.to).second)
        continue;
      out[c.from].push_back(c.to);
      std::string fn, rest;
      unsigned index;
      if (!splitParam(c.to, fn, index, rest) || rest.empty() ||
          fn != c.function)
        continue;
      for (const std::string &id : callsOf_[fn]) {
        const std::vector<const FdArg *> &args = calls_[id];
        FdCopy back{args.front()->function, c.from, ""};
        if (callerSlot(args, index, rest, back.to))
          work.push_back(std::move(back));
      }
    }
    for (const FdArg &a : args_) {
      std::string param = paramSlot(a.callee, a.index);
      if (a.kind == 'v')
        out[a.slot].push_back(param);
      else if (a.kind == 'a')
        out[a.slot].push_back(param + "[0]");
      else if (a.kind == 'r')
        for (const char *k : {"[0]", "[1]", "[?]"})
          out[a.slot + k].push_back(param + k);
    }
    return out;
  }

  static void reach(const Edges &edges, const std::set<std::string> &from,
                    std::set<std::string> &out) {
    std::vector<std::string> work(from.begin(), from.end());
    while (!work.empty()) {
      std::string s = std::move(work.back());
      work.pop_back();
      if (!out.insert(s).second)
        continue;
      auto it = edges.find(s);
      if (it != edges.end())
        work.insert(work.end(), it->second.begin(), it->second.end());
    }
  }

  std::vector<FdEffect> effects_, concrete_;
  std::map<std::string, UnionFind> local_; // per function: copies
  std::set<std::pair<std::string, std::string>> madeNonBlocking_;
  std::map<std::string, std::vector<std::string>> returns_; // `return x;`
  std::map<std::string, std::vector<const FdCopy *>> keptBy_;
  std::vector<FdCopy> copies_;
  std::vector<FdArg> args_;
  std::map<std::string, std::vector<const FdArg *>> calls_;
  std::map<std::string, std::vector<std::string>> callsOf_;
};

// The slot and the slots it shares elements with: `a[?]` may be any
// `a[k]`, and `a[k]` is among what `a[?]` says.
bool anyRelated(const std::set<std::string> &set, const std::string &slot) {
  if (set.count(slot))
    return true;
  std::string idx, base = elementBase(slot, &idx);
  if (base.empty())
    return false;
  if (idx != "[?]")
    return set.count(base + "[?]") != 0;
  for (auto it = set.lower_bound(base + "[");
       it != set.end() && it->rfind(base + "[", 0) == 0; ++it)
    if (elementBase(*it, nullptr) == base)
      return true;
  return false;
}

} // namespace

NonBlockingFds::NonBlockingFds(const program::Program &p) {
  Resolver(p).run(nonBlocking_, blocking_);
}

bool NonBlockingFds::nonBlocking(const std::string &slot) const {
  return anyRelated(nonBlocking_, slot) && !anyRelated(blocking_, slot);
}

} // namespace checks
} // namespace coffman
