// `--checks=` as clang-tidy spells it: comma-separated globs, `-` to
// disable, later globs override earlier ones (`-*,coffman-lock-order-*`).
#ifndef COFFMAN_DRIVER_CHECKFILTER_H
#define COFFMAN_DRIVER_CHECKFILTER_H

#include "coffman/report.h"

#include <string>
#include <vector>

namespace coffman {
namespace driver {

class CheckFilter {
public:
  explicit CheckFilter(const std::string &spec = "coffman-*");
  bool enabled(const std::string &checkName) const;
  bool enabled(coffman_kind kind) const;

private:
  std::vector<std::pair<bool, std::string>> globs_; // (enable, glob)
};

bool globMatch(const std::string &glob, const std::string &text);

} // namespace driver
} // namespace coffman

#endif
