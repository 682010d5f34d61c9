#include "driver/CompileDb.h"

#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"

#include <cstdio>
#include <set>

namespace coffman {
namespace driver {

using namespace clang::tooling;

std::unique_ptr<CompilationDatabase> loadCompileDb(const std::string &dir,
                                                   std::string &error) {
  std::unique_ptr<CompilationDatabase> db =
      CompilationDatabase::autoDetectFromDirectory(dir, error);
  if (!db) {
    error = "no compile_commands.json in " + dir + ": " + error;
    return nullptr;
  }
  return inferMissingCompileCommands(std::move(db));
}

static std::string absolute(const std::string &path, const std::string &base) {
  llvm::SmallString<256> p(path);
  if (!llvm::sys::path::is_absolute(p)) {
    llvm::SmallString<256> b(base);
    if (b.empty())
      llvm::sys::fs::current_path(b);
    llvm::sys::path::append(b, p);
    p = b;
  }
  llvm::sys::path::remove_dots(p, /*remove_dot_dot=*/true);
  return std::string(p.str());
}

static bool isCSource(llvm::StringRef f) {
  return f.ends_with(".c") || f.ends_with(".i");
}

std::vector<std::string> selectFiles(const CompilationDatabase &db,
                                     const std::vector<std::string> &req) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  if (!req.empty()) {
    for (const std::string &f : req)
      if (seen.insert(absolute(f, "")).second)
        out.push_back(absolute(f, ""));
    return out;
  }
  for (const CompileCommand &c : db.getAllCompileCommands()) {
    std::string f = absolute(c.Filename, c.Directory);
    if (isCSource(f) && seen.insert(f).second)
      out.push_back(f);
  }
  return out;
}

// Flags gcc accepts that make clang fail (or that only matter to gcc).
static bool gccOnly(llvm::StringRef a) {
  static const char *const exact[] = {
      "-fanalyzer", "-fno-allow-store-data-races", "-fconserve-stack",
      "-fno-var-tracking-assignments", "-fmerge-constants",
      "-fno-ipa-sra", "-fipa-pta", "-flto-partition=none",
      "-fstack-clash-protection", "-fcf-protection=full"};
  for (const char *e : exact)
    if (a == e)
      return true;
  static const char *const prefixes[] = {
      "-fanalyzer-", "-Wanalyzer", "-fno-analyzer", "-fdiagnostics-urls",
      "-fno-tree-", "-ftree-", "-fipa-", "-fno-ipa-", "-fsched-",
      "-fno-sched-", "-fprofile-update", "-fmin-function-alignment",
      "-fzero-call-used-regs", "-mindirect-branch", "-mfunction-return",
      "-mrecord-mcount", "-fdump-", "-flto=", "-fuse-linker-plugin"};
  for (const char *p : prefixes)
    if (a.starts_with(p))
      return true;
  return false;
}

std::string resourceDir() {
  static const std::string dir = [] {
    std::string built = COFFMAN_RESOURCE_DIR;
    if (!built.empty() && llvm::sys::fs::is_directory(built))
      return built;
    std::string out;
    if (FILE *p = popen(COFFMAN_CLANG " -print-resource-dir 2>/dev/null", "r")) {
      char buf[4096];
      while (fgets(buf, sizeof buf, p))
        out += buf;
      pclose(p);
    }
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r'))
      out.pop_back();
    return out;
  }();
  return dir;
}

ArgumentsAdjuster commandAdjuster() {
  ArgumentsAdjuster strip = [](const CommandLineArguments &args,
                               llvm::StringRef) {
    CommandLineArguments out;
    bool hasResource = false;
    for (size_t i = 0; i < args.size(); i++) {
      llvm::StringRef a = args[i];
      if (gccOnly(a))
        continue;
      hasResource |= a.starts_with("-resource-dir");
      out.push_back(args[i]);
    }
    // After the compiler name: the resource dir, no warnings (we only want
    // errors, which name files that cannot be analysed).
    std::vector<std::string> extra = {"-w", "-Wno-unknown-warning-option",
                                      "-Qunused-arguments"};
    if (!hasResource && !resourceDir().empty()) {
      extra.push_back("-resource-dir");
      extra.push_back(resourceDir());
    }
    if (!out.empty())
      out.insert(out.begin() + 1, extra.begin(), extra.end());
    return out;
  };
  return combineAdjusters(
      combineAdjusters(getClangStripOutputAdjuster(),
                       getClangStripDependencyFileAdjuster()),
      combineAdjusters(getClangSyntaxOnlyAdjuster(), strip));
}

} // namespace driver
} // namespace coffman
