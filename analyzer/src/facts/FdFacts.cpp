#include "facts/FdFacts.h"

#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Lex/Lexer.h"

#include <set>

namespace coffman {
namespace facts {

using namespace clang;

namespace {

// Calls whose first argument is the descriptor they may block on.
const std::set<std::string> &fdCalls() {
  static const std::set<std::string> s = {
      "read",  "write",  "pread",   "pwrite",   "readv",  "writev",
      "recv",  "recvfrom", "recvmsg", "send",   "sendto", "sendmsg",
      "accept", "accept4", "connect"};
  return s;
}

// Calls that return a new descriptor, and which argument holds its flags.
int flagsArgOfCreator(const std::string &name) {
  if (name == "eventfd")
    return 1;
  if (name == "socket")
    return 1;
  if (name == "accept4")
    return 3;
  if (name == "accept" || name == "open" || name == "openat" ||
      name == "signalfd" || name == "timerfd_create" || name == "dup")
    return -1; // blocking unless changed later
  return -2;   // not a creator
}

class Collector : public RecursiveASTVisitor<Collector> {
public:
  Collector(ASTContext &ctx, SourceNames &names, TranslationUnit &tu)
      : ctx_(ctx), names_(names), tu_(tu) {}

  bool TraverseFunctionDecl(FunctionDecl *fd) {
    if (!SourceNames::analysedBody(fd, ctx_.getSourceManager()))
      return true;
    fn_ = fd;
    RecursiveASTVisitor::TraverseFunctionDecl(fd);
    fn_ = nullptr;
    return true;
  }

  bool VisitBinaryOperator(BinaryOperator *bo) {
    if (bo->getOpcode() == BO_Assign)
      created(bo->getLHS(), bo->getRHS());
    return true;
  }

  bool VisitVarDecl(VarDecl *vd) {
    if (vd->hasInit() && !isa<ParmVarDecl>(vd))
      created(nullptr, vd->getInit(), vd);
    return true;
  }

  bool VisitCallExpr(CallExpr *call) {
    const FunctionDecl *fd = call->getDirectCallee();
    if (!fd || !fd->getIdentifier())
      return true;
    std::string name = fd->getName().str();
    unsigned n = call->getNumArgs();
    if (name == "fcntl" && n == 3 && mentions(call->getArg(1), "F_SETFL") &&
        mentions(call->getArg(2), "O_NONBLOCK"))
      addKey(tu_.nonBlockingFds, call->getArg(0));
    if (name == "ioctl" && n >= 2 && mentions(call->getArg(1), "FIONBIO"))
      addKey(tu_.nonBlockingFds, call->getArg(0));
    if ((name == "poll" && n == 3 && zero(call->getArg(2))) ||
        ((name == "epoll_wait" || name == "epoll_pwait") && n >= 4 &&
         zero(call->getArg(3))) ||
        ((name == "recv" || name == "send" || name == "recvfrom" ||
          name == "sendto" || name == "recvmsg" || name == "sendmsg") &&
         n >= 3 && mentions(call->getArg(n == 3 ? 2 : 3), "DONTWAIT")))
      tu_.nonBlockingCalls.push_back(names_.loc(call->getBeginLoc()));
    if (fdCalls().count(name) && n >= 1) {
      std::string k = fdKey(call->getArg(0));
      if (!k.empty())
        tu_.fdUses.push_back({names_.loc(call->getBeginLoc()), k});
    }
    return true;
  }

private:
  bool zero(const Expr *e) {
    Expr::EvalResult r;
    return e->EvaluateAsInt(r, ctx_) && r.Val.getInt() == 0;
  }

  bool mentions(const Expr *e, llvm::StringRef word) {
    const SourceManager &sm = ctx_.getSourceManager();
    CharSourceRange range = CharSourceRange::getTokenRange(
        sm.getExpansionRange(e->getSourceRange()).getAsRange());
    std::string text =
        Lexer::getSourceText(range, sm, ctx_.getLangOpts()).str();
    if (text.find(word.str()) != std::string::npos)
      return true;
    // A macro argument spelled elsewhere (`mutex_fcntl(fd, O_NONBLOCK)`).
    SourceLocation spell = sm.getSpellingLoc(e->getBeginLoc());
    CharSourceRange sr = CharSourceRange::getTokenRange(
        spell, sm.getSpellingLoc(e->getEndLoc()));
    return Lexer::getSourceText(sr, sm, ctx_.getLangOpts())
               .contains(word);
  }

  // `lhs = eventfd(0, EFD_NONBLOCK)` and friends.
  void created(const Expr *lhs, const Expr *rhs, const VarDecl *var = nullptr) {
    const auto *call = dyn_cast<CallExpr>(rhs->IgnoreParenImpCasts());
    const FunctionDecl *fd = call ? call->getDirectCallee() : nullptr;
    if (!fd || !fd->getIdentifier())
      return;
    int flags = flagsArgOfCreator(fd->getName().str());
    if (flags == -2)
      return;
    std::string k = var ? varKey(var) : fdKey(lhs);
    if (k.empty())
      return;
    bool nonBlocking = flags >= 0 &&
                       static_cast<unsigned>(flags) < call->getNumArgs() &&
                       mentions(call->getArg(flags), "NONBLOCK");
    (nonBlocking ? tu_.nonBlockingFds : tu_.blockingFds).push_back(k);
  }

  std::string varKey(const VarDecl *vd) {
    return "var:" + names_.variableKey(vd, vd->isLocalVarDeclOrParm() ? fn_
                                                                      : nullptr);
  }

  // Where a descriptor is kept: a field of a structure type, or a variable.
  std::string fdKey(const Expr *e) {
    e = e->IgnoreParenImpCasts();
    if (const auto *me = dyn_cast<MemberExpr>(e)) {
      const auto *field = dyn_cast<FieldDecl>(me->getMemberDecl());
      if (!field)
        return "";
      QualType owner = ctx_.getRecordType(field->getParent());
      return "field:" + SourceNames::typeName(owner) + "." +
             field->getNameAsString();
    }
    if (const auto *dr = dyn_cast<DeclRefExpr>(e))
      if (const auto *vd = dyn_cast<VarDecl>(dr->getDecl()))
        if (!isa<ParmVarDecl>(vd))
          return varKey(vd);
    return "";
  }

  void addKey(std::vector<std::string> &to, const Expr *fd) {
    std::string k = fdKey(fd);
    if (!k.empty())
      to.push_back(k);
  }

  ASTContext &ctx_;
  SourceNames &names_;
  TranslationUnit &tu_;
  const FunctionDecl *fn_ = nullptr;
};

} // namespace

void collectFdFacts(ASTContext &ctx, SourceNames &names, TranslationUnit &tu) {
  Collector c(ctx, names, tu);
  c.TraverseDecl(ctx.getTranslationUnitDecl());
}

} // namespace facts
} // namespace coffman
