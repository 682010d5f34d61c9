// Blocks that run only in the child of a fork(): after `if (fork() == 0)`,
// `pid = fork(); if (pid == 0)`, `if (!pid)`, the else of `if (pid != 0)`
// or `if (pid)`, and `case 0:` of `switch (pid)`.  The child is a new
// process with one thread: a lock it "holds" was copied with the memory,
// and nobody waits for it there (blocking-while-locked stays silent).  A
// block counts when every path to it passes through the child's branch, so
// code after the branches join again still counts as the parent's.
#ifndef COFFMAN_FACTS_FORKFACTS_H
#define COFFMAN_FACTS_FORKFACTS_H

#include "facts/Facts.h"

#include "clang/AST/Decl.h"
#include "clang/Analysis/CFG.h"

namespace coffman {
namespace facts {

// Sets Block::forkChild in `f`, whose blocks are numbered as in `cfg`.
void markForkChildren(const clang::CFG &cfg, const clang::FunctionDecl *fd,
                      Function &f);

} // namespace facts
} // namespace coffman

#endif
