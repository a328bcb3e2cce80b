#include "concord/ensemble/compare.hpp"

#include <fmt/format.h>
#include <tbb/enumerable_thread_specific.h>

#include "concord/common/error.hpp"
#include "concord/engine/build.hpp"
#include "concord/engine/hazards.hpp"
#include "concord/engine/params.hpp"
#include "concord/order/order.hpp"
#include "concord/order/order_loader.hpp"
#include "concord/scenario/load.hpp"

namespace concord::ensemble {

namespace {

// Quotes a command-line word for a POSIX shell when it needs it.
std::string shell_word(const std::string& w) {
  if (!w.empty() && w.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                        "0123456789-_./,:=+@") == std::string::npos) {
    return w;
  }
  std::string q = "'";
  for (char c : w) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

}  // namespace

std::unique_ptr<ComparePlan> prepare_compare(const CompareSettings& settings) {
  auto c = std::make_unique<ComparePlan>();
  c->settings = settings;
  const bool compare = settings.compare;
  const Scenario scenario = load_scenario(settings.scenario);
  c->scenario_name = scenario.meta.name;
  c->scenario_file = settings.scenario;
  c->years = settings.years > 0 ? settings.years : scenario.meta.horizon;
  std::vector<engine::ParamOverride> overrides;
  for (const auto& p : settings.params) overrides.push_back(engine::parse_param_assignment(p));
  const engine::Hazards hazards = engine::load_project_hazards(scenario.meta.region);
  c->hazards_source = hazards.source;

  std::vector<std::string> specs = settings.orders;
  if (!compare && specs.size() > 1) specs.resize(1);
  const char* option = compare ? "--orders" : "--order";
  if (specs.empty()) throw InputError(Location{option, 0, 0, ""}, "no order given");
  for (const auto& spec : specs) {
    if (!spec.empty() && spec[0] == '-') {
      throw InputError(Location{option, 0, 0, ""},
                       fmt::format("expected an order name or file, got the option '{}'", spec));
    }
  }
  for (const auto& spec : specs) {
    Order order = load_order_arg(spec);
    if (!compare) c->order_summary = describe(order);
    for (auto& line : engine::drop_missing_references(order, scenario)) {
      c->warnings.push_back(std::move(line));
    }
    std::string name = order.name.empty() ? spec : order.name;
    if (c->models.count(name) != 0) continue;
    c->models.emplace(name, engine::build_model(scenario, order, overrides, hazards));
    c->names.push_back(name);
  }
  const std::string hash = c->models.begin()->second.scenario_hash;
  c->params_json = engine::overrides_json(overrides);
  c->plan = crossed_plan(hash, c->names, {c->params_json}, settings.seed, settings.runs);

  if (settings.events == "all") {
    c->events.mids = c->events.crises = c->events.measures = c->events.wars = true;
  } else if (settings.events == "none") {
    c->events.wars = false;
  } else if (settings.events != "wars") {
    throw InputError(Location{"--events", 0, 0, ""},
                     "expected wars, all or none, got '" + settings.events + "'");
  }
  // survival curves need the great-power war events: keep them even with --events none
  c->events.wars = true;

  c->summary.proportions = {"gp_war", "gp_war_direct", "gp_war_joining"};  // with how it began
  c->summary.survival_event_kind = "great_power_war";
  if (compare && settings.baseline != "multiplex" && c->models.count(settings.baseline) == 0) {
    throw InputError(Location{"--baseline", 0, 0, ""},
                     "baseline order '" + settings.baseline +
                         "' is not among the orders compared; add it to --orders");
  }
  c->have_baseline = compare && c->models.count(settings.baseline) != 0 && c->names.size() > 1;
  if (c->have_baseline) {
    c->summary.baseline = settings.baseline;
    c->baseline = settings.baseline;
  }
  return c;
}

Simulate ComparePlan::simulate() const {
  auto workspaces = std::make_shared<tbb::enumerable_thread_specific<engine::Workspace>>();
  const auto* models_p = &models;
  const int horizon = years;
  const engine::EventOptions ev = events;
  return [workspaces, models_p, horizon, ev](const RunKey& key, RunRecord& out) {
    engine::Workspace& ws = workspaces->local();
    engine::simulate_run_into(models_p->at(key.order), horizon, ev, ws, out);
  };
}

nlohmann::json ComparePlan::description(const std::string& store) const {
  nlohmann::json j;
  j["scenario"] = settings.scenario;
  j["orders"] = names;
  j["runs"] = settings.runs;
  j["years"] = years;
  j["seed"] = settings.seed;
  j["params"] = nlohmann::json::parse(params_json);
  j["hazards"] = hazards_source;
  j["scenario_name"] = scenario_name;
  if (have_baseline) j["baseline"] = baseline;
  j["events"] = settings.events;
  // the equivalent command line (resumable with --resume while the ensemble is not complete)
  std::string cmd = fmt::format("concord {} {}", kind(), shell_word(settings.scenario));
  if (settings.compare) {
    std::string list;
    for (const auto& o : settings.orders) list += (list.empty() ? "" : ",") + o;
    cmd += " --orders " + shell_word(list);
    if (settings.baseline != "multiplex") cmd += " --baseline " + shell_word(settings.baseline);
  } else {
    cmd += " --order " + shell_word(settings.orders.front());
  }
  cmd += fmt::format(" --runs {} --years {} --seed {}", settings.runs, years, settings.seed);
  for (const auto& p : settings.params) cmd += " --param " + shell_word(p);
  if (settings.events != "wars") cmd += " --events " + settings.events;
  if (settings.yearly) cmd += " --yearly";
  if (!store.empty()) cmd += " --out " + shell_word(store);
  j["command"] = cmd;
  j["commit"] = build_commit();
  return j;
}

store::EnsembleInfo ComparePlan::info() const {
  return describe(plan, kind(), years, description().dump());
}

}  // namespace concord::ensemble
