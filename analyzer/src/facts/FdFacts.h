// Which I/O calls cannot block, for blocking-while-locked: a read or write
// on a file descriptor the program made non-blocking (`eventfd(0,
// EFD_NONBLOCK)`, `socket(.., SOCK_NONBLOCK, ..)`, `accept4(.., 
// SOCK_NONBLOCK)`, `fcntl(fd, F_SETFL, .. O_NONBLOCK)`), a `recv`/`send`
// with MSG_DONTWAIT, and a `poll`/`epoll_wait` with a zero timeout.
//
// Descriptors are known by where they are kept (fdKey): a variable, or a
// field of a structure type ("field:LIBEVENT_THREAD.notify_event_fd"), so a
// descriptor created into `threads[i].notify_event_fd` in one function and
// written through `t->notify_event_fd` in another is the same one.  Fills
// TranslationUnit::fdUses, nonBlockingFds, blockingFds, nonBlockingCalls.
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
