#include "concord/validate/war_fit.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <Eigen/Dense>
#include <boost/math/distributions/chi_squared.hpp>
#include <cmath>
#include <fstream>
#include <map>
#include <numbers>
#include <stdexcept>

#include "concord/common/atomic_file.hpp"
#include "concord/data/conflict.hpp"
#include "concord/data/nmc.hpp"
#include "concord/data/paths.hpp"
#include "concord/data/state_system.hpp"

namespace concord::validate {

struct WarFitSources {
  data::InterStateWarParticipants wars;
  data::StateSpells majors;
  data::NmcTable nmc;
};

GeometricFit fit_geometric(std::span<const int> durations) {
  if (durations.empty()) throw std::invalid_argument("fit_geometric: no durations");
  GeometricFit f;
  for (const int d : durations) {
    if (d < 1) throw std::invalid_argument(fmt::format("fit_geometric: duration {} < 1 year", d));
    f.years += d;
  }
  f.n = static_cast<long>(durations.size());
  const auto n = static_cast<double>(f.n);
  const auto s = static_cast<double>(f.years);
  f.q = n / s;
  f.mean_duration = s / n;
  f.q_se = f.q * std::sqrt((1.0 - f.q) / n);
  // n ln q + (S - n) ln(1 - q); the second term is 0 when every war lasted one year (q = 1)
  f.log_likelihood = n * std::log(f.q) + (s > n ? (s - n) * std::log(1.0 - f.q) : 0.0);
  return f;
}

LognormalFit fit_lognormal(std::span<const double> x) {
  if (x.size() < 2) throw std::invalid_argument("fit_lognormal: fewer than 2 values");
  LognormalFit f;
  f.n = static_cast<long>(x.size());
  const auto n = static_cast<double>(f.n);
  double sum = 0.0;
  for (const double v : x) {
    if (!std::isfinite(v)) throw std::invalid_argument("fit_lognormal: a value is not finite");
    sum += v;
  }
  f.mu = sum / n;
  double ss = 0.0;
  for (const double v : x) ss += (v - f.mu) * (v - f.mu);
  f.sd = std::sqrt(ss / n);
  f.mu_se = f.sd / std::sqrt(n);
  f.sd_se = f.sd / std::sqrt(2.0 * n);
  // at the MLE, sum (x - mu)^2 / sd^2 = n
  f.log_likelihood = f.sd > 0.0 ? -0.5 * n * (std::log(2.0 * std::numbers::pi * f.sd * f.sd) + 1.0) : 0.0;
  return f;
}

LogLogFit fit_loglog(std::span<const double> x, std::span<const double> y) {
  if (x.size() != y.size()) throw std::invalid_argument("fit_loglog: x and y differ in size");
  if (x.size() < 3) throw std::invalid_argument("fit_loglog: fewer than 3 points");
  const auto rows = static_cast<Eigen::Index>(x.size());
  Eigen::MatrixXd design(rows, 2);
  Eigen::VectorXd response(rows);
  for (Eigen::Index i = 0; i < rows; ++i) {
    const auto k = static_cast<std::size_t>(i);
    if (!std::isfinite(x[k]) || !std::isfinite(y[k])) throw std::invalid_argument("fit_loglog: a value is not finite");
    design(i, 0) = 1.0;
    design(i, 1) = x[k];
    response(i) = y[k];
  }
  const Eigen::Matrix2d xtx = design.transpose() * design;
  const Eigen::LDLT<Eigen::Matrix2d> ldlt(xtx);
  // X'X is singular (up to rounding) when every x is the same
  const double det = xtx(0, 0) * xtx(1, 1) - xtx(0, 1) * xtx(1, 0);
  if (!(det > 1e-12 * xtx(0, 0) * xtx(1, 1))) throw std::invalid_argument("fit_loglog: x has no spread");
  const Eigen::Vector2d beta = ldlt.solve(design.transpose() * response);
  const double rss = (response - design * beta).squaredNorm();
  LogLogFit f;
  f.n = static_cast<long>(rows);
  const auto n = static_cast<double>(rows);
  f.a = beta(0);
  f.b = beta(1);
  f.s = std::sqrt(rss / n);
  const Eigen::Matrix2d cov = f.s * f.s * ldlt.solve(Eigen::Matrix2d::Identity());
  f.a_se = std::sqrt(cov(0, 0));
  f.b_se = std::sqrt(cov(1, 1));
  f.s_se = f.s / std::sqrt(2.0 * n);
  f.log_likelihood = f.s > 0.0 ? -0.5 * n * (std::log(2.0 * std::numbers::pi * f.s * f.s) + 1.0) : 0.0;
  return f;
}

std::shared_ptr<const WarFitSources> read_war_fit_sources(const std::filesystem::path& dir) {
  auto s = std::make_shared<WarFitSources>();
  s->wars = data::read_inter_state_wars(dir / data::paths::kInterStateWar40);
  s->majors = data::read_major_powers(dir / data::paths::kMajors2024);
  s->nmc = data::read_nmc(dir / data::paths::kNmcV7, data::NmcVersion::v7);
  return s;
}

namespace {

// A spell's years (end - start + 1), or 0 if the spell is absent (-8) or a year unknown (< 0).
int spell_years(const data::Date& start, const data::Date& end, bool* unknown) {
  if (start.year == -8) return 0;
  if (start.year < 0 || end.year < 0 || end.year < start.year) {
    *unknown = true;
    return 0;
  }
  return end.year - start.year + 1;
}

struct Participant {
  int first_year = 0;
  int years = 0;
  double deaths = 0.0;
  bool deaths_known = true;
  bool years_unknown = false;
};

struct War {
  std::string name;
  int first_year = 0;
  int last_year = 0;
  bool unknown = false;
  bool major_side[3] = {false, false, false};  // by COW side 1 / 2
  std::map<int, Participant> participants;    // by ccode
  std::vector<std::pair<int, int>> sides;     // (ccode, side) of every row
};

}  // namespace

WarFitResult fit_wars(const WarFitSources& s, const WarFitOptions& o) {
  if (o.last_year < o.first_year) throw std::invalid_argument("validate wars: last year before first year");
  WarFitResult r;
  r.options = o;
  const auto& w = s.wars;
  std::map<int, War> wars;
  for (std::size_t i = 0; i < w.size(); ++i) {
    War& war = wars[w.warnum[i]];
    if (war.name.empty()) war.name = w.warname[i];
    bool unknown = false;
    const int y1 = spell_years(w.start1[i], w.end1[i], &unknown);
    const int y2 = spell_years(w.start2[i], w.end2[i], &unknown);
    if (y1 == 0) unknown = true;  // every participant has a first spell
    Participant& p = war.participants[w.ccode[i]];
    if (unknown) {
      war.unknown = true;
      p.years_unknown = true;
    } else {
      const int start = w.start1[i].year;
      const int end = y2 > 0 ? std::max(w.end1[i].year, w.end2[i].year) : w.end1[i].year;
      war.first_year = war.first_year == 0 ? start : std::min(war.first_year, start);
      war.last_year = std::max(war.last_year, end);
      p.first_year = p.first_year == 0 ? start : std::min(p.first_year, start);
      p.years += y1 + y2;
    }
    if (std::isnan(w.batdeath[i])) {
      p.deaths_known = false;
    } else {
      p.deaths += w.batdeath[i];
    }
    war.sides.emplace_back(w.ccode[i], w.side[i]);
  }

  std::vector<int> all;
  std::vector<int> gp;
  std::vector<int> other;
  std::vector<double> log_milper;
  std::vector<double> log_yearly;
  for (auto& [warnum, war] : wars) {
    if (war.unknown) {
      ++r.wars_unknown_years;
      continue;
    }
    if (war.first_year < o.first_year || war.first_year > o.last_year) continue;
    for (const auto& [ccode, side] : war.sides) {
      if (s.majors.member(ccode, war.first_year)) war.major_side[side] = true;
    }
    WarDuration d;
    d.warnum = warnum;
    d.name = war.name;
    d.first_year = war.first_year;
    d.last_year = war.last_year;
    d.years = war.last_year - war.first_year + 1;
    d.great_powers = war.major_side[1] && war.major_side[2];
    d.participants = static_cast<int>(war.participants.size());
    r.wars.push_back(d);
    all.push_back(d.years);
    (d.great_powers ? gp : other).push_back(d.years);

    for (const auto& [ccode, p] : war.participants) {
      ++r.participants_total;
      if (!p.deaths_known || !(p.deaths > 0.0)) {
        ++r.deaths_missing;
        continue;
      }
      const auto row = s.nmc.index.find(ccode, p.first_year);
      const double milper = row ? s.nmc.milper[*row] * 1000.0 : std::nan("");
      if (!(milper > 0.0)) {
        ++r.milper_missing;
        continue;
      }
      ParticipantSeverity ps;
      ps.warnum = warnum;
      ps.ccode = ccode;
      ps.entry_year = p.first_year;
      ps.years = p.years;
      ps.battle_deaths = p.deaths;
      ps.milper = milper;
      ps.log_rate = std::log(p.deaths / (milper * p.years));
      ps.log_yearly_deaths = std::log(p.deaths / p.years);
      ps.log_milper = std::log(milper);
      r.participants.push_back(ps);
      log_milper.push_back(ps.log_milper);
      log_yearly.push_back(ps.log_yearly_deaths);
    }
  }
  if (all.size() < 2) throw std::invalid_argument("validate wars: fewer than two wars in the window");
  r.duration = fit_geometric(all);
  if (!gp.empty()) r.duration_gp = fit_geometric(gp);
  if (!other.empty()) r.duration_other = fit_geometric(other);
  if (!gp.empty() && !other.empty()) {
    r.lr_statistic =
        std::max(0.0, 2.0 * (r.duration_gp.log_likelihood + r.duration_other.log_likelihood - r.duration.log_likelihood));
    r.lr_p_value = boost::math::cdf(boost::math::complement(boost::math::chi_squared(1.0), r.lr_statistic));
  }
  if (log_yearly.size() < 3) throw std::invalid_argument("validate wars: fewer than three severity observations");
  r.severity = fit_loglog(log_milper, log_yearly);
  return r;
}

std::string format_wars_report(const WarFitResult& r) {
  std::string out;
  out += fmt::format("COW inter-state wars 4.0, wars beginning {}-{}: {} wars ({} left out: a year unknown)\n",
                     r.options.first_year, r.options.last_year, r.wars.size(), r.wars_unknown_years);
  out += "Duration D = last end year - first start year + 1, geometric P(D = d) = (1-q)^(d-1) q, MLE:\n";
  auto line = [&](const char* label, const GeometricFit& f) {
    if (f.n == 0) {
      out += fmt::format("  {:<28} no wars\n", label);
      return;
    }
    out += fmt::format("  {:<28} q = {:.4f} +/- {:.4f}   mean {:.2f} years   n = {} wars, {} war-years\n", label,
                       f.q, f.q_se, f.mean_duration, f.n, f.years);
  };
  line("all wars", r.duration);
  line("a great power on each side", r.duration_gp);
  line("other wars", r.duration_other);
  out += fmt::format(
      "  likelihood ratio (one q vs two): {:.3f}, p = {:.4f} (chi-square, 1 df): {}\n", r.lr_statistic,
      r.lr_p_value,
      r.lr_p_value < 0.05 ? "great-power wars last differently (separate rates supported at 5%)"
                          : "no significant difference at 5%");
  const LogLogFit& v = r.severity;
  out += fmt::format(
      "Battle deaths per participant-year B / T against military personnel P (NMC 7.0 milper, persons, in the\n"
      "entry year), OLS = normal MLE:\n"
      "  ln(B / T) = a + b ln P + e: a = {:.4f} +/- {:.4f}, b = {:.4f} +/- {:.4f}, s = {:.4f} +/- {:.4f}, "
      "n = {} participants\n"
      "  (b < 1: smaller armies lose a larger share; median yearly deaths at P = 10,000: {:.4g}, at P = 1,000,000: "
      "{:.4g};\n"
      "  {} participants in the window, {} without a positive death count, {} without milper)\n",
      v.a, v.a_se, v.b, v.b_se, v.s, v.s_se, v.n, std::exp(v.a + v.b * std::log(1e4)),
      std::exp(v.a + v.b * std::log(1e6)), r.participants_total, r.deaths_missing, r.milper_missing);
  return out;
}

void write_wars_toml(const WarFitResult& r, const std::filesystem::path& file, const std::string& command,
                     const std::string& fitted_on) {
  std::string out;
  out += "# War duration and battle deaths fitted by `concord validate wars` (src/concord/validate/war_fit.cpp).\n";
  out += "# The engine's contract (src/concord/engine/wars.hpp). Do not edit by hand: rerun the command in\n";
  out += "# [meta] and commit the result. Formulas: docs/model.md, \"War duration and battle deaths\".\n";
  out += "#\n";
  out += "# [duration]: D = last end year - first start year + 1 over a war's participants, geometric\n";
  out += "#   P(D = d) = (1 - q)^(d - 1) q; q = n / sum D (MLE), se = q sqrt((1 - q) / n).\n";
  out += "#   great_power: wars with a COW major (majors2024) on each side in the first year; other: the rest;\n";
  out += "#   lr / p: likelihood-ratio test of one q against the two (chi-square, 1 df).\n";
  out += "# [severity]: ln(B / T) = intercept + elasticity ln P + e, e ~ normal(0, sd^2), OLS (= normal MLE)\n";
  out += "#   over participants, B = battle deaths (known, > 0), P = NMC 7.0 milper in persons in the\n";
  out += "#   participant's entry year (> 0), T = its years at war; sd is the MLE (divisor n).\n\n";
  out += "[meta]\n";
  out += "dataset = \"COW Inter-State War Data (Sarkees & Wayman 2010); COW NMC (milper); COW majors\"\n";
  out += "version = \"inter-state wars 4.0; NMC 7.0 (peacesciencer); majors2024\"\n";
  out += fmt::format("window = \"{}-{}\"\n", r.options.first_year, r.options.last_year);
  out += fmt::format("fitted_on = \"{}\"\n", fitted_on);
  out += fmt::format("command = \"{}\"\n\n", command);
  auto geo = [&](const char* table, const GeometricFit& f) {
    out += fmt::format("[{}]\n", table);
    out += fmt::format("q = {:.9g}\n", f.q);
    out += fmt::format("se = {:.9g}\n", f.q_se);
    out += fmt::format("n = {}\n", f.n);
    out += fmt::format("years = {}\n", f.years);
    out += fmt::format("mean_years = {:.9g}\n", f.mean_duration);
  };
  geo("duration", r.duration);
  out += fmt::format("lr = {:.9g}\n", r.lr_statistic);
  out += fmt::format("p = {:.9g}\n\n", r.lr_p_value);
  geo("duration.great_power", r.duration_gp);
  out += "\n";
  geo("duration.other", r.duration_other);
  out += "\n[severity]\n";
  out += fmt::format("intercept = {:.9g}\n", r.severity.a);
  out += fmt::format("intercept_se = {:.9g}\n", r.severity.a_se);
  out += fmt::format("elasticity = {:.9g}\n", r.severity.b);
  out += fmt::format("elasticity_se = {:.9g}\n", r.severity.b_se);
  out += fmt::format("sd = {:.9g}\n", r.severity.s);
  out += fmt::format("sd_se = {:.9g}\n", r.severity.s_se);
  out += fmt::format("n = {}\n", r.severity.n);
  out += fmt::format("participants = {}\n", r.participants_total);
  out += fmt::format("deaths_missing = {}\n", r.deaths_missing);
  out += fmt::format("milper_missing = {}\n", r.milper_missing);
  write_file_atomic(file, out);
}

}  // namespace concord::validate
