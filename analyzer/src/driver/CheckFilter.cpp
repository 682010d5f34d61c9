#include "driver/CheckFilter.h"

namespace coffman {
namespace driver {

bool globMatch(const std::string &g, const std::string &t) {
  size_t gi = 0, ti = 0, star = std::string::npos, mark = 0;
  while (ti < t.size()) {
    if (gi < g.size() && (g[gi] == t[ti] || g[gi] == '?')) {
      gi++;
      ti++;
    } else if (gi < g.size() && g[gi] == '*') {
      star = gi++;
      mark = ti;
    } else if (star != std::string::npos) {
      gi = star + 1;
      ti = ++mark;
    } else {
      return false;
    }
  }
  while (gi < g.size() && g[gi] == '*')
    gi++;
  return gi == g.size();
}

static std::string trim(const std::string &s) {
  size_t b = s.find_first_not_of(" \t\n"), e = s.find_last_not_of(" \t\n");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

CheckFilter::CheckFilter(const std::string &spec) {
  size_t start = 0;
  while (start <= spec.size()) {
    size_t comma = spec.find(',', start);
    std::string g = trim(spec.substr(start, comma == std::string::npos
                                                ? std::string::npos
                                                : comma - start));
    if (!g.empty()) {
      bool enable = g[0] != '-';
      globs_.emplace_back(enable, enable ? g : g.substr(1));
    }
    if (comma == std::string::npos)
      break;
    start = comma + 1;
  }
}

bool CheckFilter::enabled(const std::string &name) const {
  bool on = false;
  for (const auto &g : globs_)
    if (globMatch(g.second, name))
      on = g.first;
  return on;
}

bool CheckFilter::enabled(coffman_kind kind) const {
  const char *k = coffman_kind_name(kind);
  return k && enabled(std::string("coffman-") + k);
}

} // namespace driver
} // namespace coffman
