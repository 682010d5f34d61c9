// One coffman kind as a clang-tidy check.
#ifndef COFFMAN_TIDY_COFFMANTIDYCHECK_H
#define COFFMAN_TIDY_COFFMANTIDYCHECK_H

#include "clang-tidy/ClangTidyCheck.h"

#include <string>

namespace coffman {
namespace tidy {

class CoffmanTidyCheck : public clang::tidy::ClangTidyCheck {
public:
  CoffmanTidyCheck(llvm::StringRef name, clang::tidy::ClangTidyContext *ctx,
                   std::string kind);
  void registerMatchers(clang::ast_matchers::MatchFinder *finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &result) override;
  void onStartOfTranslationUnit() override;
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &opts) override;

private:
  std::string kind_;
  std::string factsDir_;
};

} // namespace tidy
} // namespace coffman

#endif
