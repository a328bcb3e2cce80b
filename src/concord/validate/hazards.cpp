#include "concord/validate/hazards.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cmath>
#include <fstream>
#include <limits>
#include <stdexcept>

#include "concord/store/store.hpp"
#include "concord/validate/scores.hpp"

namespace concord::validate {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Design {
  Eigen::MatrixXd X;
  Eigen::VectorXd y;
  std::vector<std::string> names;
};

enum class Outcome { mid, war };

// The rows of [first, last] usable for an outcome: every covariate but trade present; for MID
// onset, not a continuing-dispute year.
std::vector<std::size_t> usable_rows(const DyadYearTable& t, int first, int last, Outcome outcome,
                                     long* dropped) {
  std::vector<std::size_t> rows;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t.year[i] < first || t.year[i] > last) continue;
    if (outcome == Outcome::mid && t.mid_continuing[i] != 0) continue;
    if (outcome == Outcome::war && t.year[i] > t.war_last_year) continue;  // missing, not "no war"
    bool complete = true;
    for (const char* name : kHazardCovariates) {
      if (std::string_view(name) == "trade_dependence") continue;
      if (std::isnan(t.covariate(name)[i])) complete = false;
    }
    if (!complete) {
      if (dropped != nullptr) ++*dropped;
      continue;
    }
    rows.push_back(i);
  }
  return rows;
}

// intercept, the eight covariates, trade_missing (when asked), peace-years terms (when asked),
// then the dyad-record terms named in `record` (rivalry, nuclear, IGO; the engine's contract).
// `with_trade` false leaves out trade_dependence (and trade_missing): the reduced war model.
Design make_design(const DyadYearTable& t, const std::vector<std::size_t>& rows, Outcome outcome,
                   bool trade_missing_column, bool peace_years, bool with_trade = true,
                   const std::vector<std::string>& record = {}) {
  Design d;
  d.names.emplace_back("intercept");
  for (const char* name : kHazardCovariates) {
    if (with_trade || std::string_view(name) != "trade_dependence") d.names.emplace_back(name);
  }
  trade_missing_column = trade_missing_column && with_trade;
  if (trade_missing_column) d.names.emplace_back("trade_missing");
  if (peace_years) {
    d.names.emplace_back("peace_years_s");
    d.names.emplace_back("peace_years_s2");
    d.names.emplace_back("peace_years_s3");
  }
  for (const auto& name : record) d.names.push_back(name);
  const auto n = static_cast<Eigen::Index>(rows.size());
  d.X.resize(n, static_cast<Eigen::Index>(d.names.size()));
  d.y.resize(n);
  for (Eigen::Index r = 0; r < n; ++r) {
    const std::size_t i = rows[static_cast<std::size_t>(r)];
    Eigen::Index c = 0;
    d.X(r, c++) = 1.0;
    for (const char* name : kHazardCovariates) {
      if (!with_trade && std::string_view(name) == "trade_dependence") continue;
      const double v = t.covariate(name)[i];
      d.X(r, c++) = std::isnan(v) ? 0.0 : v;  // only trade can be NaN here
    }
    if (trade_missing_column) d.X(r, c++) = std::isnan(t.trade_dependence[i]) ? 1.0 : 0.0;
    if (peace_years) {
      const auto s = peace_year_terms(t.peace_years[i]);
      for (const double v : s) d.X(r, c++) = v;
    }
    for (const auto& name : record) d.X(r, c++) = t.covariate(name)[i];
    d.y(r) = outcome == Outcome::mid ? t.mid_onset[i] : t.war_onset[i];
  }
  return d;
}

bool any_trade_missing(const DyadYearTable& t, const std::vector<std::size_t>& rows) {
  for (const auto i : rows) {
    if (std::isnan(t.trade_dependence[i])) return true;
  }
  return false;
}

bool any_trade_known(const DyadYearTable& t, const std::vector<std::size_t>& rows) {
  for (const auto i : rows) {
    if (!std::isnan(t.trade_dependence[i])) return true;
  }
  return false;
}

