#include "checks/Finding.h"

#include <algorithm>
#include <tuple>

namespace coffman {
namespace checks {

std::string Finding::checkName() const {
  const char *k = coffman_kind_name(kind);
  return std::string("coffman-") + (k ? k : "unknown");
}

static coffman_frame frame(const facts::SourceLoc &l) {
  coffman_frame f{};
  f.file = l.file.empty() ? nullptr : l.file.c_str();
  f.line = l.line;
  f.column = l.col;
  return f;
}

static const char *orNull(const std::string &s) {
  return s.empty() ? nullptr : s.c_str();
}

void toReport(const Finding &f, ReportView &out) {
  out.notes.clear();
  for (const FindingNote &n : f.notes) {
    coffman_note cn{};
    cn.message = n.message.c_str();
    cn.loc = frame(n.loc);
    out.notes.push_back(cn);
  }
  coffman_finding &r = out.finding;
  r = coffman_finding{};
  r.kind = f.kind;
  r.severity = f.severity;
  r.message = f.message.c_str();
  r.loc = frame(f.loc);
  r.notes = out.notes.empty() ? nullptr : out.notes.data();
  r.note_count = out.notes.size();
  r.conditions.mutual_exclusion = orNull(f.mutualExclusion);
  r.conditions.hold_and_wait = orNull(f.holdAndWait);
  r.conditions.no_preemption = orNull(f.noPreemption);
  r.conditions.circular_wait = orNull(f.circularWait);
  r.fix = orNull(f.fix);
}

void sortAndUnique(std::vector<Finding> &findings) {
  auto key = [](const Finding &f) {
    return std::tie(f.loc.file, f.loc.line, f.loc.col, f.kind, f.message);
  };
  std::stable_sort(findings.begin(), findings.end(),
                   [&](const Finding &a, const Finding &b) {
                     return key(a) < key(b);
                   });
  findings.erase(std::unique(findings.begin(), findings.end(),
                             [&](const Finding &a, const Finding &b) {
                               return key(a) == key(b);
                             }),
                 findings.end());
}

} // namespace checks
} // namespace coffman
