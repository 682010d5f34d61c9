#include "checks/PathText.h"

#include "checks/Finding.h"

namespace coffman {
namespace checks {

using namespace facts;

std::string display(const Path &p, const Function *fn) {
  if (p.root == RootKind::Param && fn && p.param < fn->paramNames.size() &&
      !fn->paramNames[p.param].empty()) {
    std::string s = fn->paramNames[p.param];
    for (const std::string &op : p.ops)
      s += op == "*" ? "" : op;
    if (!p.ops.empty() && p.ops.front() == "*")
      s = "*" + s;
    return s;
  }
  return p.str();
}

std::string where(const SourceLoc &l) {
  std::string f = l.file;
  size_t slash = f.rfind('/');
  if (slash != std::string::npos)
    f = f.substr(slash + 1);
  return f + ":" + std::to_string(l.line);
}

std::string shortName(const std::string &key) {
  size_t colon = key.rfind(':');
  return colon == std::string::npos ? key : key.substr(colon + 1);
}

std::string lastField(const Path &p) {
  if (p.ops.empty())
    return "";
  const std::string &op = p.ops.back();
  if (op.compare(0, 2, "->") == 0)
    return op.substr(2);
  if (op[0] == '.')
    return op.substr(1);
  return "";
}

static bool named(const Path &p) {
  return p.root == RootKind::Global || p.root == RootKind::Local;
}

bool mayAlias(const Path &a, const Path &b) {
  if (!a.known() || !b.known() || a.opaque() || b.opaque())
    return true;
  if (a == b)
    return true;
  if (named(a) && named(b))
    return false;
  std::string fa = lastField(a), fb = lastField(b);
  if (!fa.empty() && !fb.empty())
    return fa == fb;
  // A field of some object is never a whole named variable.
  if ((!fa.empty() && named(b) && b.ops.empty()) ||
      (!fb.empty() && named(a) && a.ops.empty()))
    return false;
  return true;
}

bool namesOneObject(const Path &p) {
  if (p.root != RootKind::Global && p.root != RootKind::Local &&
      p.root != RootKind::Param)
    return false;
  // Only a parameter's own value is fixed for the whole call; any other
  // pointer on the way (`cur->next->mu`) may point elsewhere next time.
  for (size_t i = 0; i < p.ops.size(); i++) {
    const std::string &op = p.ops[i];
    bool deref = op == "*" || op == "[]" || op.compare(0, 2, "->") == 0;
    if (deref && !(i == 0 && p.root == RootKind::Param && op != "[]"))
      return false;
  }
  return true;
}

void addHeldNotes(const program::HeldLock &h, const Function *fn,
                  std::vector<FindingNote> &notes) {
  notes.push_back({"`" + display(h.lock, fn) + "` acquired here", h.at});
  for (const program::CallSite &c : h.chain)
    notes.push_back({"through `" + c.caller + "` calling `" + c.callee + "`",
                     c.loc});
}

} // namespace checks
} // namespace coffman
