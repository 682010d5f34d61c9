// Display and identity of abstract object paths (see Facts.h).
#include "facts/Facts.h"

namespace coffman {
namespace facts {

static std::string joinOps(const std::vector<std::string> &ops,
                           bool display = false) {
  std::string s;
  for (const std::string &op : ops)
    s += display && op == "->[]" ? "[]" : op;
  return s;
}

std::string Path::str() const {
  std::string base;
  switch (root) {
  case RootKind::Param:
    base = "param" + std::to_string(param);
    break;
  case RootKind::Unknown:
    return name.empty() ? "<unknown>" : name;
  default:
    base = name;
  }
  if (!ops.empty() && ops.front() == "*")
    return "*" + base + joinOps({ops.begin() + 1, ops.end()}, true);
  return base + joinOps(ops, true);
}

std::string Path::identity() const {
  static const char tag[] = {'G', 'L', 'P', 'C', 'U'};
  std::string id(1, tag[static_cast<int>(root)]);
  if (root == RootKind::Param)
    id += std::to_string(param);
  else
    id += key.empty() ? name : key;
  id += '|';
  id += joinOps(ops);
  return id;
}

bool Path::operator==(const Path &o) const {
  if (root != o.root)
    return false;
  if (root == RootKind::Param ? param != o.param
                              : (key.empty() ? name : key) !=
                                    (o.key.empty() ? o.name : o.key))
    return false;
  if (ops == o.ops)
    return true;
  // Equal as concatenations even if split differently (rare: compare the
  // lengths first).
  auto length = [](const std::vector<std::string> &v) {
    size_t n = 0;
    for (const std::string &op : v)
      n += op.size();
    return n;
  };
  return length(ops) == length(o.ops) && joinOps(ops) == joinOps(o.ops);
}

} // namespace facts
} // namespace coffman
