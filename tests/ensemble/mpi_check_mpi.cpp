// MPI determinism check, run under mpirun with 2 ranks (see docs/ensembles.md and the CMake
// lines in the report): the same plan on 2 ranks (dynamic and static chunks), on 1 rank
// (MPI_COMM_SELF) and on 1 thread without MPI must give byte-identical store files.
// Usage: mpirun -np 2 ensemble_mpi_check DIR   (exit status 0 when identical)
#include <mpi.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "concord/ensemble/reference_model.hpp"
#include "concord/ensemble/runner.hpp"
#include "concord/store/store.hpp"

namespace fs = std::filesystem;
using namespace concord;
using namespace concord::ensemble;

namespace {

std::string bytes_of(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

fs::path fresh(const fs::path& dir, const std::string& name) {
  const auto p = dir / name;
  for (const auto* suffix : {"", "-wal", "-shm"}) fs::remove(p.string() + suffix);
  return p;
}

void run_mpi(const fs::path& path, const Plan& plan, const MpiOptions& mpi, MPI_Comm comm,
             int rank) {
  const Simulate sim = [](const RunKey& k, RunRecord& out) { simulate_hazard_model(k, {}, out); };
  if (rank == 0) {
    store::ResultsStore db(path);
    const auto id = open_ensemble(db, describe(plan, "mpi-check", 35, "{}"), false);
    run_plan_mpi(plan, sim, &db, id, {}, {}, mpi, comm);
  } else {
    run_plan_mpi(plan, sim, nullptr, 0, {}, {}, mpi, comm);
  }
}

}  // namespace

int main(int argc, char** argv) {
  MPI_Init(&argc, &argv);
  int rank = 0;
  int size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  const fs::path dir = argc > 1 ? fs::path(argv[1]) : fs::temp_directory_path();
  if (rank == 0) fs::create_directories(dir);
  MPI_Barrier(MPI_COMM_WORLD);

  const auto plan = crossed_plan("mpi-check", {"multiplex", "concert"},
                                 {R"({"war_hazard":0.02})", R"({"war_hazard":0.06})"}, 31337, 45);
  int failures = 0;
  std::string reference;
  if (rank == 0) {
    const auto threads = fresh(dir, "threads1.sqlite");
    {
      store::ResultsStore db(threads);
      const auto id = open_ensemble(db, describe(plan, "mpi-check", 35, "{}"), false);
      run_plan(plan, [](const RunKey& k, RunRecord& out) { simulate_hazard_model(k, {}, out); },
               &db, id, {}, {});
    }
    reference = bytes_of(threads);
    const auto self = fresh(dir, "rank1.sqlite");
    run_mpi(self, plan, {}, MPI_COMM_SELF, 0);
    if (bytes_of(self) != reference) {
      std::fprintf(stderr, "1 MPI rank differs from 1 thread\n");
      ++failures;
    }
  }
  for (const auto schedule : {MpiSchedule::dynamic_chunks, MpiSchedule::static_chunks}) {
    const bool dyn = schedule == MpiSchedule::dynamic_chunks;
    const auto path = fresh(dir, dyn ? "ranks_dynamic.sqlite" : "ranks_static.sqlite");
    MPI_Barrier(MPI_COMM_WORLD);
    run_mpi(path, plan, MpiOptions{dyn ? std::size_t{3} : std::size_t{5}, schedule},
            MPI_COMM_WORLD, rank);
    if (rank == 0 && bytes_of(path) != reference) {
      std::fprintf(stderr, "%d MPI ranks (%s chunks) differ from 1 thread\n", size,
                   dyn ? "dynamic" : "static");
      ++failures;
    }
  }
  MPI_Bcast(&failures, 1, MPI_INT, 0, MPI_COMM_WORLD);
  if (rank == 0) {
    std::printf("%s: %d ranks, %zu runs, store %zu bytes\n", failures == 0 ? "identical" : "DIFFER",
                size, plan.runs.size(), reference.size());
  }
  MPI_Finalize();
  return failures == 0 ? 0 : 1;
}
