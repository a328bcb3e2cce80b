#include "concord/validate/calibration.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <set>
#include <stdexcept>

#include "concord/common/data_dir.hpp"
#include "concord/common/error.hpp"
#include "concord/common/suggest.hpp"
#include "concord/common/toml_file.hpp"
#include "concord/engine/crisis.hpp"
#include "concord/engine/params.hpp"
#include "concord/engine/rng.hpp"
#include "concord/order/order_loader.hpp"

namespace concord::validate {

std::vector<EraOrder> read_eras(const std::filesystem::path& file) {
  const toml::table root = parse_toml_file(file);
  std::vector<Problem> problems;
  std::vector<EraOrder> eras;
  check_toml_keys(file, root, "", {"era"}, problems);
  const auto* arr = root["era"].as_array();
  if (arr == nullptr) {
    problems.push_back({Location{file.string(), 0, 0, "era"}, "missing [[era]] entries"});
    throw InputError(std::move(problems));
  }
  const auto presets = preset_names();
  for (std::size_t i = 0; i < arr->size(); ++i) {
    const auto* t = (*arr)[i].as_table();
    const std::string field = fmt::format("era[{}]", i);
    if (t == nullptr) {
      problems.push_back({toml_location(file, &(*arr)[i], field), "expected a table { first, last, order, source }"});
      continue;
    }
    check_toml_keys(file, *t, field, {"first", "last", "order", "source"}, problems);
    EraOrder e;
    const auto first = (*t)["first"].value<long>();
    const auto last = (*t)["last"].value<long>();
    const auto ord = (*t)["order"].value<std::string>();
    if (!first || !last || *last < *first) {
      problems.push_back({toml_location(file, t, field), "expected years first <= last"});
      continue;
    }
    if (!ord) {
      problems.push_back({toml_location(file, t, field + ".order"), "expected an order preset name"});
      continue;
    }
    if (std::find(presets.begin(), presets.end(), *ord) == presets.end()) {
      std::string msg = fmt::format("no order preset '{}'", *ord);
      if (const auto best = closest_match(*ord, presets)) msg += fmt::format(" (did you mean '{}'?)", *best);
      problems.push_back({toml_location(file, t->get("order"), field + ".order"), msg});
      continue;
    }
    e.first = static_cast<int>(*first);
    e.last = static_cast<int>(*last);
    e.order = *ord;
    e.source = (*t)["source"].value_or<std::string>("");
    for (const auto& prev : eras) {
      if (e.first <= prev.last && prev.first <= e.last) {
        problems.push_back({toml_location(file, t, field),
                            fmt::format("years {}-{} overlap the era {}-{}", e.first, e.last, prev.first, prev.last)});
      }
    }
    eras.push_back(e);
  }
  if (!problems.empty()) throw InputError(std::move(problems));
  return eras;
}

engine::OrderRules era_order_rules(const std::string& preset) {
  const Order o = load_preset(preset);
  engine::OrderRules r;
  r.name = o.name;
  switch (o.crisis.manager) {
    case order::CrisisManager::self_help: r.crisis_manager = engine::CrisisManager::self_help; break;
    case order::CrisisManager::hegemon: r.crisis_manager = engine::CrisisManager::hegemon; break;
    case order::CrisisManager::concert: r.crisis_manager = engine::CrisisManager::concert; break;
    case order::CrisisManager::institutions: r.crisis_manager = engine::CrisisManager::institutions; break;
    case order::CrisisManager::community: r.crisis_manager = engine::CrisisManager::community; break;
  }
  r.community_threshold = o.crisis.regime_threshold;
  return r;
}

bool CalibrationResult::all_pass() const noexcept {
  return std::all_of(rows.begin(), rows.end(), [](const CalibrationRow& r) { return r.pass; });
}

namespace {

constexpr double kZ90 = 1.6448536269514722;

struct Simulated {
  double mean, lower, upper;
};

// R replications of independent Bernoulli(p_i): the mean share and its 5th-95th percentiles.
Simulated simulate(const std::vector<double>& p, std::uint64_t runs, std::uint64_t seed, std::uint64_t cls) {
  std::vector<double> share(runs);
  for (std::uint64_t r = 0; r < runs; ++r) {
    engine::RandomStream rng(seed, r, cls, engine::Stream::crisis, 0);
    long k = 0;
    for (const double q : p) k += rng.uniform() < q ? 1 : 0;
    share[r] = p.empty() ? 0.0 : static_cast<double>(k) / static_cast<double>(p.size());
  }
  double mean = 0.0;
  for (const double v : share) mean += v;
  mean /= static_cast<double>(runs);
  std::sort(share.begin(), share.end());
  auto q = [&](double f) { return share[std::min<std::size_t>(runs - 1, static_cast<std::size_t>(f * static_cast<double>(runs - 1) + 0.5))]; };
  return {mean, q(0.05), q(0.95)};
}

}  // namespace

CalibrationResult run_calibration(const EscalationSources& s, const CalibrationOptions& o) {
  CalibrationResult res;
  res.options = o;
  const auto data = project_dir() / "data";
  const auto esc_file = o.escalation_file.empty() ? data / "escalation-world.toml" : o.escalation_file;
  const auto join_file = o.joining_file.empty() ? data / "joining.toml" : o.joining_file;
  const auto eras_file = o.eras_file.empty() ? data / "eras.toml" : o.eras_file;
  const engine::EscalationModel model = engine::read_escalation(esc_file);
  // the Asia-Pacific classes run under the file an asia-pacific scenario reads
  const auto asia_file = o.escalation_asia_file.empty() ? engine::project_escalation_file("asia-pacific")
                                                        : o.escalation_asia_file;
  const engine::EscalationModel asia_model = engine::read_escalation(asia_file);
  const engine::JoiningRates joining = engine::read_joining(join_file);
  const std::vector<EraOrder> eras = read_eras(eras_file);
  // paths under the project as the project names them (data/...), others as given
  auto shown = [](const std::filesystem::path& f) {
    const auto rel = f.lexically_relative(project_dir());
    return !rel.empty() && *rel.begin() != ".." ? rel.string() : f.string();
  };
  res.escalation_source = shown(esc_file);
  res.escalation_asia_source = shown(asia_file);
  res.joining_source = shown(join_file);
  res.floor = engine::Params::defaults()[engine::Param::escalation_floor];
  std::vector<engine::OrderRules> rules;
  for (const auto& e : eras) rules.push_back(era_order_rules(e.order));
  auto era_of = [&](int year) -> std::size_t {
    for (std::size_t i = 0; i < eras.size(); ++i) {
      if (year >= eras[i].first && year <= eras[i].last) return i;
    }
    throw InputError(Location{eras_file.string(), 0, 0, "era"},
                     fmt::format("no era covers {}: every year of the calibration needs an order", year));
  };

  struct Class {
    const char* name;
    Region region;
    int first, last;
    int filter;  // 0 all, 1 gp both, 2 nuclear both
  };
  const Class classes[] = {
      {"great power vs great power", Region::world, 1816, 1913, 1},
      {"great power vs great power", Region::world, 1954, 2014, 1},
      {"nuclear dyad (both armed)", Region::world, 1946, 2014, 2},
      {"Asia-Pacific", Region::asia, 1946, 1979, 0},
      {"Asia-Pacific", Region::asia, 1980, 2014, 0},
      {"world", Region::world, 1946, 1999, 0},
  };
  std::uint64_t cls_id = 0;
  for (const Class& c : classes) {
    const DyadicMids d = build_dyadic_mids(s, c.region, c.first, c.last);
    std::vector<double> p;
    long k = 0;
    std::set<std::string> orders;
    for (std::size_t i = 0; i < d.size(); ++i) {
      if (!d.complete(i)) continue;
      if (c.filter == 1 && !(d.gp_a[i] != 0 && d.gp_b[i] != 0)) continue;
      if (c.filter == 2 && !(d.nuclear_a[i] != 0 && d.nuclear_b[i] != 0)) continue;
      const std::size_t era = era_of(d.year[i]);
      orders.insert(eras[era].order);
      const engine::EscalationModel& mm = c.region == Region::asia ? asia_model : model;
      p.push_back(engine::crisis_war_probability(rules[era], mm, d.covariates(i), d.polyarchy_a[i],
                                                 d.polyarchy_b[i], res.floor));
      k += d.war[i];
    }
    CalibrationRow row;
    row.measure = "escalation";
    row.cls = c.name;
    row.era = fmt::format("{}-{}", c.first, c.last);
    for (const auto& name : orders) row.orders += (row.orders.empty() ? "" : ", ") + name;
    row.n = static_cast<long>(p.size());
    row.k = k;
    row.record = row.n > 0 ? static_cast<double>(k) / static_cast<double>(row.n) : 0.0;
    std::tie(row.lower, row.upper) = wilson_bounds(k, row.n, kZ90);
    const Simulated sim = simulate(p, o.runs, o.seed, cls_id++);
    row.simulated = sim.mean;
    row.sim_lower = sim.lower;
    row.sim_upper = sim.upper;
    row.pass = row.n > 0 && sim.mean >= row.lower && sim.mean <= row.upper;
    res.rows.push_back(row);
  }
  // joining: the record's invoked obligations through the engine's joining probability
  JoiningOptions jo;
  jo.boundary = joining.boundary;
  const JoiningResult rec = estimate_joining(s, jo);
  for (int era = 0; era < 2; ++era) {
    std::vector<double> p;
    long k = 0;
    for (const auto& inv : rec.invoked) {
      if ((inv.year >= joining.boundary ? 1 : 0) != era) continue;
      p.push_back(engine::joining_probability(joining, inv.year, inv.kind));
      k += inv.joined ? 1 : 0;
    }
    CalibrationRow row;
    row.measure = "joining";
    row.cls = "third state with an applicable obligation";
    row.era = era == 0 ? fmt::format("{}-{}", jo.first_year, joining.boundary - 1)
                       : fmt::format("{}-{}", joining.boundary, jo.last_year);
    row.orders = "(joining rate by era)";
    row.n = static_cast<long>(p.size());
    row.k = k;
    row.record = row.n > 0 ? static_cast<double>(k) / static_cast<double>(row.n) : 0.0;
    std::tie(row.lower, row.upper) = wilson_bounds(k, row.n, kZ90);
    const Simulated sim = simulate(p, o.runs, o.seed, cls_id++);
    row.simulated = sim.mean;
    row.sim_lower = sim.lower;
    row.sim_upper = sim.upper;
    row.pass = row.n > 0 && sim.mean >= row.lower && sim.mean <= row.upper;
    res.rows.push_back(row);
  }
  return res;
}

std::string format_calibration_report(const CalibrationResult& r, const std::string& format) {
  if (format == "json") {
    nlohmann::ordered_json j;
    j["runs"] = r.options.runs;
    j["seed"] = r.options.seed;
    j["escalation_floor"] = r.floor;
    j["escalation_file"] = r.escalation_source;
    j["escalation_asia_file"] = r.escalation_asia_source;
    j["joining_file"] = r.joining_source;
    j["rows"] = nlohmann::ordered_json::array();
    for (const auto& x : r.rows) {
      j["rows"].push_back({{"measure", x.measure}, {"class", x.cls}, {"era", x.era}, {"orders", x.orders},
                           {"n", x.n}, {"k", x.k}, {"record", x.record}, {"lower90", x.lower},
                           {"upper90", x.upper}, {"simulated", x.simulated}, {"sim_lower90", x.sim_lower},
                           {"sim_upper90", x.sim_upper}, {"pass", x.pass}});
    }
    j["all_pass"] = r.all_pass();
    return j.dump(2) + "\n";
  }
  if (format == "csv") {
    std::string out = "measure,class,era,orders,n,k,record,lower90,upper90,simulated,sim_lower90,sim_upper90,pass\n";
    for (const auto& x : r.rows) {
      out += fmt::format("{},\"{}\",{},\"{}\",{},{},{:.6g},{:.6g},{:.6g},{:.6g},{:.6g},{:.6g},{}\n", x.measure, x.cls,
                         x.era, x.orders, x.n, x.k, x.record, x.lower, x.upper, x.simulated, x.sim_lower, x.sim_upper,
                         x.pass ? "pass" : "fail");
    }
    return out;
  }
  std::string out;
  out += fmt::format(
      "Calibration of the conflict process to the record ({} runs, seed {}; escalation floor {})\n"
      "  files: {} (world classes), {} (Asia-Pacific), {}\n",
      r.options.runs, r.options.seed, r.floor, r.escalation_source, r.escalation_asia_source, r.joining_source);
  out += "  record: share of the record's dyadic units that escalated (joined), Wilson 90% interval;\n";
  out += "  simulated: mean over the runs of the engine's own function on the same units (5-95% of runs)\n";
  out += fmt::format("  {:<10} {:<28} {:<9} {:>5} {:>4} {:>8} {:<17} {:>9} {:<17} {}\n", "measure", "class", "era",
                     "n", "k", "record", "90% interval", "simulated", "runs 5-95%", "");
  for (const auto& x : r.rows) {
    // a record share that rounds to 0 is printed as its bound (the interval's upper end), never 0
    const std::string record = x.record < 0.00005 ? fmt::format("< {:.4f}", x.upper) : fmt::format("{:.4f}", x.record);
    out += fmt::format("  {:<10} {:<28} {:<9} {:>5} {:>4} {:>8} [{:.4f}, {:.4f}] {:>9.4f} [{:.4f}, {:.4f}] {}\n",
                       x.measure, x.cls.substr(0, 28), x.era, x.n, x.k, record, x.lower, x.upper, x.simulated,
                       x.sim_lower, x.sim_upper, x.pass ? "pass" : "FAIL");
  }
  out += "  orders by era: ";
  std::set<std::string> seen;
  for (const auto& x : r.rows) {
    if (x.measure == "escalation" && seen.insert(x.era).second) out += fmt::format("{} {}; ", x.era, x.orders);
  }
  out += "(data/eras.toml)\n";
  return out;
}

}  // namespace concord::validate
