#include "facts/FdFacts.h"

#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Lex/Lexer.h"

#include <cctype>
#include <map>
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

// Calls that return a new descriptor, and which argument holds its flags
// (-1: none; blocking).
int flagsArgOfCreator(const std::string &name) {
  static const std::map<std::string, int> m = {
      {"eventfd", 1}, {"socket", 1},  {"accept4", 3},  {"open", 1},
      {"openat", 2},  {"signalfd", 2}, {"timerfd_create", 1},
      {"inotify_init1", 0}, {"accept", -1}, {"inotify_init", -1}};
  auto it = m.find(name);
  return it == m.end() ? -2 : it->second;
}

// Calls that fill an `int[2]` with two new descriptors: which argument is
// the array, and which the flags (-1: none).
bool pairCreator(const std::string &name, unsigned &array, int &flags) {
  if (name == "pipe" || name == "pipe2") {
    array = 0;
    flags = name == "pipe2" ? 1 : -1;
    return true;
  }
  if (name == "socketpair") {
    array = 3;
    flags = 1; // SOCK_NONBLOCK is or-ed into the type
    return true;
  }
  return false;
}

bool isInt(QualType t) {
  return t->isSpecificBuiltinType(BuiltinType::Int);
}

bool pointsToInt(QualType t) {
  if (const auto *at = t->getAsArrayTypeUnsafe())
    return isInt(at->getElementType().getUnqualifiedType());
  return t->isPointerType() && isInt(t->getPointeeType().getUnqualifiedType());
}

// What a flags expression does to O_NONBLOCK: 'N' sets it, 'B' clears it
// (`fl & ~O_NONBLOCK`), 0 says nothing; `params` it is computed from.
struct FlagState {
  char state = 0;
  std::set<unsigned> params;
  void merge(const FlagState &o) {
    if (o.state == 'N' || (o.state == 'B' && state != 'N'))
      state = o.state;
    params.insert(o.params.begin(), o.params.end());
  }
};

// Every value stored into each local variable of one function.
class LocalStores : public RecursiveASTVisitor<LocalStores> {
public:
  std::map<const VarDecl *, std::vector<const Expr *>> stores;

  bool VisitVarDecl(VarDecl *vd) {
    if (vd->hasInit() && vd->isLocalVarDecl())
      stores[vd].push_back(vd->getInit());
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *bo) {
    if (bo->isAssignmentOp())
      if (const auto *dr =
              dyn_cast<DeclRefExpr>(bo->getLHS()->IgnoreParenImpCasts()))
        if (const auto *vd = dyn_cast<VarDecl>(dr->getDecl()))
          if (vd->isLocalVarDecl())
            stores[vd].push_back(bo->getRHS());
    return true;
  }
};

class Collector : public RecursiveASTVisitor<Collector> {
public:
  Collector(ASTContext &ctx, SourceNames &names, TranslationUnit &tu)
      : ctx_(ctx), names_(names), tu_(tu) {}

  bool TraverseFunctionDecl(FunctionDecl *fd) {
    if (!SourceNames::analysedBody(fd, ctx_.getSourceManager()))
      return true;
    fn_ = fd;
    fnKey_ = names_.functionKey(fd);
    LocalStores ls;
    ls.TraverseDecl(fd);
    stores_ = std::move(ls.stores);
    RecursiveASTVisitor::TraverseFunctionDecl(fd);
    fn_ = nullptr;
    return true;
  }

  bool VisitBinaryOperator(BinaryOperator *bo) {
    if (bo->getOpcode() == BO_Assign && isInt(bo->getLHS()->getType())) {
      std::string to = slotKey(bo->getLHS());
      if (!to.empty())
        assign(to, bo->getRHS());
    }
    return true;
  }

  bool VisitVarDecl(VarDecl *vd) {
    if (fn_ && vd->hasInit() && !isa<ParmVarDecl>(vd) && isInt(vd->getType()))
      assign(varKey(vd), vd->getInit());
    return true;
  }

  bool VisitReturnStmt(ReturnStmt *rs) {
    if (fn_ && rs->getRetValue() && isInt(fn_->getReturnType()))
      assign("ret:" + fnKey_, rs->getRetValue());
    return true;
  }

