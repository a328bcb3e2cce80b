// The MPI ensemble runner (compiled only when CONCORD_MPI is on). See runner.hpp.
//
// Protocol between rank 0 (coordinator, writer, and simulator of its own chunks) and workers:
//   worker -> 0  kRequest  (empty)             dynamic schedule: ask for a chunk
//   0 -> worker  kChunk    int64[2] [b, e)     the chunk; b == e means no more work
//   worker -> 0  kResult   bytes (codec batch) the finished runs of one chunk, in one message
//   worker -> 0  kDone     uint64 runs sent    the worker will send nothing more
//
// Throughput (measured, see bench/README.md):
// - a worker asks for its next chunk before simulating the current one (one request always
//   outstanding), so it never waits for rank 0, which answers only between two of its own runs;
// - results travel one message per chunk (MPI_Isend, completed while the next chunk runs),
//   without the yearly values when the store does not keep them (most of a record's bytes);
// - nobody busy-waits: a rank with nothing to do polls (MPI_Test / MPI_Iprobe) with a sleep
//   that grows from 50 us to 2 ms. Blocking MPI calls spin on a core in Open MPI, which
//   on a machine with as many ranks as cores takes the core from the rank doing the work.
// Rank 0 balances itself: it takes a chunk of its own only when its previous one is done, and
// it also writes the store, so the worker receives more chunks than rank 0 simulates.
#include <algorithm>
#include <chrono>
#include <map>
#include <stdexcept>
#include <thread>

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

// Sleeps between polls: 50 us doubling to 2 ms while nothing happens; reset() on progress.
class Backoff {
 public:
  void wait() {
    std::this_thread::sleep_for(std::chrono::microseconds(us_));
    us_ = std::min(us_ * 2, 2000);
  }
  void reset() { us_ = 50; }

 private:
  int us_ = 50;
};

