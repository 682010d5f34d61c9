#include "facts/OrderFacts.h"

#include "facts/ExprPaths.h"

#include "clang/AST/RecursiveASTVisitor.h"

#include <map>
#include <memory>
#include <set>

namespace coffman {
namespace facts {

using namespace clang;

std::string ownerKey(const Path &p) {
  if (!p.known())
    return "";
  Path o = p;
  o.pointee.clear();
  if (!o.ops.empty()) {
    const std::string &last = o.ops.back();
    bool field = (last.size() > 2 && last.compare(0, 2, "->") == 0 &&
                  last != "->[]") ||
                 (!last.empty() && last[0] == '.');
    if (field)
      o.ops.pop_back();
  }
  return o.identity();
}

std::string comparedPair(const std::string &a, const std::string &b) {
  return a < b ? a + " < " + b : b + " < " + a;
}

namespace {

class Collector : public RecursiveASTVisitor<Collector> {
public:
  Collector(ASTContext &ctx, SourceNames &names, TranslationUnit &tu)
      : ctx_(ctx), names_(names) {
    for (Function &f : tu.functions)
      if (f.defined)
        byKey_[f.key] = &f;
  }

  bool TraverseFunctionDecl(FunctionDecl *fd) {
    if (!SourceNames::analysedBody(fd, ctx_.getSourceManager()))
      return true;
    paths_ = std::make_unique<ExprPaths>(ctx_, names_, fd);
    pairs_.clear();
    RecursiveASTVisitor::TraverseFunctionDecl(fd);
    auto it = byKey_.find(names_.functionKey(fd));
    if (it != byKey_.end())
      it->second->comparedPairs.assign(pairs_.begin(), pairs_.end());
    paths_.reset();
    return true;
  }

  bool VisitBinaryOperator(BinaryOperator *bo) {
    if (!paths_ || !bo->isRelationalOp())
      return true;
    std::string a = sideKey(bo->getLHS()), b = sideKey(bo->getRHS());
    if (!a.empty() && !b.empty() && a != b)
      pairs_.insert(comparedPair(a, b));
    return true;
  }

  // `struct node *next` inside struct node: a link of a list or tree.
  bool VisitFieldDecl(FieldDecl *fd) {
    QualType t = fd->getType();
    const RecordDecl *owner = fd->getParent();
    if (!t->isPointerType() || !owner)
      return true;
    QualType to = t->getPointeeType().getCanonicalType().getUnqualifiedType();
    QualType self = ctx_.getRecordType(owner).getCanonicalType();
    if (to == self)
      links_.insert(SourceNames::typeName(self) + "." +
                    fd->getNameAsString());
    return true;
  }

  std::set<std::string> links_;

private:
  // The object one side of a comparison is about; "" for constants.
  std::string sideKey(const Expr *e) {
    e = e->IgnoreParenCasts();
    if (e->isIntegerConstantExpr(ctx_))
      return "";
    if (isa<MemberExpr>(e) || isa<ArraySubscriptExpr>(e))
      return ownerKey(paths_->lvalue(e));
    if (const auto *uo = dyn_cast<UnaryOperator>(e))
      if (uo->getOpcode() == UO_Deref)
        return ownerKey(paths_->lvalue(e));
    Value v = paths_->valueOf(e);
    if (v.kind == Value::AddrOf)
      return ownerKey(v.path);
    if (v.kind == Value::Load && v.path.known()) {
      Path p = v.path;
      p.pointee.clear();
      return p.identity();
    }
    return "";
  }

  ASTContext &ctx_;
  SourceNames &names_;
  std::unique_ptr<ExprPaths> paths_;
  std::map<std::string, Function *> byKey_;
  std::set<std::string> pairs_;
};

} // namespace

void collectOrderFacts(ASTContext &ctx, SourceNames &names,
                       TranslationUnit &tu) {
  Collector c(ctx, names, tu);
  c.TraverseDecl(ctx.getTranslationUnitDecl());
  tu.linkFields.assign(c.links_.begin(), c.links_.end());
}

} // namespace facts
} // namespace coffman
