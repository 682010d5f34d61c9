// Locks some code takes only to pass through: `lock(&hang); unlock(&hang);`
// as two consecutive statements, nothing between them.  Such a lock is a
// gate that stops threads while a controller holds it (blocking-while-
// locked does not count holding it).  Fills
// TranslationUnit::passThroughLocks.
#ifndef COFFMAN_FACTS_GATEFACTS_H
#define COFFMAN_FACTS_GATEFACTS_H

#include "facts/Facts.h"
#include "facts/SourceNames.h"

#include "clang/AST/ASTContext.h"

namespace coffman {
namespace facts {

void collectGateFacts(clang::ASTContext &ctx, SourceNames &names,
                      TranslationUnit &tu);

} // namespace facts
} // namespace coffman

#endif
