// Loading compile_commands.json (CMake's or bear's) and making its commands
// usable by a libtooling tool: gcc-only flags clang rejects are stripped,
// warnings are silenced, and the Clang resource directory is inserted.
#ifndef COFFMAN_DRIVER_COMPILEDB_H
#define COFFMAN_DRIVER_COMPILEDB_H

#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CompilationDatabase.h"

#include <memory>
#include <string>
#include <vector>

namespace coffman {
namespace driver {

// nullptr and `error` set when BUILD_DIR has no usable database.  Files
// missing from it get a command inferred from a similar file.
std::unique_ptr<clang::tooling::CompilationDatabase>
loadCompileDb(const std::string &buildDir, std::string &error);

// Absolute, normalised paths of the main files to analyse: `requested`
// (relative to the current directory) or, if empty, every C file of the
// database.  Paths come out absolute even when bear wrote relative ones.
std::vector<std::string>
selectFiles(const clang::tooling::CompilationDatabase &db,
            const std::vector<std::string> &requested);

clang::tooling::ArgumentsAdjuster commandAdjuster();

// The resource directory of clang-NN (computed when coffman was built,
// re-queried at run time if that directory no longer exists).
std::string resourceDir();

} // namespace driver
} // namespace coffman

#endif
