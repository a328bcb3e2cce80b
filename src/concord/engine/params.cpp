#include "concord/engine/params.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>

#include "concord/engine/wars.hpp"

namespace concord::engine {

namespace {

constexpr std::string_view kAssumption = "modelling assumption";

// name, default, unit, source, lower, upper, phase
constexpr std::array<ParamSpec, kParamCount> kSpecs{{
    {Param::growth_lead, "growth_lead", 0.015, "1/yr",
     "modelling assumption (per-capita growth of the frontier economy, order of the post-1990 US rate)",
     -0.05, 0.10, "economy"},
    {Param::convergence_beta, "convergence_beta", 0.02, "1/yr",
     "Barro & Sala-i-Martin (1992): conditional convergence about 2% a year (MODEL.md 2.1)", 0.0, 0.2,
     "economy"},
    {Param::growth_sigma, "growth_sigma", 0.015, "1/yr", "modelling assumption (yearly growth shock s.d.)",
     0.0, 0.2, "economy"},
    {Param::population_growth, "population_growth", 0.007, "1/yr",
     "modelling assumption (region-wide population growth, used when the scenario gives no path)", -0.05,
     0.05, "economy"},
    {Param::war_gdp_loss, "war_gdp_loss", 0.05, "share of GDP per war-year at full intensity",
     std::string_view(kAssumption), 0.0, 1.0, "war"},
    {Param::war_trade_loss, "war_trade_loss", 0.5, "share of the belligerents' dyadic trade lost",
     std::string_view(kAssumption), 0.0, 1.0, "war"},
    {Param::trade_growth_elasticity, "trade_growth_elasticity", 1.0, "1",
     "gravity model: trade proportional to the product of GDPs, so each GDP enters with elasticity 1 "
     "(split 1/2 + 1/2 on the geometric mean)",
     0.0, 3.0, "economy"},
    {Param::trade_income_effect, "trade_income_effect", 1.97, "log income per unit of trade/GDP",
     "Frankel & Romer (1999), AER 89(3), Table 3 col. (2): IV estimate 1.97 (s.e. 0.99) of ln income per "
     "person on the trade share (exports + imports)/GDP; applied to the exogenous part of a state's trade "
     "share (integration and war losses), bounds ~ estimate +- 2 s.e.",
     0.0, 4.0, "economy"},
    {Param::richardson_reaction, "richardson_reaction", 0.10, "1/yr",
     "modelling assumption (Richardson 1960's k, l: reaction of the defense burden to the perceived threat)",
     0.0, 2.0, "military effort"},
    {Param::richardson_fatigue, "richardson_fatigue", 0.25, "1/yr",
     "modelling assumption (Richardson 1960's a, b: relaxation of the burden toward its baseline)", 0.0, 1.0,
     "military effort"},
    {Param::arms_cap_burden, "arms_cap_burden", 0.02, "share of GDP",
     "modelling assumption (the ceiling an adopted arms-restraint cap sets on the defense burden)", 0.0, 0.5,
     "military effort"},
    {Param::lsg_half_distance_km, "lsg_half_distance_km", 5000.0, "km",
     "modelling assumption (loss-of-strength gradient, Boulding 1962: capability halves at this distance)",
     1.0, 1e5, "military effort, crisis bargaining"},
    {Param::disparity_con_min, "disparity_con_min", 0.2, "CON",
     "modelling assumption (capabilities count as unequal above this Ray-Singer concentration)", 0.0, 1.0,
     "power structure"},
    {Param::alignment_rate, "alignment_rate", 0.2, "1/yr",
     "modelling assumption (share of the gap to the target alignment closed each year)", 0.0, 1.0,
     "alignment"},
    {Param::hedge_level, "hedge_level", 1.5, "ATOP level 0..3",
     "modelling assumption (a hedger's tie to every great power: between non-aggression and consultation)",
     0.0, 3.0, "alignment"},
    {Param::alliance_reliability, "alliance_reliability", 0.75, "probability",
     "Leeds, Long & Mitchell (2000): alliance commitments honoured in about three cases of four", 0.0, 1.0,
     "war, crisis bargaining"},
    {Param::hazard_trust, "hazard_trust", 1.0, "log-hazard per unit of trust",
     "modelling assumption (trust is not in the fitted logit; enters relative to its start value)", 0.0,
     10.0, "incidents"},
    {Param::hazard_cbm, "hazard_cbm", 0.5, "log-hazard per unit of CBM level",
     "modelling assumption (confidence-building measures are not in the fitted logit)", 0.0, 10.0,
     "incidents"},
    {Param::hazard_code_of_conduct, "hazard_code_of_conduct", 0.5, "log-hazard per unit of code level",
     std::string_view(kAssumption), 0.0, 10.0, "incidents"},
    {Param::hazard_dissatisfaction, "hazard_dissatisfaction", 0.5, "log-hazard per unit of dissatisfaction",
     "modelling assumption (power transition theory: dissatisfaction raises conflict; Organski & Kugler "
     "1980)",
     0.0, 10.0, "incidents"},
    {Param::background_mids, "background_mids", 1.0, "switch 0/1",
     "modelling assumption (1: every dyad draws MIDs from the fitted dyad-year logit; 0: only the dyads of a "
     "flashpoint, parties or stakeholders with a recorded onset against a party)",
     0.0, 1.0, "incidents"},
    {Param::war_cost, "war_cost", 0.10, "share of the prize",
     "modelling assumption (Fearon 1995's c_A, c_D: direct cost of war)", 0.0, 2.0, "crisis bargaining"},
    {Param::restraint_cost, "restraint_cost", 0.20, "share of the prize at restraint 1",
     "modelling assumption (normative cost of force that elite restraint attaches)", 0.0, 5.0,
     "crisis bargaining"},
    {Param::institution_cost, "institution_cost", 0.10, "share of the prize at capacity 1",
     "modelling assumption (normative cost of force from a shared institution with a mandate)", 0.0, 5.0,
     "crisis bargaining"},
    {Param::interdependence_cost, "interdependence_cost", 2.0, "share of the prize per unit of trade/GDP",
     "modelling assumption (opportunity cost of lost trade; multiplied by the order's interdependence "
     "weight)",
     0.0, 100.0, "crisis bargaining"},
    {Param::sigma_info, "sigma_info", 0.15, "probability units",
     "used only when data/hazards.toml has no [war_given_mid]; otherwise solved so that P_info at the start "
     "equals the fitted escalation rate",
     0.0, 5.0, "crisis bargaining"},
    {Param::sigma_commit, "sigma_commit", 0.05, "probability units",
     "modelling assumption (smooths Powell's condition; 0 gives the sharp condition)", 0.0, 5.0,
     "crisis bargaining"},
    {Param::discount, "discount", 0.95, "1/yr", "modelling assumption (Powell 2006's delta)", 0.0, 1.0,
     "crisis bargaining"},
    {Param::mediation_info_reduction, "mediation_info_reduction", 0.5, "share of sigma_info at capacity 1",
     "modelling assumption (mediation reveals private information)", 0.0, 1.0, "crisis bargaining"},
    {Param::transparency_info_reduction, "transparency_info_reduction", 0.3,
     "share of sigma_info at CBM level 1", std::string_view(kAssumption), 0.0, 1.0, "crisis bargaining"},
    {Param::status_quo_adjust, "status_quo_adjust", 0.2, "share",
     "modelling assumption (how far a settled crisis moves the status quo toward the Nash point)", 0.0, 1.0,
     "crisis bargaining"},
    {Param::backing_share, "backing_share", 0.5, "share",
     "modelling assumption (share of a backing hegemon's or directorate's capability added to a side)", 0.0,
     1.0, "crisis bargaining"},
    {Param::war_status_quo_shift, "war_status_quo_shift", 0.5, "share",
     "modelling assumption (how far a war moves the status quo toward the winner)", 0.0, 1.0, "war"},
    {Param::joiner_intensity, "joiner_intensity", 0.5, "share of full intensity",
     std::string_view(kAssumption), 0.0, 1.0, "war"},
    {Param::capacity_growth, "capacity_growth", 0.05, "1/yr",
     "modelling assumption (capacity gained in a year an institution adopts a measure)", 0.0, 1.0,
     "institutions"},
    {Param::capacity_decay, "capacity_decay", 0.02, "1/yr",
     "modelling assumption (capacity lost in a year without adoption)", 0.0, 1.0, "institutions"},
    {Param::veto_threshold, "veto_threshold", 0.7, "opposition 0..1",
     "modelling assumption (under minority veto a member whose opposition 1 - ideal exceeds this blocks)",
     0.0, 1.0, "institutions"},
    {Param::compliance_base, "compliance_base", 0.5, "share",
     "modelling assumption (compliance with an adopted measure without interdependence)", 0.0, 1.0,
     "institutions"},
    {Param::compliance_interdependence, "compliance_interdependence", 5.0, "share per unit of trade/GDP",
     "modelling assumption (Acharya 2014: the cost of non-cooperation grows with interdependence)", 0.0,
     100.0, "institutions"},
    {Param::measure_decay, "measure_decay", 0.05, "1/yr",
     "modelling assumption (measures not renewed lose force)", 0.0, 1.0, "institutions"},
    {Param::stakeholder_salience, "stakeholder_salience", 0.6, "0..1",
     "modelling assumption (salience of a flashpoint's outside stakeholder; parties have 1)", 0.0, 1.0,
     "institutions"},
    {Param::trust_relax, "trust_relax", 0.1, "1/yr",
     "modelling assumption (trust relaxes toward the scenario's baseline)", 0.0, 1.0, "trust"},
    {Param::trust_cooperation, "trust_cooperation", 0.04, "share of the gap to full trust closed in a year of shared adoption",
     std::string_view(kAssumption), 0.0, 1.0, "trust"},
    {Param::trust_incident, "trust_incident", 0.05, "per incident", std::string_view(kAssumption), 0.0,
     1.0, "trust"},
    {Param::trust_war, "trust_war", 0.4, "per war", std::string_view(kAssumption), 0.0, 1.0, "trust"},
    {Param::trust_reassurance, "trust_reassurance", 0.02, "share of the gap to full trust closed per year at level 1",
     "modelling assumption (Evans 2015: reassurance, trust and empathy building)", 0.0, 1.0, "trust"},
    {Param::war_termination, "war_termination", 0.463, "probability per war-year",
     "COW inter-state wars 4.0, geometric MLE of duration (data/wars.toml [duration], `concord validate wars`); "
     "this fallback applies only without the file",
     0.0, 1.0, "war"},
    {Param::war_termination_gp, "war_termination_gp", 0.463, "probability per war-year",
     "as war_termination, for wars with a great power on each side ([duration.great_power] when the "
     "likelihood-ratio test separates them at 5%, else [duration])",
     0.0, 1.0, "war"},
    {Param::battle_deaths_intercept, "battle_deaths_intercept", 3.80,
     "ln(deaths per participant-year) at ln(military personnel, persons) = 0",
     "COW inter-state wars 4.0 battle deaths over NMC 7.0 milper: OLS (= normal MLE) of ln(B / T) on ln P "
     "(data/wars.toml [severity] intercept); this fallback applies only without the file",
     -20.0, 20.0, "war"},
    {Param::battle_deaths_elasticity, "battle_deaths_elasticity", 0.30,
     "d ln(deaths per participant-year) / d ln(military personnel)",
     "as battle_deaths_intercept: the slope ([severity] elasticity); 1 gives a lognormal share of P", 0.0, 2.0,
     "war"},
    {Param::battle_deaths_sd, "battle_deaths_sd", 2.34, "ln units",
     "as battle_deaths_intercept: the residual standard deviation ([severity] sd)", 0.0, 10.0, "war"},
    {Param::hostility_rivalry, "hostility_rivalry", 1.54, "log-odds of a MID per strategic rivalry",
     "MID onset logit on COW dyad-years 1946-2010 with contiguity, ln distance and major-power controls "
     "(scripts/fit_hostility.py): Thompson & Dreyer rivalry 1.54, s.e. 0.15 clustered by dyad, 95% [1.25, 1.83]; "
     "scales Walt's intent",
     0.0, 10.0, "alignment"},
    {Param::hostility_recent, "hostility_recent", 2.65, "log-odds of a MID after a recent dispute",
     "as hostility_rivalry: a MID onset (or war) between the two in the previous hostility_window years 2.65, "
     "s.e. 0.12, 95% [2.41, 2.90]",
     0.0, 10.0, "alignment"},
    {Param::hostility_window, "hostility_window", 10.0, "years",
     "modelling assumption (how long a dispute counts as observed hostility; the window of the "
     "hostility_recent fit)",
     1.0, 100.0, "alignment"},
    {Param::trusted_ally_trust, "trusted_ally_trust", 0.7, "trust 0..1",
     "modelling assumption (issue 12's face-validity invariant: a state that trusts a formal ally at least "
     "this much does not align with the ally's rival; the shipped scenarios' prior gives defense allies 0.75)",
     0.0, 1.0, "alignment"},
    {Param::ally_threat_trust, "ally_threat_trust", 0.5, "trust 0..1",
     "modelling assumption (a defense ally counts as a threat only once trust in it falls below this, "
     "the trust of a dyad without ties in the shipped scenarios: about five incidents or one war)",
     0.0, 1.0, "alignment"},
    {Param::alignment_memory, "alignment_memory", 5.0, "years",
     "modelling assumption (issue 12's invariant: for this many years after a trusted defense pledge a "
     "state does not align with the ally's rival unless a dispute or war between the two explains it)",
     0.0, 100.0, "alignment"},
    {Param::escalation_model, "escalation", 0.0, "0 fitted, 1 bargaining (names accepted)",
     "0 = fitted: P(war | crisis) from the dyadic-MID logit of data/escalation-<region>.toml (MID 5.0, "
     "docs/model.md escalation); 1 = bargaining: Fearon (1995) information with a logistic error and Powell "
     "(2006) commitment, the documented alternative",
     0.0, 1.0, "crisis bargaining"},
    {Param::escalation_floor, "escalation_floor", 0.001, "probability",
     "modelling assumption (inadvertent escalation: no crisis has a smaller P(war | crisis); prior range "
     "0-0.01, below the smallest class rate of the record, gp_both post-1945 about 0.01)",
     0.0, 0.05, "crisis bargaining"},
    {Param::commitment_horizon, "commitment_horizon", 10.0, "years",
     "modelling assumption (bargaining alternative: Powell 2006's commitment problem judged on the power shift "
     "projected this many years ahead at the last year's rate)",
     1.0, 50.0, "crisis bargaining"},
        }};

constexpr bool specs_in_enum_order() {
  for (std::size_t i = 0; i < kSpecs.size(); ++i) {
    if (static_cast<std::size_t>(kSpecs[i].id) != i) return false;
  }
  return true;
}
static_assert(specs_in_enum_order(), "kSpecs must list every Param in enum order");

}  // namespace

const std::array<ParamSpec, kParamCount>& param_specs() { return kSpecs; }

const ParamSpec* find_param(std::string_view name) {
  for (const auto& s : kSpecs) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

Params Params::defaults() {
  Params p;
  for (const auto& s : kSpecs) p[s.id] = s.default_value;
  return p;
}

void apply_war_fits(Params& p, const WarFits& w) {
  if (!w.fitted) return;
  const bool separate = w.lr_p_value < 0.05 && w.great_power.n > 0 && w.other.n > 0;
  p[Param::war_termination] = separate ? w.other.q : w.all.q;
  p[Param::war_termination_gp] = separate ? w.great_power.q : w.all.q;
  p[Param::battle_deaths_intercept] = w.intercept;
  p[Param::battle_deaths_elasticity] = w.elasticity;
  p[Param::battle_deaths_sd] = w.sd;
}

void apply_overrides(Params& params, const std::vector<ParamOverride>& overrides) {
  std::vector<Problem> problems;
  for (const auto& o : overrides) {
    const ParamSpec* spec = find_param(o.name);
    if (spec == nullptr) {
      problems.push_back({o.where, fmt::format("unknown engine parameter '{}' (see docs/model.md, section "
                                               "engine, for the list)",
                                               o.name)});
      continue;
    }
    if (!std::isfinite(o.value) || o.value < spec->lower || o.value > spec->upper) {
      problems.push_back({o.where, fmt::format("parameter '{}' must lie in [{}, {}] ({}), got {}", o.name,
                                               spec->lower, spec->upper, spec->unit, o.value)});
      continue;
    }
    params[spec->id] = o.value;
  }
  if (!problems.empty()) throw InputError(std::move(problems));
}

std::vector<std::pair<std::string_view, double>> param_levels(std::string_view name) {
  if (name == "escalation") return {{"fitted", 0.0}, {"bargaining", 1.0}};
  return {};
}

ParamOverride parse_param_assignment(std::string_view text) {
  const auto eq = text.find('=');
  Location where{"--param", 0, 0, std::string(text.substr(0, eq))};
  if (eq == std::string_view::npos || eq == 0) {
    throw InputError(where, fmt::format("expected name=value, got '{}'", text));
  }
  const std::string_view value_text = text.substr(eq + 1);
  double value = 0.0;
  const auto* first = value_text.data();
  const auto* last = value_text.data() + value_text.size();
  const auto [ptr, ec] = std::from_chars(first, last, value);
  if (ec != std::errc() || ptr != last || value_text.empty()) {
    const auto levels = param_levels(text.substr(0, eq));
    for (const auto& [level, v] : levels) {
      if (level == value_text) return ParamOverride{std::string(text.substr(0, eq)), v, std::move(where)};
    }
    if (!levels.empty()) {
      std::string names;
      for (const auto& [level, v] : levels) names += fmt::format("{}'{}'", names.empty() ? "" : " or ", level);
      throw InputError(where, fmt::format("expected {} (or its number), got '{}'", names, value_text));
    }
    throw InputError(where, fmt::format("expected a number after '=', got '{}'", value_text));
  }
  return ParamOverride{std::string(text.substr(0, eq)), value, std::move(where)};
}

std::string overrides_json(const std::vector<ParamOverride>& overrides) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  for (const auto& o : overrides) j[o.name] = o.value;
  return j.dump();
}

}  // namespace concord::engine