  bool VisitCallExpr(CallExpr *call) {
    const FunctionDecl *fd = call->getDirectCallee();
    if (!fn_ || !fd || !fd->getIdentifier())
      return true;
    std::string name = fd->getName().str();
    unsigned n = call->getNumArgs();
    if (name == "fcntl" && n == 3 && mentions(call->getArg(1), "F_SETFL"))
      effect(slotKey(call->getArg(0)), false, flagState(call->getArg(2), 0));
    if (name == "ioctl" && n >= 3 && mentions(call->getArg(1), "FIONBIO"))
      effect(slotKey(call->getArg(0)), false, switchState(call->getArg(2)));
    unsigned array;
    int flags;
    if (pairCreator(name, array, flags) && array < n)
      createPair(slotKey(call->getArg(array)),
                 flags >= 0 && static_cast<unsigned>(flags) < n
                     ? flagState(call->getArg(flags), 0)
                     : FlagState());
    if ((name == "poll" && n == 3 && zero(call->getArg(2))) ||
        ((name == "epoll_wait" || name == "epoll_pwait") && n >= 4 &&
         zero(call->getArg(3))) ||
        ((name == "recv" || name == "send" || name == "recvfrom" ||
          name == "sendto" || name == "recvmsg" || name == "sendmsg") &&
         n >= 3 && mentions(call->getArg(n == 3 ? 2 : 3), "DONTWAIT")))
      tu_.nonBlockingCalls.push_back(names_.loc(call->getBeginLoc()));
    if (fdCalls().count(name) && n >= 1) {
      std::string k = slotKey(call->getArg(0));
      if (!k.empty())
        tu_.fdUses.push_back({names_.loc(call->getBeginLoc()), k});
    }
    if (projectFunction(fd))
      passed(call, names_.functionKey(fd));
    return true;
  }

private:
  bool projectFunction(const FunctionDecl *fd) {
    return !ctx_.getSourceManager().isInSystemHeader(fd->getLocation()) &&
           !fd->getBuiltinID();
  }

  bool zero(const Expr *e) {
    Expr::EvalResult r;
    return e->EvaluateAsInt(r, ctx_) && r.Val.getInt() == 0;
  }

  // The expression as written, and as spelled inside a macro's arguments
  // (`mutex_fcntl(fd, O_NONBLOCK)`).
  std::string text(const Expr *e) {
    const SourceManager &sm = ctx_.getSourceManager();
    CharSourceRange range = CharSourceRange::getTokenRange(
        sm.getExpansionRange(e->getSourceRange()).getAsRange());
    std::string out =
        Lexer::getSourceText(range, sm, ctx_.getLangOpts()).str();
    SourceLocation spell = sm.getSpellingLoc(e->getBeginLoc());
    CharSourceRange sr = CharSourceRange::getTokenRange(
        spell, sm.getSpellingLoc(e->getEndLoc()));
    return out + "\n" +
           Lexer::getSourceText(sr, sm, ctx_.getLangOpts()).str();
  }

  bool mentions(const Expr *e, llvm::StringRef word) {
    return text(e).find(word.str()) != std::string::npos;
  }

  // What a flags expression's text says of O_NONBLOCK (or SOCK_NONBLOCK,
  // EFD_NONBLOCK, ...): 'N' sets it, 'B' clears it (`fl & ~O_NONBLOCK`),
  // 0 names none.
  char nonblockText(const Expr *e) {
    std::string t = text(e);
    size_t at = t.find("NONBLOCK");
    if (at == std::string::npos)
      return 0;
    for (size_t tilde = t.find('~'); tilde != std::string::npos;
         tilde = t.find('~', tilde + 1)) {
      size_t i = tilde + 1;
      while (i < t.size() && (t[i] == ' ' || t[i] == '('))
        i++;
      size_t end = i;
      while (end < t.size() && (isalnum(static_cast<unsigned char>(t[end])) ||
                                t[end] == '_'))
        end++;
      if (t.substr(i, end - i).find("NONBLOCK") != std::string::npos)
        return 'B';
    }
    return 'N';
  }

