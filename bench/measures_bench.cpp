// Cost of the measures the engine calls every simulated year (N states of a region or of the
// whole system), and of the power-law fit run by `validate`. See bench/README.md.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <random>
#include <vector>

#include "concord/measures/balance.hpp"
#include "concord/measures/concentration.hpp"
#include "concord/measures/distance.hpp"
#include "concord/measures/similarity.hpp"
#include "concord/measures/transition.hpp"
#include "concord/validate/powerlaw.hpp"

namespace {

double uniform01(std::mt19937_64& gen) { return static_cast<double>(gen() >> 11) * 0x1.0p-53; }

std::vector<double> alliance_levels(std::size_t n, std::uint64_t seed) {
  std::mt19937_64 gen(seed);
  std::vector<double> x(n);
  for (double& v : x) v = static_cast<double>(gen() % 4);
  return x;
}

std::vector<double> capabilities(std::size_t n, std::uint64_t seed) {
  std::mt19937_64 gen(seed);
  std::vector<double> x(n);
  for (double& v : x) v = uniform01(gen);
  return x;
}

void BM_SScore(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto a = alliance_levels(n, 1);
  const auto b = alliance_levels(n, 2);
  const auto w = capabilities(n, 3);
  for (auto _ : state) benchmark::DoNotOptimize(concord::measures::s_score(a, b, w, {}));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_SScore)->Arg(20)->Arg(200);

void BM_KendallTauB(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto a = alliance_levels(n, 1);
  const auto b = alliance_levels(n, 2);
  for (auto _ : state) benchmark::DoNotOptimize(concord::measures::kendall_tau_b(a, b));
}
BENCHMARK(BM_KendallTauB)->Arg(20)->Arg(200);

void BM_Concentration(benchmark::State& state) {
  const auto c = capabilities(static_cast<std::size_t>(state.range(0)), 4);
  for (auto _ : state) benchmark::DoNotOptimize(concord::measures::concentration(c));
}
BENCHMARK(BM_Concentration)->Arg(20)->Arg(200);

void BM_PowerBalance(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto c = capabilities(n, 5);
  std::vector<int> coalition(n);
  for (std::size_t i = 0; i < n; ++i) coalition[i] = static_cast<int>(i % 4) - 1;  // 3 blocs + unaligned
  std::vector<double> shares(3);
  for (auto _ : state)
    benchmark::DoNotOptimize(concord::measures::assess_power_balance(c, coalition, shares, {}));
}
BENCHMARK(BM_PowerBalance)->Arg(20)->Arg(200);

void BM_OvertakingsInStep(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto before = capabilities(n, 6);
  const auto after = capabilities(n, 7);
  std::vector<int> ids(n);
  for (std::size_t i = 0; i < n; ++i) ids[i] = static_cast<int>(i);
  std::vector<concord::measures::OvertakingEvent> out(n * n);
  for (auto _ : state)
    benchmark::DoNotOptimize(concord::measures::overtakings_in_step(2030, before, after, ids, out));
}
BENCHMARK(BM_OvertakingsInStep)->Arg(8)->Arg(200);

void BM_GreatCircle(benchmark::State& state) {
  double lat = 39.9;
  for (auto _ : state) {
    benchmark::DoNotOptimize(concord::measures::great_circle_km(lat, 116.4, 38.9, -77.0));
    lat += 1e-9;
  }
}
BENCHMARK(BM_GreatCircle);

void BM_FitPowerLaw(benchmark::State& state) {
  std::mt19937_64 gen(2009);
  std::vector<double> x(static_cast<std::size_t>(state.range(0)));
  for (double& v : x)
    v = concord::validate::power_law_quantile(uniform01(gen), 2.0, 1000.0,
                                              concord::validate::PowerLawKind::continuous);
  for (auto _ : state) benchmark::DoNotOptimize(concord::validate::fit_power_law(x));
}
BENCHMARK(BM_FitPowerLaw)->Arg(100)->Arg(2000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
