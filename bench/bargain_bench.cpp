// Benchmarks of the collective-decision kernels (see bench/README.md, "bargain").
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

#include "concord/bargain/bdm.hpp"
#include "concord/bargain/decision.hpp"
#include "concord/bargain/voting_power.hpp"

namespace {

using namespace concord::bargain;

struct Actors {
  std::vector<double> c, x, s;
};

// n actors on k issues: capability U(0, 1), positions U(0, 100), salience U(0, 1); fixed seed.
Actors random_actors(std::size_t n, std::size_t k, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  Actors a;
  a.c.resize(n);
  a.x.resize(n * k);
  a.s.resize(n * k);
  for (auto& v : a.c) v = unit(rng);
  for (auto& v : a.x) v = 100.0 * unit(rng);
  for (auto& v : a.s) v = unit(rng);
  return a;
}

void run_bdm_bench(benchmark::State& state, BdmVariant variant) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto k = static_cast<std::size_t>(state.range(1));
  const auto a = random_actors(n, k, 20260501);
  BdmOptions opt;
  opt.variant = variant;
  opt.max_rounds = static_cast<int>(state.range(2));
  opt.settle_tolerance = -1.0;  // run every round
  for (auto _ : state) {
    auto traces = run_bdm(ActorsView{a.c, a.x, a.s}, opt);
    benchmark::DoNotOptimize(traces.data());
  }
  state.counters["rounds"] = static_cast<double>(opt.max_rounds);
}

void BM_BdmPaper(benchmark::State& state) { run_bdm_bench(state, BdmVariant::scholz_paper); }
void BM_BdmFigure(benchmark::State& state) { run_bdm_bench(state, BdmVariant::scholz_figure); }
BENCHMARK(BM_BdmPaper)->Args({50, 3, 100})->Args({10, 1, 10})->Unit(benchmark::kMillisecond);
BENCHMARK(BM_BdmFigure)->Args({50, 3, 100})->Args({10, 1, 10})->Unit(benchmark::kMillisecond);

// Voting power of n members with integer weights U{1..100}, quota two thirds of the total.
void BM_VotingPowerGenerating(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<int> w(1, 100);
  std::vector<double> weights(n);
  double total = 0.0;
  for (auto& v : weights) {
    v = w(rng);
    total += v;
  }
  const double quota = std::ceil(2.0 * total / 3.0);
  for (auto _ : state) {
    auto p = voting_power(weights, quota);
    benchmark::DoNotOptimize(p.shapley_shubik.data());
  }
  state.counters["quota"] = quota;
}
BENCHMARK(BM_VotingPowerGenerating)->Arg(27)->Arg(100)->Unit(benchmark::kMillisecond);

void BM_VotingPowerEnumeration(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  std::vector<double> weights(n);
  for (std::size_t i = 0; i < n; ++i) weights[i] = 1.0 + 0.37 * static_cast<double>(i % 7);
  double total = 0.0;
  for (double v : weights) total += v;
  VotingPowerOptions opt;
  opt.method = VotingPowerMethod::enumeration;
  for (auto _ : state) {
    auto p = voting_power(weights, 0.62 * total, opt);
    benchmark::DoNotOptimize(p.shapley_shubik.data());
  }
}
BENCHMARK(BM_VotingPowerEnumeration)->Arg(16)->Arg(20)->Unit(benchmark::kMillisecond);

// One decision by consensus with minority veto among 200 members (the engine's yearly call).
void BM_DecideMinorityVeto(benchmark::State& state) {
  const auto a = random_actors(200, 1, 3);
  std::vector<std::uint8_t> blocked(200);
  const MembersView m{a.x, a.s, {}, {}};
  DecisionOptions opt;
  for (auto _ : state) {
    auto d = decide(opt, 0.0, 60.0, m, blocked);
    benchmark::DoNotOptimize(d);
  }
}
BENCHMARK(BM_DecideMinorityVeto);

}  // namespace

BENCHMARK_MAIN();
