#include "CoffmanTidyCheck.h"

#include "TuCache.h"

#include "DiagnosticEmitter.h"

#include "clang/ASTMatchers/ASTMatchFinder.h"

namespace coffman {
namespace tidy {

using namespace clang::ast_matchers;

CoffmanTidyCheck::CoffmanTidyCheck(llvm::StringRef name,
                                   clang::tidy::ClangTidyContext *ctx,
                                   std::string kind)
    : ClangTidyCheck(name, ctx), kind_(std::move(kind)),
      factsDir_(Options.getLocalOrGlobal("FactsDir", "").str()) {}

void CoffmanTidyCheck::registerMatchers(MatchFinder *finder) {
  // The analysis is of the whole translation unit: match it once.
  finder->addMatcher(translationUnitDecl().bind("tu"), this);
}

void CoffmanTidyCheck::onStartOfTranslationUnit() { TuCache::reset(); }

void CoffmanTidyCheck::check(const MatchFinder::MatchResult &result) {
  clang::SourceManager &sm = *result.SourceManager;
  const std::vector<integration::TuFinding> &findings =
      TuCache::findings(*result.Context, factsDir_);
  for (const integration::TuFinding &f : findings) {
    if (f.kind != kind_)
      continue;
    clang::SourceLocation at = integration::locate(sm, f.at);
    // A warning like every clang-tidy check; --warnings-as-errors escalates.
    diag(at, "%0") << f.message;
    for (const integration::TuNote &n : f.notes) {
      clang::SourceLocation nl = n.at.line ? integration::locate(sm, n.at) : at;
      diag(nl, "%0", clang::DiagnosticIDs::Note)
          << integration::noteText(n, nl.isValid());
    }
  }
}

void CoffmanTidyCheck::storeOptions(clang::tidy::ClangTidyOptions::OptionMap &opts) {
  Options.store(opts, "FactsDir", factsDir_);
}

} // namespace tidy
} // namespace coffman
