// The MPI ensemble runner (compiled only when CONCORD_MPI is on). See runner.hpp.
//
// Protocol between rank 0 (coordinator, writer, and simulator of its own chunks) and workers:
//   worker -> 0  kRequest  (empty)            dynamic schedule: ask for the next chunk
//   0 -> worker  kChunk    int64[2] [b, e)    the chunk; b == e means no more work
//   worker -> 0  kResult   bytes (CBOR)       one finished RunRecord
//   worker -> 0  kDone     (empty)            the worker will send nothing more
// MPI keeps messages between a pair of ranks in order, so once kDone arrives from a worker
// all its results have arrived too.
#include <algorithm>
#include <map>
#include <stdexcept>

#include <fmt/format.h>

#include "concord/ensemble/codec.hpp"
#include "concord/ensemble/runner.hpp"

namespace concord::ensemble {

namespace {

enum Tag : int { kRequest = 101, kChunk = 102, kResult = 103, kDone = 104 };

bool stop_requested(const RunnerOptions& o) {
  return o.stop != nullptr && o.stop->load(std::memory_order_relaxed);
}

void check(int rc, const char* what) {
  if (rc != MPI_SUCCESS) throw std::runtime_error(fmt::format("MPI error in {}", what));
}

}  // namespace

RunnerReport run_plan_mpi(const Plan& plan, const Simulate& simulate, store::ResultsStore* db,
                          std::int64_t ensemble_id, const OnRun& on_run,
                          const RunnerOptions& options, const MpiOptions& mpi, MPI_Comm comm) {
  int rank = 0;
  int size = 1;
  check(MPI_Comm_rank(comm, &rank), "MPI_Comm_rank");
  check(MPI_Comm_size(comm, &size), "MPI_Comm_size");
  const std::uint64_t total = plan.runs.size();
  const std::uint64_t chunk = std::max<std::size_t>(mpi.chunk, 1);
  const std::uint64_t n_chunks = (total + chunk - 1) / chunk;
  const bool dynamic = mpi.schedule == MpiSchedule::dynamic_chunks;

  // The committed set, read on rank 0, known to all.
  std::vector<char> committed(total, 0);
  if (rank == 0 && db != nullptr) {
    for (auto id : db->committed_run_ids(ensemble_id)) {
      if (id < total) committed[id] = 1;
    }
  }
  if (total > 0) {
    check(MPI_Bcast(committed.data(), static_cast<int>(total), MPI_CHAR, 0, comm), "MPI_Bcast");
  }

  RunnerReport report;
  RunRecord record;
  std::vector<std::uint8_t> bytes;

  // --- workers ---------------------------------------------------------------------------
  if (rank != 0) {
    auto simulate_range = [&](std::uint64_t b, std::uint64_t e) {
      for (std::uint64_t i = b; i < e; ++i) {
        if (committed[i] != 0) continue;
        if (stop_requested(options)) return false;
        record.key = plan.runs[i];
        simulate(plan.runs[i], record);
        record.key = plan.runs[i];
        encode_run(record, bytes);
        check(MPI_Send(bytes.data(), static_cast<int>(bytes.size()), MPI_BYTE, 0, kResult, comm),
              "MPI_Send result");
      }
      return true;
    };
    if (dynamic) {
      for (;;) {
        check(MPI_Send(nullptr, 0, MPI_BYTE, 0, kRequest, comm), "MPI_Send request");
        std::int64_t range[2] = {0, 0};
        check(MPI_Recv(range, 2, MPI_INT64_T, 0, kChunk, comm, MPI_STATUS_IGNORE), "MPI_Recv");
        if (range[0] >= range[1]) break;
        if (!simulate_range(static_cast<std::uint64_t>(range[0]),
                            static_cast<std::uint64_t>(range[1]))) {
          break;
        }
      }
    } else {
      for (std::uint64_t c = static_cast<std::uint64_t>(rank); c < n_chunks;
           c += static_cast<std::uint64_t>(size)) {
        if (!simulate_range(c * chunk, std::min(total, (c + 1) * chunk))) break;
      }
    }
    check(MPI_Send(nullptr, 0, MPI_BYTE, 0, kDone, comm), "MPI_Send done");
    return report;
  }

  // --- rank 0 ----------------------------------------------------------------------------
  std::map<std::uint64_t, RunRecord> buffer;  // the reorder buffer
  std::uint64_t next_commit = 0;
  std::uint64_t done = 0;
  int workers_done = 0;
  std::uint64_t next_chunk = 0;             // dynamic: next chunk to hand out
  std::uint64_t own_static_chunk = 0;       // static: rank 0 owns chunks 0, size, 2*size, ...
  std::uint64_t own_pos = 0, own_end = 0;   // rank 0's current range
  bool handing_out = true;

  auto deliver = [&](RunRecord& r, bool from_store) {
    if (!from_store && db != nullptr) db->write_run(ensemble_id, r);
    if (from_store) {
      ++report.replayed;
    } else {
      ++report.simulated;
    }
    if (on_run) on_run(r);
    ++done;
    if (options.progress) options.progress(done, total);
  };
  auto commit_ready = [&] {
    while (next_commit < total) {
      if (committed[next_commit] != 0) {
        RunRecord stored = db->read_run(ensemble_id, next_commit);
        deliver(stored, true);
      } else {
        auto it = buffer.find(next_commit);
        if (it == buffer.end()) break;
        deliver(it->second, false);
        buffer.erase(it);
      }
      ++next_commit;
    }
  };
  auto take_chunk = [&]() -> std::pair<std::uint64_t, std::uint64_t> {
    if (!handing_out || stop_requested(options)) {
      handing_out = false;
      return {0, 0};
    }
    if (dynamic) {
      if (next_chunk >= n_chunks) return {0, 0};
      const std::uint64_t c = next_chunk++;
      return {c * chunk, std::min(total, (c + 1) * chunk)};
    }
    if (own_static_chunk >= n_chunks) return {0, 0};
    const std::uint64_t c = own_static_chunk;
    own_static_chunk += static_cast<std::uint64_t>(size);
    return {c * chunk, std::min(total, (c + 1) * chunk)};
  };
  auto handle = [&](const MPI_Status& st) {
    if (st.MPI_TAG == kRequest) {
      check(MPI_Recv(nullptr, 0, MPI_BYTE, st.MPI_SOURCE, kRequest, comm, MPI_STATUS_IGNORE),
            "MPI_Recv request");
      const auto [b, e] = take_chunk();
      const std::int64_t range[2] = {static_cast<std::int64_t>(b), static_cast<std::int64_t>(e)};
      check(MPI_Send(range, 2, MPI_INT64_T, st.MPI_SOURCE, kChunk, comm), "MPI_Send chunk");
    } else if (st.MPI_TAG == kResult) {
      int count = 0;
      check(MPI_Get_count(&st, MPI_BYTE, &count), "MPI_Get_count");
      bytes.resize(static_cast<std::size_t>(count));
      check(MPI_Recv(bytes.data(), count, MPI_BYTE, st.MPI_SOURCE, kResult, comm,
                     MPI_STATUS_IGNORE),
            "MPI_Recv result");
      RunRecord r = decode_run(bytes.data(), bytes.size());
      const auto id = r.key.run_id;
      buffer.emplace(id, std::move(r));
    } else if (st.MPI_TAG == kDone) {
      check(MPI_Recv(nullptr, 0, MPI_BYTE, st.MPI_SOURCE, kDone, comm, MPI_STATUS_IGNORE),
            "MPI_Recv done");
      ++workers_done;
    } else {
      throw std::runtime_error(fmt::format("unexpected MPI tag {}", st.MPI_TAG));
    }
  };
  auto drain = [&] {
    for (;;) {
      int flag = 0;
      MPI_Status st;
      check(MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, comm, &flag, &st), "MPI_Iprobe");
      if (flag == 0) return;
      handle(st);
    }
  };

  bool own_work = true;
  for (;;) {
    drain();
    commit_ready();
    if (own_work) {
      while (own_pos < own_end && committed[own_pos] != 0) ++own_pos;
      if (own_pos >= own_end) {
        const auto [b, e] = take_chunk();
        if (b >= e) {
          own_work = false;
        } else {
          own_pos = b;
          own_end = e;
        }
        continue;
      }
      if (stop_requested(options)) {
        own_work = false;
        handing_out = false;
        continue;
      }
      RunRecord r;
      r.key = plan.runs[own_pos];
      simulate(plan.runs[own_pos], r);
      r.key = plan.runs[own_pos];
      buffer.emplace(own_pos, std::move(r));
      ++own_pos;
      continue;
    }
    if (workers_done == size - 1) break;
    MPI_Status st;
    check(MPI_Probe(MPI_ANY_SOURCE, MPI_ANY_TAG, comm, &st), "MPI_Probe");
    handle(st);
  }
  commit_ready();
  // Interrupted: commit what arrived beyond a gap, in run-id order (resume skips them).
  for (auto& [id, r] : buffer) deliver(r, false);
  report.interrupted = done < total;
  return report;
}

}  // namespace concord::ensemble