  // A flags value: its text, else the locals and parameters it is
  // computed from (`pipe_flags = O_CLOEXEC | (rd & wr)`).
  FlagState flagState(const Expr *e, int depth) {
    FlagState s;
    if ((s.state = nonblockText(e)))
      return s;
    if (depth > 3)
      return s;
    forEachRef(e, [&](const VarDecl *vd) {
      if (const auto *pd = dyn_cast<ParmVarDecl>(vd)) {
        s.params.insert(pd->getFunctionScopeIndex());
        return;
      }
      auto it = stores_.find(vd);
      if (it != stores_.end())
        for (const Expr *v : it->second)
          s.merge(flagState(v, depth + 1));
    });
    return s;
  }

  // `ioctl(fd, FIONBIO, &on)`: on's value (a parameter: each caller's).
  FlagState switchState(const Expr *arg) {
    FlagState s;
    s.state = 'N';
    const auto *uo = dyn_cast<UnaryOperator>(arg->IgnoreParenImpCasts());
    const auto *dr = uo && uo->getOpcode() == UO_AddrOf
                         ? dyn_cast<DeclRefExpr>(uo->getSubExpr())
                         : nullptr;
    const auto *vd = dr ? dyn_cast<VarDecl>(dr->getDecl()) : nullptr;
    if (!vd)
      return s;
    if (const auto *pd = dyn_cast<ParmVarDecl>(vd)) {
      s.state = 'Q';
      s.params.insert(pd->getFunctionScopeIndex());
      return s;
    }
    auto it = stores_.find(vd);
    if (it == stores_.end() || it->second.size() != 1)
      return s;
    Expr::EvalResult r;
    if (it->second[0]->EvaluateAsInt(r, ctx_))
      s.state = r.Val.getInt() == 0 ? 'B' : 'N';
    return s;
  }

  template <typename F> void forEachRef(const Stmt *s, F &&f) {
    if (!s)
      return;
    if (const auto *dr = dyn_cast<DeclRefExpr>(s))
      if (const auto *vd = dyn_cast<VarDecl>(dr->getDecl()))
        f(vd);
    for (const Stmt *c : s->children())
      forEachRef(c, f);
  }

  // A creation (`create`) or change of the descriptor in `slot`.
  void effect(const std::string &slot, bool create, const FlagState &fs) {
    if (slot.empty())
      return;
    FdEffect e{fnKey_, slot, create, fs.state, {}};
    if (!fs.state && !fs.params.empty()) {
      e.state = 'P';
      e.params.assign(fs.params.begin(), fs.params.end());
    } else if (fs.state == 'Q') {
      e.params.assign(fs.params.begin(), fs.params.end());
    } else if (!fs.state) {
      if (!create)
        return; // F_SETFL of something we cannot read
      e.state = 'B';
    }
    tu_.fdEffects.push_back(std::move(e));
  }

  void createPair(const std::string &array, const FlagState &fs) {
    if (array.empty())
      return;
    effect(array + "[0]", true, fs);
    effect(array + "[1]", true, fs);
  }

  void copy(const std::string &from, const std::string &to) {
    if (!from.empty() && !to.empty() && from != to)
      tu_.fdCopies.push_back({fnKey_, from, to});
  }

  // `to = rhs`: a new descriptor, a copy of a slot, or a project
  // function's result.
  void assign(const std::string &to, const Expr *rhs) {
    rhs = rhs->IgnoreParenImpCasts();
    if (const auto *co = dyn_cast<ConditionalOperator>(rhs)) {
      assign(to, co->getTrueExpr());
      assign(to, co->getFalseExpr());
      return;
    }
    const auto *call = dyn_cast<CallExpr>(rhs);
    const FunctionDecl *fd = call ? call->getDirectCallee() : nullptr;
    if (!call) {
      copy(slotKey(rhs), to);
      return;
    }
    if (!fd || !fd->getIdentifier())
      return;
    std::string name = fd->getName().str();
    int flags = flagsArgOfCreator(name);
    if (flags >= -1) {
      FlagState fs;
      if (flags >= 0 && static_cast<unsigned>(flags) < call->getNumArgs())
        fs = flagState(call->getArg(flags), 0);
      effect(to, true, fs);
    } else if (name == "dup" && call->getNumArgs() == 1) {
      // The copy shares the original's file status flags.
      std::string from = slotKey(call->getArg(0));
      if (from.empty())
        effect(to, true, FlagState());
      copy(from, to);
    } else if (projectFunction(fd)) {
      copy("ret:" + names_.functionKey(fd), to);
    }
  }

