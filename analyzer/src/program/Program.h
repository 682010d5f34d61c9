// The whole program: all translation units' facts merged, with the call
// graph, bottom-up summaries (Summaries.h) and thread contexts (Threads.h).
// Checks (checks/) read only this.
#ifndef COFFMAN_PROGRAM_PROGRAM_H
#define COFFMAN_PROGRAM_PROGRAM_H

#include "facts/Facts.h"
#include "program/Summaries.h"
#include "program/Threads.h"

#include <map>
#include <string>
#include <vector>

namespace coffman {
namespace program {

class Program {
public:
  explicit Program(std::vector<facts::TranslationUnit> units);

  const std::vector<facts::TranslationUnit> &units() const { return units_; }
  // Defined functions by key (the first definition seen wins).
  const facts::Function *function(const std::string &key) const;
  const std::vector<const facts::Function *> &functions() const {
    return defined_;
  }
  // Keys of defined functions called by `key`, and calling it.
  const std::vector<std::string> &callees(const std::string &key) const;
  const std::vector<std::string> &callers(const std::string &key) const;
  // Defined functions in bottom-up order, grouped by call-graph SCC.
  const std::vector<std::vector<std::string>> &bottomUp() const {
    return sccs_;
  }

  const Summaries &summaries() const { return summaries_; }
  const Threads &threads() const { return threads_; }

  // A path as the whole program names it: pointers stored in named objects
  // are followed (args.v1->mu -> a.mu), then any pointer that cannot be
  // named makes it a class (struct account.mu).  Unknown stays Unknown.
  Path resolve(const Path &p) const;
  facts::Value resolve(const facts::Value &v) const;

private:
  void index();
  void buildCallGraph();
  void orderBottomUp();

  std::vector<facts::TranslationUnit> units_;
  std::map<std::string, const facts::Function *> byKey_;
  std::vector<const facts::Function *> defined_;
  std::map<std::string, std::vector<std::string>> callees_, callers_;
  std::vector<std::vector<std::string>> sccs_;
  // identity of a named pointer-holding object -> the one value stored
  // (kind Unknown when ambiguous)
  std::map<std::string, facts::Value> stores_;
  Summaries summaries_;
  Threads threads_;
};

} // namespace program
} // namespace coffman

#endif
