// `concord bargain` (collective-decision models over actors) and `concord decide` (an
// institution's decision rule applied to one proposal).
#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "concord/bargain/bdm.hpp"
#include "concord/bargain/decision.hpp"
#include "concord/bargain/game.hpp"
#include "concord/bargain/input.hpp"
#include "concord/bargain/spatial.hpp"
#include "concord/common/error.hpp"

namespace concord::cli {

namespace {

using namespace concord::bargain;

struct BargainArgs {
  std::string file;
  std::string model = "compromise";
  int rounds = 10;
  std::string format = "table";
  std::string input = "auto";
  std::string loss = "quadratic";
  double q = 1.0;
  double salience_scale = 1.0;
};

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

void print_point_model(const BargainScenario& sc, const std::string& model, const std::vector<double>& outcome,
                       const std::string& format) {
  if (format == "json") {
    nlohmann::json j;
    j["model"] = model;
    j["actors"] = sc.actor;
    j["issues"] = sc.issues;
    j["outcome"] = outcome;
    std::printf("%s\n", j.dump(2).c_str());
  } else if (format == "csv") {
    std::printf("model,issue,outcome\n");
    for (std::size_t d = 0; d < outcome.size(); ++d) std::printf("%s,%zu,%.17g\n", model.c_str(), d + 1, outcome[d]);
  } else {
    std::printf("%s outcome, %zu actors\n", model.c_str(), sc.actor.size());
    for (std::size_t d = 0; d < outcome.size(); ++d) std::printf("issue %zu: %.6f\n", d + 1, outcome[d]);
  }
}

// "settled at round r", "cycle of period k from round r", or "neither settled nor cycled within N rounds".
std::string behaviour(const BdmIssueTrace& tr) {
  if (tr.settled) return fmt::format("settled at round {}", tr.settled_round);
  if (tr.cycle_period >= 2) return fmt::format("cycle of period {} from round {}", tr.cycle_period, tr.cycle_start);
  return fmt::format("neither settled nor cycled within {} rounds (the outcome is the last round's mean; try more "
                     "--rounds)",
                     tr.rounds);
}

void print_bdm(const BargainScenario& sc, const BdmOptions& opt, const std::vector<BdmIssueTrace>& traces,
               const std::string& format) {
  const std::size_t n = sc.actor.size();
  const std::string model(to_string(opt.variant));
  if (format == "json") {
    nlohmann::json j;
    j["model"] = model;
    j["actors"] = sc.actor;
    j["issues"] = nlohmann::json::array();
    for (const auto& tr : traces) {
      nlohmann::json issue;
      issue["rounds"] = tr.rounds;
      issue["settled"] = tr.settled;
      issue["mean"] = tr.mean;
      issue["median"] = tr.median;
      // In a cycle the median is taken at the cycle's first round, so that it does not depend on
      // where --rounds cuts the cycle either.
      const double median = tr.cycle_period >= 2 ? tr.median[static_cast<std::size_t>(tr.cycle_start)] : tr.median.back();
      issue["outcome"] = {{"mean", tr.outcome}, {"median", median}};
      issue["behaviour"] = behaviour(tr);
      if (tr.settled) issue["settled_round"] = tr.settled_round;
      if (tr.cycle_period >= 2) {
        nlohmann::json cycle;
        cycle["period"] = tr.cycle_period;
        cycle["from_round"] = tr.cycle_start;
        nlohmann::json rows = nlohmann::json::array();
        for (int t = tr.cycle_start; t < tr.cycle_start + tr.cycle_period; ++t) {
          const auto row = tr.positions_after(t);
          rows.push_back(std::vector<double>(row.begin(), row.end()));
        }
        cycle["positions"] = rows;
        cycle["mean"] = tr.outcome;
        issue["cycle"] = cycle;
      }
      nlohmann::json positions = nlohmann::json::array();
      for (int t = 0; t <= tr.rounds; ++t) {
        const auto row = tr.positions_after(t);
        positions.push_back(std::vector<double>(row.begin(), row.end()));
      }
      issue["positions"] = positions;
      nlohmann::json risk = nlohmann::json::array();
      for (int t = 0; t < tr.rounds; ++t) {
        const auto* r = tr.risk.data() + static_cast<std::size_t>(t) * n;
        risk.push_back(std::vector<double>(r, r + n));
      }
      issue["risk"] = risk;
      j["issues"].push_back(issue);
    }
    std::printf("%s\n", j.dump(2).c_str());
    return;
  }
  if (format == "csv") {
    std::printf("issue,round,actor,position,risk\n");
    for (std::size_t d = 0; d < traces.size(); ++d) {
      const auto& tr = traces[d];
      for (int t = 0; t <= tr.rounds; ++t) {
        const auto row = tr.positions_after(t);
        for (std::size_t i = 0; i < n; ++i) {
          std::string risk;
          if (t > 0) risk = fmt::format("{:.17g}", tr.risk[static_cast<std::size_t>(t - 1) * n + i]);
          std::printf("%zu,%d,%s,%.17g,%s\n", d + 1, t, csv_field(sc.actor[i]).c_str(), row[i], risk.c_str());
        }
      }
    }
    return;
  }
  std::size_t width = 8;
  for (const auto& a : sc.actor) width = std::max(width, a.size());
  for (std::size_t d = 0; d < traces.size(); ++d) {
    const auto& tr = traces[d];
    std::printf("issue %zu: %s, %d round%s, %s\n", d + 1, model.c_str(), tr.rounds, tr.rounds == 1 ? "" : "s",
                behaviour(tr).c_str());
    std::printf("%-*s", static_cast<int>(width), "round");
    for (int t = 0; t <= tr.rounds; ++t) std::printf(" %9d", t);
    std::printf("\n");
    for (std::size_t i = 0; i < n; ++i) {
      std::printf("%-*s", static_cast<int>(width), sc.actor[i].c_str());
      for (int t = 0; t <= tr.rounds; ++t) std::printf(" %9.4f", tr.positions_after(t)[i]);
      std::printf("\n");
    }
    std::printf("%-*s", static_cast<int>(width), "mean");
    for (double m : tr.mean) std::printf(" %9.4f", m);
    std::printf("\n%-*s", static_cast<int>(width), "median");
    for (double m : tr.median) std::printf(" %9.4f", m);
    std::printf("\n\nrisk exponent r_i used in each round\n%-*s", static_cast<int>(width), "round");
    for (int t = 1; t <= tr.rounds; ++t) std::printf(" %9d", t);
    std::printf("\n");
    for (std::size_t i = 0; i < n; ++i) {
      std::printf("%-*s", static_cast<int>(width), sc.actor[i].c_str());
      for (int t = 0; t < tr.rounds; ++t) std::printf(" %9.4f", tr.risk[static_cast<std::size_t>(t) * n + i]);
      std::printf("\n");
    }
    if (tr.cycle_period >= 2) {
      std::printf("\ncycle of period %d from round %d: positions over the cycle\n", tr.cycle_period, tr.cycle_start);
      for (std::size_t i = 0; i < n; ++i) {
        std::printf("%-*s", static_cast<int>(width), sc.actor[i].c_str());
        for (int t = tr.cycle_start; t < tr.cycle_start + tr.cycle_period; ++t) std::printf(" %9.4f", tr.positions_after(t)[i]);
        std::printf("\n");
      }
      std::printf("\npredicted outcome: %.6f (mean of the weighted means over the cycle's %d rounds); weighted median "
                  "at the cycle's first round %.6f\n\n",
                  tr.outcome, tr.cycle_period, tr.median[static_cast<std::size_t>(tr.cycle_start)]);
    } else {
      std::printf("\npredicted outcome: %.6f (weighted mean after the %s round); weighted median %.6f\n\n", tr.outcome,
                  tr.settled ? "settling" : "last", tr.median.back());
    }
  }
}

void run_bargain(const BargainArgs& a) {
  BargainFormat fmt_in = BargainFormat::automatic;
  if (a.input == "concord") fmt_in = BargainFormat::concord;
  else if (a.input == "ktab") fmt_in = BargainFormat::ktab;
  const BargainScenario sc = read_bargain_csv(a.file, fmt_in, a.salience_scale);
  for (const std::string& w : sc.warnings) std::fprintf(stderr, "warning: %s\n", w.c_str());
  const ActorsView view = sc.view();
  std::vector<double> outcome(sc.issues);
  if (a.model == "compromise") {
    compromise(view, outcome);
  } else if (a.model == "median") {
    std::vector<std::size_t> scratch(sc.actor.size());
    weighted_median(view, outcome, scratch);
  } else if (a.model == "nash") {
    NashOptions opt;
    opt.loss = a.loss == "linear" ? Loss::linear : Loss::quadratic;
    nash_bargaining(view, {}, opt, outcome);
  } else {
    BdmOptions opt;
    opt.variant = a.model == "bdm-scholz-figure" ? BdmVariant::scholz_figure : BdmVariant::scholz_paper;
    opt.max_rounds = a.rounds;
    opt.q = a.q;
    print_bdm(sc, opt, run_bdm(view, opt), a.format);
    return;
  }
  print_point_model(sc, a.model, outcome, a.format);
}

struct DecideArgs {
  std::string file;
  std::string rule;
  double proposal = 1.0;
  double status_quo = 0.0;
  double veto_threshold = 0.5;
  double quota = 0.0;
  std::size_t min_members = 0;
  std::size_t blocking_minority = 0;
  std::string hegemon;
  std::vector<std::string> directorate;
  std::string format = "table";
};

void run_decide(const DecideArgs& a) {
  DecisionBody body = read_decision_csv(a.file);
  DecisionOptions opt;
  if (!parse_decision_rule(a.rule, opt.rule)) {
    throw InputError(Location{"--rule", 0, 0, "rule"}, fmt::format("unknown decision rule '{}'", a.rule));
  }
  opt.veto_threshold = a.veto_threshold;
  opt.quota = a.quota;
  const std::size_t n = body.member.size();
  auto index_of = [&](const std::string& name, const char* option) {
    const auto it = std::find(body.member.begin(), body.member.end(), name);
    if (it == body.member.end()) {
      throw InputError(Location{a.file, 0, 0, "member"}, fmt::format("{} names '{}', who is not a member", option, name));
    }
    return static_cast<std::size_t>(it - body.member.begin());
  };
  if (opt.rule == DecisionRule::hegemon) {
    if (a.hegemon.empty()) throw InputError(Location{"--hegemon", 0, 0, ""}, "the hegemon rule needs --hegemon NAME");
    opt.hegemon = static_cast<std::int32_t>(index_of(a.hegemon, "--hegemon"));
  }
  for (const auto& name : a.directorate) body.directorate[index_of(name, "--directorate")] = 1;
  if (opt.rule == DecisionRule::directorate &&
      std::find(body.directorate.begin(), body.directorate.end(), std::uint8_t{1}) == body.directorate.end()) {
    throw InputError(Location{a.file, 0, 0, "directorate"},
                     "the directorate rule needs members flagged in a 'directorate' column or named by --directorate");
  }
  if (opt.rule == DecisionRule::qualified_majority && !(a.quota > 0.0)) {
    throw InputError(Location{"--quota", 0, 0, ""}, "the qmv rule needs --quota > 0 (weight of the supporters needed)");
  }
  opt.min_members = a.min_members;
  opt.blocking_min_members = a.blocking_minority;
  if (opt.rule == DecisionRule::qualified_majority) {
    try {
      for (const std::string& w : check_game(VotingGame{a.quota, a.min_members, a.blocking_minority}, body.weight)) {
        std::fprintf(stderr, "warning: %s\n", w.c_str());
      }
    } catch (const std::invalid_argument& e) {
      throw InputError(Location{"--quota", 0, 0, ""}, e.what());
    }
  }
  if (a.proposal == a.status_quo) {
    throw InputError(Location{"--proposal", 0, 0, ""}, "the proposal must differ from the status quo");
  }
  std::vector<std::uint8_t> blocked(n, 0);
  const MembersView members{body.position, body.salience, body.weight, body.directorate};
  const Decision d = decide(opt, a.status_quo, a.proposal, members, blocked);
  std::vector<std::string> blockers;
  for (std::size_t i = 0; i < n; ++i) {
    if (blocked[i] != 0) blockers.push_back(body.member[i]);
  }
  if (a.format == "json") {
    nlohmann::json j;
    j["rule"] = std::string(to_string(opt.rule));
    j["status_quo"] = a.status_quo;
    j["proposal"] = a.proposal;
    j["passes"] = d.passes;
    j["level"] = d.level;
    j["blockers"] = blockers;
    nlohmann::json rows = nlohmann::json::array();
    for (std::size_t i = 0; i < n; ++i) {
      const double share = accepted_share(body.position[i], a.status_quo, a.proposal);
      rows.push_back({{"member", body.member[i]}, {"accepted_share", share}, {"veto_score", body.salience[i] * (1.0 - share)},
                      {"supports", share >= 0.5}, {"blocked", blocked[i] != 0}});
    }
    j["members"] = rows;
    std::printf("%s\n", j.dump(2).c_str());
    return;
  }
  if (a.format == "csv") {
    std::printf("member,position,salience,weight,accepted_share,veto_score,supports,blocked\n");
    for (std::size_t i = 0; i < n; ++i) {
      const double share = accepted_share(body.position[i], a.status_quo, a.proposal);
      std::printf("%s,%.17g,%.17g,%.17g,%.17g,%.17g,%d,%d\n", csv_field(body.member[i]).c_str(), body.position[i],
                  body.salience[i], body.weight[i], share, body.salience[i] * (1.0 - share), share >= 0.5 ? 1 : 0,
                  blocked[i]);
    }
    return;
  }
  std::printf("rule %s: proposal %g (status quo %g)\n", std::string(to_string(opt.rule)).c_str(), a.proposal, a.status_quo);
  std::printf("%s at level %.6f\n", d.passes ? "passes" : "fails", d.level);
  std::string list;
  for (const auto& b : blockers) list += (list.empty() ? "" : ", ") + b;
  std::printf("blocked by: %s\n", blockers.empty() ? "nobody" : list.c_str());
  std::size_t width = 8;
  for (const auto& m : body.member) width = std::max(width, m.size());
  std::printf("\n%-*s %9s %9s %9s %9s %9s %8s\n", static_cast<int>(width), "member", "position", "salience", "weight",
              "share", "veto", "supports");
  for (std::size_t i = 0; i < n; ++i) {
    const double share = accepted_share(body.position[i], a.status_quo, a.proposal);
    std::printf("%-*s %9.4f %9.4f %9.4f %9.4f %9.4f %8s%s\n", static_cast<int>(width), body.member[i].c_str(), body.position[i],
                body.salience[i], body.weight[i], share, body.salience[i] * (1.0 - share), share >= 0.5 ? "yes" : "no",
                blocked[i] != 0 ? "  blocked" : "");
  }
  std::printf(
      "\nshare: part of the move from the status quo q = %g to the proposal L = %g that the member accepts,\n"
      "  clamp((position - q) / (L - q), 0, 1): 1 = all of it, 0 = none (with q = 0 and L = 1 it is the position\n"
      "  clamped to [0, 1]). veto: salience x (1 - share), the member objects above --veto-threshold\n"
      "  (minority-veto, consensus-minus-one). supports: share >= 0.5 (qmv counts these weights).\n",
      a.status_quo, a.proposal);
}

}  // namespace

void register_bargain_commands(CLI::App& app) {
  auto bargain_args = std::make_shared<BargainArgs>();
  CLI::App* b = app.add_subcommand(
      "bargain",
      "Predict a collective decision: compromise, weighted median, Nash bargaining, or Bueno de Mesquita's "
      "expected-utility model (Scholz, Calbert & Smith 2011)");
  b->add_option("FILE", bargain_args->file,
                "CSV: actor,capability,position,salience (one issue) or actor,capability,position_1..position_k,"
                "salience_1..salience_k; KTAB SMP files are detected")
      ->required()
      ->check(CLI::ExistingFile);
  b->add_option("--model", bargain_args->model, "compromise|median|nash|bdm|bdm-scholz-figure")
      ->check(CLI::IsMember({"compromise", "median", "nash", "bdm", "bdm-scholz-figure"}))
      ->capture_default_str();
  b->add_option("--rounds", bargain_args->rounds, "bdm: rounds to run at most (stops earlier when positions settle)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  b->add_option("--q", bargain_args->q, "bdm: Q, probability the status quo persists absent a challenge (paper: 1)")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  b->add_option("--loss", bargain_args->loss, "nash: actors' loss, linear|quadratic")
      ->check(CLI::IsMember({"linear", "quadratic"}))
      ->capture_default_str();
  b->add_option("--input", bargain_args->input, "input layout: auto|concord|ktab")
      ->check(CLI::IsMember({"auto", "concord", "ktab"}))
      ->capture_default_str();
  b->add_option("--salience-scale", bargain_args->salience_scale,
                "Scale of the salience column (concord layout): 1 for [0, 1], 100 for [0, 100] (divided by 100); "
                "KTAB files are always 0..100")
      ->check(CLI::IsMember({1.0, 100.0}))
      ->capture_default_str();
  b->add_option("--format", bargain_args->format, "table|csv|json")
      ->check(CLI::IsMember({"table", "csv", "json"}))
      ->capture_default_str();
  b->callback([bargain_args] { run_bargain(*bargain_args); });

  auto decide_args = std::make_shared<DecideArgs>();
  CLI::App* d = app.add_subcommand(
      "decide", "Apply an institution's decision rule to one proposal: passes or not, level adopted, who blocked");
  d->add_option("FILE", decide_args->file,
                "CSV: member,position,salience[,weight][,directorate] (position = the member's ideal level)")
      ->required()
      ->check(CLI::ExistingFile);
  d->add_option("--rule", decide_args->rule, "unanimity|minority-veto|consensus-minus-one|qmv|directorate|hegemon")
      ->required()
      ->check(CLI::IsMember({"unanimity", "minority-veto", "consensus-minus-one", "qmv", "qualified-majority",
                             "directorate", "hegemon"}));
  d->add_option("--proposal", decide_args->proposal, "level tabled, on the members' issue scale")->capture_default_str();
  d->add_option("--status-quo", decide_args->status_quo, "level in force if nothing is adopted")->capture_default_str();
  d->add_option("--veto-threshold", decide_args->veto_threshold,
                "minority-veto, consensus-minus-one: a member objects if salience x opposition exceeds this")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  d->add_option("--quota", decide_args->quota, "qmv: weight of supporters needed");
  d->add_option("--min-members", decide_args->min_members,
                "qmv: supporters needed in number beside the quota (count rule, e.g. 15 in the EU Council)");
  d->add_option("--blocking-minority", decide_args->blocking_minority,
                "qmv: members a blocking minority needs (TEU Art. 16(4): 4); with fewer opponents it passes");
  d->add_option("--hegemon", decide_args->hegemon, "hegemon: the member who decides");
  d->add_option("--directorate", decide_args->directorate, "directorate: members of the directorate (adds to the CSV column)")
      ->delimiter(',');
  d->add_option("--format", decide_args->format, "table|csv|json")
      ->check(CLI::IsMember({"table", "csv", "json"}))
      ->capture_default_str();
  d->callback([decide_args] { run_decide(*decide_args); });
}

}  // namespace concord::cli
