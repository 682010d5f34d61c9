// Per-function facts about thread handles for the thread-leak and
// no-termination checks: which local handles escape the function (so that
// someone else may join them) and whether it calls pthread_testcancel.
// Fills Function::escapedHandles and Function::callsTestCancel of the
// functions FactsBuilder already recorded.
#ifndef COFFMAN_FACTS_THREADHANDLEFACTS_H
#define COFFMAN_FACTS_THREADHANDLEFACTS_H

#include "facts/Facts.h"
#include "facts/SourceNames.h"

#include "clang/AST/ASTContext.h"

namespace coffman {
namespace facts {

void collectThreadHandleFacts(clang::ASTContext &ctx, SourceNames &names,
                              TranslationUnit &tu);

} // namespace facts
} // namespace coffman

#endif