void score(HazardsResult& result, const std::string& outcome, const std::string& model,
           const std::vector<double>& p, const Eigen::VectorXd& y, std::string note = {}) {
  ScoreRow row;
  row.outcome = outcome;
  row.model = model;
  row.n = static_cast<long>(y.size());
  row.events = static_cast<long>(y.sum());
  row.note = std::move(note);
  if (p.empty()) {
    row.brier = row.log_loss = row.auc = kNaN;
  } else {
    const std::span<const double> ys(y.data(), static_cast<std::size_t>(y.size()));
    row.brier = brier_score(p, ys);
    row.log_loss = log_loss(p, ys);
    row.auc = row.events > 0 && row.events < row.n ? roc_auc(p, ys) : kNaN;
  }
  result.scores.push_back(std::move(row));
}

std::vector<double> to_vector(const Eigen::VectorXd& v) { return {v.data(), v.data() + v.size()}; }

}  // namespace

Escalation wilson_interval(long k, long n) {
  if (n <= 0) throw std::invalid_argument("wilson_interval: no trials");
  const double z = 1.959963984540054;
  const double nn = static_cast<double>(n);
  const double phat = static_cast<double>(k) / nn;
  const double denom = 1.0 + z * z / nn;
  const double centre = (phat + z * z / (2.0 * nn)) / denom;
  const double half = z * std::sqrt(phat * (1.0 - phat) / nn + z * z / (4.0 * nn * nn)) / denom;
  return Escalation{n, k, phat, std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

std::array<double, 3> peace_year_terms(double t) {
  const double s = t / 10.0;
  return {s, s * s, s * s * s};
}

HazardsResult run_hazards(const DyadYearSources& sources, const HazardsOptions& o) {
  if (o.train_last < o.train_first || o.test_last < o.test_first) {
    throw std::invalid_argument("validate hazards: a window ends before it starts");
  }
  HazardsResult r;
  r.options = o;
  const int first = std::min(o.train_first, o.test_first);
  const int last = std::max(o.train_last, o.test_last);
  const DyadYearTable t = build_dyad_years(sources, o.region, first, last);
  r.war_last_year = t.war_last_year;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t.year[i] >= o.train_first && t.year[i] <= o.train_last) ++r.train_rows;
  }

  const auto train_mid = usable_rows(t, o.train_first, o.train_last, Outcome::mid, nullptr);
  long dropped = 0;
  const auto train_war = usable_rows(t, o.train_first, o.train_last, Outcome::war, &dropped);
  r.dropped_missing = dropped;
  const auto test_mid = usable_rows(t, o.test_first, o.test_last, Outcome::mid, nullptr);
  const auto test_war = usable_rows(t, o.test_first, o.test_last, Outcome::war, nullptr);
  r.train_mid_rows = static_cast<long>(train_mid.size());
  r.train_war_rows = static_cast<long>(train_war.size());
  r.test_mid_rows = static_cast<long>(test_mid.size());
  r.test_war_rows = static_cast<long>(test_war.size());
  for (const auto i : train_war) r.trade_imputed += std::isnan(t.trade_dependence[i]) ? 1 : 0;
  const bool trade_flag = any_trade_missing(t, train_mid);
  // With no dyadic trade at all in the training rows (the project's trade extract covers
  // Asia-Pacific dyads only, so Europe before 1890 has none) trade dependence is not identified:
  // trade_dependence and trade_missing are left out of every model and the engine's coefficient
  // stays 0.
  const bool with_trade = any_trade_known(t, train_mid);
  long trade_known = 0;
  for (const auto i : train_mid) trade_known += std::isnan(t.trade_dependence[i]) ? 0 : 1;
  r.trade_known_share =
      train_mid.empty() ? 0.0 : static_cast<double>(trade_known) / static_cast<double>(train_mid.size());
  // The engine's contract keeps the trade term only where trade is known for most training rows:
  // the engine always has a trade value and never applies trade_missing, so where most rows lack
  // trade (region world: 3% known) the fitted intercept would describe the few rows with trade
  // (the Asia-Pacific ones) and the engine would take every dyad for one of them.
  const bool trade_in_contract = with_trade && r.trade_known_share >= 0.5;
  r.trade_identified = trade_in_contract;

  // Escalation of MID onsets to war in the training years (all dyad-years of the region).
  long mids = 0;
  long wars = 0;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t.year[i] < o.train_first || t.year[i] > o.train_last || t.mid_onset[i] == 0) continue;
    ++mids;
    wars += t.mid_war[i];
  }
  if (mids == 0) throw LogitError("no MID onset in the training years: nothing to fit");
  r.escalation = wilson_interval(wars, mids);

  // The dyad-record terms of the contract that vary in the training rows; a constant one (no
  // nuclear state and no listed IGO before 1938 / 1945, so in Europe 1816-1889) is not
  // identified: it is left out of the fit and the engine's coefficient stays 0.
  std::vector<std::string> record;
  for (const char* name : kDyadRecordCovariates) {
    const auto& col = t.covariate(name);
    bool varies = false;
    for (const auto i : train_mid) varies = varies || col[i] != col[train_mid.front()];
    if (varies) {
      record.emplace_back(name);
    } else {
      r.unidentified.emplace_back(name);
    }
  }

  for (const auto i : train_war) r.peace_years_max = std::max(r.peace_years_max, static_cast<int>(t.peace_years[i]));

  // MID onset.
  const Design mid_train = make_design(t, train_mid, Outcome::mid, trade_flag, true, with_trade);
  // The contract is fitted on every dyad-year with complete covariates, continuing-MID years
  // included (a new MID can begin in one): the engine draws an onset for every dyad every year,
  // so its risk set is all dyad-years, not the at-risk years of the standard logit.
  const Design mid_train_engine =
      make_design(t, train_war, Outcome::mid, trade_flag, true, trade_in_contract, record);
  const Design mid_test = make_design(t, test_mid, Outcome::mid, trade_flag, true, with_trade);
  const Design mid_test_engine = make_design(t, test_mid, Outcome::mid, trade_flag, true, trade_in_contract, record);
  r.mid_base_rate = mid_train.y.mean();
  r.mid_logit = fit_logit(mid_train.X, mid_train.y, mid_train.names);
  r.mid_engine = fit_logit(mid_train_engine.X, mid_train_engine.y, mid_train_engine.names);
  const auto n_mid = static_cast<std::size_t>(mid_test.y.size());
  score(r, "mid_onset", "base_rate", std::vector<double>(n_mid, r.mid_base_rate), mid_test.y);
  score(r, "mid_onset", "logit", to_vector(predict_logit(*r.mid_logit, mid_test.X)), mid_test.y);
  const double mid_unfitted = logistic(std::log(r.mid_base_rate));
  score(r, "mid_onset", "engine_unfitted", std::vector<double>(n_mid, mid_unfitted), mid_test.y);
  score(r, "mid_onset", "engine_fitted", to_vector(predict_logit(*r.mid_engine, mid_test_engine.X)),
        mid_test.y);

  // War onset.
  const Design war_train = make_design(t, train_war, Outcome::war, trade_flag, true, with_trade);
  const Design war_test = make_design(t, test_war, Outcome::war, trade_flag, true, with_trade);
  // P(war onset) of the engine's form: P(MID onset) x P(war | MID). The contract's MID logit on
  // every test dyad-year (continuing-MID years too: a war can begin in one).
  const Design war_test_engine =
      make_design(t, test_war, Outcome::war, trade_flag, true, trade_in_contract, record);
  r.war_base_rate = war_train.y.mean();
  const auto n_war = static_cast<std::size_t>(war_test.y.size());
  score(r, "war_onset", "base_rate", std::vector<double>(n_war, r.war_base_rate), war_test.y);
  // Wars are rare: with a few dozen onsets a covariate can separate them (no war between allies
  // in the window, say, or none more than a year after the dyad's last MID, which the
  // peace-years cubic then separates). The MLE does not exist then; the covariates the failed
  // fit points at are dropped and the model refitted (at most three times), and the report
  // says which model was scored.
  {
    std::vector<std::string> dropped_terms;
    const Design full_train = make_design(t, train_war, Outcome::war, trade_flag, true, with_trade);
    const Design full_test = make_design(t, test_war, Outcome::war, trade_flag, true, with_trade);
    for (int attempt = 0; attempt < 4 && !r.war_logit; ++attempt) {
      std::vector<Eigen::Index> keep;
      std::vector<std::string> names;
      for (std::size_t j = 0; j < full_train.names.size(); ++j) {
        const std::string& name = full_train.names[j];
        const bool is_peace = name.rfind("peace_years", 0) == 0;
        bool drop = std::find(dropped_terms.begin(), dropped_terms.end(), name) != dropped_terms.end();
        // The cubic goes as a block.
        if (is_peace &&
            std::find(dropped_terms.begin(), dropped_terms.end(), "peace_years") != dropped_terms.end()) {
          drop = true;
        }
        if (!drop) {
          keep.push_back(static_cast<Eigen::Index>(j));
          names.push_back(name);
        }
      }
      const Eigen::MatrixXd Xtr = full_train.X(Eigen::all, keep);
      try {
        r.war_logit = fit_logit(Xtr, full_train.y, names);
      } catch (const LogitError& e) {
        r.war_logit_errors.push_back(e.what());
        bool progress = false;
        for (const auto& c : e.columns()) {
          if (c == "intercept") continue;
          const std::string term = c.rfind("peace_years", 0) == 0 ? "peace_years" : c;
          if (std::find(dropped_terms.begin(), dropped_terms.end(), term) == dropped_terms.end()) {
            dropped_terms.push_back(term);
            progress = true;
          }
        }
        if (!progress) break;
        continue;
      }
      std::string spec = "full model";
      if (!dropped_terms.empty()) {
        spec = "without";
        for (const auto& d : dropped_terms) spec += " " + d;
        spec += " (separated)";
      }
      r.war_logit_spec = spec;
      const Eigen::MatrixXd Xte = full_test.X(Eigen::all, keep);
      score(r, "war_onset", "logit", to_vector(predict_logit(*r.war_logit, Xte)), war_test.y,
            dropped_terms.empty() ? "" : spec);
    }
    if (!r.war_logit)
      score(r, "war_onset", "logit", {}, war_test.y, "not estimable: every specification separated");
  }
  const double war_unfitted = r.war_base_rate > 0.0 ? logistic(std::log(r.war_base_rate)) : 0.0;
  score(r, "war_onset", "engine_unfitted", std::vector<double>(n_war, war_unfitted), war_test.y);
  Eigen::VectorXd p_war = predict_logit(*r.mid_engine, war_test_engine.X) * r.escalation.rate;
  score(r, "war_onset", "engine_fitted", to_vector(p_war), war_test.y);
  return r;
}

