// Stable names for what facts refer to: absolute file paths, source
// locations, and keys for functions and variables (internal-linkage ones are
// prefixed with their file so equal names in two TUs stay distinct).
#ifndef COFFMAN_FACTS_SOURCENAMES_H
#define COFFMAN_FACTS_SOURCENAMES_H

#include "facts/Facts.h"

#include "clang/AST/Decl.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseMap.h"

#include <string>

namespace coffman {
namespace facts {

class SourceNames {
public:
  explicit SourceNames(const clang::SourceManager &sm) : sm_(sm) {}
  SourceLoc loc(clang::SourceLocation l);
  std::string file(clang::FileID id);
  std::string functionKey(const clang::FunctionDecl *fd);
  // A function whose body the facts describe: defined here, not in a
  // system header.  Every per-function collector starts with this test.
  static bool analysedBody(const clang::FunctionDecl *fd,
                           const clang::SourceManager &sm) {
    return fd->doesThisDeclarationHaveABody() &&
           !sm.isInSystemHeader(fd->getLocation());
  }
  std::string variableKey(const clang::VarDecl *vd,
                          const clang::FunctionDecl *owner);
  // "struct account", or the typedef name of an anonymous struct.
  static std::string typeName(clang::QualType t);

private:
  const clang::SourceManager &sm_;
  llvm::DenseMap<clang::FileID, std::string> files_;
};

} // namespace facts
} // namespace coffman

#endif
