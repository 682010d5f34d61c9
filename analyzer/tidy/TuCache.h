// The findings of the translation unit clang-tidy is checking, computed
// once for all coffman checks: each check reports its own kind from them.
#ifndef COFFMAN_TIDY_TUCACHE_H
#define COFFMAN_TIDY_TUCACHE_H

#include "TuFindings.h"

#include "clang/AST/ASTContext.h"

#include <string>
#include <vector>

namespace coffman {
namespace tidy {

class TuCache {
public:
  // A new translation unit begins: forget the last one's findings.
  static void reset();
  static const std::vector<integration::TuFinding> &
  findings(clang::ASTContext &ctx, const std::string &factsDir);
};

} // namespace tidy
} // namespace coffman

#endif
