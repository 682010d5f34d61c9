// Which I/O calls cannot block, for blocking-while-locked: a read or write
// on a file descriptor the program made non-blocking, a `recv`/`send` with
// MSG_DONTWAIT, and a `poll`/`epoll_wait` with a zero timeout.
//
// Descriptors are known by the slot that keeps them (a string):
//   var:KEY            a variable (SourceNames::variableKey)
//   field:T.f          a field of structure type T, whatever the object
//   param:F#i          parameter i of function F (by value)
//   ret:F              what function F returns
//   SLOT[k], SLOT[?]   element k (a constant) or some element of an array,
//                      or what a pointer slot points to (`*p` is p[0])
// Facts are flow-insensitive: creations (socket, pipe2, eventfd, accept4,
// open, ... with or without their NONBLOCK flag), changes (fcntl F_SETFL,
// ioctl FIONBIO), copies between slots and the slots passed to project
// functions.  A flags argument computed from a parameter (`anetPipe(fds,
// O_NONBLOCK, O_NONBLOCK)`) is decided at each call site.  The program
// stage (checks/NonBlockingFds.h) decides which slots only ever hold
// non-blocking descriptors.  Fills TranslationUnit::fdUses, fdEffects,
// fdCopies, fdArgs, nonBlockingCalls.
#ifndef COFFMAN_FACTS_FDFACTS_H
#define COFFMAN_FACTS_FDFACTS_H

#include "facts/Facts.h"
#include "facts/SourceNames.h"

#include "clang/AST/ASTContext.h"

namespace coffman {
namespace facts {

void collectFdFacts(clang::ASTContext &ctx, SourceNames &names,
                    TranslationUnit &tu);

} // namespace facts
} // namespace coffman

#endif
