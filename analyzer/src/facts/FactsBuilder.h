// Computes the facts (Facts.h) of one parsed translation unit: every
// function defined outside system headers becomes a skeleton of its CFG.
#ifndef COFFMAN_FACTS_FACTSBUILDER_H
#define COFFMAN_FACTS_FACTSBUILDER_H

#include "facts/Facts.h"

#include "clang/AST/ASTContext.h"

namespace coffman {
namespace facts {

TranslationUnit buildFacts(clang::ASTContext &ctx);

} // namespace facts
} // namespace coffman

#endif