void write_hazards_toml(const HazardsResult& r, const std::filesystem::path& file, const std::string& command,
                        const std::string& fitted_on) {
  if (!r.mid_engine) throw std::invalid_argument("write_hazards_toml: no MID fit");
  const LogitFit& f = *r.mid_engine;
  std::string out;
  out += "# Dyad-year hazards fitted by `concord validate hazards` (src/concord/validate/hazards.cpp).\n";
  out += "# THE CONTRACT with the engine (src/concord/engine/hazards.hpp). Do not edit by hand: rerun\n";
  out += "# the command in [meta] and commit the result. Format: docs/model.md, section hazards.\n";
  out += "#\n";
  out += "# [mid_onset]: logit of MID onset in a non-directed dyad-year,\n";
  out += "#   P(onset) = 1 / (1 + exp(-(intercept + sum_k coef_k x_k))),\n";
  out += "# each key `name = { coef = ..., se = ... }` (se from the inverse Fisher information).\n";
  out += "# Covariates: contiguity (COW direct contiguity 1-5, 0/1); log_distance = ln(1 + capital\n";
  out += "# great-circle km); parity = ln(weaker CINC / stronger CINC); power_shift = |r_t - r_{t-1}|,\n";
  out += "# r = cinc_a / (cinc_a + cinc_b); alliance = ATOP defense pledge (0/1); joint_democracy =\n";
  out += "# min V-Dem polyarchy; trade_dependence = min over the two of dyadic trade / GDP (a share);\n";
  out += "# major_power = either a COW major (0/1); peace_years_s, _s2, _s3 = s, s^2, s^3 with s = t / 10,\n";
  out += "# t = years since the dyad's last MID onset (or since both entered the system; Carter &\n";
  out += "# Signorino 2010; the engine carries t per dyad); rivalry = Thompson & Dreyer strategic rivalry\n";
  out += "# (0/1); nuclear_both / nuclear_one = both / exactly one possess nuclear weapons (Bleek 2017\n";
  out += "# status 3); igo_shared = shared full memberships among the 23 listed IGOs of the COW IGO 3.0\n";
  out += "# extract (UN left out), igo_security_shared = among those with a security mandate\n";
  out += "# (src/concord/data/igo_dyads.hpp). [meta] peace_years_max: the largest t in the fit; the\n";
  out += "# engine holds t at most there (the cubic is not extrapolated).\n";
  out += "# [mid_onset_covariance]: the estimated covariance (X'WX)^-1 of every coefficient of the fit,\n";
  out += "# `terms` in the order of [mid_onset] then [mid_onset_nuisance], `matrix` row-major.\n";
  out += "# [war_given_mid]: share of MID onsets in the window in which both sides reached hostility\n";
  out += "# level 5 (war), with the Wilson 95% interval.\n";
  if (!r.unidentified.empty()) {
    out += fmt::format("# Not identified in the window (constant in every training dyad-year), so absent and 0 in\n"
                       "# the engine: {}.\n",
                       fmt::join(r.unidentified, ", "));
  }
  if (!r.trade_identified) {
    out += fmt::format(
        "# trade_dependence is absent: dyadic trade is known for {:.1f}% of the training dyad-years (the\n"
        "# project's trade extract covers Asia-Pacific dyads only); the contract keeps the term only\n"
        "# where it is known for at least half of them, so the engine uses 0.\n",
        100.0 * r.trade_known_share);
  }
  out += "\n";
  out += "[meta]\n";
  out += fmt::format("window = \"{}-{}\"\n", r.options.train_first, r.options.train_last);
  out += fmt::format("region = \"{}\"\n", region_name(r.options.region));
  out += fmt::format("n = {}\n", f.n);
  out += fmt::format("events = {}\n", f.events);
  out += fmt::format("fitted_on = \"{}\"\n", fitted_on);
  out += fmt::format("command = \"{}\"\n", command);
  out += fmt::format("log_likelihood = {:.6f}\n", f.log_likelihood);
  out += fmt::format("null_log_likelihood = {:.6f}\n", f.null_log_likelihood);
  out += fmt::format("peace_years_max = {}\n", r.peace_years_max);
  out += "link = \"logit\"\n";
  out += "unit = \"non-directed dyad-year; every year at risk (continuing-MID years included, as in the engine)\"\n\n";
  out += "[mid_onset]\n";
  for (std::size_t j = 0; j < f.names.size(); ++j) {
    if (f.names[j] == "trade_missing") continue;
    out += fmt::format("{} = {{ coef = {:.9g}, se = {:.9g} }}\n", f.names[j],
                       f.coef(static_cast<Eigen::Index>(j)), f.se(static_cast<Eigen::Index>(j)));
  }
  const auto tm = std::find(f.names.begin(), f.names.end(), "trade_missing");
  if (tm != f.names.end()) {
    const auto j = static_cast<Eigen::Index>(tm - f.names.begin());
    out += "\n# Nuisance term of the fit, not used by the engine: 1 where the dyad's trade dependence is\n";
    out += "# unknown (trade_dependence then set to 0). The engine always has a trade value.\n";
    out += "[mid_onset_nuisance]\n";
    out += fmt::format("trade_missing = {{ coef = {:.9g}, se = {:.9g} }}\n", f.coef(j), f.se(j));
  }
  {
    // the covariance in the order the coefficients are written: [mid_onset], then the nuisance
    std::vector<Eigen::Index> order;
    for (std::size_t j = 0; j < f.names.size(); ++j) {
      if (f.names[j] != "trade_missing") order.push_back(static_cast<Eigen::Index>(j));
    }
    if (tm != f.names.end()) order.push_back(static_cast<Eigen::Index>(tm - f.names.begin()));
    out += "\n[mid_onset_covariance]\nterms = [";
    for (std::size_t k = 0; k < order.size(); ++k)
      out += fmt::format("{}\"{}\"", k == 0 ? "" : ", ", f.names[static_cast<std::size_t>(order[k])]);
    out += "]\nmatrix = [\n";
    for (const auto a : order) {
      out += "  [";
      for (std::size_t k = 0; k < order.size(); ++k) {
        // symmetric by construction: the mean of the two triangles written for both
        const double v = 0.5 * (f.covariance(a, order[k]) + f.covariance(order[k], a));
        out += fmt::format("{}{:.9g}", k == 0 ? "" : ", ", v);
      }
      out += "],\n";
    }
    out += "]\n";
  }
  out += "\n[war_given_mid]\n";
  out += fmt::format("rate = {:.9g}\n", r.escalation.rate);
  out += fmt::format("lower = {:.9g}\n", r.escalation.lower);
  out += fmt::format("upper = {:.9g}\n", r.escalation.upper);
  out += fmt::format("mids = {}\n", r.escalation.mids);
  out += fmt::format("wars = {}\n", r.escalation.wars);
  std::ofstream os(file, std::ios::binary | std::ios::trunc);
  if (!os) throw std::runtime_error(fmt::format("cannot write {}", file.string()));
  os << out;
  if (!os) throw std::runtime_error(fmt::format("error writing {}", file.string()));
}

