// Facts about pointer slots and object initialisation for the nil-object
// rules of never-signaled-wait (a wait through a pointer nothing ever sets,
// the C analog of Go's `var c chan int; <-c`, and a sem_wait on a
// semaphore nothing sem_inits).  Fills TranslationUnit::pointerWrites,
// pointerDecls and initialisedSems, and Function::nullTested of the
// functions FactsBuilder already recorded.
#ifndef COFFMAN_FACTS_POINTERFACTS_H
#define COFFMAN_FACTS_POINTERFACTS_H

#include "facts/Facts.h"
#include "facts/SourceNames.h"

#include "clang/AST/ASTContext.h"

namespace coffman {
namespace facts {

void collectPointerFacts(clang::ASTContext &ctx, SourceNames &names,
                         TranslationUnit &tu);

// The key pointerWrites uses for "some object's field `f` was written
// through a pointer" (aliases we cannot follow).
std::string fieldWriteKey(const std::string &field);

} // namespace facts
} // namespace coffman

#endif
