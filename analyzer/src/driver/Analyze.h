// The analysis as a library call, shared by coffman-check, the clang-tidy
// module, the compiler plugin and the LSP proxy:
//   collectFacts   parse files (in parallel) into per-TU facts
//   loadFactsDir   read *.coffman.json facts written earlier (--merge)
//   analyzeFacts   merge, summarise, run the enabled checks, drop NOLINTed
#ifndef COFFMAN_DRIVER_ANALYZE_H
#define COFFMAN_DRIVER_ANALYZE_H

#include "checks/Finding.h"
#include "driver/CheckFilter.h"
#include "facts/Facts.h"

#include "clang/Tooling/CompilationDatabase.h"

#include <string>
#include <vector>

namespace coffman {
namespace driver {

struct FileError {
  std::string file;
  std::string message; // the compiler's first error, or why we could not
};

struct CollectOptions {
  unsigned jobs = 1;
  bool progress = false;     // "[i/n] file" on stderr
  std::string factsDir;      // if set, write each TU's facts there
  // (file, path of its unsaved contents): parse the contents in place of
  // the file, under the file's name and compile command (editors, LSP).
  std::vector<std::pair<std::string, std::string>> unsaved;
};

struct Collected {
  std::vector<facts::TranslationUnit> units;
  std::vector<FileError> errors;
};

Collected collectFacts(const clang::tooling::CompilationDatabase &db,
                       const std::vector<std::string> &files,
                       const CollectOptions &opts);

// Facts of one file given as a compile command line (for in-process users
// that have no database): `args` is a full command, compiler first.
bool factsForCommand(const std::vector<std::string> &args,
                     const std::string &file, const std::string &directory,
                     facts::TranslationUnit &out, FileError &error);

// Recursively reads every *.coffman.json under `dir`.
void loadFactsDir(const std::string &dir, Collected &into);
bool writeFactsFile(const std::string &dir, const facts::TranslationUnit &tu,
                    std::string &error);

std::vector<checks::Finding>
analyzeFacts(std::vector<facts::TranslationUnit> units,
             const CheckFilter &filter);

} // namespace driver
} // namespace coffman

#endif