void write_validation_store(const HazardsResult& r, const std::filesystem::path& file) {
  // Through the results store, so the file is a concord store of the current schema and
  // validation tables can share a file with ensembles (docs/results.md, "Validation tables").
  store::ResultsStore results(file, store::StoreOptions{});
  SQLite::Database& db = results.database();
  db.exec(
      "CREATE TABLE IF NOT EXISTS validation (kind TEXT NOT NULL, region TEXT NOT NULL, train TEXT NOT NULL, "
      "test TEXT NOT NULL, outcome TEXT NOT NULL, model TEXT NOT NULL, n INTEGER, events INTEGER, brier "
      "REAL, "
      "log_loss REAL, auc REAL, note TEXT, PRIMARY KEY (kind, region, train, test, outcome, model))");
  db.exec(
      "CREATE TABLE IF NOT EXISTS validation_coefficients (region TEXT NOT NULL, train TEXT NOT NULL, "
      "model TEXT NOT NULL, term TEXT NOT NULL, coef REAL, se REAL, n INTEGER, events INTEGER, "
      "PRIMARY KEY (region, train, model, term))");
  const std::string region(region_name(r.options.region));
  const std::string train = fmt::format("{}-{}", r.options.train_first, r.options.train_last);
  const std::string test = fmt::format("{}-{}", r.options.test_first, r.options.test_last);
  SQLite::Transaction tx(db);
  SQLite::Statement ins(
      db, "INSERT OR REPLACE INTO validation VALUES ('hazards', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  auto bind_real = [](SQLite::Statement& st, int i, double v) {
    if (std::isnan(v)) {
      st.bind(i);
    } else {
      st.bind(i, v);
    }
  };
  for (const auto& s : r.scores) {
    ins.bind(1, region);
    ins.bind(2, train);
    ins.bind(3, test);
    ins.bind(4, s.outcome);
    ins.bind(5, s.model);
    ins.bind(6, static_cast<int64_t>(s.n));
    ins.bind(7, static_cast<int64_t>(s.events));
    bind_real(ins, 8, s.brier);
    bind_real(ins, 9, s.log_loss);
    bind_real(ins, 10, s.auc);
    ins.bind(11, s.note);
    ins.exec();
    ins.reset();
  }
  SQLite::Statement coef(db,
                         "INSERT OR REPLACE INTO validation_coefficients VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  auto put = [&](const char* model, const std::optional<LogitFit>& fit) {
    if (!fit) return;
    for (std::size_t j = 0; j < fit->names.size(); ++j) {
      coef.bind(1, region);
      coef.bind(2, train);
      coef.bind(3, model);
      coef.bind(4, fit->names[j]);
      coef.bind(5, fit->coef(static_cast<Eigen::Index>(j)));
      coef.bind(6, fit->se(static_cast<Eigen::Index>(j)));
      coef.bind(7, static_cast<int64_t>(fit->n));
      coef.bind(8, static_cast<int64_t>(fit->events));
      coef.exec();
      coef.reset();
    }
  };
  put("mid_logit", r.mid_logit);
  put("mid_engine", r.mid_engine);
  put("war_logit", r.war_logit);
  tx.commit();
}

