// Turns TuFindings into Clang diagnostics of the running compile: a
// warning "message [coffman-kind]" at the primary location and one note
// per piece of evidence.  (NOLINT is already applied by the analysis.)
#ifndef COFFMAN_PLUGIN_DIAGNOSTICEMITTER_H
#define COFFMAN_PLUGIN_DIAGNOSTICEMITTER_H

#include "TuFindings.h"

#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/SourceManager.h"

#include <functional>
#include <string>

namespace coffman {
namespace integration {

// The location of a Spot in this TU, invalid if the file is not part of it.
clang::SourceLocation locate(clang::SourceManager &sm, const Spot &s);
// Note text; a note Clang cannot place names its own file:line.
std::string noteText(const TuNote &n, bool placed);

class DiagnosticEmitter {
public:
  DiagnosticEmitter(clang::SourceManager &sm, clang::DiagnosticsEngine &diags)
      : sm_(sm), diags_(diags) {}
  // Whether a file is part of this TU (its main file or an included one).
  std::function<bool(const std::string &)> inTuFn() const;
  void emit(const TuFinding &f);

private:
  clang::SourceManager &sm_;
  clang::DiagnosticsEngine &diags_;
};

} // namespace integration
} // namespace coffman

#endif
