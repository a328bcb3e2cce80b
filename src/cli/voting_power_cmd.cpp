// `concord measure voting-power`: Shapley-Shubik, Banzhaf and Coleman's power to act.
#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "cli/commands.hpp"
#include "concord/bargain/input.hpp"
#include "concord/bargain/voting_power.hpp"
#include "concord/common/error.hpp"

namespace concord::cli {

namespace {

struct VotingPowerArgs {
  std::string file;
  double quota = 0.0;
  std::size_t min_members = 0;
  std::size_t blocking_minority = 0;
  std::string method = "auto";
  std::string format = "table";
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

void run_voting_power(const VotingPowerArgs& a) {
  using namespace concord::bargain;
  const VotingBody body = read_voting_body_csv(a.file);
  VotingPowerOptions opt;
  if (a.method == "enumeration") opt.method = VotingPowerMethod::enumeration;
  else if (a.method == "generating-function") opt.method = VotingPowerMethod::generating_function;
  const VotingGame game{a.quota, a.min_members, a.blocking_minority};
  try {
    for (const std::string& w : check_game(game, body.weight)) std::fprintf(stderr, "warning: %s\n", w.c_str());
  } catch (const std::invalid_argument& e) {
    throw InputError(Location{"--quota", 0, 0, ""}, e.what());
  }
  VotingPower p;
  try {
    p = voting_power(body.weight, game, opt);
  } catch (const std::invalid_argument& e) {
    throw InputError(Location{a.file, 0, 0, "weight"}, e.what());
  }
  const std::size_t n = body.member.size();
  if (a.format == "json") {
    nlohmann::json j;
    j["quota"] = a.quota;
    j["min_members"] = a.min_members;
    j["blocking_minority"] = a.blocking_minority;
    j["method"] = std::string(to_string(p.method));
    j["power_to_act"] = p.power_to_act;
    j["winning_coalitions"] = static_cast<double>(p.winning_coalitions);
    nlohmann::json rows = nlohmann::json::array();
    for (std::size_t i = 0; i < n; ++i) {
      rows.push_back({{"member", body.member[i]},
                      {"weight", body.weight[i]},
                      {"shapley_shubik", p.shapley_shubik[i]},
                      {"banzhaf_swings", static_cast<double>(p.banzhaf_swings[i])},
                      {"banzhaf_normalised", p.banzhaf_normalised[i]},
                      {"banzhaf_absolute", p.banzhaf_absolute[i]}});
    }
    j["members"] = rows;
    std::printf("%s\n", j.dump(2).c_str());
    return;
  }
  if (a.format == "csv") {
    std::printf("member,weight,shapley_shubik,banzhaf_swings,banzhaf_normalised,banzhaf_absolute\n");
    for (std::size_t i = 0; i < n; ++i) {
      std::printf("%s,%.17g,%.17g,%s,%.17g,%.17g\n", csv_field(body.member[i]).c_str(), body.weight[i], p.shapley_shubik[i],
                  fmt::format("{:.0f}", p.banzhaf_swings[i]).c_str(), p.banzhaf_normalised[i], p.banzhaf_absolute[i]);
    }
    return;
  }
  std::size_t width = 8;
  for (const auto& m : body.member) width = std::max(width, m.size());
  std::printf("weighted voting game, quota %g%s%s, %zu members (%s)\n\n", a.quota,
              a.min_members > 0 ? fmt::format(", at least {} members", a.min_members).c_str() : "",
              a.blocking_minority > 0 ? fmt::format(", blocking minority of at least {} members", a.blocking_minority).c_str()
                                      : "",
              n, std::string(to_string(p.method)).c_str());
  std::printf("%-*s %10s %14s %14s %12s %12s\n", static_cast<int>(width), "member", "weight", "shapley-shubik",
              "banzhaf swings", "banzhaf norm", "banzhaf abs");
  for (std::size_t i = 0; i < n; ++i) {
    std::printf("%-*s %10g %14.6f %14s %12.6f %12.6f\n", static_cast<int>(width), body.member[i].c_str(), body.weight[i],
                p.shapley_shubik[i], fmt::format("{:.0f}", p.banzhaf_swings[i]).c_str(), p.banzhaf_normalised[i],
                p.banzhaf_absolute[i]);
  }
  std::printf("\nwinning coalitions: %s of 2^%zu\n", fmt::format("{:.0f}", p.winning_coalitions).c_str(), n);
  std::printf("Coleman's power of the collectivity to act: %.6g\n", p.power_to_act);
}

}  // namespace

void register_voting_power_command(CLI::App& measure) {
  auto args = std::make_shared<VotingPowerArgs>();
  CLI::App* v = measure.add_subcommand(
      "voting-power", "Shapley-Shubik, Banzhaf (swings, normalised, absolute) and Coleman's power to act of a weighted vote");
  v->add_option("FILE", args->file, "CSV: member,weight")->required()->check(CLI::ExistingFile);
  v->add_option("--quota", args->quota, "weight a coalition needs to win")->required()->check(CLI::PositiveNumber);
  v->add_option("--min-members", args->min_members,
                "members a coalition needs beside the quota (count rule; with population weights and the 65% quota, "
                "15 of 27 is the EU Council's double majority)");
  v->add_option("--blocking-minority", args->blocking_minority,
                "members a blocking minority needs: a coalition with --min-members wins when fewer members oppose "
                "(TEU Art. 16(4): 4)");
  v->add_option("--method", args->method, "auto|enumeration|generating-function")
      ->check(CLI::IsMember({"auto", "enumeration", "generating-function"}))
      ->capture_default_str();
  v->add_option("--format", args->format, "table|csv|json")
      ->check(CLI::IsMember({"table", "csv", "json"}))
      ->capture_default_str();
  v->callback([args] { run_voting_power(*args); });
}

}  // namespace concord::cli
