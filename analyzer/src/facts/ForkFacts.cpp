#include "facts/ForkFacts.h"

#include "clang/AST/RecursiveASTVisitor.h"

#include <set>

namespace coffman {
namespace facts {

using namespace clang;

namespace {

bool forkCall(const Expr *e) {
  const auto *call = dyn_cast<CallExpr>(e->IgnoreParenImpCasts());
  const FunctionDecl *fd = call ? call->getDirectCallee() : nullptr;
  return fd && fd->getIdentifier() &&
         (fd->getName() == "fork" || fd->getName() == "vfork");
}

// Local variables that are given fork()'s result (`pid = fork()`).
class ForkResults : public RecursiveASTVisitor<ForkResults> {
public:
  std::set<const VarDecl *> vars;
  bool VisitVarDecl(VarDecl *vd) {
    if (vd->hasInit() && forkCall(vd->getInit()))
      vars.insert(vd);
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *bo) {
    if (bo->getOpcode() == BO_Assign && forkCall(bo->getRHS()))
      if (const auto *dr =
              dyn_cast<DeclRefExpr>(bo->getLHS()->IgnoreParenImpCasts()))
        if (const auto *vd = dyn_cast<VarDecl>(dr->getDecl()))
          vars.insert(vd);
    return true;
  }
};

class Finder {
public:
  explicit Finder(const FunctionDecl *fd) {
    ForkResults r;
    r.TraverseDecl(const_cast<FunctionDecl *>(fd));
    vars_ = std::move(r.vars);
  }

  // fork()'s result: the call itself, `(pid = fork())`, or a variable
  // that holds it.
  bool forkValue(const Expr *e) const {
    e = e->IgnoreParenImpCasts();
    if (const auto *bo = dyn_cast<BinaryOperator>(e))
      if (bo->getOpcode() == BO_Assign)
        return forkCall(bo->getRHS());
    if (forkCall(e))
      return true;
    const auto *dr = dyn_cast<DeclRefExpr>(e);
    return dr && vars_.count(dyn_cast<VarDecl>(dr->getDecl()));
  }

  // Which successor of a two-way branch on `c` runs only in the child:
  // 0 (true), 1 (false) or -1.
  int childSuccessor(const Expr *c) const {
    if (!c)
      return -1;
    c = c->IgnoreParenImpCasts();
    if (const auto *uo = dyn_cast<UnaryOperator>(c))
      if (uo->getOpcode() == UO_LNot)
        return forkValue(uo->getSubExpr()) ? 0 : -1;
    if (const auto *bo = dyn_cast<BinaryOperator>(c)) {
      if (bo->getOpcode() != BO_EQ && bo->getOpcode() != BO_NE)
        return forkValue(c) ? 1 : -1;
      const Expr *l = bo->getLHS(), *r = bo->getRHS();
      if (!(forkValue(l) && zero(r)) && !(forkValue(r) && zero(l)))
        return -1;
      return bo->getOpcode() == BO_EQ ? 0 : 1;
    }
    return forkValue(c) ? 1 : -1;
  }

private:
  static bool zero(const Expr *e) {
    const auto *il = dyn_cast<IntegerLiteral>(e->IgnoreParenImpCasts());
    return il && il->getValue() == 0;
  }
  std::set<const VarDecl *> vars_;
};

// `case 0:` of a switch on fork()'s result.
const CFGBlock *zeroCase(const CFGBlock &b, const Finder &f) {
  const auto *sw = dyn_cast_or_null<SwitchStmt>(b.getTerminatorStmt());
  if (!sw || !f.forkValue(sw->getCond()))
    return nullptr;
  for (const CFGBlock::AdjacentBlock &s : b.succs()) {
    const CFGBlock *t = s.getReachableBlock();
    const auto *cs = t ? dyn_cast_or_null<CaseStmt>(t->getLabel()) : nullptr;
    const auto *il =
        cs ? dyn_cast<IntegerLiteral>(cs->getLHS()->IgnoreParenImpCasts())
           : nullptr;
    if (il && il->getValue() == 0 && !cs->getRHS())
      return t;
  }
  return nullptr;
}

// Blocks that every path from the entry to them passes `head`.
void markDominated(const CFG &cfg, const CFGBlock *head, Function &f) {
  std::vector<bool> avoid(cfg.getNumBlockIDs()), from(cfg.getNumBlockIDs());
  auto walk = [&](const CFGBlock *start, std::vector<bool> &seen,
                  const CFGBlock *skip) {
    std::vector<const CFGBlock *> work{start};
    while (!work.empty()) {
      const CFGBlock *b = work.back();
      work.pop_back();
      if (!b || b == skip || seen[b->getBlockID()])
        continue;
      seen[b->getBlockID()] = true;
      for (const CFGBlock::AdjacentBlock &s : b->succs())
        work.push_back(s.getReachableBlock());
    }
  };
  walk(&cfg.getEntry(), avoid, head);
  walk(head, from, nullptr);
  for (unsigned i = 0; i < from.size() && i < f.blocks.size(); i++)
    if (from[i] && !avoid[i] && i != cfg.getExit().getBlockID())
      f.blocks[i].forkChild = true;
}

} // namespace

void markForkChildren(const CFG &cfg, const FunctionDecl *fd, Function &f) {
  Finder finder(fd);
  for (const CFGBlock *b : cfg) {
    if (!b)
      continue;
    const CFGBlock *child = zeroCase(*b, finder);
    if (!child && b->succ_size() == 2) {
      const auto *c = dyn_cast_or_null<Expr>(b->getTerminatorCondition());
      int which = finder.childSuccessor(c);
      if (which >= 0)
        child = (b->succs().begin() + which)->getReachableBlock();
    }
    if (child)
      markDominated(cfg, child, f);
  }
}

} // namespace facts
} // namespace coffman
