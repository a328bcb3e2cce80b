// Bounds on every size a user gives, checked before any work or allocation (docs/limits.md),
// and the up-front memory estimate of a plan.
//
// A bound is a promise that the program finishes in reasonable memory: a number outside it is
// refused with a located message that names the bound, not discovered as std::bad_alloc after
// minutes. The bounds are generous for research use (a million design points, ten million runs
// per order) and the memory estimate refuses what this machine cannot hold even within them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "concord/common/error.hpp"

namespace concord::limits {

inline constexpr std::uint64_t kMaxRunsPerOrder = 10'000'000;   ///< --runs (run, compare, backtest)
inline constexpr std::uint64_t kMaxPlanRuns = 100'000'000;      ///< runs in one ensemble plan
inline constexpr int kMaxYears = 1000;                          ///< --years, [meta] horizon
inline constexpr int kMaxThreads = 1024;                        ///< --threads
inline constexpr std::uint64_t kMaxDesignPoints = 1'000'000;    ///< points of a sweep or sensitivity design
inline constexpr std::uint64_t kMaxGridValues = 100'000;        ///< `points` of one grid parameter
inline constexpr std::size_t kMaxDesignParameters = 1000;       ///< [[parameter]] tables of a sweep
inline constexpr std::uint64_t kMaxBootstrap = 1'000'000;       ///< bootstrap replicates
inline constexpr int kMaxBdmRounds = 10'000;                    ///< bargain --rounds
inline constexpr std::size_t kMaxBargainActors = 10'000;        ///< actors of a bargaining CSV
inline constexpr std::size_t kMaxBdmActors = 2000;              ///< actors of the expected-utility model (O(n^3) a round)
inline constexpr std::size_t kMaxBargainIssues = 100;           ///< issues (dimensions) of a bargaining CSV
inline constexpr std::size_t kMaxScenarioActors = 5000;         ///< actors of a scenario (the COW system never had 250; synthetic ones)
inline constexpr int kMinYear = 1816;                           ///< first year of the COW state system
inline constexpr int kMaxYear = 3000;                           ///< last calendar year any input may name

/// Bytes of memory this process may use: MemAvailable of /proc/meminfo (Linux), else the
/// physical memory, else nullopt when neither is known.
[[nodiscard]] std::optional<std::uint64_t> available_memory();

/// "1.2 GB", "350 MB", "12 kB".
[[nodiscard]] std::string human_bytes(std::uint64_t bytes);

/// a * b, or nullopt when it overflows 64 bits.
[[nodiscard]] std::optional<std::uint64_t> checked_mul(std::uint64_t a, std::uint64_t b);

/// What a plan will hold in memory, part by part, in bytes.
struct MemoryEstimate {
  std::vector<std::pair<std::string, std::uint64_t>> parts;
  MemoryEstimate& add(std::string what, std::uint64_t bytes);
  [[nodiscard]] std::uint64_t total() const;
  [[nodiscard]] std::string str() const;  ///< "1.2 GB (plan keys 1.1 GB, runs in flight 80 MB)"
};

/// Throws InputError at `where` when the estimate exceeds the memory available (or
/// `available` when given, for tests), naming the estimate's parts and what to reduce.
void check_memory(const MemoryEstimate& estimate, const Location& where, std::string_view reduce,
                  std::optional<std::uint64_t> available = std::nullopt);

/// Throws InputError at `where` unless lo <= value <= hi: "expected <what> from lo to hi, got v".
void check_range(std::uint64_t value, std::uint64_t lo, std::uint64_t hi, const Location& where, std::string_view what);

}  // namespace concord::limits
