#include "facts/SourceNames.h"

#include "clang/AST/Type.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

namespace coffman {
namespace facts {

std::string SourceNames::file(clang::FileID id) {
  auto it = files_.find(id);
  if (it != files_.end())
    return it->second;
  std::string name;
  if (auto fe = sm_.getFileEntryRefForID(id)) {
    llvm::SmallString<256> p(fe->getName());
    // Relative names are relative to the compile command's directory,
    // which the tool's virtual file system uses as working directory.
    sm_.getFileManager().makeAbsolutePath(p);
    llvm::sys::path::remove_dots(p, /*remove_dot_dot=*/true);
    name = std::string(p.str());
  }
  files_[id] = name;
  return name;
}

SourceLoc SourceNames::loc(clang::SourceLocation l) {
  SourceLoc out;
  if (l.isInvalid())
    return out;
  clang::SourceLocation f = sm_.getFileLoc(l);
  std::pair<clang::FileID, unsigned> d = sm_.getDecomposedLoc(f);
  out.file = file(d.first);
  out.line = sm_.getLineNumber(d.first, d.second);
  out.col = sm_.getColumnNumber(d.first, d.second);
  return out;
}

std::string SourceNames::functionKey(const clang::FunctionDecl *fd) {
  std::string name = fd->getNameAsString();
  if (fd->getFormalLinkage() != clang::Linkage::Internal)
    return name;
  const clang::FunctionDecl *def = fd->getDefinition();
  clang::SourceLocation l = (def ? def : fd)->getLocation();
  return file(sm_.getFileID(sm_.getFileLoc(l))) + ":" + name;
}

std::string SourceNames::variableKey(const clang::VarDecl *vd,
                                     const clang::FunctionDecl *owner) {
  std::string name = vd->getNameAsString();
  if (vd->isLocalVarDeclOrParm())
    return (owner ? functionKey(owner) : std::string("?")) + "::" + name;
  if (vd->getFormalLinkage() != clang::Linkage::Internal)
    return name;
  return file(sm_.getFileID(sm_.getFileLoc(vd->getLocation()))) + ":" + name;
}

std::string SourceNames::typeName(clang::QualType t) {
  if (t.isNull())
    return "";
  t = t.getCanonicalType().getUnqualifiedType();
  if (const auto *rt = t->getAs<clang::RecordType>()) {
    const clang::RecordDecl *rd = rt->getDecl();
    std::string tag = rd->isUnion() ? "union " : "struct ";
    if (!rd->getName().empty())
      return tag + rd->getNameAsString();
    if (const clang::TypedefNameDecl *td = rd->getTypedefNameForAnonDecl())
      return td->getNameAsString();
    return "";
  }
  if (t->isVoidType())
    return "";
  return t.getAsString();
}

} // namespace facts
} // namespace coffman
