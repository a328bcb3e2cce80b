#include "concord/ensemble/runner.hpp"

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>
#include <oneapi/tbb/parallel_pipeline.h>
#include <oneapi/tbb/task_arena.h>

#include "concord/common/build_info.hpp"
#include "concord/common/error.hpp"

namespace concord::ensemble {

Plan crossed_plan(const std::string& scenario_hash, const std::vector<std::string>& orders,
                  const std::vector<std::string>& params, std::uint64_t seed,
                  std::uint64_t replicates) {
  if (orders.empty()) throw std::invalid_argument("crossed_plan: no order");
  if (params.empty()) throw std::invalid_argument("crossed_plan: no parameter set");
  Plan plan;
  plan.runs.reserve(replicates * params.size() * orders.size());
  for (std::uint64_t r = 0; r < replicates; ++r) {
    for (const auto& p : params) {
      for (const auto& o : orders) {
        RunKey key;
        key.scenario_hash = scenario_hash;
        key.order = o;
        key.params_json = p;
        key.seed = seed;
        key.replicate = r;
        key.run_id = plan.runs.size();
        plan.runs.push_back(std::move(key));
      }
    }
  }
  return plan;
}

Plan points_plan(const std::string& scenario_hash, const std::string& order,
                 const std::vector<std::string>& points, std::uint64_t seed,
                 std::uint64_t replicates) {
  Plan plan;
  plan.runs.reserve(points.size() * replicates);
  for (const auto& p : points) {
    for (std::uint64_t r = 0; r < replicates; ++r) {
      RunKey key;
      key.scenario_hash = scenario_hash;
      key.order = order;
      key.params_json = p;
      key.seed = seed;
      key.replicate = r;
      key.run_id = plan.runs.size();
      plan.runs.push_back(std::move(key));
    }
  }
  return plan;
}

namespace {
struct Fnv1a {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  void bytes(const void* data, std::size_t n) {
    const auto* p = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < n; ++i) {
      h ^= p[i];
      h *= 0x100000001b3ULL;
    }
  }
  void u64(std::uint64_t v) {
    unsigned char b[8];
    for (int i = 0; i < 8; ++i) b[i] = static_cast<unsigned char>(v >> (8 * i));
    bytes(b, 8);
  }
  void str(const std::string& s) {
    u64(s.size());
    bytes(s.data(), s.size());
  }
};
}  // namespace

std::string plan_digest(const Plan& plan) {
  Fnv1a f;
  f.u64(plan.runs.size());
  for (const auto& k : plan.runs) {
    f.str(k.scenario_hash);
    f.str(k.order);
    f.str(k.params_json);
    f.u64(k.seed);
    f.u64(k.replicate);
    f.u64(k.run_id);
  }
  return fmt::format("{:016x}", f.h);
}

store::EnsembleInfo describe(const Plan& plan, const std::string& kind, int years,
                             const std::string& spec_json) {
  store::EnsembleInfo info;
  info.kind = kind;
  if (!plan.runs.empty()) {
    info.scenario_hash = plan.runs.front().scenario_hash;
    info.seed = plan.runs.front().seed;
  }
  info.planned_runs = plan.runs.size();
  info.years = years;
  info.plan_digest = plan_digest(plan);
  info.spec_json = spec_json;
  info.concord_version = concord_version();
  info.concord_commit = concord_commit();
  return info;
}

