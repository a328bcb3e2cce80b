// Loading cost of the data layer: the full COW NMC v7 (17,121 state-years) plus the ATOP 5.1
// directed dyad-year file (273,296 rows), parsed, checked, converted and indexed.
// Reports wall time per load and the process's peak resident memory (getrusage ru_maxrss).
// Goal (issue 2): under 0.5 s and 150 MB together.
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <filesystem>

#include "concord/common/data_dir.hpp"
#include "concord/data/alliances.hpp"
#include "concord/data/nmc.hpp"
#include "concord/data/paths.hpp"

namespace {

double peak_rss_mb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

void BM_LoadNmcV7AndAtop51(benchmark::State& state) {
  const std::filesystem::path dir = concord::resolve_data_dir();
  if (!std::filesystem::exists(dir / concord::data::paths::kAtop51DyadYear)) {
    state.SkipWithError("data directory not found: set CONCORD_DATA_DIR");
    return;
  }
  std::size_t rows = 0;
  for (auto _ : state) {
    concord::data::NmcTable nmc =
        concord::data::read_nmc(dir / concord::data::paths::kNmcV7, concord::data::NmcVersion::v7);
    concord::data::AtopDyadYears atop =
        concord::data::read_atop_dyad_years(dir / concord::data::paths::kAtop51DyadYear);
    rows = nmc.size() + atop.size();
    benchmark::DoNotOptimize(nmc.cinc.data());
    benchmark::DoNotOptimize(atop.level.data());
  }
  state.counters["rows"] = static_cast<double>(rows);
  state.counters["peak_rss_MB"] = peak_rss_mb();
}
BENCHMARK(BM_LoadNmcV7AndAtop51)->Unit(benchmark::kMillisecond)->Iterations(5)->MeasureProcessCPUTime();

void BM_RecomputeCincNmcV7(benchmark::State& state) {
  const std::filesystem::path dir = concord::resolve_data_dir();
  if (!std::filesystem::exists(dir / concord::data::paths::kNmcV7)) {
    state.SkipWithError("data directory not found: set CONCORD_DATA_DIR");
    return;
  }
  concord::data::NmcTable nmc =
      concord::data::read_nmc(dir / concord::data::paths::kNmcV7, concord::data::NmcVersion::v7);
  for (auto _ : state) {
    std::vector<double> c = concord::data::recompute_cinc(nmc);
    benchmark::DoNotOptimize(c.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * nmc.size()));
}
BENCHMARK(BM_RecomputeCincNmcV7)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
