#include "TuFindings.h"

#include "driver/Analyze.h"
#include "driver/CheckFilter.h"

#include "clang/AST/Decl.h"
#include "clang/Basic/SourceManager.h"

namespace coffman {
namespace integration {

bool tuIsWholeProgram(clang::ASTContext &ctx) {
  const clang::SourceManager &sm = ctx.getSourceManager();
  for (const clang::Decl *d : ctx.getTranslationUnitDecl()->decls()) {
    const auto *fn = llvm::dyn_cast<clang::FunctionDecl>(d);
    if (!fn || !fn->isUsed() || fn->getDefinition() || fn->getBuiltinID())
      continue;
    if (!sm.isInSystemHeader(fn->getLocation()))
      return false;
  }
  return true;
}

static Spot spotOf(const facts::SourceLoc &l) {
  return Spot{l.file, l.line, l.col};
}

// Evidence first, then the four conditions and the fix, as coffman-check
// prints them.
static std::vector<TuNote> notesOf(const checks::Finding &f) {
  std::vector<TuNote> notes;
  for (const checks::FindingNote &n : f.notes)
    notes.push_back(TuNote{n.message, spotOf(n.loc)});
  const std::pair<const char *, const std::string *> extra[] = {
      {"mutual exclusion: ", &f.mutualExclusion},
      {"hold and wait: ", &f.holdAndWait},
      {"no preemption: ", &f.noPreemption},
      {"circular wait: ", &f.circularWait},
      {"fix: ", &f.fix}};
  for (const auto &[label, text] : extra)
    if (!text->empty())
      notes.push_back(TuNote{label + *text, Spot{}});
  return notes;
}

std::vector<TuFinding>
analyzeTu(const facts::TranslationUnit &tu,
          const std::vector<facts::TranslationUnit> &others, bool wholeProgram,
          const std::function<bool(const std::string &)> &inTu) {
  std::vector<facts::TranslationUnit> units(others);
  units.push_back(tu);
  // Same checks, merge and NOLINT handling as coffman-check.
  bool complete = wholeProgram || !others.empty();
  driver::CheckFilter filter(complete ? "coffman-*"
                                      : "coffman-*,-coffman-never-signaled-wait");
  std::vector<checks::Finding> found =
      driver::analyzeFacts(std::move(units), filter);
  std::vector<TuFinding> out;
  for (const checks::Finding &f : found) {
    // Findings located in other TUs are theirs to report.
    if (!inTu(f.loc.file))
      continue;
    TuFinding t;
    t.kind = coffman_kind_name(f.kind);
    t.check = f.checkName();
    t.message = f.message;
    t.at = spotOf(f.loc);
    t.notes = notesOf(f);
    out.push_back(std::move(t));
  }
  return out;
}

} // namespace integration
} // namespace coffman
