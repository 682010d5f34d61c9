// A check's result as data.  Checks never format text: the driver (and the
// clang-tidy module, plugin and LSP proxy) turn a Finding into a
// coffman_finding (report/include/coffman/report.h) with toReport().
#ifndef COFFMAN_CHECKS_FINDING_H
#define COFFMAN_CHECKS_FINDING_H

#include "facts/Facts.h"

#include "coffman/report.h"

#include <string>
#include <vector>

namespace coffman {
namespace checks {

struct FindingNote {
  std::string message;
  facts::SourceLoc loc;
};

struct Finding {
  coffman_kind kind = COFFMAN_LOCK_ORDER_INVERSION;
  coffman_severity severity = COFFMAN_SEVERITY_WARNING;
  std::string message; // one line, no trailing period
  facts::SourceLoc loc;
  std::vector<FindingNote> notes;
  // The four Coffman conditions (deadlock kinds only; empty = omitted).
  std::string mutualExclusion, holdAndWait, noPreemption, circularWait;
  std::string fix;

  // "coffman-lock-order-inversion"
  std::string checkName() const;
};

// A view of `f` in the report layer's terms.  It borrows f's strings, so
// `f` must outlive the returned object.
struct ReportView {
  coffman_finding finding;
  std::vector<coffman_note> notes;
};
void toReport(const Finding &f, ReportView &out);

// Sorts by location then message and drops exact duplicates.
void sortAndUnique(std::vector<Finding> &findings);

} // namespace checks
} // namespace coffman

#endif
