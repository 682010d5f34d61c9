// Facts about how locks are initialised and whether the program uses thread
// cancellation, for the checks of waits, relocks and termination.  Kept
// apart from FactsBuilder: it is one AST pass over the whole TU that fills
// TranslationUnit::relockableLocks and TranslationUnit::callsCancel.
#ifndef COFFMAN_FACTS_LOCKINITFACTS_H
#define COFFMAN_FACTS_LOCKINITFACTS_H

#include "facts/Facts.h"
#include "facts/SourceNames.h"

#include "clang/AST/ASTContext.h"

namespace coffman {
namespace facts {

void collectLockInitFacts(clang::ASTContext &ctx, SourceNames &names,
                          TranslationUnit &tu);

} // namespace facts
} // namespace coffman

#endif
