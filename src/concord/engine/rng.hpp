// Counter-based random streams (Random123 Philox4x64-10, Salmon et al. 2011, SC'11).
//
// A stream is keyed by (seed, run) and counted by (year, phase, entity, draw): the k-th draw of
// entity e in phase p of year t of run r is a pure function of those six integers, so a run's
// result never depends on the thread count, the MPI rank count or the order runs are scheduled.
// Entities are actor, dyad, flashpoint, institution or crisis indices (a phase documents which).
#pragma once

#include <Random123/philox.h>

#include <cmath>
#include <cstdint>
#include <numbers>

namespace concord::engine {

/// Phase identifiers used in stream counters (stable numbers: changing one changes results).
enum class Stream : std::uint64_t {
  economy = 1,
  military = 2,
  alignment = 5,
  incidents = 6,
  crisis = 7,
  war = 8,
  institutions = 9,
  trust = 10,
  war_duration = 11,  ///< a war going on: its termination, battle deaths and outcome, per war-year
};

/// One random stream for (seed, run, year, phase, entity). Cheap to construct (no state beyond
/// four counters); draws come four 64-bit words at a time.
class RandomStream {
 public:
  RandomStream(std::uint64_t seed, std::uint64_t run, std::uint64_t year, Stream phase,
               std::uint64_t entity) noexcept
      : key_{{seed, run}}, ctr_{{year, static_cast<std::uint64_t>(phase), entity, 0}} {}

  /// Uniform on the open interval (0, 1), 53 bits.
  double uniform() noexcept {
    if (used_ == 4) refill();
    const std::uint64_t w = block_.v[used_++];
    return (static_cast<double>(w >> 11) + 0.5) * 0x1.0p-53;
  }

  /// Standard normal by Box-Muller (one of the pair; the other is discarded to keep draws aligned).
  double normal() noexcept {
    const double u1 = uniform();
    const double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
  }

  /// Poisson(mean) by inversion of the CDF (exact; mean is small here, < 30 in practice; for
  /// larger means it is still exact but slower).
  int poisson(double mean) noexcept {
    if (!(mean > 0.0)) return 0;
    const double u = uniform();
    double p = std::exp(-mean);
    double cdf = p;
    int k = 0;
    while (u > cdf && k < 10000) {
      ++k;
      p *= mean / k;
      cdf += p;
      if (p == 0.0) break;
    }
    return k;
  }

  /// Bernoulli(prob).
  bool bernoulli(double prob) noexcept { return uniform() < prob; }

 private:
  void refill() noexcept {
    block_ = gen_(ctr_, key_);
    ctr_.v[3] += 1;
    used_ = 0;
  }

  r123::Philox4x64 gen_;
  r123::Philox4x64::key_type key_;
  r123::Philox4x64::ctr_type ctr_;
  r123::Philox4x64::ctr_type block_{};
  int used_ = 4;
};

}  // namespace concord::engine
