// `// NOLINT`, `// NOLINT(coffman-lock-order-inversion)` on the finding's
// line and `// NOLINTNEXTLINE(...)` on the line before, as clang-tidy reads
// them (a check list of globs; no list suppresses every check).
#ifndef COFFMAN_DRIVER_SUPPRESSIONS_H
#define COFFMAN_DRIVER_SUPPRESSIONS_H

#include "checks/Finding.h"

#include <map>
#include <string>
#include <vector>

namespace coffman {
namespace driver {

class Suppressions {
public:
  bool suppressed(const checks::Finding &f);

private:
  const std::vector<std::string> &lines(const std::string &file);
  std::map<std::string, std::vector<std::string>> files_;
};

// True if `line` carries `marker` (NOLINT / NOLINTNEXTLINE) covering `check`.
bool markerCovers(const std::string &line, const std::string &marker,
                  const std::string &check);

void removeSuppressed(std::vector<checks::Finding> &findings);

} // namespace driver
} // namespace coffman

#endif
