// Clean stop on SIGINT (Ctrl-C) and SIGTERM: while an InterruptGuard lives, the first signal
// sets a flag that the ensemble runner polls (RunnerOptions::stop); runs in flight finish and
// are committed, then the command reports how to resume. A second signal restores the default
// action and re-raises it, so a user can always kill a stuck process.
//
// The flag is process-wide by necessity: a signal handler can reach nothing else. Only one
// guard may be alive at a time (std::logic_error otherwise).
#pragma once

#include <atomic>

namespace concord::ensemble {

class InterruptGuard {
 public:
  InterruptGuard();
  ~InterruptGuard();
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

  /// The flag to pass as RunnerOptions::stop.
  [[nodiscard]] const std::atomic<bool>& flag() const noexcept;
  /// True once a signal arrived.
  [[nodiscard]] bool interrupted() const noexcept { return flag().load(); }
};

}  // namespace concord::ensemble
