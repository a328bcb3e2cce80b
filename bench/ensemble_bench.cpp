// Runs per second of the ensemble runner on the constant-hazard reference model
// (ensemble/reference_model.hpp: 45 dyads x 35 years, Philox streams), with 1 and 2 threads:
//   BM_Runner/threads:K/store:0  statistics only (simulation + in-order delivery)
//   BM_Runner/threads:K/store:1  every run also written to a SQLite store (one transaction a
//                                run; yearly rows, summaries, events)
// The runs/s counter is the figure to read. See bench/README.md.
#include <benchmark/benchmark.h>

#include <filesystem>

#include "concord/ensemble/reference_model.hpp"
#include "concord/ensemble/runner.hpp"
#include "concord/ensemble/stats.hpp"
#include "concord/store/store.hpp"

namespace {

using namespace concord;
using namespace concord::ensemble;

void BM_Runner(benchmark::State& state) {
  const int threads = static_cast<int>(state.range(0));
  const bool with_store = state.range(1) != 0;
  const std::uint64_t runs = with_store ? 2000 : 20000;
  const auto plan = crossed_plan("bench", {"multiplex"}, {"{}"}, 1, runs);
  const Simulate sim = [](const RunKey& k, RunRecord& out) { simulate_hazard_model(k, {}, out); };
  const auto path = std::filesystem::temp_directory_path() / "concord_ensemble_bench.sqlite";
  for (auto _ : state) {
    state.PauseTiming();
    for (const auto* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
    std::unique_ptr<store::ResultsStore> db;
    std::int64_t id = 0;
    if (with_store) {
      db = std::make_unique<store::ResultsStore>(path);
      id = db->create_ensemble(describe(plan, "bench", 35, "{}"));
    }
    state.ResumeTiming();
    Proportion war;
    RunnerOptions opt;
    opt.threads = threads;
    run_plan(plan, sim, db.get(), id, [&](const RunRecord& r) { war.add(r.summary[0] > 0.5); },
             opt);
    benchmark::DoNotOptimize(war.successes());
  }
  state.counters["runs/s"] = benchmark::Counter(static_cast<double>(runs) * state.iterations(),
                                                benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Runner)
    ->ArgsProduct({{1, 2}, {0, 1}})
    ->ArgNames({"threads", "store"})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(3);

}  // namespace

BENCHMARK_MAIN();
