#include "checks/Registry.h"

namespace coffman {
namespace checks {

const std::vector<CheckInfo> &allChecks() {
  static const std::vector<CheckInfo> checks = {
      {"coffman-lock-order-inversion", {COFFMAN_LOCK_ORDER_INVERSION},
       runLockOrderInversion},
      // Issue 6: waits, blocking under locks, relocks, leaks, termination.
      {"coffman-never-signaled-wait", {COFFMAN_NEVER_SIGNALED_WAIT},
       runNeverSignaledWait},
      {"coffman-unguarded-wait", {COFFMAN_UNGUARDED_WAIT}, runUnguardedWait},
      {"coffman-blocking-while-locked", {COFFMAN_BLOCKING_WHILE_LOCKED},
       runBlockingWhileLocked},
      {"coffman-self-deadlock", {COFFMAN_SELF_DEADLOCK}, runSelfDeadlock},
      {"coffman-lock-leak", {COFFMAN_LOCK_LEAK}, runLockLeak},
      {"coffman-thread-leak", {COFFMAN_THREAD_LEAK}, runThreadLeak},
      {"coffman-no-termination", {COFFMAN_NO_TERMINATION}, runNoTermination},
  };
  return checks;
}

} // namespace checks
} // namespace coffman