  // The descriptor slots a call hands to a project function.
  void passed(const CallExpr *call, const std::string &callee) {
    std::string id = locId(names_.loc(call->getBeginLoc()));
    std::vector<FdArg> args;
    bool slots = false;
    for (unsigned i = 0; i < call->getNumArgs(); i++) {
      const Expr *arg = call->getArg(i);
      const Expr *bare = arg->IgnoreParenImpCasts();
      FdArg a{id, fnKey_, callee, i, '-', "", false, -1, -1};
      const auto *uo = dyn_cast<UnaryOperator>(bare);
      if (uo && uo->getOpcode() == UO_AddrOf &&
          isInt(uo->getSubExpr()->getType())) {
        a.kind = 'a';
        a.slot = slotKey(uo->getSubExpr());
      } else if (pointsToInt(bare->getType())) {
        a.kind = 'r';
        a.slot = slotKey(bare);
      } else if (isInt(arg->getType())) {
        a.kind = 'v';
        a.slot = slotKey(bare);
      }
      if (a.slot.empty())
        a.kind = '-';
      slots |= a.kind != '-';
      a.nonblock = nonblockText(arg) == 'N';
      Expr::EvalResult r;
      if (arg->EvaluateAsInt(r, ctx_))
        a.truth = r.Val.getInt() != 0;
      if (const auto *dr = dyn_cast<DeclRefExpr>(bare))
        if (const auto *pd = dyn_cast<ParmVarDecl>(dr->getDecl()))
          a.param = static_cast<int>(pd->getFunctionScopeIndex());
      args.push_back(std::move(a));
    }
    if (slots)
      tu_.fdArgs.insert(tu_.fdArgs.end(), args.begin(), args.end());
  }

  static std::string locId(const SourceLoc &l) {
    return l.file + ":" + std::to_string(l.line) + ":" + std::to_string(l.col);
  }

  std::string varKey(const VarDecl *vd) {
    return "var:" + names_.variableKey(vd, vd->isLocalVarDeclOrParm() ? fn_
                                                                      : nullptr);
  }

  // The slot an expression reads or writes (see FdFacts.h), or "".
  std::string slotKey(const Expr *e) {
    e = e->IgnoreParenImpCasts();
    if (const auto *me = dyn_cast<MemberExpr>(e)) {
      const auto *field = dyn_cast<FieldDecl>(me->getMemberDecl());
      if (!field)
        return "";
      QualType owner = ctx_.getRecordType(field->getParent());
      return "field:" + SourceNames::typeName(owner) + "." +
             field->getNameAsString();
    }
    if (const auto *as = dyn_cast<ArraySubscriptExpr>(e)) {
      std::string base = slotKey(as->getBase());
      Expr::EvalResult r;
      if (base.empty())
        return "";
      if (as->getIdx()->EvaluateAsInt(r, ctx_))
        return base + "[" + std::to_string(r.Val.getInt().getExtValue()) +
               "]";
      return base + "[?]";
    }
    if (const auto *uo = dyn_cast<UnaryOperator>(e)) {
      if (uo->getOpcode() != UO_Deref)
        return "";
      std::string base = slotKey(uo->getSubExpr());
      return base.empty() ? "" : base + "[0]";
    }
    if (const auto *dr = dyn_cast<DeclRefExpr>(e)) {
      if (const auto *pd = dyn_cast<ParmVarDecl>(dr->getDecl()))
        return pd->getDeclContext() == fn_
                   ? "param:" + fnKey_ + "#" +
                         std::to_string(pd->getFunctionScopeIndex())
                   : "";
      if (const auto *vd = dyn_cast<VarDecl>(dr->getDecl()))
        return varKey(vd);
    }
    return "";
  }

  ASTContext &ctx_;
  SourceNames &names_;
  TranslationUnit &tu_;
  const FunctionDecl *fn_ = nullptr;
  std::string fnKey_;
  std::map<const VarDecl *, std::vector<const Expr *>> stores_;
};

} // namespace

void collectFdFacts(ASTContext &ctx, SourceNames &names, TranslationUnit &tu) {
  Collector c(ctx, names, tu);
  c.TraverseDecl(ctx.getTranslationUnitDecl());
}

} // namespace facts
} // namespace coffman
