// Which locks may be relocked by their holder without blocking.
//
// A relock deadlocks only a normal (default) mutex.  Recursive mutexes let
// the holder in again and error-checking ones return EDEADLK, so the
// self-deadlock check must know them.  We look for the three ways C code
// makes one: a mutex attribute whose type is set to anything but
// normal/default and then passed to pthread_mutex_init, glibc's
// PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP / ..._ERRORCHECK_... initialisers,
// and mtx_init with mtx_recursive.  When the type is not a constant we
// cannot tell, and count the lock as relockable: staying silent is the
// precise choice for a checker judged on false alarms.
#include "facts/LockInitFacts.h"

#include "facts/ExprPaths.h"
#include "facts/Instantiate.h"

#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Lex/Lexer.h"

#include <set>

namespace coffman {
namespace facts {

using namespace clang;

namespace {

const FunctionDecl *calleeOf(const CallExpr *call) {
  return call->getDirectCallee();
}

bool isCall(const CallExpr *call, const char *name) {
  const FunctionDecl *fd = calleeOf(call);
  return fd && fd->getIdentifier() && fd->getName() == name;
}

// Does `e` name an enumerator whose name contains `word`?
bool mentionsEnumerator(const Expr *e, llvm::StringRef word) {
  struct Finder : RecursiveASTVisitor<Finder> {
    llvm::StringRef word;
    bool found = false;
    bool VisitDeclRefExpr(DeclRefExpr *dr) {
      if (const auto *ec = dyn_cast<EnumConstantDecl>(dr->getDecl()))
        if (ec->getName().contains(word))
          found = true;
      return true;
    }
  } f;
  f.word = word;
  f.TraverseStmt(const_cast<Expr *>(e));
  return f.found;
}

// A mutex type argument: true unless it is a constant naming the normal or
// default kind (glibc spells those PTHREAD_MUTEX_NORMAL/DEFAULT/TIMED_NP/
// FAST_NP, all of value 0).
bool relockableType(const Expr *type, ASTContext &ctx) {
  Expr::EvalResult r;
  if (!type->EvaluateAsInt(r, ctx))
    return true;
  if (mentionsEnumerator(type, "RECURSIVE") ||
      mentionsEnumerator(type, "ERRORCHECK"))
    return true;
  return r.Val.getInt() != 0 && !mentionsEnumerator(type, "NORMAL") &&
         !mentionsEnumerator(type, "DEFAULT");
}

// The macro an initialiser was written with, e.g.
// PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP.
std::string initMacro(const Expr *init, ASTContext &ctx) {
  const SourceManager &sm = ctx.getSourceManager();
  SourceLocation l = init->getBeginLoc();
  if (!l.isMacroID())
    return "";
  return Lexer::getImmediateMacroNameForDiagnostics(l, sm, ctx.getLangOpts())
      .str();
}

bool relockableMacro(const std::string &m) {
  return m.find("RECURSIVE") != std::string::npos ||
         m.find("ERRORCHECK") != std::string::npos ||
         m.find("ADAPTIVE") != std::string::npos;
}

class Collector : public RecursiveASTVisitor<Collector> {
public:
  Collector(ASTContext &ctx, SourceNames &names) : ctx_(ctx), names_(names) {}

  bool TraverseFunctionDecl(FunctionDecl *fd) {
    if (!fd->hasBody())
      return true;
    const FunctionDecl *saved = fn_;
    fn_ = fd;
    paths_ = std::make_unique<ExprPaths>(ctx_, names_, fd);
    RecursiveASTVisitor::TraverseFunctionDecl(fd);
    paths_.reset();
    fn_ = saved;
    return true;
  }

  bool VisitVarDecl(VarDecl *vd) {
    if (vd->hasInit() && !isa<ParmVarDecl>(vd))
      scanInit(vd, vd->getInit(), {});
    return true;
  }

