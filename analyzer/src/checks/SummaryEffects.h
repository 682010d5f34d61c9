// Runs the lockset engine (program/Lockset.h) over one function with the
// effects of its callees taken from their summaries, for checks that ask
// "which locks are held here?" at each event.
#ifndef COFFMAN_CHECKS_SUMMARYEFFECTS_H
#define COFFMAN_CHECKS_SUMMARYEFFECTS_H

#include "program/Program.h"

namespace coffman {
namespace checks {

// Applies a callee's summary at a call: locks it releases, locks it leaves
// held (wrappers), threads it leaves running or joins.
class SummaryEffects : public program::CallEffects {
public:
  explicit SummaryEffects(const program::Program &p) : program_(p) {}
  void apply(const facts::Function &fn, const facts::Event &call, bool inLoop,
             program::PathState &state) override;

private:
  const program::Program &program_;
};

void runLockset(const program::Program &p, const facts::Function &fn,
                const program::EventHook &onEvent,
                const program::ExitHook &onExit = nullptr);

} // namespace checks
} // namespace coffman

#endif
