#include "facts/Instantiate.h"

namespace coffman {
namespace facts {

static bool isArrow(const std::string &op) {
  return op.size() > 2 && op.compare(0, 2, "->") == 0;
}

Path derefValue(const Value &v, const std::string &op,
                const std::string &pointee) {
  Path p;
  std::string type = pointee.empty() ? v.pointee : pointee;
  if (v.kind == Value::AddrOf) {
    p = v.path;
    if (isArrow(op) && op != "->[]")
      p.ops.push_back("." + op.substr(2));
    else if (op == "->[]" && (p.ops.empty() || p.ops.back() != "[]"))
      p.ops.push_back("[]");
    return p;
  }
  if (v.kind == Value::Load && v.path.known()) {
    p = v.path;
    p.ops.push_back(op);
    p.pointee = type;
    return p;
  }
  if (type.empty() || type == "void" || v.kind == Value::Null ||
      v.kind == Value::Function || v.kind == Value::Int)
    return p; // Unknown
  p.root = RootKind::Class;
  p.name = p.key = type;
  if (isArrow(op) && op != "->[]")
    p.ops.push_back("." + op.substr(2));
  return p;
}

bool isDeref(const std::string &op) { return isArrow(op) || op == "*"; }

Path instantiate(const Path &p, const std::vector<Value> &args) {
  if (p.root != RootKind::Param)
    return p;
  if (p.ops.empty())
    return Path(); // the parameter variable itself: not an object we track
  Value arg;
  if (p.param < args.size())
    arg = args[p.param];
  if (arg.kind == Value::Unknown || arg.kind == Value::Load) {
    // Keep what we know about the pointee if the caller did not say.
    if (arg.pointee.empty() || arg.pointee == "void")
      arg.pointee = p.pointee;
  }
  if (arg.kind == Value::Unknown && arg.pointee.empty())
    arg.pointee = p.pointee;
  bool moreDerefs = false;
  for (size_t i = 1; i < p.ops.size(); i++)
    moreDerefs |= isDeref(p.ops[i]);
  // `*guard` inside a cleanup function, given `&guard` where the guard
  // points to a known lock: that lock.
  if (arg.kind == Value::AddrOf && arg.holds.known() && p.ops.size() >= 2 &&
      isDeref(p.ops[1])) {
    Value target;
    target.kind = Value::AddrOf;
    target.path = arg.holds;
    Path rest = p;
    rest.param = 0;
    rest.ops.erase(rest.ops.begin());
    return instantiate(rest, {target});
  }
  // The first deref's pointee type is only known when it is the last one.
  Path out = derefValue(arg, p.ops.front(), moreDerefs ? "" : p.pointee);
  if (!out.known())
    return out;
  out.ops.insert(out.ops.end(), p.ops.begin() + 1, p.ops.end());
  // The type behind the last dereference: the callee's when its own ops
  // dereference again, else the caller's (`lock(&c->mutex)` in a wrapper
  // taking `pthread_mutex_t *` is still a `struct coder`'s mutex).
  if (moreDerefs)
    out.pointee = p.pointee.empty() ? out.pointee : p.pointee;
  return out;
}

Path toClass(const Path &p) {
  size_t last = p.ops.size();
  for (size_t i = 0; i < p.ops.size(); i++)
    if (isDeref(p.ops[i]))
      last = i;
  if (p.root != RootKind::Param && last == p.ops.size())
    return p; // no dereference: a named object
  if (last == p.ops.size() || p.pointee.empty() || p.pointee == "void")
    return Path();
  Path c;
  c.root = RootKind::Class;
  c.name = c.key = p.pointee;
  const std::string &op = p.ops[last];
  if (isArrow(op) && op != "->[]")
    c.ops.push_back("." + op.substr(2));
  c.ops.insert(c.ops.end(), p.ops.begin() + last + 1, p.ops.end());
  return c;
}

} // namespace facts
} // namespace coffman
