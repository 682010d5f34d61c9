#include "DiagnosticEmitter.h"

namespace coffman {
namespace integration {

clang::SourceLocation locate(clang::SourceManager &sm, const Spot &s) {
  if (s.file.empty() || s.line == 0)
    return {};
  auto fe = sm.getFileManager().getOptionalFileRef(s.file);
  if (!fe || sm.translateFile(*fe).isInvalid())
    return {};
  return sm.translateFileLineCol(*fe, s.line, s.column ? s.column : 1);
}

std::string noteText(const TuNote &n, bool placed) {
  if (placed || n.at.line == 0)
    return n.message;
  return n.at.file + ":" + std::to_string(n.at.line) + ": " + n.message;
}

std::function<bool(const std::string &)> DiagnosticEmitter::inTuFn() const {
  clang::SourceManager *sm = &sm_;
  return [sm](const std::string &file) {
    auto fe = sm->getFileManager().getOptionalFileRef(file);
    return fe && sm->translateFile(*fe).isValid();
  };
}

void DiagnosticEmitter::emit(const TuFinding &f) {
  clang::SourceLocation at = locate(sm_, f.at);
  // Always a warning, whatever the finding's severity: the plugin must not
  // fail a build that compiles (-Werror users opt in to that).
  unsigned warning =
      diags_.getCustomDiagID(clang::DiagnosticsEngine::Warning, "%0 [%1]");
  unsigned note = diags_.getCustomDiagID(clang::DiagnosticsEngine::Note, "%0");
  diags_.Report(at, warning) << f.message << f.check;
  for (const TuNote &n : f.notes) {
    clang::SourceLocation nl = n.at.line ? locate(sm_, n.at) : at;
    diags_.Report(nl, note) << noteText(n, nl.isValid());
  }
}

} // namespace integration
} // namespace coffman
