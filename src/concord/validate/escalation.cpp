#include "concord/validate/escalation.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <map>
#include <set>
#include <stdexcept>
#include <unordered_map>

#include "concord/data/alliances.hpp"
#include "concord/data/atop_members.hpp"
#include "concord/data/conflict.hpp"
#include "concord/data/democracy.hpp"
#include "concord/data/nmc.hpp"
#include "concord/data/paths.hpp"
#include "concord/data/state_system.hpp"
#include "concord/validate/firth.hpp"
#include "concord/validate/scores.hpp"

namespace concord::validate {

struct EscalationSources {
  data::MidParticipants midb;
  data::StateSpells states;
  data::StateSpells majors;
  data::NmcTable nmc;
  data::AtopDyadYears atop;
  data::AtopMembers atop_members;
  data::DemocracyTable democracy;
  data::NuclearStatus nuclear;
  data::InterStateWarParticipants wars;
};

std::shared_ptr<const EscalationSources> read_escalation_sources(const std::filesystem::path& dir) {
  auto s = std::make_shared<EscalationSources>();
  s->midb = data::read_mid_participants(dir / data::paths::kMidB50);
  s->states = data::read_state_list(dir / data::paths::kStateList2024);
  s->majors = data::read_major_powers(dir / data::paths::kMajors2024);
  s->nmc = data::read_nmc(dir / data::paths::kNmcV7, data::NmcVersion::v7);
  s->atop = data::read_atop_dyad_years(dir / data::paths::kAtop51DyadYear);
  s->atop_members = data::read_atop_members(dir / data::paths::kAtop401Members);
  s->democracy =
      data::read_democracy(dir / data::paths::kDemocracyPeacesciencer, data::DemocracySource::peacesciencer);
  s->nuclear = data::read_nuclear_status(dir / data::paths::kNuclearStatus);
  s->wars = data::read_inter_state_wars(dir / data::paths::kInterStateWar40);
  return s;
}

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr int kWarListEnd = 2007;  // COW inter-state wars 4.0 end here
using engine::EscalationTerm;
using engine::kEscalationTermCount;
using engine::RevisionType;

double cinc_of(const data::NmcTable& nmc, int ccode, int year) {
  const auto row = nmc.index.find(ccode, year);
  return row ? nmc.cinc[*row] : kNaN;
}

bool defense_pledge(const data::AtopDyadYears& atop, int a, int b, int year) {
  for (const auto row : {atop.index.find(a, b, year), atop.index.find(b, a, year)}) {
    if (row && atop.defense[*row] != 0) return true;
  }
  return false;
}

std::uint64_t pair_key(int a, int b) {
  const auto lo = static_cast<std::uint64_t>(static_cast<std::uint32_t>(std::min(a, b)));
  const auto hi = static_cast<std::uint64_t>(static_cast<std::uint32_t>(std::max(a, b)));
  return (lo << 32U) | hi;
}

// Months (year * 12 + month - 1) of a date's start or end; an unknown month counts as the
// first month of its year for a start and the last for an end (the widest reading).
int month_start(const data::Date& d) { return d.year * 12 + (d.month > 0 ? d.month - 1 : 0); }
int month_end(const data::Date& d) { return d.year * 12 + (d.month > 0 ? d.month - 1 : 11); }

// Months of each participant spell of a COW war (first and second spell).
struct WarSpell {
  int warnum, side, first, last;
};

// For every pair that fought each other in a COW inter-state war: the months [first, last] in
// which both were in it on opposite sides.
std::unordered_map<std::uint64_t, std::vector<std::pair<int, int>>> war_enemies(const data::InterStateWarParticipants& w) {
  std::map<int, std::vector<std::pair<int, WarSpell>>> by_war;  // warnum -> (ccode, spell)
  for (std::size_t i = 0; i < w.size(); ++i) {
    auto add = [&](const data::Date& a, const data::Date& b) {
      if (a.year <= 0) return;
      const int last = b.year > 0 ? month_end(b) : month_end(data::Date{kWarListEnd, 12, 31});
      by_war[w.warnum[i]].push_back({w.ccode[i], WarSpell{w.warnum[i], w.side[i], month_start(a), last}});
    };
    add(w.start1[i], w.end1[i]);
    add(w.start2[i], w.end2[i]);
  }
  std::unordered_map<std::uint64_t, std::vector<std::pair<int, int>>> out;
  for (const auto& [warnum, spells] : by_war) {
    for (std::size_t x = 0; x < spells.size(); ++x) {
      for (std::size_t y = x + 1; y < spells.size(); ++y) {
        const auto& [cx, sx] = spells[x];
        const auto& [cy, sy] = spells[y];
        if (sx.side == sy.side || cx == cy) continue;
        const int first = std::max(sx.first, sy.first);
        const int last = std::min(sx.last, sy.last);
        if (first <= last) out[pair_key(cx, cy)].push_back({first, last});
      }
    }
  }
  return out;
}

}  // namespace

bool DyadicMids::complete(std::size_t i) const noexcept {
  return !std::isnan(parity[i]) && !std::isnan(polyarchy_a[i]) && !std::isnan(polyarchy_b[i]);
}

engine::EscalationCovariates DyadicMids::covariates(std::size_t i) const noexcept {
  engine::EscalationCovariates x;
  x.gp_a = gp_a[i] != 0;
  x.gp_b = gp_b[i] != 0;
  x.nuclear_a = nuclear_a[i] != 0;
  x.nuclear_b = nuclear_b[i] != 0;
  x.parity = parity[i];
  x.alliance = alliance[i] != 0;
  x.joint_democracy = std::min(polyarchy_a[i], polyarchy_b[i]);
  x.year = year[i];
  x.revision = revision[i];
  return x;
}

