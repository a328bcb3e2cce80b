#include "concord/ensemble/progress.hpp"

#include <unistd.h>

#include <cmath>

#include <fmt/format.h>

namespace concord::ensemble {

ProgressBar::ProgressBar(std::string label, std::uint64_t total, std::FILE* stream,
                         ProgressOptions options)
    : label_(std::move(label)),
      total_(total),
      stream_(stream),
      options_(options),
      terminal_(stream != nullptr && isatty(fileno(stream)) != 0),
      start_(std::chrono::steady_clock::now()),
      last_(start_) {}

namespace {
std::string clock_text(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) return "--:--";
  const auto s = static_cast<long>(std::lround(seconds));
  if (s >= 3600) return fmt::format("{}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60);
  return fmt::format("{}:{:02}", s / 60, s % 60);
}
}  // namespace

std::string ProgressBar::format_line(const std::string& label, std::uint64_t done,
                                     std::uint64_t total, double seconds, int width, bool bar) {
  const double frac = total == 0 ? 1.0 : static_cast<double>(done) / static_cast<double>(total);
  const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0.0;
  const double left = rate > 0 ? static_cast<double>(total - done) / rate : NAN;
  std::string out = label.empty() ? "" : label + " ";
  if (bar) {
    const int filled = static_cast<int>(frac * width);
    out += fmt::format("[{}{}] ", std::string(static_cast<std::size_t>(filled), '#'),
                       std::string(static_cast<std::size_t>(width - filled), '.'));
  }
  out += fmt::format("{}/{} {:3.0f}%  {:.0f} runs/s  {} left", done, total, frac * 100.0, rate,
                     clock_text(left));
  return out;
}

void ProgressBar::update(std::uint64_t done) {
  done_ = done;
  if (options_.quiet || stream_ == nullptr) return;
  const auto now = std::chrono::steady_clock::now();
  const double since = std::chrono::duration<double>(now - last_).count();
  const double every = terminal_ ? options_.redraw_every : options_.plain_every;
  if (since < every && done < total_) return;
  if (done >= total_) return;  // the last line comes from finish()
  last_ = now;
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  const auto line = format_line(label_, done, total_, elapsed, options_.width, terminal_);
  if (terminal_) {
    fmt::print(stream_, "\r{}\x1b[K", line);
  } else {
    fmt::print(stream_, "{}\n", line);
  }
  std::fflush(stream_);
}

void ProgressBar::finish() {
  if (finished_ || options_.quiet || stream_ == nullptr) return;
  finished_ = true;
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const auto line = format_line(label_, done_, total_, elapsed, options_.width, terminal_);
  if (terminal_) {
    fmt::print(stream_, "\r{}\x1b[K\n", line);
  } else {
    fmt::print(stream_, "{}\n", line);
  }
  std::fflush(stream_);
}

}  // namespace concord::ensemble
