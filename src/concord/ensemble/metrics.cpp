#include "concord/ensemble/metrics.hpp"

#include <limits>

namespace concord::ensemble {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
const Support kCount{0.0, kInf};
const Support kShare{0.0, 1.0};
const Support kReal{};

MetricInfo summary(std::string name, std::string unit, std::string definition, Support support,
                   IntervalKind interval, int digits, std::string heading, int priority, bool probability = false) {
  MetricInfo m;
  m.name = std::move(name);
  m.scope = "summary";
  m.unit = std::move(unit);
  m.definition = std::move(definition);
  m.support = support;
  m.interval = interval;
  m.probability = probability;
  m.digits = digits;
  m.heading = std::move(heading);
  m.priority = priority;
  return m;
}

MetricInfo yearly(std::string name, std::string unit, std::string definition, Support support) {
  MetricInfo m;
  m.name = std::move(name);
  m.scope = "yearly";
  m.unit = std::move(unit);
  m.definition = std::move(definition);
  m.support = support;
  return m;
}

std::vector<MetricInfo> make_dictionary() {
  using K = IntervalKind;
  std::vector<MetricInfo> d;
  // summaries, in the engine's order (engine/simulate.hpp summary_names())
  d.push_back(summary("gp_war", "0/1",
                      "1 if a war with a great power on each side began within the horizon (the great-power set "
                      "of the scenario's rule; of each year when it evolves), else 0. Over runs: P(GP war).",
                      kShare, K::wilson, 3, "P(GP war)", 1, true));
  d.push_back(summary("first_gp_war", "years",
                      "years from the start to the onset of the first great-power war (1 = the first simulated "
                      "year); missing (NULL) in a run without one, never the horizon. Over runs: among runs with "
                      "a great-power war; the Kaplan-Meier curve (statistic 'survival') uses every run.",
                      Support{1.0, kInf}, K::predictive, 1, "1st GP war", 10));
  d.push_back(summary("wars", "wars", "wars begun within the horizon among the scenario's states (onsets)", kCount,
                      K::predictive, 2, "wars", 0));
  d.push_back(summary("mids", "disputes",
                      "militarized interstate disputes begun within the horizon (flashpoint incidents and "
                      "background dyadic disputes)",
                      kCount, K::predictive, 1, "MIDs", 0));
  d.push_back(summary("crises", "crises", "crises opened within the horizon (disputes that reach crisis bargaining)",
                      kCount, K::predictive, 1, "crises", 0));
  d.push_back(summary("wars_per_decade", "wars per 10 years", "wars / (horizon / 10)", kCount, K::predictive, 1,
                      "wars/decade", 2));
  d.push_back(summary("mids_per_decade", "disputes per 10 years", "mids / (horizon / 10)", kCount, K::predictive,
                      0, "MIDs/decade", 3));
  d.push_back(summary("years_balanced_disparity", "years",
                      "years in balanced disparity (Acharya 2014): Ray-Singer CON at least disparity_con_min and "
                      "no coalition (a great power with its defense-pledge allies) holding half the capability",
                      kCount, K::predictive, 1, "yrs bal.disp.", 12));
  d.push_back(summary("con_final", "0..1", "Ray-Singer concentration of CINC shares among the scenario's states in "
                                           "the last simulated year",
                      kShare, K::predictive, 3, "CON end", 11));
  d.push_back(summary("gdp_growth", "1/yr",
                      "mean yearly growth of the region's GDP over the horizon, (Y_T / Y_0)^(1/T) - 1; moves with "
                      "war damage and with the trade channel (trade_income_effect, Frankel & Romer 1999)",
                      kReal, K::predictive, 4, "GDP growth", 8));
  d.push_back(summary("gp_trust_final", "0..1", "mean trust tau among great powers in the last simulated year",
                      kShare, K::predictive, 2, "GP trust", 7));
  d.push_back(summary("region_trust_final", "0..1", "mean trust tau over all dyads in the last simulated year",
                      kShare, K::predictive, 2, "trust", 0));
  d.push_back(summary("voice", "share",
                      "small-state voice: of the places small members (states that are not great powers) held "
                      "in adopted institutional outcomes, the share they supported: the member's ideal level is "
                      "at least the level adopted, or it voted for the tabled proposal. Missing when nothing was "
                      "adopted.",
                      kShare, K::predictive, 2, "voice", 4));
  d.push_back(summary("vetoes", "members", "members that blocked a proposal, summed over proposals and years",
                      kCount, K::predictive, 1, "vetoes", 0));
  d.push_back(summary("measures_adopted", "measures", "institutional measures adopted within the horizon", kCount,
                      K::predictive, 1, "measures", 0));
  d.push_back(summary("alliance_shifts", "pledges", "defense pledges formed or dropped within the horizon", kCount,
                      K::predictive, 1, "alliance shifts", 0));
  d.push_back(summary("overtakes", "events", "changes of rank in CINC between two great powers within the horizon",
                      kCount, K::predictive, 1, "overtakes", 0));
  d.push_back(summary("small_states_autonomous", "share",
                      "share of the small states that kept their autonomy to the horizon (spheres of influence "
                      "take it from a beaten small state)",
                      kShare, K::predictive, 2, "autonomous", 0));
  d.push_back(summary("battle_deaths", "persons", "battle deaths in all wars over the horizon, all participants",
                      kCount, K::predictive, 0, "battle deaths", 9));
  d.push_back(summary("small_power_banzhaf", "share",
                      "a-priori power of the small members: their summed normalised Banzhaf index under the "
                      "order's decision rule in each institution that tables proposals, averaged over those "
                      "institutions (bargain/rule_power.hpp); the same in every run",
                      kShare, K::none, 2, "Banzhaf", 5));
  d.push_back(summary("small_power_shapley", "share",
                      "as small_power_banzhaf with the Shapley-Shubik index", kShare, K::none, 2, "Shapley", 0));
  d.push_back(summary("gp_war_direct", "0/1",
                      "1 if the run's first great-power war began directly, in a crisis between two great powers "
                      "(docs/model.md, escalation), else 0; gp_war_direct + gp_war_joining = gp_war",
                      kShare, K::wilson, 3, "GP war direct", 0, true));
  d.push_back(summary("gp_war_joining", "0/1",
                      "1 if the run's first great-power war began when a great power joined a war already going "
                      "on (docs/model.md, joining), else 0",
                      kShare, K::wilson, 3, "GP war joining", 0, true));
  // yearly metrics (engine/simulate.hpp yearly_metric_names()), stored with --yearly
  d.push_back(yearly("mids", "disputes", "MIDs begun in the year", kCount));
  d.push_back(yearly("crises", "crises", "crises opened in the year", kCount));
  d.push_back(yearly("wars", "wars", "wars begun in the year", kCount));
  d.push_back(yearly("gp_wars", "wars", "great-power wars begun in the year", kCount));
  d.push_back(yearly("con", "0..1", "Ray-Singer concentration of CINC shares", kShare));
  d.push_back(yearly("poles", "poles", "effective number of poles, 1 / sum of squared shares", kCount));
  d.push_back(yearly("largest_coalition", "share",
                     "capability share of the largest coalition (a great power with its defense-pledge allies)",
                     kShare));
  d.push_back(yearly("balanced_disparity", "0/1", "1 if the region is in balanced disparity that year", kShare));
  d.push_back(yearly("overtakes", "events", "great-power rank changes in the year", kCount));
  d.push_back(yearly("alliance_shifts", "pledges", "defense pledges formed or dropped in the year", kCount));
  d.push_back(yearly("gdp_total", "millions of 2011 int. $ (PPP)", "the region's GDP", kCount));
  d.push_back(yearly("gdp_growth", "1/yr", "growth of the region's GDP over the year before", kReal));
  d.push_back(yearly("gp_trust", "0..1", "mean trust among great powers", kShare));
  d.push_back(yearly("region_trust", "0..1", "mean trust over all dyads", kShare));
  d.push_back(yearly("satisfaction", "-1..1", "mean satisfaction (S to the leading power's alliance portfolio)",
                     Support{-1.0, 1.0}));
  d.push_back(yearly("burden", "share of GDP", "mean defense burden M / Y", kShare));
  d.push_back(yearly("voice_supported", "places",
                     "small members' places in adopted outcomes that they supported (numerator of voice)", kCount));
  d.push_back(yearly("voice_total", "places", "small members' places in adopted outcomes (denominator of voice)",
                     kCount));
  d.push_back(yearly("vetoes", "members", "members that blocked a proposal in the year", kCount));
  d.push_back(yearly("measures_adopted", "measures", "measures adopted in the year", kCount));
  d.push_back(yearly("autonomy_lost", "states", "small states that lost their autonomy in the year", kCount));
  d.push_back(yearly("arms_control", "0..1", "region-wide arms-control level in force", kShare));
  d.push_back(yearly("battle_deaths", "persons", "battle deaths in the year, every war going on", kCount));
  return d;
}

}  // namespace