DyadicMids build_dyadic_mids(const EscalationSources& s, Region region, int first, int last) {
  // participants per dispute: side, first and last year, highest hostility, revision types
  struct Part {
    int ccode = 0;
    int side = 0;
    int first = 0, last = 0;            // years
    int first_month = 0, last_month = 0;  // year * 12 + month - 1
    int hostlev = 0;
    bool territory = false, regime = false;
  };
  std::map<int, std::vector<Part>> disputes;
  const auto& b = s.midb;
  for (std::size_t i = 0; i < b.size(); ++i) {
    auto& parts = disputes[b.dispnum[i]];
    auto it = std::find_if(parts.begin(), parts.end(),
                           [&](const Part& p) { return p.ccode == b.ccode[i] && p.side == b.sidea[i]; });
    if (it == parts.end()) {
      parts.push_back(Part{b.ccode[i], b.sidea[i], b.start[i].year, b.end[i].year, month_start(b.start[i]),
                           month_end(b.end[i].year > 0 ? b.end[i] : b.start[i]), 0, false, false});
      it = parts.end() - 1;
    }
    it->first = std::min(it->first, b.start[i].year);
    it->last = std::max(it->last, b.end[i].year > 0 ? b.end[i].year : b.start[i].year);
    it->first_month = std::min(it->first_month, month_start(b.start[i]));
    it->last_month = std::max(it->last_month, month_end(b.end[i].year > 0 ? b.end[i] : b.start[i]));
    it->hostlev = std::max(it->hostlev, b.hostlev[i]);
    for (const int rt : {b.revtype1[i], b.revtype2[i]}) {
      if (rt == 1) it->territory = true;
      if (rt == 3) it->regime = true;
    }
  }
  const auto enemies = war_enemies(s.wars);
  DyadicMids d;
  for (const auto& [dispnum, parts] : disputes) {
    for (const Part& pa : parts) {
      if (pa.side != 1) continue;
      for (const Part& pb : parts) {
        if (pb.side != 0 || pb.ccode == pa.ccode) continue;
        const int y0 = std::max(pa.first, pb.first);
        const int y1 = std::min(pa.last, pb.last);
        if (y0 > y1) continue;  // never in the dispute at the same time
        if (y0 < first || y0 > last) continue;
        if (!in_region(region, pa.ccode) || !in_region(region, pb.ccode)) continue;
        d.dispnum.push_back(dispnum);
        d.ccode_a.push_back(pa.ccode);
        d.ccode_b.push_back(pb.ccode);
        d.year.push_back(y0);
        d.end_year.push_back(y1);
        d.war_hostlev.push_back(pa.hostlev == 5 && pb.hostlev == 5 ? 1 : 0);
        std::int8_t link = y0 > kWarListEnd ? -1 : 0;
        if (const auto e = enemies.find(pair_key(pa.ccode, pb.ccode)); e != enemies.end()) {
          // began fighting each other within the dyad's months in the dispute
          const int m0 = std::max(pa.first_month, pb.first_month);
          const int m1 = std::min(pa.last_month, pb.last_month);
          for (const auto& [wf, wl] : e->second) {
            if (wf >= m0 && wf <= m1) link = 1;
          }
        }
        d.war_link.push_back(link);
        d.war.push_back(d.war_hostlev.back() != 0 || link == 1 ? 1 : 0);
        d.gp_a.push_back(s.majors.member(pa.ccode, y0) ? 1 : 0);
        d.gp_b.push_back(s.majors.member(pb.ccode, y0) ? 1 : 0);
        d.nuclear_a.push_back(s.nuclear.possesses(pa.ccode, y0) ? 1 : 0);
        d.nuclear_b.push_back(s.nuclear.possesses(pb.ccode, y0) ? 1 : 0);
        d.alliance.push_back(defense_pledge(s.atop, pa.ccode, pb.ccode, y0) ? 1 : 0);
        const bool territory = pa.territory || pb.territory;
        const bool regime = !territory && (pa.regime || pb.regime);
        d.revision.push_back(territory ? RevisionType::territorial
                                       : (regime ? RevisionType::regime : RevisionType::policy));
        const double ca = cinc_of(s.nmc, pa.ccode, y0);
        const double cb = cinc_of(s.nmc, pb.ccode, y0);
        d.parity.push_back(std::isnan(ca) || std::isnan(cb) || std::min(ca, cb) <= 0.0
                               ? kNaN
                               : std::log(std::min(ca, cb) / std::max(ca, cb)));
        d.polyarchy_a.push_back(s.democracy.polyarchy(pa.ccode, y0));
        d.polyarchy_b.push_back(s.democracy.polyarchy(pb.ccode, y0));
      }
    }
  }
  return d;
}

