#include "TuCache.h"

#include "DiagnosticEmitter.h"
#include "FactsFiles.h"

#include "facts/FactsBuilder.h"

namespace coffman {
namespace tidy {

namespace {
struct State {
  bool valid = false;
  std::string factsDir;
  std::vector<integration::TuFinding> findings;
};
State &state() {
  static State s;
  return s;
}
} // namespace

void TuCache::reset() { state().valid = false; }

const std::vector<integration::TuFinding> &
TuCache::findings(clang::ASTContext &ctx, const std::string &factsDir) {
  State &s = state();
  // Checks with different FactsDir options see different programs.
  if (s.valid && s.factsDir == factsDir)
    return s.findings;
  s.findings.clear();
  s.factsDir = factsDir;
  s.valid = true;
  // An AST with errors is incomplete: clang-tidy reports the errors.
  if (ctx.getDiagnostics().hasErrorOccurred())
    return s.findings;
  facts::TranslationUnit tu = facts::buildFacts(ctx);
  std::vector<facts::TranslationUnit> others;
  if (!factsDir.empty()) {
    std::vector<std::string> errors;
    others = integration::readOtherFacts(factsDir, tu.file, errors);
  }
  integration::DiagnosticEmitter emitter(ctx.getSourceManager(), ctx.getDiagnostics());
  s.findings = integration::analyzeTu(tu, others, integration::tuIsWholeProgram(ctx),
                                      emitter.inTuFn());
  return s.findings;
}

} // namespace tidy
} // namespace coffman