std::int64_t open_ensemble(store::ResultsStore& db, const store::EnsembleInfo& info, bool resume,
                           const std::string& store_path) {
  if (!resume) {
    // a fresh ensemble beside an unfinished one of the same plan: say how to continue that one
    if (auto old = db.find_ensemble(info.plan_digest)) {
      const auto prev = db.ensemble(*old);
      if (prev.status != store::EnsembleStatus::complete) {
        fmt::print(stderr,
                   "warning: {} already holds ensemble {} of this plan, {} ({} of {} runs); starting a new "
                   "ensemble. To continue the old one instead, rerun with --resume.\n",
                   store_path, *old, store::to_string(prev.status), db.committed_run_ids(*old).size(),
                   prev.planned_runs);
      }
    }
    return db.create_ensemble(info);
  }
  if (auto id = db.find_ensemble(info.plan_digest)) return *id;
  throw InputError(Location{store_path, 0, 0, "ensembles.plan_digest"},
                   fmt::format("no ensemble with this plan (digest {}) to resume; run it "
                               "without --resume first, with the same scenario, orders, "
                               "parameters, runs and seed",
                               info.plan_digest));
}

namespace {
struct Slot {
  std::uint64_t index = 0;
  bool stored = false;
  RunRecord record;
};
}  // namespace

RunnerReport run_plan(const Plan& plan, const Simulate& simulate, store::ResultsStore* db,
                      std::int64_t ensemble_id, const OnRun& on_run,
                      const RunnerOptions& options) {
  for (std::size_t i = 0; i < plan.runs.size(); ++i) {
    if (plan.runs[i].run_id != i) {
      throw std::invalid_argument(
          fmt::format("plan run at position {} has run_id {}", i, plan.runs[i].run_id));
    }
  }
  if (options.threads < 1) throw std::invalid_argument("threads must be at least 1");
  const std::uint64_t total = plan.runs.size();
  std::vector<char> committed(total, 0);
  if (db != nullptr) {
    for (auto id : db->committed_run_ids(ensemble_id)) {
      if (id < total) committed[id] = 1;
    }
  }
  const std::size_t tokens =
      options.max_in_flight > 0 ? options.max_in_flight
                                : static_cast<std::size_t>(options.threads) * 32;
  // Slot i % tokens holds run i: at most `tokens` consecutive runs are in flight because the
  // first and last stages are serial and in order.
  std::vector<Slot> slots(tokens);
  RunnerReport report;
  std::uint64_t next = 0;
  std::uint64_t started = 0;
  std::uint64_t done = 0;

  auto input = [&](oneapi::tbb::flow_control& fc) -> Slot* {
    if (next >= total) {
      fc.stop();
      return nullptr;
    }
    const bool stored = committed[next] != 0;
    if (!stored) {
      const bool stop_flag =
          options.stop != nullptr && options.stop->load(std::memory_order_relaxed);
      if (stop_flag || (options.stop_after > 0 && started >= options.stop_after)) {
        report.interrupted = true;
        fc.stop();
        return nullptr;
      }
      ++started;
    }
    Slot* s = &slots[next % tokens];
    s->index = next;
    s->stored = stored;
    ++next;
    return s;
  };
  auto work = [&](Slot* s) -> Slot* {
    if (!s->stored) {
      s->record.key = plan.runs[s->index];
      simulate(plan.runs[s->index], s->record);
      s->record.key = plan.runs[s->index];
    }
    return s;
  };
  auto output = [&](Slot* s) {
    if (s->stored) {
      s->record = db->read_run(ensemble_id, s->index);
      ++report.replayed;
    } else {
      if (db != nullptr) db->write_run(ensemble_id, s->record);
      ++report.simulated;
    }
    if (on_run) on_run(s->record);
    ++done;
    if (options.progress) options.progress(done, total);
  };

  oneapi::tbb::task_arena arena(options.threads);
  arena.execute([&] {
    oneapi::tbb::parallel_pipeline(
        tokens,
        oneapi::tbb::make_filter<void, Slot*>(oneapi::tbb::filter_mode::serial_in_order, input) &
            oneapi::tbb::make_filter<Slot*, Slot*>(oneapi::tbb::filter_mode::parallel, work) &
            oneapi::tbb::make_filter<Slot*, void>(oneapi::tbb::filter_mode::serial_in_order,
                                                  output));
  });
  return report;
}

}  // namespace concord::ensemble
