// Which descriptor slots only ever hold non-blocking descriptors, from the
// flow facts of every translation unit (facts/FdFacts.h).
//
// The rule: a slot is non-blocking when some code makes the descriptor in
// it non-blocking (created with its NONBLOCK flag, or fcntl/ioctl on it or
// on a slot it is copied from) and no blocking descriptor can reach it.  A
// blocking descriptor is one created without the flag, or one whose
// O_NONBLOCK is cleared, that the function creating it does not make
// non-blocking itself (`fd = accept(..); set_nonblock(fd);`, or on a copy
// of it there); one that function returns is judged again in each caller
// that keeps the result.  Effects of a helper on its parameter, or on what
// a pointer parameter points to, and what it stores there, apply at each
// call site to that caller's argument (`set_nonblock(&s->fd)`,
// `anetPipe(server.pipe, O_NONBLOCK, O_NONBLOCK)`), never to another
// caller's.  Copies (`a = b`, passing by value, returning) carry both kinds
// of descriptor.  Not followed: descriptors stored through pointers the
// facts cannot name, and order within a function.
#ifndef COFFMAN_CHECKS_NONBLOCKINGFDS_H
#define COFFMAN_CHECKS_NONBLOCKINGFDS_H

#include "program/Program.h"

#include <set>
#include <string>

namespace coffman {
namespace checks {

class NonBlockingFds {
public:
  explicit NonBlockingFds(const program::Program &p);
  // A read or write on this slot cannot block.
  bool nonBlocking(const std::string &slot) const;

private:
  std::set<std::string> nonBlocking_, blocking_; // slots reached
};

} // namespace checks
} // namespace coffman

#endif
