// clang-tidy-19 --load=libcoffman-tidy.so -checks='-*,coffman-*': one check
// per coffman kind.  The analysis runs once per translation unit, whichever
// check asks first; each check reports the findings of its own kind, so
// -checks globs, NOLINT and --warnings-as-errors work as for any check.
//
// Check option FactsDir (per check, or global): a directory of facts files
// from the compiler plugin, for findings whose halves are in other files.
#include "CoffmanTidyCheck.h"

#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyModuleRegistry.h"

#include "coffman/report.h"

namespace coffman {
namespace tidy {
namespace {

class Module : public clang::tidy::ClangTidyModule {
public:
  void addCheckFactories(clang::tidy::ClangTidyCheckFactories &factories) override {
    for (int k = 0; k < COFFMAN_KIND_COUNT; k++) {
      // A hang is only ever seen at run time.
      if (k == COFFMAN_HANG)
        continue;
      std::string kind = coffman_kind_name(static_cast<coffman_kind>(k));
      factories.registerCheckFactory(
          "coffman-" + kind,
          [kind](llvm::StringRef name, clang::tidy::ClangTidyContext *ctx) {
            return std::make_unique<CoffmanTidyCheck>(name, ctx, kind);
          });
    }
  }
};

} // namespace
} // namespace tidy
} // namespace coffman

static clang::tidy::ClangTidyModuleRegistry::Add<coffman::tidy::Module>
    Registration("coffman-module", "coffman deadlock and thread-leak checks");

// clang-tidy's force-linker anchor convention, for static builds that list
// this module; a --load'ed module does not need it.
volatile int CoffmanTidyModuleAnchorSource = 0;
