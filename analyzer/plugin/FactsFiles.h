// Where the compiler plugin puts a translation unit's facts: beside the
// object file (`foo.o.coffman.json`), or in a chosen directory under the
// name coffman-check's own --facts-dir uses.  Either way
// `coffman-check --merge DIR` and the FactsDir option find them.
#ifndef COFFMAN_PLUGIN_FACTSFILES_H
#define COFFMAN_PLUGIN_FACTSFILES_H

#include "facts/Facts.h"

#include <string>
#include <vector>

namespace coffman {
namespace integration {

// Writes `tu`'s facts for a compile whose output is `objectFile`, or into
// `factsDir` if that is set.  Returns false and sets `error` on failure;
// sets `path` to the file written ("" when there is nowhere to write, as
// with -fsyntax-only and no directory).
bool writeTuFacts(const facts::TranslationUnit &tu, const std::string &objectFile,
                  const std::string &factsDir, std::string &path,
                  std::string &error);

// The rest of the program: every facts file under `dir` except the ones
// for `skipFile` (the TU being analysed, whose facts are fresh).
std::vector<facts::TranslationUnit>
readOtherFacts(const std::string &dir, const std::string &skipFile,
               std::vector<std::string> &errors);

} // namespace integration
} // namespace coffman

#endif
