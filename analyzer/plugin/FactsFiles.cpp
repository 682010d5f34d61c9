#include "FactsFiles.h"

#include "driver/Analyze.h"
#include "facts/FactsJson.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <unistd.h>

namespace coffman {
namespace integration {

// Via a temp file and rename: a merge running while the build still
// compiles never reads half a file.
static bool writeAtomically(const std::string &path,
                            const facts::TranslationUnit &tu,
                            std::string &error) {
  std::string tmp = path + ".tmp" + std::to_string(::getpid());
  std::error_code ec;
  {
    llvm::raw_fd_ostream out(tmp, ec, llvm::sys::fs::OF_Text);
    if (ec) {
      error = "cannot write " + tmp + ": " + ec.message();
      return false;
    }
    out << facts::toJson(tu) << "\n";
    out.close();
    if (out.has_error()) {
      error = "cannot write " + tmp + ": " + out.error().message();
      out.clear_error();
      llvm::sys::fs::remove(tmp);
      return false;
    }
  }
  if ((ec = llvm::sys::fs::rename(tmp, path))) {
    error = "cannot write " + path + ": " + ec.message();
    llvm::sys::fs::remove(tmp);
    return false;
  }
  return true;
}

bool writeTuFacts(const facts::TranslationUnit &tu, const std::string &objectFile,
                  const std::string &factsDir, std::string &path,
                  std::string &error) {
  path.clear();
  if (!factsDir.empty()) {
    path = factsDir;
    return driver::writeFactsFile(factsDir, tu, error);
  }
  if (objectFile.empty() || objectFile == "-")
    return true;
  path = objectFile + ".coffman.json";
  return writeAtomically(path, tu, error);
}

std::vector<facts::TranslationUnit>
readOtherFacts(const std::string &dir, const std::string &skipFile,
               std::vector<std::string> &errors) {
  driver::Collected all;
  driver::loadFactsDir(dir, all);
  for (const driver::FileError &e : all.errors)
    errors.push_back(e.file + ": " + e.message);
  std::vector<facts::TranslationUnit> others;
  for (facts::TranslationUnit &tu : all.units)
    if (tu.file != skipFile)
      others.push_back(std::move(tu));
  return others;
}

} // namespace integration
} // namespace coffman