std::string format_hazards_report(const HazardsResult& r) {
  std::string out;
  out += fmt::format("Dyad-year hazards, region {}, train {}-{}, test {}-{}\n", region_name(r.options.region),
                     r.options.train_first, r.options.train_last, r.options.test_first, r.options.test_last);
  out += fmt::format(
      "training dyad-years {} (MID fits {}, war fits {}; {} dropped for a missing covariate; "
      "{} with trade unknown, set 0 and flagged)\n",
      r.train_rows, r.train_mid_rows, r.train_war_rows, r.dropped_missing, r.trade_imputed);
  out += fmt::format(
      "base rates: MID onset {:.5f}, war onset {:.6f}; MID -> war {}/{} = {:.4f} [{:.4f}, {:.4f}]\n\n",
      r.mid_base_rate, r.war_base_rate, r.escalation.wars, r.escalation.mids, r.escalation.rate,
      r.escalation.lower, r.escalation.upper);
  auto table = [&](const char* title, const std::optional<LogitFit>& fit) {
    if (!fit) return;
    out += fmt::format("{} (n {}, events {}, log-likelihood {:.2f}, null {:.2f})\n", title, fit->n,
                       fit->events, fit->log_likelihood, fit->null_log_likelihood);
    out += fmt::format("  {:<18} {:>12} {:>10} {:>8}\n", "term", "coef", "se", "z");
    for (std::size_t j = 0; j < fit->names.size(); ++j) {
      const auto k = static_cast<Eigen::Index>(j);
      out += fmt::format("  {:<18} {:>12.4f} {:>10.4f} {:>8.2f}\n", fit->names[j], fit->coef(k), fit->se(k),
                         fit->coef(k) / fit->se(k));
    }
    out += "\n";
  };
  table("MID onset logit with peace-years (Carter & Signorino)", r.mid_logit);
  table("MID onset logit of the engine contract (data/hazards.toml): peace-years, rivalry, nuclear, IGO",
        r.mid_engine);
  if (!r.unidentified.empty())
    out += fmt::format("  (not identified in the window, left out: {})\n\n", fmt::join(r.unidentified, ", "));
  for (const auto& e : r.war_logit_errors) out += "War onset logit refitted: " + e + "\n";
  if (!r.war_logit_errors.empty()) out += "\n";
  const std::string war_title = "War onset logit (" + r.war_logit_spec + ")";
  table(war_title.c_str(), r.war_logit);
  out += fmt::format("Out-of-sample scores, test {}-{}\n", r.options.test_first, r.options.test_last);
  if (r.options.test_last > r.war_last_year) {
    out += fmt::format("  (war onset scored to {} only: COW inter-state wars 4.0 end in {}; later years are missing, "
                       "not years without war)\n",
                       r.war_last_year, r.war_last_year);
  }
  out += fmt::format("  {:<10} {:<16} {:>8} {:>7} {:>10} {:>10} {:>7}\n", "outcome", "model", "n", "events",
                     "brier", "log_loss", "auc");
  for (const auto& s : r.scores) {
    out += fmt::format("  {:<10} {:<16} {:>8} {:>7} {:>10.6f} {:>10.6f} {:>7.4f}{}\n", s.outcome, s.model,
                       s.n, s.events, s.brier, s.log_loss, s.auc, s.note.empty() ? "" : "  (" + s.note + ")");
  }
  return out;
}

}  // namespace concord::validate