std::string_view describe(IntervalKind kind) noexcept {
  switch (kind) {
    case IntervalKind::wilson: return "Wilson 95% (Monte Carlo)";
    case IntervalKind::predictive: return "95% of runs (predictive)";
    case IntervalKind::none: return "none (same in every run)";
  }
  return "";
}

const std::vector<MetricInfo>& engine_metric_dictionary() {
  static const std::vector<MetricInfo> d = make_dictionary();
  return d;
}

const MetricInfo* find_metric(std::string_view name, std::string_view scope) {
  for (const auto& m : engine_metric_dictionary()) {
    if (m.name == name && m.scope == scope) return &m;
  }
  return nullptr;
}

std::string dictionary_markdown() {
  std::string out = "| metric | stored in | unit | interval in reports | definition |\n| --- | --- | --- | --- | --- |\n";
  for (const auto& m : engine_metric_dictionary()) {
    const std::string table = m.scope == "summary" ? "summaries" : "yearly (--yearly)";
    const std::string interval = m.scope == "summary" ? std::string(describe(m.interval)) : std::string("-");
    out += "| `" + m.name + "` | " + table + " | " + m.unit + " | " + interval + " | " + m.definition + " |\n";
  }
  return out;
}

std::map<std::string, Support> engine_summary_supports() {
  std::map<std::string, Support> s;
  for (const auto& m : engine_metric_dictionary()) {
    if (m.scope != "summary") continue;
    if (m.support.lower == -kInf && m.support.upper == kInf) continue;
    s[m.name] = m.support;
  }
  return s;
}

}  // namespace concord::ensemble
