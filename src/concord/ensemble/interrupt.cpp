#include "concord/ensemble/interrupt.hpp"

#include <csignal>
#include <stdexcept>

namespace concord::ensemble {

namespace {
std::atomic<bool> g_stop{false};
std::atomic<bool> g_active{false};
struct sigaction g_old_int{};
struct sigaction g_old_term{};

extern "C" void on_signal(int sig) {
  if (g_stop.exchange(true)) {
    std::signal(sig, SIG_DFL);
    std::raise(sig);
  }
}
}  // namespace

InterruptGuard::InterruptGuard() {
  if (g_active.exchange(true)) throw std::logic_error("only one InterruptGuard at a time");
  g_stop = false;
  struct sigaction sa{};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, &g_old_int);
  sigaction(SIGTERM, &sa, &g_old_term);
}

InterruptGuard::~InterruptGuard() {
  sigaction(SIGINT, &g_old_int, nullptr);
  sigaction(SIGTERM, &g_old_term, nullptr);
  g_active = false;
}

const std::atomic<bool>& InterruptGuard::flag() const noexcept { return g_stop; }

}  // namespace concord::ensemble
