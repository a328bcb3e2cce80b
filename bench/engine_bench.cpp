// Engine throughput: state-years and dyad-years per second on one core, for the shipped
// scenarios (asia-pacific-2015, world-2022; the test fixture mini-asia when they are absent),
// and the wall time of the main job (every order x 1000 runs x 35 years on all cores).
// See bench/README.md.
#include <benchmark/benchmark.h>
#include <tbb/enumerable_thread_specific.h>

#include <filesystem>
#include <map>
#include <thread>

#include "concord/common/data_dir.hpp"
#include "concord/engine/build.hpp"
#include "concord/engine/simulate.hpp"
#include "concord/ensemble/runner.hpp"
#include "concord/ensemble/summary.hpp"
#include "concord/order/order_loader.hpp"
#include "concord/scenario/load.hpp"

namespace {

using namespace concord;

std::filesystem::path scenario_path(const std::string& name) {
  auto p = project_dir() / "scenarios" / (name + ".toml");
  if (std::filesystem::exists(p)) return p;
  return project_dir() / "tests" / "engine" / "data" / "mini-asia.toml";
}

void BM_EngineRun(benchmark::State& state, const std::string& scenario_name, const std::string& order_name) {
  const auto path = scenario_path(scenario_name);
  const Scenario s = load_scenario(path);
  const engine::Model m = engine::build_model(s, load_preset(order_name), {}, engine::load_project_hazards());
  engine::Workspace ws;
  RunRecord rec;
  const int years = 35;
  std::uint64_t r = 0;
  for (auto _ : state) {
    rec.key.replicate = r++;
    engine::simulate_run_into(m, years, engine::EventOptions{}, ws, rec);
    benchmark::DoNotOptimize(rec.summary.data());
  }
  const double n = static_cast<double>(m.n);
  state.counters["state_years/s"] =
      benchmark::Counter(n * years, benchmark::Counter::kIsIterationInvariantRate);
  state.counters["dyad_years/s"] =
      benchmark::Counter(n * (n - 1) / 2 * years, benchmark::Counter::kIsIterationInvariantRate);
  state.SetLabel(path.filename().string() + " n=" + std::to_string(m.n));
}

BENCHMARK_CAPTURE(BM_EngineRun, asia_pacific_multiplex, std::string("asia-pacific-2015"), std::string("multiplex"))
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_EngineRun, asia_pacific_balance, std::string("asia-pacific-2015"),
                  std::string("balance-of-power"))
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_EngineRun, world_multiplex, std::string("world-2022"), std::string("multiplex"))
    ->Unit(benchmark::kMillisecond);

// The main job without the table: every preset x 1000 runs x 35 years, all cores, statistics
// streamed as in `concord compare` (no SQLite file).
void BM_MainJob(benchmark::State& state, const std::string& scenario_name, bool all_orders) {
  const Scenario s = load_scenario(scenario_path(scenario_name));
  const auto hazards = engine::load_project_hazards();
  std::map<std::string, engine::Model> models;
  std::vector<std::string> names = all_orders ? preset_names() : std::vector<std::string>{"multiplex"};
  for (const auto& n : names) models.emplace(n, engine::build_model(s, load_preset(n), {}, hazards));
  const auto plan = ensemble::crossed_plan(models.begin()->second.scenario_hash, names, {"{}"}, 1, 1000);
  ensemble::RunnerOptions ro;
  ro.threads = static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
  for (auto _ : state) {
    tbb::enumerable_thread_specific<engine::Workspace> workspaces;
    ensemble::SummarySpec spec;
    spec.proportions = {"gp_war"};
    spec.survival_event_kind = "great_power_war";
    ensemble::GroupedStatistics stats(spec);
    ensemble::run_plan(
        plan,
        [&](const RunKey& key, RunRecord& out) {
          engine::simulate_run_into(models.at(key.order), 35, engine::EventOptions{}, workspaces.local(), out);
        },
        nullptr, 0, [&](const RunRecord& r) { stats.add(r); }, ro);
    benchmark::DoNotOptimize(stats.groups().size());
  }
  state.counters["runs"] = static_cast<double>(plan.runs.size());
  state.counters["threads"] = ro.threads;
}

BENCHMARK_CAPTURE(BM_MainJob, asia_pacific_all_orders, std::string("asia-pacific-2015"), true)
    ->Unit(benchmark::kSecond)
    ->Iterations(1)
    ->UseRealTime();
BENCHMARK_CAPTURE(BM_MainJob, world_multiplex, std::string("world-2022"), false)
    ->Unit(benchmark::kSecond)
    ->Iterations(1)
    ->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