  bool VisitCallExpr(CallExpr *call) {
    if (isCall(call, "pthread_cancel"))
      callsCancel = true;
    if (!paths_)
      return true;
    if (isCall(call, "pthread_mutexattr_settype") && call->getNumArgs() == 2 &&
        relockableType(call->getArg(1), ctx_))
      relockAttrs_.insert(paths_->pointee(call->getArg(0)).identity());
    if (isCall(call, "pthread_mutex_init") && call->getNumArgs() == 2)
      mutexInits_.push_back({paths_->pointee(call->getArg(0)),
                             paths_->pointee(call->getArg(1)),
                             isNullish(call->getArg(1))});
    if (isCall(call, "sem_init") && call->getNumArgs() == 3) {
      Expr::EvalResult r;
      if (!call->getArg(2)->EvaluateAsInt(r, ctx_) || r.Val.getInt() != 0)
        addTo(prepostedSems, paths_->pointee(call->getArg(0)));
    }
    if (isCall(call, "mtx_init") && call->getNumArgs() == 2 &&
        mentionsEnumerator(call->getArg(1), "recursive"))
      add(paths_->pointee(call->getArg(0)));
    return true;
  }

  // Attributes can be set after the init call in source order (in another
  // function), so inits are matched once the whole TU is seen.
  void finish() {
    for (const MutexInit &mi : mutexInits_)
      if (!mi.nullAttr &&
          (!mi.attr.known() || relockAttrs_.count(mi.attr.identity())))
        add(mi.mutex);
  }

  std::vector<Path> relockable;
  std::vector<Path> prepostedSems;
  bool callsCancel = false;

private:
  struct MutexInit {
    Path mutex;
    Path attr;
    bool nullAttr;
  };

  bool isNullish(const Expr *e) {
    return e->IgnoreParenCasts()->isNullPointerConstant(
               ctx_, Expr::NPC_ValueDependentIsNotNull) != Expr::NPCK_NotNull;
  }

  void add(const Path &p) { addTo(relockable, p); }
  static void addTo(std::vector<Path> &set, Path p) {
    if (!p.known())
      return;
    if (p.root == RootKind::Param)
      p = toClass(p);
    for (const Path &q : set)
      if (q == p)
        return;
    set.push_back(p);
  }

  // Walks a (possibly nested struct) initialiser down to mutex members.
  void scanInit(const VarDecl *vd, const Expr *init,
                std::vector<std::string> ops) {
    init = init->IgnoreImplicit();
    bool mutexType = init->getType().getAsString().find("pthread_mutex_t") !=
                     std::string::npos;
    if (relockableMacro(initMacro(init, ctx_)) ||
        (mutexType && (mentionsEnumerator(init, "RECURSIVE") ||
                       mentionsEnumerator(init, "ERRORCHECK") ||
                       mentionsEnumerator(init, "ADAPTIVE")))) {
      Path p;
      p.root = vd->hasGlobalStorage() ? RootKind::Global : RootKind::Local;
      p.name = vd->getNameAsString();
      p.key = names_.variableKey(vd, fn_);
      p.ops = ops;
      add(p);
      return;
    }
    const auto *list = dyn_cast<InitListExpr>(init);
    if (!list)
      return;
    const RecordDecl *rd = nullptr;
    if (const auto *rt = list->getType()->getAs<RecordType>())
      rd = rt->getDecl();
    if (!rd || rd->isUnion())
      return;
    unsigned i = 0;
    for (const FieldDecl *f : rd->fields()) {
      if (i >= list->getNumInits())
        break;
      std::vector<std::string> sub = ops;
      sub.push_back("." + f->getNameAsString());
      scanInit(vd, list->getInit(i++), sub);
    }
  }

  ASTContext &ctx_;
  SourceNames &names_;
  const FunctionDecl *fn_ = nullptr;
  std::unique_ptr<ExprPaths> paths_;
  std::set<std::string> relockAttrs_;
  std::vector<MutexInit> mutexInits_;
};

} // namespace

void collectLockInitFacts(ASTContext &ctx, SourceNames &names,
                          TranslationUnit &tu) {
  Collector c(ctx, names);
  c.TraverseDecl(ctx.getTranslationUnitDecl());
  c.finish();
  tu.relockableLocks = std::move(c.relockable);
  tu.callsCancel = c.callsCancel;
  tu.prepostedSems = std::move(c.prepostedSems);
}

} // namespace facts
} // namespace coffman