std::pair<double, double> wilson_bounds(long k, long n, double z) {
  if (n <= 0) return {0.0, 1.0};
  const double nn = static_cast<double>(n);
  const double phat = static_cast<double>(k) / nn;
  const double denom = 1.0 + z * z / nn;
  const double centre = (phat + z * z / (2.0 * nn)) / denom;
  const double half = z * std::sqrt(phat * (1.0 - phat) / nn + z * z / (4.0 * nn * nn)) / denom;
  return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

namespace {

// The design row of a dyadic MID: intercept then the ten terms in enum order.
void design_row(const DyadicMids& d, std::size_t i, double* row) {
  row[0] = 1.0;
  const auto x = d.covariates(i);
  const int gps = (x.gp_a ? 1 : 0) + (x.gp_b ? 1 : 0);
  const int nukes = (x.nuclear_a ? 1 : 0) + (x.nuclear_b ? 1 : 0);
  auto at = [&](EscalationTerm t) -> double& { return row[1 + static_cast<std::size_t>(t)]; };
  at(EscalationTerm::gp_both) = gps == 2 ? 1.0 : 0.0;
  at(EscalationTerm::gp_one) = gps == 1 ? 1.0 : 0.0;
  at(EscalationTerm::nuclear_both) = nukes == 2 ? 1.0 : 0.0;
  at(EscalationTerm::nuclear_one) = nukes == 1 ? 1.0 : 0.0;
  at(EscalationTerm::territorial) = x.revision == RevisionType::territorial ? 1.0 : 0.0;
  at(EscalationTerm::regime) = x.revision == RevisionType::regime ? 1.0 : 0.0;
  at(EscalationTerm::parity) = x.parity;
  at(EscalationTerm::alliance) = x.alliance ? 1.0 : 0.0;
  at(EscalationTerm::joint_democracy) = x.joint_democracy;
  at(EscalationTerm::world_wars) = x.year >= 1914 && x.year <= 1945 ? 1.0 : 0.0;
  at(EscalationTerm::post1945) = x.year > 1945 ? 1.0 : 0.0;
  at(EscalationTerm::east_asian_peace) = x.year > 1979 ? 1.0 : 0.0;
  at(EscalationTerm::post_cold_war) = x.year > 1989 ? 1.0 : 0.0;
  at(EscalationTerm::gp_both_world_wars) = gps == 2 && x.year >= 1914 && x.year <= 1945 ? 1.0 : 0.0;
  at(EscalationTerm::nuclear_both_gp) = gps >= 1 && nukes == 2 ? 1.0 : 0.0;
}

}  // namespace

bool era_term_fitted(Region region, EscalationTerm t) {
  if (t == EscalationTerm::east_asian_peace) return region == Region::asia;
  return true;
}

namespace {

}  // namespace

EscalationResult run_escalation(const EscalationSources& s, const EscalationOptions& o) {
  if (o.train_last < o.train_first || o.test_last < o.test_first)
    throw std::invalid_argument("validate escalation: a window ends before it starts");
  EscalationResult r;
  r.options = o;
  const DyadicMids train = build_dyadic_mids(s, o.region, o.train_first, o.train_last);
  r.train_dyads = static_cast<long>(train.size());
  std::vector<std::size_t> rows;
  for (std::size_t i = 0; i < train.size(); ++i) {
    if (train.complete(i)) {
      rows.push_back(i);
    } else {
      ++r.dropped;
    }
  }
  if (rows.empty()) throw LogitError("no dyadic MID with complete covariates in the training years");
  constexpr std::size_t k = 1 + kEscalationTermCount;
  Eigen::MatrixXd X(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(k));
  Eigen::VectorXd y(static_cast<Eigen::Index>(rows.size()));
  long territorial = 0;
  long regime = 0;
  for (std::size_t r_ = 0; r_ < rows.size(); ++r_) {
    const std::size_t i = rows[r_];
    double row[k];
    design_row(train, i, row);
    for (std::size_t c = 0; c < k; ++c) X(static_cast<Eigen::Index>(r_), static_cast<Eigen::Index>(c)) = row[c];
    y(static_cast<Eigen::Index>(r_)) = train.war[i];
    territorial += train.revision[i] == RevisionType::territorial ? 1 : 0;
    regime += train.revision[i] == RevisionType::regime ? 1 : 0;
    const int nukes = train.nuclear_a[i] + train.nuclear_b[i];
    if (nukes == 2) {
      ++r.nuclear_both_mids;
      r.nuclear_both_wars += train.war[i];
    } else if (nukes == 1) {
      ++r.nuclear_one_mids;
      r.nuclear_one_wars += train.war[i];
    }
  }
  const double n_rows = static_cast<double>(rows.size());
  r.share_territorial = static_cast<double>(territorial) / n_rows;
  r.share_regime = static_cast<double>(regime) / n_rows;
  r.base_rate = y.mean();
  // terms without variation (e.g. post1945 in a post-war window) and era terms not fitted for the
  // region are left out (coefficient 0); Firth's estimator keeps classes without a war finite
  std::vector<std::string> names{"intercept"};
  for (const char* t : engine::escalation_term_keys()) names.emplace_back(t);
  std::vector<std::size_t> keep{0};
  for (std::size_t c = 1; c < k; ++c) {
    const auto col = X.col(static_cast<Eigen::Index>(c));
    if (!era_term_fitted(o.region, static_cast<EscalationTerm>(c - 1))) {
      r.dropped_terms.push_back(names[c] + " (not fitted for this region)");
    } else if (col.maxCoeff() == col.minCoeff()) {
      r.dropped_terms.push_back(names[c] + " (no variation)");
    } else {
      keep.push_back(c);
    }
  }
  {
    Eigen::MatrixXd Xk(X.rows(), static_cast<Eigen::Index>(keep.size()));
    std::vector<std::string> kn;
    for (std::size_t j = 0; j < keep.size(); ++j) {
      Xk.col(static_cast<Eigen::Index>(j)) = X.col(static_cast<Eigen::Index>(keep[j]));
      kn.push_back(names[keep[j]]);
    }
    r.fit = fit_logit_firth(Xk, y, kn);
  }
  // outcome agreement over every training dyad that began by 2007
  for (std::size_t i = 0; i < train.size(); ++i) {
    if (train.war_link[i] < 0) continue;
    const bool h = train.war_hostlev[i] != 0;
    const bool l = train.war_link[i] != 0;
    (h && l ? r.agreement.both : h ? r.agreement.hostlev_only : l ? r.agreement.link_only : r.agreement.neither)++;
  }
  // out-of-sample scores on the test years (if they are not the training years)
  const DyadicMids test = build_dyadic_mids(s, o.region, o.test_first, o.test_last);
  const engine::EscalationModel model = to_engine_model(r);
  std::vector<double> p_logit;
  std::vector<double> p_base;
  std::vector<double> outcome;
  for (std::size_t i = 0; i < test.size(); ++i) {
    if (!test.complete(i)) continue;
    p_logit.push_back(engine::escalation_probability(model, test.covariates(i), 0.0, 0.0));
    p_base.push_back(r.base_rate);
    outcome.push_back(test.war[i]);
  }
  if (!outcome.empty()) {
    for (const auto& [name, p] : {std::pair<const char*, const std::vector<double>*>{"base_rate", &p_base},
                                  std::pair<const char*, const std::vector<double>*>{"logit", &p_logit}}) {
      EscalationScore sc;
      sc.model = name;
      sc.n = static_cast<long>(outcome.size());
      for (const double v : outcome) sc.events += v > 0.5 ? 1 : 0;
      sc.brier = brier_score(*p, outcome);
      sc.log_loss = log_loss(*p, outcome);
      sc.auc = sc.events > 0 && sc.events < sc.n ? roc_auc(*p, outcome) : kNaN;
      r.scores.push_back(sc);
    }
  }
  return r;
}

engine::EscalationModel to_engine_model(const EscalationResult& r) {
  engine::EscalationModel e;
  const auto& f = r.fit;
  e.fitted = true;
  e.region = std::string(region_name(r.options.region));
  e.window = fmt::format("{}-{}", r.options.train_first, r.options.train_last);
  e.outcome = "hostlev5_or_war_link";
  e.n = f.n;
  e.events = f.events;
  e.share_territorial = r.share_territorial;
  e.share_regime = r.share_regime;
  for (std::size_t j = 0; j < f.names.size(); ++j) {
    const auto jj = static_cast<Eigen::Index>(j);
    if (f.names[j] == "intercept") {
      e.intercept = f.coef(jj);
      e.intercept_se = f.se(jj);
      continue;
    }
    for (std::size_t t = 0; t < kEscalationTermCount; ++t) {
      if (f.names[j] == engine::escalation_term_keys()[t]) {
        e.beta[t] = f.coef(jj);
        e.se[t] = f.se(jj);
      }
    }
  }
  e.covariance_terms = f.names;
  const auto kk = static_cast<std::size_t>(f.covariance.rows());
  e.covariance.resize(kk * kk);
  for (std::size_t a = 0; a < kk; ++a) {
    for (std::size_t b = 0; b < kk; ++b)
      e.covariance[a * kk + b] = f.covariance(static_cast<Eigen::Index>(a), static_cast<Eigen::Index>(b));
  }
  return e;
}

namespace {

std::string num(double v, int digits = 4) {
  if (std::isnan(v)) return "NA";
  return fmt::format("{:.{}f}", v, digits);
}

const char* kNuclearNote =
    "nuclear terms: wide uncertainty by design of the record (few nuclear dyads, fewer wars). Rauchhaus "
    "(2009, JCR 53(2)) finds nuclear symmetry lowers the odds of war but raises MIDs; Bell & Miller (2015, "
    "JCR 59(1)) find the pacifying effect on war is not robust once selection and rare events are "
    "handled. The engine draws these coefficients from the covariance (next issue); read them with their SE.";

}  // namespace

std::string format_escalation_report(const EscalationResult& r, const std::string& format) {
  const auto& f = r.fit;
  const std::string train = fmt::format("{}-{}", r.options.train_first, r.options.train_last);
  const std::string test = fmt::format("{}-{}", r.options.test_first, r.options.test_last);
  if (format == "json") {
    nlohmann::ordered_json j;
    j["region"] = region_name(r.options.region);
    j["train"] = train;
    j["test"] = test;
    j["unit"] = "dyadic MID (MID 5.0 MIDB: a pair on opposite sides of one dispute)";
    j["outcome"] = "both states reached hostility level 5, or the pair began a COW inter-state war in the dispute's months";
    j["estimator"] = "Firth penalized likelihood";
    j["n"] = f.n;
    j["events"] = f.events;
    j["dropped_missing"] = r.dropped;
    j["dropped_terms"] = r.dropped_terms;
    j["base_rate"] = r.base_rate;
    j["log_likelihood"] = f.log_likelihood;
    j["null_log_likelihood"] = f.null_log_likelihood;
    auto& c = j["coefficients"];
    c = nlohmann::ordered_json::array();
    for (std::size_t t = 0; t < f.names.size(); ++t) {
      const auto i = static_cast<Eigen::Index>(t);
      c.push_back({{"term", f.names[t]}, {"coef", f.coef(i)}, {"se", f.se(i)}, {"z", f.z(i)}});
    }
    auto& a = j["outcome_agreement"];
    a = {{"both", r.agreement.both},
         {"hostlev5_only", r.agreement.hostlev_only},
         {"war_link_only", r.agreement.link_only},
         {"neither", r.agreement.neither}};
    auto& s = j["scores"];
    s = nlohmann::ordered_json::array();
    for (const auto& sc : r.scores) {
      s.push_back({{"model", sc.model},
                   {"n", sc.n},
                   {"events", sc.events},
                   {"brier", sc.brier},
                   {"log_loss", sc.log_loss},
                   {"auc", std::isnan(sc.auc) ? nlohmann::ordered_json() : nlohmann::ordered_json(sc.auc)}});
    }
    return j.dump(2) + "\n";
  }
  if (format == "csv") {
    std::string out = "section,name,n,events,coef,se,z,brier,log_loss,auc\n";
    for (std::size_t t = 0; t < f.names.size(); ++t) {
      const auto i = static_cast<Eigen::Index>(t);
      out += fmt::format("coefficient,{},{},{},{:.9g},{:.9g},{:.6g},,,\n", f.names[t], f.n, f.events, f.coef(i),
                         f.se(i), f.z(i));
    }
    for (const auto& sc : r.scores) {
      out += fmt::format("score,{},{},{},,,,{:.6g},{:.6g},{}\n", sc.model, sc.n, sc.events, sc.brier, sc.log_loss,
                         std::isnan(sc.auc) ? std::string() : fmt::format("{:.6g}", sc.auc));
    }
    return out;
  }
  std::string out;
  out += fmt::format("Escalation of dyadic MIDs to war, region {}, training {}\n", region_name(r.options.region), train);
  out += "  unit: dyadic MID (MID 5.0 participants on opposite sides of one dispute, in it at the same time)\n";
  out += "  outcome: war = both states reached hostility level 5, or the pair began a COW inter-state war\n";
  out += "  against each other in the dispute's months (the war list ends in 2007); Firth's penalized logit\n";
  out += fmt::format("  {} dyadic MIDs ({} dropped for a missing CINC or polyarchy), {} reached war (base rate {})\n",
                     f.n, r.dropped, f.events, num(r.base_rate));
  if (!r.dropped_terms.empty()) {
    std::string t;
    for (const auto& d : r.dropped_terms) t += (t.empty() ? "" : ", ") + d;
    out += fmt::format("  terms left out (no variation or separation; coefficient 0 in the file): {}\n", t);
  }
  out += fmt::format("  log-likelihood {:.2f} (null {:.2f})\n\n", f.log_likelihood, f.null_log_likelihood);
  out += fmt::format("  {:<16} {:>10} {:>9} {:>7} {:>10}\n", "term", "coef", "se", "z", "odds ratio");
  for (std::size_t t = 0; t < f.names.size(); ++t) {
    const auto i = static_cast<Eigen::Index>(t);
    out += fmt::format("  {:<16} {:>10.4f} {:>9.4f} {:>7.2f} {:>10}\n", f.names[t], f.coef(i), f.se(i), f.z(i),
                       f.names[t] == "intercept" ? std::string("") : num(std::exp(f.coef(i)), 3));
  }
  out += fmt::format(
      "\n  nuclear dyads in training: both armed {} dyadic MIDs, {} wars; one armed {} MIDs, {} wars\n",
      r.nuclear_both_mids, r.nuclear_both_wars, r.nuclear_one_mids, r.nuclear_one_wars);
  out += fmt::format("  {}\n", kNuclearNote);
  const auto& a = r.agreement;
  out += fmt::format(
      "\n  war coding, training dyadic MIDs begun by 2007: both codings {}, hostility 5 on both sides only {}, "
      "COW war link only {}, neither {}\n",
      a.both, a.hostlev_only, a.link_only, a.neither);
  if (r.scores.empty()) {
    out += fmt::format("\n  out of sample: no dyadic MID with complete covariates in {}\n", test);
  } else {
    out += fmt::format("\n  out of sample, {} ({} dyadic MIDs, {} wars):\n", test, r.scores[0].n, r.scores[0].events);
    out += fmt::format("  {:<10} {:>8} {:>9} {:>7}\n", "model", "Brier", "log loss", "AUC");
    for (const auto& sc : r.scores) {
      out += fmt::format("  {:<10} {:>8.4f} {:>9.4f} {:>7}\n", sc.model, sc.brier, sc.log_loss, num(sc.auc, 3));
    }
  }
  return out;
}

void write_escalation_toml(const EscalationResult& r, const std::filesystem::path& file, const std::string& command,
                           const std::string& fitted_on) {
  const engine::EscalationModel e = to_engine_model(r);
  std::string out;
  out += "# Escalation of dyadic MIDs to war, fitted by `concord validate escalation`\n";
  out += "# (src/concord/validate/escalation.cpp). THE CONTRACT with the engine (src/concord/engine/\n";
  out += "# escalation.hpp). Do not edit by hand: rerun the command in [meta] and commit the result.\n";
  out += "# Format and meaning: docs/model.md, section escalation.\n";
  out += "#\n";
  out += "# War: both states at hostility level 5, or the pair began a COW inter-state war in the\n";
  out += "# dispute's years. Firth's penalized-likelihood logit (rare events, separation).\n";
  out += "# [escalation]: P(war | dyadic MID) = 1 / (1 + exp(-(intercept + sum_k coef_k x_k))), each\n";
  out += "# `name = { coef, se }` (se from the inverse Fisher information). Terms: gp_both / gp_one (COW\n";
  out += "# major powers, both / exactly one); nuclear_both / nuclear_one (Bleek 2017 possession);\n";
  out += "# territorial (MIDB revtype 1 on either side), regime (revtype 3, not territorial; policy and\n";
  out += "# other are the reference); parity = ln(weaker CINC / stronger CINC); alliance (ATOP 5.1\n";
  out += "# defense pledge); joint_democracy = min V-Dem polyarchy; eras by onset year: world_wars\n";
  out += "# (1914-1945), post1945 (after 1945), east_asian_peace (after 1979; Asia-Pacific fits only),\n";
  out += "# post_cold_war (after 1989); the reference era is 1816-1913.\n";
  out += "# A term left out of the fit (no variation, or separation) is written { coef = 0, se = 0 }.\n";
  out += "# [escalation_mixture]: shares of the fitted dyadic MIDs by revision type, for crises of unknown type.\n";
  out += "# [escalation_covariance]: the inverse Fisher information over `terms`, row-major.\n\n";
  out += "[meta]\n";
  out += fmt::format("window = \"{}\"\n", e.window);
  out += fmt::format("region = \"{}\"\n", e.region);
  out += fmt::format("n = {}\n", e.n);
  out += fmt::format("events = {}\n", e.events);
  out += fmt::format("dropped = {}\n", r.dropped);
  out += "outcome = \"hostlev5_or_war_link\"\n";
  out += "unit = \"dyadic MID: a pair of states on opposite sides of one MID 5.0 dispute\"\n";
  out += fmt::format("fitted_on = \"{}\"\n", fitted_on);
  out += fmt::format("command = \"{}\"\n", command);
  out += fmt::format("log_likelihood = {:.6f}\n", r.fit.log_likelihood);
  out += fmt::format("null_log_likelihood = {:.6f}\n", r.fit.null_log_likelihood);
  out += "link = \"logit\"\n\n";
  out += "[escalation]\n";
  out += fmt::format("intercept = {{ coef = {:.9g}, se = {:.9g} }}\n", e.intercept, e.intercept_se);
  for (std::size_t t = 0; t < kEscalationTermCount; ++t) {
    out += fmt::format("{} = {{ coef = {:.9g}, se = {:.9g} }}\n", engine::escalation_term_keys()[t], e.beta[t], e.se[t]);
  }
  out += "\n[escalation_mixture]\n";
  out += fmt::format("territorial = {:.9g}\n", e.share_territorial);
  out += fmt::format("regime = {:.9g}\n", e.share_regime);
  out += "\n[escalation_covariance]\n";
  out += "terms = [";
  for (std::size_t t = 0; t < e.covariance_terms.size(); ++t)
    out += fmt::format("{}\"{}\"", t == 0 ? "" : ", ", e.covariance_terms[t]);
  out += "]\nmatrix = [\n";
  const std::size_t kk = e.covariance_terms.size();
  for (std::size_t a = 0; a < kk; ++a) {
    out += "  [";
    for (std::size_t b = 0; b < kk; ++b) out += fmt::format("{}{:.9g}", b == 0 ? "" : ", ", e.covariance[a * kk + b]);
    out += "],\n";
  }
  out += "]\n";
  std::ofstream os(file, std::ios::binary | std::ios::trunc);
  if (!os) throw std::runtime_error(fmt::format("cannot write {}", file.string()));
  os << out;
  if (!os) throw std::runtime_error(fmt::format("error writing {}", file.string()));
}

// --- war joining ------------------------------------------------------------------------------

namespace {

// COW world regions as bits: 1 Western Hemisphere, 2 Europe, 4 Africa, 8 Middle East, 16 Asia,
// 32 Oceania. A state's home region from its COW code (the ranges of the COW state list); the
// regions a war was fought in from COW's WhereFought (1, 2, 4, 6, 7, 9 single regions; 11-19
// their combinations, Sarkees & Wayman 2010 codebook).
unsigned home_region(int ccode) {
  if (ccode < 200) return 1U;
  if (ccode < 400) return 2U;
  if (ccode < 600) return 4U;
  if (ccode < 700) return 8U;
  if (ccode < 900) return 16U;
  return 32U;
}

unsigned war_regions(int where) {
  switch (where) {
    case 1: return 1U;
    case 2: return 2U;
    case 4: return 4U;
    case 6: return 8U;
    case 7: return 16U;
    case 9: return 32U;
    case 11: return 2U | 8U;
    case 12: return 2U | 16U;
    case 13: return 1U | 16U;
    case 14: return 2U | 4U | 8U;
    case 15: return 2U | 4U | 8U | 16U;
    case 16: return 4U | 8U | 16U | 32U;
    case 17: return 16U | 32U;
    case 18: return 4U | 8U;
    case 19: return 2U | 4U | 8U | 16U | 32U;
    default: return 63U;  // unknown: every region
  }
}

}  // namespace

JoiningResult estimate_joining(const EscalationSources& s, const JoiningOptions& o) {
  JoiningResult r;
  r.options = o;
  const auto& w = s.wars;
  struct Participant {
    int ccode, side;
    data::Date start;
    bool initiator;
  };
  std::map<int, std::vector<Participant>> wars;
  std::map<int, unsigned> fought_in;  // regions of each war
  for (std::size_t i = 0; i < w.size(); ++i) {
    wars[w.warnum[i]].push_back(Participant{w.ccode[i], w.side[i], w.start1[i], w.initiator[i] == 1});
    fought_in[w.warnum[i]] |= war_regions(w.where_fought[i]);
  }
  const auto& m = s.atop_members;
  // rows by member
  std::unordered_map<int, std::vector<std::size_t>> rows_of;
  std::unordered_map<int, std::vector<std::size_t>> rows_in;  // atopid -> rows
  for (std::size_t i = 0; i < m.size(); ++i) {
    rows_of[m.member[i]].push_back(i);
    rows_in[m.atopid[i]].push_back(i);
  }
  for (const auto& [warnum, parts] : wars) {
    data::Date first{9999, 12, 31};
    for (const auto& p : parts) {
      const data::Date d{p.start.year, p.start.month > 0 ? p.start.month : 1, p.start.day > 0 ? p.start.day : 1};
      first = std::min(first, d);
    }
    if (first.year < o.first_year || first.year > o.last_year) continue;
    ++r.wars;
    // originals: entered on the first day (an unknown day counts as the first of its month)
    std::vector<const Participant*> originals;
    std::array<bool, 3> initiating_side{};
    for (const auto& p : parts) {
      const data::Date d{p.start.year, p.start.month > 0 ? p.start.month : 1, p.start.day > 0 ? p.start.day : 1};
      if (d == first) {
        originals.push_back(&p);
        if (p.initiator) initiating_side[static_cast<std::size_t>(p.side)] = true;
      }
    }
    auto is_original = [&](int c) {
      return std::any_of(originals.begin(), originals.end(), [&](const Participant* p) { return p->ccode == c; });
    };
    auto joined_side = [&](int c) {
      int side = 0;
      for (const auto& p : parts) {
        if (p.ccode == c) side = p.side;
      }
      return side;
    };
    for (const int y : s.states.members(first.year)) {
      if (is_original(y)) continue;
      const auto it = rows_of.find(y);
      if (it == rows_of.end()) continue;
      // obligations of y toward each original belligerent, in force at the war's start
      std::array<bool, 3> pledged{};  // by side
      std::array<engine::Obligation, 3> kind{};
      std::array<int, 3> partner{};
      for (const std::size_t ry : it->second) {
        if (!m.in_force(ry, first.year, first.month)) continue;
        for (const Participant* x : originals) {
          const bool x_initiates = initiating_side[static_cast<std::size_t>(x->side)];
          const bool has = x_initiates ? m.offense[ry] != 0 : m.defense[ry] != 0;
          if (!has) continue;
          // x a member of the same alliance at the time
          bool shared = false;
          for (const std::size_t rx : rows_in[m.atopid[ry]]) {
            if (m.member[rx] == x->ccode && m.in_force(rx, first.year, first.month)) shared = true;
          }
          if (!shared) continue;
          // a pledge among the members of one alliance does not apply against another member
          // (collective-defense treaties such as the Rio Treaty or the Arab League pact are
          // pledges against outside attack)
          bool against_member = false;
          for (const Participant* e : originals) {
            if (e->side == x->side) continue;
            for (const std::size_t re : rows_in[m.atopid[ry]]) {
              if (m.member[re] == e->ccode && m.in_force(re, first.year, first.month)) against_member = true;
            }
          }
          if (against_member) continue;
          // limited to locations the file does not name: applies only to a war fought in a home
          // region of the alliance's members at the time (NATO's do not include Southeast Asia,
          // SEATO's do)
          const bool located = x_initiates ? m.offcoloc[ry] != 0 : m.defcoloc[ry] != 0;
          if (located) {
            unsigned regions = 0U;
            for (const std::size_t rm : rows_in[m.atopid[ry]]) {
              if (m.in_force(rm, first.year, first.month)) regions |= home_region(m.member[rm]);
            }
            if ((fought_in[warnum] & regions) == 0U) continue;
          }
          // limited to named adversaries: applies only if one is an original on the other side
          const bool limited = x_initiates ? m.offcoadv[ry] != 0 : m.defcoadv[ry] != 0;
          if (limited && (m.statthr1[ry] != 0 || m.statthr2[ry] != 0)) {
            bool named = false;
            for (const Participant* e : originals) {
              if (e->side != x->side && (e->ccode == m.statthr1[ry] || e->ccode == m.statthr2[ry])) named = true;
            }
            if (!named) continue;
          }
          const auto sd = static_cast<std::size_t>(x->side);
          if (!pledged[sd]) {
            pledged[sd] = true;
            kind[sd] = x_initiates ? engine::Obligation::offense : engine::Obligation::defense;
            partner[sd] = x->ccode;
          }
        }
      }
      if (pledged[1] && pledged[2]) {
        ++r.conflicting;
        continue;
      }
      for (std::size_t sd = 1; sd <= 2; ++sd) {
        if (!pledged[sd]) continue;
        const int js = joined_side(y);
        r.invoked.push_back(InvokedObligation{warnum, first.year, y, partner[sd], kind[sd],
                                              js == static_cast<int>(sd), js != 0 && js != static_cast<int>(sd)});
      }
    }
  }
  engine::JoiningRates& rates = r.rates;
  rates.boundary = o.boundary;
  rates.fitted = true;
  rates.window = fmt::format("{}-{}", o.first_year, o.last_year);
  for (const auto& inv : r.invoked) {
    const std::size_t era = inv.year >= o.boundary ? 1 : 0;
    auto& by = rates.by_obligation[era][inv.kind == engine::Obligation::defense ? 0 : 1];
    ++by.invoked;
    by.joined += inv.joined ? 1 : 0;
    ++rates.any[era].invoked;
    rates.any[era].joined += inv.joined ? 1 : 0;
  }
  auto finish = [](engine::JoiningRate& x) {
    x.rate = x.invoked > 0 ? static_cast<double>(x.joined) / static_cast<double>(x.invoked) : 0.0;
    std::tie(x.lower, x.upper) = wilson_bounds(x.joined, x.invoked, 1.959963984540054);
  };
  for (auto& era : rates.by_obligation) {
    for (auto& x : era) finish(x);
  }
  for (auto& x : rates.any) finish(x);
  return r;
}

namespace {
constexpr double kBerkemeierFuhrmann[2] = {0.66, 0.22};  // Berkemeier & Fuhrmann (2018), as cited in issue 11
}

std::string format_joining_report(const JoiningResult& r, const std::string& format) {
  const auto& q = r.rates;
  const char* era_name[2] = {"before 1946", "from 1946"};
  const char* obl_name[2] = {"defense", "offense"};
  if (format == "json") {
    nlohmann::ordered_json j;
    j["window"] = q.window;
    j["wars"] = r.wars;
    j["conflicting"] = r.conflicting;
    j["rates"] = nlohmann::ordered_json::array();
    for (std::size_t e = 0; e < 2; ++e) {
      for (std::size_t k = 0; k < 3; ++k) {
        const engine::JoiningRate& x = k < 2 ? q.by_obligation[e][k] : q.any[e];
        j["rates"].push_back({{"era", era_name[e]},
                              {"obligation", k < 2 ? obl_name[k] : "any"},
                              {"invoked", x.invoked},
                              {"joined", x.joined},
                              {"rate", x.rate},
                              {"lower", x.lower},
                              {"upper", x.upper}});
      }
    }
    return j.dump(2) + "\n";
  }
  if (format == "csv") {
    std::string out = "era,obligation,invoked,joined,rate,lower95,upper95\n";
    for (std::size_t e = 0; e < 2; ++e) {
      for (std::size_t k = 0; k < 3; ++k) {
        const engine::JoiningRate& x = k < 2 ? q.by_obligation[e][k] : q.any[e];
        out += fmt::format("{},{},{},{},{:.6g},{:.6g},{:.6g}\n", era_name[e], k < 2 ? obl_name[k] : "any", x.invoked,
                           x.joined, x.rate, x.lower, x.upper);
      }
    }
    return out;
  }
  std::string out;
  out += fmt::format(
      "War joining under an applicable ATOP 4.01 obligation (Leeds 2003), COW inter-state wars begun {} ({} wars; "
      "{} third states pledged to both sides left out)\n",
      q.window, r.wars, r.conflicting);
  out += fmt::format("  {:<12} {:<10} {:>8} {:>7} {:>7}  {:<17} {}\n", "era", "obligation", "invoked", "joined",
                     "rate", "95% Wilson", "Berkemeier & Fuhrmann 2018");
  for (std::size_t e = 0; e < 2; ++e) {
    for (std::size_t k = 0; k < 3; ++k) {
      const engine::JoiningRate& x = k < 2 ? q.by_obligation[e][k] : q.any[e];
      out += fmt::format("  {:<12} {:<10} {:>8} {:>7} {:>7.3f}  [{:.3f}, {:.3f}]    {}\n", era_name[e],
                         k < 2 ? obl_name[k] : "any", x.invoked, x.joined, x.rate, x.lower, x.upper,
                         k == 2 ? fmt::format("about {:.2f}", kBerkemeierFuhrmann[e]) : std::string());
    }
  }
  return out;
}

void write_joining_toml(const JoiningResult& r, const std::filesystem::path& file, const std::string& command,
                        const std::string& fitted_on) {
  const auto& q = r.rates;
  std::string out;
  out += "# War joining rates fitted by `concord validate escalation --write-joining` (src/concord/validate/\n";
  out += "# escalation.cpp). THE CONTRACT with the engine (src/concord/engine/escalation.hpp, JoiningRates):\n";
  out += "# a third state with an obligation that applies (defense to a belligerent that did not initiate,\n";
  out += "# offense to one that did; Leeds 2003) joins on its ally's side with `rate` of the war's era.\n";
  out += "# Unit: (COW inter-state war 4.0, third state with an ATOP 4.01 obligation in force at its start\n";
  out += "# toward an original belligerent). Do not edit by hand. docs/model.md, section war joining.\n";
  out += "# Berkemeier & Fuhrmann (2018) report about 0.66 before 1945 and 0.22 after.\n\n";
  out += "[meta]\n";
  out += fmt::format("window = \"{}\"\n", q.window);
  out += fmt::format("boundary = {}\n", q.boundary);
  out += fmt::format("wars = {}\n", r.wars);
  out += "unit = \"third state with an applicable ATOP 4.01 obligation toward an original belligerent of a COW inter-state war\"\n";
  out += fmt::format("fitted_on = \"{}\"\n", fitted_on);
  out += fmt::format("command = \"{}\"\n", command);
  const char* eras[2] = {"before_1946", "from_1946"};
  for (std::size_t e = 0; e < 2; ++e) {
    out += fmt::format("\n[{}]\n", eras[e]);
    auto line = [&](const char* name, const engine::JoiningRate& x) {
      out += fmt::format("{} = {{ invoked = {}, joined = {}, rate = {:.9g}, lower = {:.9g}, upper = {:.9g} }}\n", name,
                         x.invoked, x.joined, x.rate, x.lower, x.upper);
    };
    line("defense", q.by_obligation[e][0]);
    line("offense", q.by_obligation[e][1]);
    line("any", q.any[e]);
  }
  std::ofstream os(file, std::ios::binary | std::ios::trunc);
  if (!os) throw std::runtime_error(fmt::format("cannot write {}", file.string()));
  os << out;
  if (!os) throw std::runtime_error(fmt::format("error writing {}", file.string()));
}

}  // namespace concord::validate
