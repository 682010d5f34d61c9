// The analyzer's findings for one translation unit, in the shape the
// clang-tidy module and the compiler plugin turn into Clang diagnostics:
// the TU's own facts, merged with the facts of the rest of the program
// when a facts directory is known, checked, and filtered to the findings
// whose primary location lies in this TU.
#ifndef COFFMAN_PLUGIN_TUFINDINGS_H
#define COFFMAN_PLUGIN_TUFINDINGS_H

#include "facts/Facts.h"

#include "clang/AST/ASTContext.h"

#include <functional>
#include <string>
#include <vector>

namespace coffman {
namespace integration {

struct Spot {
  std::string file;
  unsigned line = 0;
  unsigned column = 0;
};

struct TuNote {
  std::string message;
  Spot at;            // may be empty (line 0): then the primary location
};

struct TuFinding {
  std::string kind;   // "lock-order-inversion"
  std::string check;  // "coffman-lock-order-inversion"
  std::string message;
  Spot at;
  std::vector<TuNote> notes; // evidence, then the Coffman conditions, then the fix
};

// Whether this TU alone can be the whole program: it uses no function that
// is declared outside system headers and defined elsewhere.  Without the
// rest of the program's facts, a partial TU cannot tell that nobody signals
// a condition, so that kind is not reported for it.
bool tuIsWholeProgram(clang::ASTContext &ctx);

// `inTu(file)` says whether a file belongs to this TU (its main file or a
// header it includes).  `others` are the rest of the program's facts
// (from a facts directory); may be empty.
std::vector<TuFinding>
analyzeTu(const facts::TranslationUnit &tu,
          const std::vector<facts::TranslationUnit> &others, bool wholeProgram,
          const std::function<bool(const std::string &)> &inTu);

} // namespace integration
} // namespace coffman

#endif
