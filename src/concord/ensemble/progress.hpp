// Progress of an ensemble on stderr: on a terminal, a bar redrawn in place with runs done,
// runs per second and the time left; otherwise (a pipe, a log file, a Slurm job) a plain line
// every `plain_every` seconds and one at the end; nothing with quiet.
//
//   [#########...........]  4500/13000  35%  812 runs/s  0:10 left
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

namespace concord::ensemble {

struct ProgressOptions {
  bool quiet = false;        ///< print nothing
  int width = 30;            ///< bar width in characters
  double plain_every = 10;   ///< seconds between plain lines when not on a terminal
  double redraw_every = 0.1; ///< seconds between redraws on a terminal
};

class ProgressBar {
 public:
  /// `label` prefixes every line ("compare", "sweep"). Terminal detection: isatty(stream).
  ProgressBar(std::string label, std::uint64_t total, std::FILE* stream = stderr,
              ProgressOptions options = {});
  /// Records that `done` runs of `total` are finished (call from one thread).
  void update(std::uint64_t done);
  /// Prints the final state (and a newline on a terminal).
  void finish();

  /// The text of one progress line (without carriage return or newline), for tests.
  [[nodiscard]] static std::string format_line(const std::string& label, std::uint64_t done,
                                               std::uint64_t total, double seconds, int width,
                                               bool bar);

 private:
  std::string label_;
  std::uint64_t total_;
  std::FILE* stream_;
  ProgressOptions options_;
  bool terminal_;
  std::uint64_t done_ = 0;
  bool finished_ = false;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_;
};

}  // namespace concord::ensemble