// Completes a request without spinning on a core.
void wait_for(MPI_Request& request, const char* what) {
  Backoff backoff;
  for (;;) {
    int flag = 0;
    check(MPI_Test(&request, &flag, MPI_STATUS_IGNORE), what);
    if (flag != 0) return;
    backoff.wait();
  }
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

  // --- workers ---------------------------------------------------------------------------
  if (rank != 0) {
    RunRecord record;
    std::vector<std::uint8_t> scratch;
    std::vector<std::uint8_t> batch[2];  // one being sent, one being filled
    int filling = 0;
    MPI_Request send = MPI_REQUEST_NULL;
    std::uint64_t sent_runs = 0;
    bool stopped = false;
    // Simulates [b, e) into one batch and sends it; false once a stop was requested.
    auto simulate_range = [&](std::uint64_t b, std::uint64_t e) {
      auto& out = batch[filling];
      out.clear();
      std::uint64_t n = 0;
      for (std::uint64_t i = b; i < e; ++i) {
        if (committed[i] != 0) continue;
        if (stop_requested(options)) {
          stopped = true;
          break;
        }
        record.key = plan.runs[i];
        simulate(plan.runs[i], record);
        record.key = plan.runs[i];
        append_run(record, out, scratch, mpi.send_yearly);
        ++n;
        int flag = 0;  // lets Open MPI progress the previous batch
        check(MPI_Test(&send, &flag, MPI_STATUS_IGNORE), "MPI_Test send");
      }
      wait_for(send, "MPI_Isend result");
      if (n > 0) {
        check(MPI_Isend(out.data(), static_cast<int>(out.size()), MPI_BYTE, 0, kResult, comm,
                        &send),
              "MPI_Isend result");
        sent_runs += n;
        filling = 1 - filling;
      }
      return !stopped;
    };
    if (dynamic) {
      std::int64_t range[2][2] = {{0, 0}, {0, 0}};
      MPI_Request reply[2] = {MPI_REQUEST_NULL, MPI_REQUEST_NULL};
      auto ask = [&](int slot) {
        check(MPI_Irecv(range[slot], 2, MPI_INT64_T, 0, kChunk, comm, &reply[slot]),
              "MPI_Irecv chunk");
        check(MPI_Send(nullptr, 0, MPI_BYTE, 0, kRequest, comm), "MPI_Send request");
      };
      int current = 0;
      ask(current);
      for (;;) {
        wait_for(reply[current], "MPI_Irecv chunk");
        if (range[current][0] >= range[current][1]) break;  // rank 0 has no more work
        // Ask for the next chunk now: rank 0 answers while this one is simulated.
        ask(1 - current);
        if (!simulate_range(static_cast<std::uint64_t>(range[current][0]),
                            static_cast<std::uint64_t>(range[current][1]))) {
          // Collect the outstanding answer (rank 0 answers every request) and leave.
          wait_for(reply[1 - current], "MPI_Irecv chunk");
          break;
        }
        current = 1 - current;
      }
    } else {
      for (std::uint64_t c = static_cast<std::uint64_t>(rank); c < n_chunks;
           c += static_cast<std::uint64_t>(size)) {
        if (!simulate_range(c * chunk, std::min(total, (c + 1) * chunk))) break;
      }
    }
    wait_for(send, "MPI_Isend result");
    check(MPI_Send(&sent_runs, 1, MPI_UINT64_T, 0, kDone, comm), "MPI_Send done");
    return report;
  }

  // --- rank 0 ----------------------------------------------------------------------------
  std::map<std::uint64_t, RunRecord> buffer;  // the reorder buffer
  std::uint64_t next_commit = 0;
  std::uint64_t done = 0;
  int workers_done = 0;
  std::vector<std::uint64_t> received(static_cast<std::size_t>(size), 0);
  std::vector<std::uint64_t> announced(static_cast<std::size_t>(size), 0);
  std::vector<char> finished(static_cast<std::size_t>(size), 0);
  std::uint64_t next_chunk = 0;             // dynamic: next chunk to hand out
  std::uint64_t own_static_chunk = 0;       // static: rank 0 owns chunks 0, size, 2*size, ...
  std::uint64_t own_pos = 0, own_end = 0;   // rank 0's current range
  bool handing_out = true;
  std::vector<std::uint8_t> bytes;

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
  auto worker_finished = [&](int source) {
    const auto s = static_cast<std::size_t>(source);
    if (finished[s] == 0 && announced[s] != 0 && received[s] + 1 == announced[s]) {
      finished[s] = 1;
      ++workers_done;
    }
  };
  auto handle = [&](const MPI_Status& st) {
    const auto source = static_cast<std::size_t>(st.MPI_SOURCE);
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
      for (auto& r : decode_batch(bytes.data(), bytes.size())) {
        const auto id = r.key.run_id;
        buffer.emplace(id, std::move(r));
        ++received[source];
      }
      worker_finished(st.MPI_SOURCE);
    } else if (st.MPI_TAG == kDone) {
      std::uint64_t sent = 0;
      check(MPI_Recv(&sent, 1, MPI_UINT64_T, st.MPI_SOURCE, kDone, comm, MPI_STATUS_IGNORE),
            "MPI_Recv done");
      announced[source] = sent + 1;  // +1: 0 means "not announced yet"
      worker_finished(st.MPI_SOURCE);
    } else {
      throw std::runtime_error(fmt::format("unexpected MPI tag {}", st.MPI_TAG));
    }
  };
  // Handles every message already arrived; true if there was one.
  auto drain = [&] {
    bool any = false;
    for (;;) {
      int flag = 0;
      MPI_Status st;
      check(MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, comm, &flag, &st), "MPI_Iprobe");
      if (flag == 0) return any;
      handle(st);
      any = true;
    }
  };

  bool own_work = true;
  Backoff backoff;
  for (;;) {
    const bool progress = drain();
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
    if (progress) {
      backoff.reset();
    } else {
      backoff.wait();
    }
  }
  commit_ready();
  // Interrupted: commit what arrived beyond a gap, in run-id order (resume skips them).
  for (auto& [id, r] : buffer) deliver(r, false);
  report.interrupted = done < total;
  return report;
}

}  // namespace concord::ensemble
