#include "concord/scenario/load.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <initializer_list>
#include <limits>
#include <set>
#include <span>
#include <sstream>
#include <unordered_map>

#include "concord/common/input_file.hpp"
#include "concord/common/limits.hpp"
#include "concord/engine/params.hpp"
#include "concord/common/suggest.hpp"
#include "concord/scenario/catalog.hpp"

namespace concord {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

const char* type_name(toml::node_type t) {
  switch (t) {
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a floating-point number";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::date:
      return "a date";
    case toml::node_type::time:
      return "a time";
    case toml::node_type::date_time:
      return "a date-time";
    case toml::node_type::none:
      break;
  }
  return "nothing";
}

std::string fmt_num(double v) { return fmt::format("{}", v); }

/// Allowed range of a number, with the wording used in messages.
struct Range {
  double lo = -kInf;
  double hi = kInf;
  bool lo_open = false;  // lo itself not allowed
  const char* unit = nullptr;  // the expected unit, named in the message (plausibility bounds)
  [[nodiscard]] bool contains(double v) const { return (lo_open ? v > lo : v >= lo) && v <= hi; }
  [[nodiscard]] std::string describe() const {
    const std::string u = unit != nullptr ? fmt::format(" ({})", unit) : std::string();
    if (hi == kInf) return fmt::format("{} {}{}", lo_open ? ">" : ">=", fmt_num(lo), u);
    return fmt::format("between {} and {}{}", fmt_num(lo), fmt_num(hi), u);
  }
};
// Plausibility bounds of the figures (docs/scenario.md, "Plausible ranges"): a value outside is
// almost always a unit slip (dollars for millions, persons for thousands) or a typing error. The
// bounds hold every state-year of the datasets since 1816 with a wide margin (largest in the
// 2022 world scenario: GDP 2.7e7, population 1.4e6, NMC milex 8.4e8, SIPRI 8.6e5).
constexpr Range kGdp{1.0, 1e8, false, "GDP in millions of 2011 international $ (PPP); a figure in dollars is 10^6 too large"};
constexpr Range kPopulation{1.0, 2e6, false, "population in thousands; a head count is 1000 too large"};
constexpr Range kNmcMilex{0.0, 5e9, false, "NMC milex in thousands of current US$"};
constexpr Range kNmcMilper{0.0, 5e4, false, "NMC milper in thousands of personnel"};
constexpr Range kNmcIrst{0.0, 5e6, false, "NMC irst in thousands of tons"};
constexpr Range kNmcPec{0.0, 5e7, false, "NMC pec in thousands of coal-ton equivalents"};
constexpr Range kNmcPop{0.0, 2e6, false, "NMC population in thousands"};
constexpr Range kSipri{0.0, 5e6, false, "military expenditure in millions of constant 2022 US$ (SIPRI)"};
constexpr Range kTrade{0.0, 5e6, false, "trade in millions of current US$"};
constexpr Range kDistance{0.0, 20100.0, false, "km; no two places on Earth are farther apart than 20,037 km"};
constexpr Range kAny{};
constexpr Range kNonNegative{0.0, kInf, false};
constexpr Range kPositive{0.0, kInf, true};
constexpr Range kUnit{0.0, 1.0, false};
constexpr Range kScale100{0.0, 100.0, false};

using Keys = std::span<const std::string_view>;

class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}

  std::vector<Problem> problems;
  int start_year = 0;
  const std::map<std::string, Source>* sources = nullptr;

  [[nodiscard]] Location at(const toml::node& n, std::string field) const {
    const auto& b = n.source().begin;
    return Location{file_, static_cast<long>(b.line), static_cast<long>(b.column), std::move(field)};
  }
  void fail(const toml::node& n, std::string field, std::string message) {
    problems.push_back(Problem{at(n, std::move(field)), std::move(message)});
  }

  /// Reports every key of `t` not in `allowed`, naming the closest allowed key.
  void check_keys(const toml::table& t, const std::string& path,
                  std::initializer_list<std::string_view> allowed) {
    check_keys(t, path, Keys(allowed.begin(), allowed.size()));
  }
  void check_keys(const toml::table& t, const std::string& path, Keys allowed) {
    for (auto&& [key, node] : t) {
      const std::string_view k = key.str();
      if (std::find(allowed.begin(), allowed.end(), k) != allowed.end()) continue;
      const auto best = closest_match(k, allowed);
      std::string hint = best ? fmt::format("did you mean '{}'?", *best)
                              : fmt::format("allowed keys: {}", fmt::join(allowed, ", "));
      const auto& b = key.source().begin;
      Location where{file_, static_cast<long>(b.line), static_cast<long>(b.column), join(path, k)};
      if (where.line == 0) where = at(node, join(path, k));
      problems.push_back(Problem{
          where, fmt::format("unknown key '{}' in {}: {}", k, path.empty() ? "the top level" : path, hint)});
    }
  }

  static std::string join(const std::string& path, std::string_view key) {
    return path.empty() ? std::string(key) : fmt::format("{}.{}", path, key);
  }

  void missing(const toml::node& table, const std::string& path, std::string_view key,
               std::string_view what) {
    fail(table, join(path, key), fmt::format("missing required key '{}' ({})", key, what));
  }

  void wrong_type(const toml::node& n, const std::string& field, std::string_view expected) {
    fail(n, field, fmt::format("expected {}, found {}", expected, type_name(n.type())));
  }

  /// A number (integer or float) at t[key]: nullopt when absent or bad (bad is reported).
  std::optional<double> number(const toml::table& t, const std::string& path, std::string_view key,
                               Range range, std::string_view what = "") {
    const toml::node* n = t.get(key);
    if (n == nullptr) return std::nullopt;
    const std::string field = join(path, key);
    double v = 0.0;
    if (auto i = n->as_integer()) {
      v = static_cast<double>(i->get());
    } else if (auto f = n->as_floating_point()) {
      v = f->get();
      if (std::isnan(v) || std::isinf(v)) {
        fail(*n, field,
             fmt::format("{} is not allowed; give a finite number, or leave the key out "
                         "when the value is missing",
                         std::isnan(v) ? "NaN" : "infinity"));
        return std::nullopt;
      }
    } else {
      wrong_type(*n, field, "a number");
      return std::nullopt;
    }
    if (!range.contains(v)) {
      fail(*n, field,
           fmt::format("{} {} is out of range: must be {}", what.empty() ? key : what, fmt_num(v),
                       range.describe()));
      return std::nullopt;
    }
    return v;
  }

  double number_or(const toml::table& t, const std::string& path, std::string_view key, Range range,
                   double fallback, std::string_view what = "") {
    return number(t, path, key, range, what).value_or(fallback);
  }

  double required_number(const toml::table& t, const std::string& path, std::string_view key, Range range,
                         std::string_view what) {
    if (t.get(key) == nullptr) {
      missing(t, path, key, what);
      return kMissing;
    }
    return number(t, path, key, range).value_or(kMissing);
  }

  std::optional<long long> integer(const toml::table& t, const std::string& path, std::string_view key,
                                   Range range = kAny) {
    const toml::node* n = t.get(key);
    if (n == nullptr) return std::nullopt;
    auto i = n->as_integer();
    if (!i) {
      wrong_type(*n, join(path, key), "an integer");
      return std::nullopt;
    }
    const auto v = i->get();
    if (!range.contains(static_cast<double>(v))) {
      fail(*n, join(path, key), fmt::format("{} {} is out of range: must be {}", key, v, range.describe()));
      return std::nullopt;
    }
    return v;
  }

  std::optional<int> required_int(const toml::table& t, const std::string& path, std::string_view key,
                                  std::string_view what, Range range = kAny) {
    if (t.get(key) == nullptr) {
      missing(t, path, key, what);
      return std::nullopt;
    }
    auto v = integer(t, path, key, range);
    if (!v) return std::nullopt;
    return static_cast<int>(*v);
  }

  std::optional<std::string> string(const toml::table& t, const std::string& path, std::string_view key) {
    const toml::node* n = t.get(key);
    if (n == nullptr) return std::nullopt;
    auto s = n->as_string();
    if (!s) {
      wrong_type(*n, join(path, key), "a string");
      return std::nullopt;
    }
    return s->get();
  }

  std::string required_string(const toml::table& t, const std::string& path, std::string_view key,
                              std::string_view what) {
    if (t.get(key) == nullptr) {
      missing(t, path, key, what);
      return {};
    }
    auto s = string(t, path, key).value_or(std::string());
    if (s.empty() && t.get(key)->is_string()) fail(*t.get(key), join(path, key), "must not be empty");
    return s;
  }

  std::optional<bool> boolean(const toml::table& t, const std::string& path, std::string_view key) {
    const toml::node* n = t.get(key);
    if (n == nullptr) return std::nullopt;
    auto b = n->as_boolean();
    if (!b) {
      wrong_type(*n, join(path, key), "true or false");
      return std::nullopt;
    }
    return b->get();
  }

  const toml::table* table(const toml::table& t, const std::string& path, std::string_view key) {
    const toml::node* n = t.get(key);
    if (n == nullptr) return nullptr;
    if (!n->is_table()) {
      wrong_type(*n, join(path, key), "a table");
      return nullptr;
    }
    return n->as_table();
  }

  const toml::array* array(const toml::table& t, const std::string& path, std::string_view key) {
    const toml::node* n = t.get(key);
    if (n == nullptr) return nullptr;
    if (!n->is_array()) {
      wrong_type(*n, join(path, key), "an array");
      return nullptr;
    }
    return n->as_array();
  }

  /// Each element of `arr` that is a table, with its path "name[i]"; others are reported.
  template <class F>
  void each_table(const toml::array& arr, const std::string& name, F&& f) {
    for (std::size_t i = 0; i < arr.size(); ++i) {
      const std::string path = fmt::format("{}[{}]", name, i);
      const toml::node& n = arr[i];
      if (auto tb = n.as_table()) {
        f(*tb, path);
      } else {
        wrong_type(n, path, "a table");
      }
    }
  }

  /// Parses "dataset@year", "dataset" or { dataset, year, estimated, note }.
  std::optional<Provenance> provenance(const toml::node& n, const std::string& field) {
    Provenance p;
    if (auto s = n.as_string()) {
      const std::string& text = s->get();
      const auto at_pos = text.find('@');
      p.dataset = text.substr(0, at_pos);
      if (at_pos != std::string::npos) {
        const std::string y = text.substr(at_pos + 1);
        const auto [ptr, ec] = std::from_chars(y.data(), y.data() + y.size(), p.year);
        if (ec != std::errc() || ptr != y.data() + y.size()) {
          fail(n, field, fmt::format("provenance '{}' is not of the form \"dataset@year\"", text));
          return std::nullopt;
        }
      }
    } else if (auto t = n.as_table()) {
      check_keys(*t, field, {"dataset", "year", "estimated", "note"});
      p.dataset = required_string(*t, field, "dataset", "the id of a source in [meta.sources]");
      p.year = static_cast<int>(integer(*t, field, "year", kNonNegative).value_or(0));
      p.estimated = boolean(*t, field, "estimated").value_or(false);
      p.note = string(*t, field, "note").value_or("");
    } else {
      wrong_type(n, field, "a string \"dataset@year\" or a table { dataset, year, estimated, note }");
      return std::nullopt;
    }
    if (p.dataset.empty()) return std::nullopt;
    if (sources != nullptr && sources->count(p.dataset) == 0) {
      fail(n, field,
           fmt::format("provenance names dataset '{}', which is not declared: add "
                       "[meta.sources.{}] or use one of the declared sources",
                       p.dataset, p.dataset));
      return std::nullopt;
    }
    if (p.year > start_year && start_year > 0) {
      fail(n, field,
           fmt::format("provenance year {} is after the start year {}: a scenario can "
                       "only use figures observed by its start year",
                       p.year, start_year));
      return std::nullopt;
    }
    return p;
  }

  ProvenanceMap provenance_map(const toml::table& t, const std::string& path, Keys figures) {
    ProvenanceMap out;
    const toml::table* pt = table(t, path, "provenance");
    if (pt == nullptr) return out;
    const std::string ppath = join(path, "provenance");
    check_keys(*pt, ppath, figures);
    for (auto&& [key, node] : *pt) {
      const std::string_view k = key.str();
      if (std::find(figures.begin(), figures.end(), k) == figures.end()) continue;
      if (auto p = provenance(node, join(ppath, k))) out.emplace(std::string(k), std::move(*p));
    }
    return out;
  }

 private:
  std::string file_;
};

constexpr std::string_view kActorFigures[]{
    "gdp",  "population",           "nmc",    "milex",       "milper", "irst",         "pec",    "tpop",
    "upop", "military_expenditure", "regime", "great_power", "risk",   "satisfaction", "capital",
    "nuclear"};
constexpr std::string_view kDyadFigures[]{"alliance", "trade", "distance_km", "contiguity",
                                          "rivalry",  "trust", "peace_years", "igo"};
constexpr std::string_view kInstitutionFigures[]{"members",        "accessions", "decision_rule",
                                                 "veto_threshold", "mandate",    "capacity"};

void read_meta(Reader& r, const toml::table& root, Scenario& s) {
  const toml::node* mn = root.get("meta");
  if (mn == nullptr) {
    r.fail(root, "meta", "missing [meta] table (name, start_year, ...)");
    return;
  }
  const toml::table* m = mn->as_table();
  if (m == nullptr) {
    r.wrong_type(*mn, "meta", "a table");
    return;
  }
  const std::string path = "meta";
  r.check_keys(
      *m, path,
      {"name", "description", "start_year", "horizon", "region", "sources", "default_trust", "provenance",
       "great_powers", "great_power_share", "great_powers_evolve"});
  s.meta.name = r.required_string(*m, path, "name", "the scenario's name");
  s.meta.description = r.string(*m, path, "description").value_or("");
  s.meta.start_year =
      r.required_int(*m, path, "start_year", "the year the scenario describes", Range{1816, 2200})
          .value_or(0);
  s.meta.horizon = static_cast<int>(r.integer(*m, path, "horizon", Range{1, 1000}).value_or(30));
  s.meta.region = r.string(*m, path, "region").value_or("");
  s.meta.default_trust = r.number_or(*m, path, "default_trust", kUnit, 0.5);
  if (const auto rule = r.string(*m, path, "great_powers")) {
    GreatPowerRule& g = s.meta.great_powers;
    if (*rule == "cow-majors") {
      g.kind = GreatPowerRule::Kind::cow_majors;
    } else if (*rule == "cinc-share") {
      g.kind = GreatPowerRule::Kind::cinc_share;
    } else if (*rule == "nuclear") {
      g.kind = GreatPowerRule::Kind::nuclear;
    } else {
      r.fail(*m->get("great_powers"), "meta.great_powers",
             fmt::format("unknown great-power rule '{}' (expected cow-majors, cinc-share or nuclear)", *rule));
    }
  }
  {
    GreatPowerRule& g = s.meta.great_powers;
    const auto share = r.number(*m, path, "great_power_share", Range{1e-9, 1.0});
    if (share) g.threshold = *share;
    g.evolve = r.boolean(*m, path, "great_powers_evolve").value_or(false);
    if (g.kind == GreatPowerRule::Kind::cinc_share && !share && m->get("great_powers") != nullptr) {
      r.fail(*m->get("great_powers"), "meta.great_power_share",
             "great_powers = \"cinc-share\" needs great_power_share, the capability share in (0, 1] that "
             "makes a great power");
    }
    if (share && g.kind != GreatPowerRule::Kind::cinc_share) {
      r.fail(*m->get("great_power_share"), "meta.great_power_share",
             "great_power_share applies only with great_powers = \"cinc-share\"");
    }
    if (g.evolve && g.kind != GreatPowerRule::Kind::cinc_share) {
      r.fail(*m->get("great_powers_evolve"), "meta.great_powers_evolve",
             "only a capability-share set can evolve: set great_powers = \"cinc-share\" and great_power_share");
    }
  }
  r.start_year = s.meta.start_year;
  if (const toml::table* src = r.table(*m, path, "sources")) {
    for (auto&& [key, node] : *src) {
      const std::string spath = fmt::format("meta.sources.{}", key.str());
      auto st = node.as_table();
      if (st == nullptr) {
        r.wrong_type(node, spath, "a table { title, version, file, citation }");
        continue;
      }
      r.check_keys(*st, spath, {"title", "version", "file", "citation"});
      Source so;
      so.title = r.required_string(*st, spath, "title", "the dataset's name");
      so.version = r.string(*st, spath, "version").value_or("");
      so.file = r.string(*st, spath, "file").value_or("");
      so.citation = r.string(*st, spath, "citation").value_or("");
      s.meta.sources.emplace(std::string(key.str()), std::move(so));
    }
  }
  r.sources = &s.meta.sources;
  if (const toml::table* pt = r.table(*m, path, "provenance")) {
    for (auto&& [kind, node] : *pt) {
      const std::string kpath = fmt::format("meta.provenance.{}", kind.str());
      Keys figures = kind.str() == "actor"         ? Keys(kActorFigures)
                     : kind.str() == "dyad"        ? Keys(kDyadFigures)
                     : kind.str() == "institution" ? Keys(kInstitutionFigures)
                                                   : Keys{};
      if (figures.size() == 0) {
        r.fail(node, kpath,
               fmt::format("unknown kind '{}' in meta.provenance: use actor, dyad or "
                           "institution",
                           kind.str()));
        continue;
      }
      auto kt = node.as_table();
      if (kt == nullptr) {
        r.wrong_type(node, kpath, "a table of figure = provenance");
        continue;
      }
      r.check_keys(*kt, kpath, figures);
      for (auto&& [fig, fnode] : *kt) {
        if (std::find(figures.begin(), figures.end(), fig.str()) == figures.end()) continue;
        if (auto p = r.provenance(fnode, fmt::format("{}.{}", kpath, fig.str()))) {
          s.meta.provenance.emplace(fmt::format("{}.{}", kind.str(), fig.str()), std::move(*p));
        }
      }
    }
  }
}

void read_actor(Reader& r, const toml::table& t, const std::string& path, Actor& a) {
  r.check_keys(t, path,
               {"ccode", "stateabb", "name", "gdp", "population", "nmc", "military_expenditure", "regime",
                "great_power", "nuclear", "risk", "satisfaction", "capital", "provenance"});
  a.where = r.at(t, path);
  a.ccode = r.required_int(t, path, "ccode",
                           "the COW state code (user-defined actors: any unused "
                           "positive code)",
                           Range{1, 1e9})
                .value_or(0);
  a.stateabb = r.required_string(t, path, "stateabb", "the COW state abbreviation");
  a.name = r.required_string(t, path, "name", "the state's name");
  a.gdp = r.required_number(t, path, "gdp", kGdp, "GDP in millions of 2011 international $ (PPP), > 0");
  a.population = r.required_number(t, path, "population", kPopulation, "population in thousands, > 0");
  if (const toml::table* n = r.table(t, path, "nmc")) {
    const std::string np = Reader::join(path, "nmc");
    r.check_keys(*n, np, {"milex", "milper", "irst", "pec", "tpop", "upop"});
    a.nmc.milex = r.number_or(*n, np, "milex", kNmcMilex, kMissing);
    a.nmc.milper = r.number_or(*n, np, "milper", kNmcMilper, kMissing);
    a.nmc.irst = r.number_or(*n, np, "irst", kNmcIrst, kMissing);
    a.nmc.pec = r.number_or(*n, np, "pec", kNmcPec, kMissing);
    a.nmc.tpop = r.number_or(*n, np, "tpop", kNmcPop, kMissing);
    a.nmc.upop = r.number_or(*n, np, "upop", kNmcPop, kMissing);
  }
  a.military_expenditure = r.number_or(t, path, "military_expenditure", kSipri, kMissing);
  a.regime = r.number_or(t, path, "regime", kUnit, kMissing);
  a.great_power = r.boolean(t, path, "great_power").value_or(false);
  a.nuclear = r.boolean(t, path, "nuclear").value_or(false);
  a.risk = r.number_or(t, path, "risk", Range{0.5, 2.0}, 1.0);
  a.satisfaction = r.number_or(t, path, "satisfaction", Range{-1.0, 1.0}, 0.0);
  if (const toml::table* c = r.table(t, path, "capital")) {
    const std::string cp = Reader::join(path, "capital");
    r.check_keys(*c, cp, {"lat", "lon"});
    a.capital_lat = r.required_number(*c, cp, "lat", Range{-90, 90}, "latitude in degrees");
    a.capital_lon = r.required_number(*c, cp, "lon", Range{-180, 180}, "longitude in degrees");
  }
  a.provenance = r.provenance_map(t, path, kActorFigures);
}

void read_dyad(Reader& r, const toml::table& t, const std::string& path, Dyad& d) {
  r.check_keys(t, path,
               {"a", "b", "alliance", "trade_ab", "trade_ba", "trade_estimated", "distance_km", "contiguity",
                "rivalry", "peace_years", "igo_shared", "igo_security_shared", "trust", "provenance"});
  d.where = r.at(t, path);
  d.a = r.required_int(t, path, "a", "ccode of the first actor").value_or(0);
  d.b = r.required_int(t, path, "b", "ccode of the second actor").value_or(0);
  d.alliance = static_cast<int>(r.integer(t, path, "alliance", Range{0, kMaxAllianceLevel}).value_or(0));
  d.trade_ab = r.number_or(t, path, "trade_ab", kTrade, 0.0);
  d.trade_ba = r.number_or(t, path, "trade_ba", kTrade, 0.0);
  d.trade_estimated = r.boolean(t, path, "trade_estimated").value_or(false);
  // A bad distance is reported once; 0 stands in so that "no distance" is not reported too.
  d.distance_km =
      t.get("distance_km") != nullptr ? r.number_or(t, path, "distance_km", kDistance, 0.0) : kMissing;
  d.contiguity = static_cast<Contiguity>(r.integer(t, path, "contiguity", Range{0, 5}).value_or(0));
  d.rivalry = r.boolean(t, path, "rivalry").value_or(false);
  d.peace_years = static_cast<int>(r.integer(t, path, "peace_years", Range{0, 1000}).value_or(-1));
  d.igo_shared = static_cast<int>(r.integer(t, path, "igo_shared", Range{0, 1000}).value_or(0));
  d.igo_security_shared = static_cast<int>(
      r.integer(t, path, "igo_security_shared", Range{0, static_cast<double>(d.igo_shared)}).value_or(0));
  d.trust = r.number_or(t, path, "trust", kUnit, kMissing);
  d.provenance = r.provenance_map(t, path, kDyadFigures);
}

std::vector<Membership> read_members(Reader& r, const toml::table& t, const std::string& path,
                                     std::string_view key, std::vector<Location>& where) {
  std::vector<Membership> out;
  const toml::array* arr = r.array(t, path, key);
  if (arr == nullptr) return out;
  r.each_table(*arr, Reader::join(path, key), [&](const toml::table& mt, const std::string& mp) {
    r.check_keys(mt, mp, {"ccode", "joined"});
    auto c = r.required_int(mt, mp, "ccode", "the member's COW code");
    auto j = r.required_int(mt, mp, "joined", "the year it joined");
    if (c && j) {
      out.push_back(Membership{*c, *j});
      where.push_back(r.at(mt, mp));
    }
  });
  return out;
}

void read_institution(Reader& r, const toml::table& t, const std::string& path, Institution& in,
                      std::vector<Location>& member_where, std::vector<Location>& accession_where) {
  r.check_keys(t, path,
               {"name", "members", "accessions", "decision_rule", "veto_threshold", "mandate", "capacity",
                "provenance"});
  in.where = r.at(t, path);
  in.name = r.required_string(t, path, "name", "the institution's name");
  if (t.get("members") == nullptr) r.missing(t, path, "members", "[{ ccode, joined }, ...]");
  in.members = read_members(r, t, path, "members", member_where);
  in.accessions = read_members(r, t, path, "accessions", accession_where);
  if (const toml::node* m = t.get("members"); m != nullptr && m->is_array() && m->as_array()->empty()) {
    r.fail(*m, Reader::join(path, "members"),
           "no members in the start year: list at least one { ccode, joined }");
  }
  if (auto rule = r.string(t, path, "decision_rule")) {
    if (auto parsed = parse_decision_rule(*rule)) {
      in.decision_rule = *parsed;
    } else {
      r.fail(*t.get("decision_rule"), Reader::join(path, "decision_rule"),
             fmt::format("unknown decision rule '{}': use consensus, consensus-minority-veto, "
                         "qualified-majority, majority, directorate or hegemon",
                         *rule));
    }
  }
  in.veto_threshold = r.number_or(t, path, "veto_threshold", kUnit, 0.0);
  if (const toml::array* m = r.array(t, path, "mandate")) {
    for (std::size_t i = 0; i < m->size(); ++i) {
      const toml::node& n = (*m)[i];
      const std::string mp = fmt::format("{}.mandate[{}]", path, i);
      auto sv = n.as_string();
      if (sv == nullptr) {
        r.wrong_type(n, mp, "a string");
        continue;
      }
      if (auto parsed = parse_mandate(sv->get())) {
        in.mandate.add(*parsed);
      } else {
        r.fail(n, mp,
               fmt::format("unknown mandate '{}': use dialogue, confidence-building, "
                           "preventive-diplomacy, dispute-settlement, arms-control, "
                           "humanitarian or economic-integration",
                           sv->get()));
      }
    }
  }
  in.capacity = r.number_or(t, path, "capacity", kUnit, 0.5);
  in.provenance = r.provenance_map(t, path, kInstitutionFigures);
}

void read_flashpoint(Reader& r, const toml::table& t, const std::string& path, Flashpoint& f,
                     std::vector<Location>& party_where, std::vector<Location>& holder_where,
                     bool catalog = false) {
  if (catalog) {
    r.check_keys(t, path, {"name", "scale", "revision", "parties", "stakeholders", "status_quo", "source"});
  } else {
    r.check_keys(t, path,
                 {"name", "scale", "revision", "parties", "stakeholders", "status_quo", "incident_rate", "fit",
                  "source"});
  }
  f.where = r.at(t, path);
  f.name = r.required_string(t, path, "name", "the flashpoint's name");
  f.scale = r.string(t, path, "scale").value_or("");
  if (const auto rev = r.string(t, path, "revision")) {
    static const std::vector<std::string> kinds{"territorial", "policy", "regime"};
    if (std::find(kinds.begin(), kinds.end(), *rev) == kinds.end()) {
      std::string msg = fmt::format("unknown revision type '{}'", *rev);
      if (const auto best = closest_match(*rev, kinds)) msg += fmt::format(" (did you mean '{}'?)", *best);
      msg += "; expected territorial, policy or regime (MIDB revision types, Senese & Vasquez 2008)";
      r.fail(*t.get("revision"), Reader::join(path, "revision"), msg);
    } else {
      f.revision = *rev;
    }
  }
  f.status_quo = r.number_or(t, path, "status_quo", kScale100, 50.0, "status quo");
  if (!catalog) {
    f.incident_rate =
        r.required_number(t, path, "incident_rate", kNonNegative, "base incidents per year, >= 0");
  }
  f.source = r.string(t, path, "source").value_or("");
  if (t.get("parties") == nullptr) r.missing(t, path, "parties", "[{ ccode, position, salience }]");
  if (const toml::array* arr = r.array(t, path, "parties")) {
    r.each_table(*arr, Reader::join(path, "parties"), [&](const toml::table& pt, const std::string& pp) {
      r.check_keys(pt, pp, {"ccode", "position", "salience", "source"});
      FlashpointParty p;
      p.ccode = r.required_int(pt, pp, "ccode", "the party's COW code").value_or(0);
      p.position = r.required_number(pt, pp, "position", kScale100, "position on the 0..100 scale");
      p.salience = r.required_number(pt, pp, "salience", kUnit, "salience 0..1");
      p.source = r.string(pt, pp, "source").value_or("");
      f.parties.push_back(std::move(p));
      party_where.push_back(r.at(pt, pp));
    });
  }
  if (const toml::array* arr = r.array(t, path, "stakeholders")) {
    r.each_table(*arr, Reader::join(path, "stakeholders"), [&](const toml::table& st, const std::string& sp) {
      r.check_keys(st, sp, {"ccode", "position", "salience", "interest", "source"});
      Stakeholder h;
      h.ccode = r.required_int(st, sp, "ccode", "the stakeholder's COW code").value_or(0);
      h.position = r.number_or(st, sp, "position", kScale100, kMissing);
      h.salience = r.required_number(st, sp, "salience", kUnit, "salience 0..1");
      h.interest = r.string(st, sp, "interest").value_or("");
      h.source = r.string(st, sp, "source").value_or("");
      f.stakeholders.push_back(std::move(h));
      holder_where.push_back(r.at(st, sp));
    });
  }
  if (const toml::table* ft = r.table(t, path, "fit")) {
    const std::string fp = Reader::join(path, "fit");
    r.check_keys(*ft, fp, {"window_start", "window_end", "onsets", "lower", "upper", "method"});
    IncidentRateFit fit;
    fit.window_start = r.required_int(*ft, fp, "window_start", "first year counted").value_or(0);
    fit.window_end = r.required_int(*ft, fp, "window_end", "last year counted").value_or(0);
    fit.onsets = r.required_int(*ft, fp, "onsets", "MID onsets counted", kNonNegative).value_or(0);
    fit.lower = r.required_number(*ft, fp, "lower", kNonNegative, "lower 95% bound per year");
    fit.upper = r.required_number(*ft, fp, "upper", kNonNegative, "upper 95% bound per year");
    fit.method = r.string(*ft, fp, "method").value_or("");
    if (fit.window_end < fit.window_start) {
      r.fail(*ft, fp,
             fmt::format("window_end {} is before window_start {}", fit.window_end, fit.window_start));
    }
    if (!std::isnan(fit.lower) && !std::isnan(fit.upper) && !std::isnan(f.incident_rate) &&
        !(fit.lower <= f.incident_rate && f.incident_rate <= fit.upper)) {
      r.fail(*ft, fp,
             fmt::format("incident_rate {} is outside its interval [{}, {}]", fmt_num(f.incident_rate),
                         fmt_num(fit.lower), fmt_num(fit.upper)));
    }
    f.fit = fit;
  }
}

void read_growth(Reader& r, const toml::table& t, const std::string& path, GrowthPath& g) {
  r.check_keys(t, path, {"ccode", "steps", "source"});
  g.where = r.at(t, path);
  g.ccode = r.required_int(t, path, "ccode", "the actor's COW code").value_or(0);
  g.source = r.string(t, path, "source").value_or("");
  if (t.get("steps") == nullptr) r.missing(t, path, "steps", "[{ from_year, gdp, population }]");
  std::set<int> years;
  if (const toml::array* arr = r.array(t, path, "steps")) {
    r.each_table(*arr, Reader::join(path, "steps"), [&](const toml::table& st, const std::string& sp) {
      r.check_keys(st, sp, {"from_year", "gdp", "population"});
      GrowthStep step;
      step.from_year = r.required_int(st, sp, "from_year", "first year the rates apply",
                                      Range{1816, 3000, false, "a calendar year"})
                           .value_or(0);
      step.gdp = r.number_or(st, sp, "gdp", Range{-1.0, 1.0}, kMissing, "GDP growth rate");
      step.population =
          r.number_or(st, sp, "population", Range{-1.0, 1.0}, kMissing, "population growth rate");
      if (!years.insert(step.from_year).second) {
        r.fail(st, sp,
               fmt::format("a second step from_year {}: each step needs its own year", step.from_year));
      }
      g.steps.push_back(step);
    });
  }
  std::stable_sort(g.steps.begin(), g.steps.end(),
                   [](const GrowthStep& x, const GrowthStep& y) { return x.from_year < y.from_year; });
}

void read_parameters(Reader& r, const toml::table& t, const std::string& prefix,
                     std::vector<ParameterOverride>& out) {
  for (auto&& [key, node] : t) {
    const std::string name =
        prefix.empty() ? std::string(key.str()) : fmt::format("{}.{}", prefix, key.str());
    const std::string field = "parameters." + name;
    if (auto sub = node.as_table()) {
      read_parameters(r, *sub, name, out);
    } else if (auto i = node.as_integer()) {
      out.push_back({name, static_cast<double>(i->get()), r.at(node, field)});
    } else if (auto f = node.as_floating_point()) {
      if (!std::isfinite(f->get())) {
        r.fail(node, field, "NaN or infinity is not allowed; give a finite number");
        continue;
      }
      out.push_back({name, f->get(), r.at(node, field)});
    } else if (auto b = node.as_boolean()) {
      out.push_back({name, b->get() ? 1.0 : 0.0, r.at(node, field)});
    } else if (auto str = node.as_string(); str != nullptr && !engine::param_levels(name).empty()) {
      bool found = false;
      std::vector<std::string> names;
      for (const auto& [level, v] : engine::param_levels(name)) {
        names.emplace_back(level);
        if (level == str->get()) {
          out.push_back({name, v, r.at(node, field)});
          found = true;
        }
      }
      if (!found) {
        std::string msg = fmt::format("unknown value '{}'", str->get());
        if (const auto best = closest_match(str->get(), names)) msg += fmt::format(" (did you mean '{}'?)", *best);
        msg += "; expected one of: ";
        for (std::size_t k = 0; k < names.size(); ++k) msg += (k ? ", " : "") + names[k];
        r.fail(node, field, msg);
      }
    } else {
      r.wrong_type(node, field, "a number or a boolean");
    }
  }
}

/// Cross-reference checks, after every entry is read.
void check_references(Reader& r, Scenario& s, const std::vector<std::vector<Location>>& member_where,
                      const std::vector<std::vector<Location>>& accession_where,
                      const std::vector<std::vector<Location>>& party_where,
                      const std::vector<std::vector<Location>>& holder_where) {
  std::unordered_map<int, std::size_t> index;
  for (std::size_t i = 0; i < s.actors.size(); ++i) {
    const Actor& a = s.actors[i];
    if (a.ccode == 0) continue;
    auto [it, inserted] = index.emplace(a.ccode, i);
    if (!inserted) {
      const Actor& first = s.actors[it->second];
      r.problems.push_back({a.where, fmt::format("duplicate ccode {} ({}): already used by the actor "
                                                 "at line {}; each state appears once",
                                                 a.ccode, a.stateabb, first.where.line)});
    }
  }
  // stateabb names actors in order files: two actors with one abbreviation make references ambiguous
  std::unordered_map<std::string, std::size_t> by_abb;
  for (std::size_t i = 0; i < s.actors.size(); ++i) {
    const Actor& a = s.actors[i];
    if (a.stateabb.empty()) continue;
    auto [it, inserted] = by_abb.emplace(a.stateabb, i);
    if (!inserted) {
      r.problems.push_back({a.where, fmt::format("duplicate stateabb '{}' (ccode {}): already used by the actor at "
                                                 "line {}; order files name actors by stateabb, so each must be unique",
                                                 a.stateabb, a.ccode, s.actors[it->second].where.line)});
    }
  }
  // When an actor's own ccode is unreadable (already reported), references to it cannot be
  // checked without a cascade of false reports: skip them.
  const bool codes_unreadable =
      std::any_of(s.actors.begin(), s.actors.end(), [](const Actor& a) { return a.ccode == 0; });
  auto known = [&](int ccode) { return codes_unreadable || index.count(ccode) > 0; };
  auto undefined = [&](const Location& where, std::string_view role, int ccode) {
    Problem p{where, fmt::format("{} {} is not an actor of this scenario: add an [[actor]] with "
                                 "ccode = {} or remove it",
                                 role, ccode, ccode)};
    r.problems.push_back(std::move(p));
  };

  std::set<std::pair<int, int>> seen_dyads;
  for (Dyad& d : s.dyads) {
    if (d.a == 0 || d.b == 0) continue;
    if (d.a == d.b) {
      r.problems.push_back({d.where, fmt::format("dyad of {} with itself: a and b must differ", d.a)});
      continue;
    }
    if (d.a > d.b) {
      std::swap(d.a, d.b);
      std::swap(d.trade_ab, d.trade_ba);
    }
    bool ok = true;
    if (!known(d.a)) {
      undefined(d.where, "dyad member", d.a);
      ok = false;
    }
    if (!known(d.b)) {
      undefined(d.where, "dyad member", d.b);
      ok = false;
    }
    if (!seen_dyads.insert({d.a, d.b}).second) {
      r.problems.push_back({d.where, fmt::format("dyad {}-{} is listed twice: merge the entries", d.a, d.b)});
    }
    if (ok && std::isnan(d.distance_km) && index.count(d.a) > 0 && index.count(d.b) > 0) {
      const Actor& x = s.actors[index[d.a]];
      const Actor& y = s.actors[index[d.b]];
      if (std::isnan(x.capital_lat) || std::isnan(y.capital_lat)) {
        r.problems.push_back({d.where, fmt::format("dyad {}-{} has no distance_km and {} has no "
                                                   "capital: give distance_km or both capitals",
                                                   d.a, d.b, std::isnan(x.capital_lat) ? x.ccode : y.ccode)});
      }
    }
  }

  std::set<std::string> names;
  for (std::size_t k = 0; k < s.institutions.size(); ++k) {
    Institution& in = s.institutions[k];
    if (!in.name.empty() && !names.insert(in.name).second) {
      r.problems.push_back({in.where, fmt::format("institution '{}' is defined twice", in.name)});
    }
    std::set<int> seen;
    for (std::size_t i = 0; i < in.members.size(); ++i) {
      const Membership& m = in.members[i];
      const Location& w = member_where[k][i];
      if (!known(m.ccode)) undefined(w, fmt::format("member of {}", in.name), m.ccode);
      if (!seen.insert(m.ccode).second) {
        r.problems.push_back({w, fmt::format("{} is listed twice in {}", m.ccode, in.name)});
      }
      if (s.meta.start_year > 0 && m.joined > s.meta.start_year) {
        r.problems.push_back({w, fmt::format("{} joined {} in {}, after the start year {}, so it "
                                             "is not yet a member: move it to accessions",
                                             m.ccode, in.name, m.joined, s.meta.start_year)});
      }
    }
    for (std::size_t i = 0; i < in.accessions.size(); ++i) {
      const Membership& m = in.accessions[i];
      const Location& w = accession_where[k][i];
      if (!known(m.ccode)) undefined(w, fmt::format("accession to {}", in.name), m.ccode);
      if (!seen.insert(m.ccode).second) {
        r.problems.push_back({w, fmt::format("{} is listed twice in {}", m.ccode, in.name)});
      }
      if (m.joined <= s.meta.start_year) {
        r.problems.push_back({w, fmt::format("{} joins {} in {}, not after the start year {}: "
                                             "move it to members",
                                             m.ccode, in.name, m.joined, s.meta.start_year)});
      }
    }
  }

  names.clear();
  for (std::size_t k = 0; k < s.flashpoints.size(); ++k) {
    const Flashpoint& f = s.flashpoints[k];
    if (!f.name.empty() && !names.insert(f.name).second) {
      r.problems.push_back({f.where, fmt::format("flashpoint '{}' is defined twice", f.name)});
    }
    std::set<int> parties;
    for (std::size_t i = 0; i < f.parties.size(); ++i) {
      const int c = f.parties[i].ccode;
      if (c == 0) continue;
      if (!known(c)) undefined(party_where[k][i], fmt::format("party to {}", f.name), c);
      if (!parties.insert(c).second) {
        r.problems.push_back(
            {party_where[k][i], fmt::format("{} is listed twice as a party to {}", c, f.name)});
      }
    }
    if (f.parties.size() < 2) {
      r.problems.push_back({f.where, fmt::format("flashpoint '{}' needs at least two parties", f.name)});
    }
    std::set<int> holders;
    for (std::size_t i = 0; i < f.stakeholders.size(); ++i) {
      const int c = f.stakeholders[i].ccode;
      if (c == 0) continue;
      if (!known(c)) undefined(holder_where[k][i], fmt::format("stakeholder in {}", f.name), c);
      if (parties.count(c) > 0) {
        r.problems.push_back({holder_where[k][i], fmt::format("{} is both a party and a stakeholder "
                                                              "in {}: keep one",
                                                              c, f.name)});
      }
      if (!holders.insert(c).second) {
        r.problems.push_back(
            {holder_where[k][i], fmt::format("{} is listed twice as a stakeholder in {}", c, f.name)});
      }
    }
  }

  // Distances: an actor without a capital needs distance_km on its dyad with every other actor
  // (the engine has no default distance; docs/scenario.md).
  if (!codes_unreadable) {
    std::set<std::pair<int, int>> with_distance;
    for (const Dyad& d : s.dyads) {
      if (!std::isnan(d.distance_km)) with_distance.emplace(std::min(d.a, d.b), std::max(d.a, d.b));
    }
    const auto has_capital = [](const Actor& a) { return !std::isnan(a.capital_lat) && !std::isnan(a.capital_lon); };
    for (const Actor& a : s.actors) {
      if (has_capital(a)) continue;
      std::vector<std::string> lacking;
      std::size_t given = 0;
      for (const Actor& b : s.actors) {
        if (b.ccode == a.ccode) continue;
        if (with_distance.count({std::min(a.ccode, b.ccode), std::max(a.ccode, b.ccode)}) == 0) {
          lacking.push_back(b.stateabb.empty() ? std::to_string(b.ccode) : b.stateabb);
        } else {
          ++given;
        }
      }
      if (lacking.empty()) continue;
      std::string list;
      for (std::size_t i = 0; i < lacking.size() && i < 8; ++i) list += (i ? ", " : "") + lacking[i];
      if (lacking.size() > 8) list += fmt::format(" and {} more", lacking.size() - 8);
      const std::string name = a.stateabb.empty() ? std::to_string(a.ccode) : a.stateabb;
      if (given == 0) {
        // nothing places it: every distance would be the default, silently
        r.problems.push_back({a.where, fmt::format("actor {} has no [capital] and no distance_km on any of its dyads: "
                                                   "add capital = {{ lat = ..., lon = ... }}, or distance_km to its "
                                                   "dyads with {}",
                                                   name, list)});
      } else {
        s.notes.push_back(fmt::format("{}: actor {} has no [capital]; its distance to {} is taken as the default "
                                      "10,000 km (docs/scenario.md, \"Distances\")",
                                      a.where.str(), name, list));
      }
    }
  }

  std::set<int> grown;
  for (const GrowthPath& g : s.growth) {
    if (g.ccode == 0) continue;
    if (!known(g.ccode)) undefined(g.where, "growth path of", g.ccode);
    if (!grown.insert(g.ccode).second) {
      r.problems.push_back({g.where, fmt::format("a second growth path for {}: merge the steps", g.ccode)});
    }
  }
}

Scenario read_root(Reader& r, const toml::table& root, std::string_view source_name) {
  Scenario s;
  s.file = std::string(source_name);
  r.check_keys(root, "", {"meta", "actor", "dyad", "institution", "flashpoint", "growth", "parameters"});
  read_meta(r, root, s);

  auto entries = [&](std::string_view key) -> const toml::array* {
    const toml::node* n = root.get(key);
    if (n == nullptr) return nullptr;
    if (!n->is_array()) {
      r.fail(*n, std::string(key),
             fmt::format("'{}' must be an array of tables: write [[{}]] for "
                         "each entry",
                         key, key));
      return nullptr;
    }
    return n->as_array();
  };

  if (const toml::array* arr = entries("actor")) {
    r.each_table(*arr, "actor", [&](const toml::table& t, const std::string& p) {
      read_actor(r, t, p, s.actors.emplace_back());
    });
  }
  if (s.actors.size() > limits::kMaxScenarioActors) {
    r.fail(*root.get("actor"), "actor",
           fmt::format("{} actors; a scenario may have at most {} (docs/limits.md)",
                       s.actors.size(), limits::kMaxScenarioActors));
  }
  if (s.actors.empty() && root.get("actor") == nullptr) {
    r.fail(root, "actor", "the scenario has no actors: add at least one [[actor]]");
  }
  if (const toml::array* arr = entries("dyad")) {
    r.each_table(*arr, "dyad", [&](const toml::table& t, const std::string& p) {
      read_dyad(r, t, p, s.dyads.emplace_back());
    });
  }
  std::vector<std::vector<Location>> member_where, accession_where, party_where, holder_where;
  if (const toml::array* arr = entries("institution")) {
    r.each_table(*arr, "institution", [&](const toml::table& t, const std::string& p) {
      read_institution(r, t, p, s.institutions.emplace_back(), member_where.emplace_back(),
                       accession_where.emplace_back());
    });
  }
  if (const toml::array* arr = entries("flashpoint")) {
    r.each_table(*arr, "flashpoint", [&](const toml::table& t, const std::string& p) {
      read_flashpoint(r, t, p, s.flashpoints.emplace_back(), party_where.emplace_back(),
                      holder_where.emplace_back());
    });
  }
  if (const toml::array* arr = entries("growth")) {
    r.each_table(*arr, "growth", [&](const toml::table& t, const std::string& p) {
      read_growth(r, t, p, s.growth.emplace_back());
    });
  }
  if (const toml::table* pt = r.table(root, "", "parameters")) {
    read_parameters(r, *pt, "", s.parameters);
  }
  check_references(r, s, member_where, accession_where, party_where, holder_where);
  return s;
}

toml::table parse_toml(std::string_view text, std::string_view source_name) {
  try {
    return toml::parse(text, source_name);
  } catch (const toml::parse_error& e) {
    const auto& b = e.source().begin;
    throw InputError(
        Location{std::string(source_name), static_cast<long>(b.line), static_cast<long>(b.column), ""},
        fmt::format("TOML syntax error: {}", e.description()));
  }
}

std::string read_text(const std::filesystem::path& file, std::string_view what) {
  return read_input_file(file, fmt::format("a {} file", what));
}

void throw_if_problems(Reader& r) {
  if (r.problems.empty()) return;
  std::stable_sort(r.problems.begin(), r.problems.end(), [](const Problem& x, const Problem& y) {
    return std::tie(x.where.line, x.where.column) < std::tie(y.where.line, y.where.column);
  });
  throw InputError(std::move(r.problems));
}

}  // namespace

Scenario parse_scenario(std::string_view text, std::string_view source_name) {
  Reader r{std::string(source_name)};
  const toml::table root = parse_toml(text, source_name);
  Scenario s = read_root(r, root, source_name);
  throw_if_problems(r);
  return s;
}

Scenario load_scenario(const std::filesystem::path& file) {
  return parse_scenario(read_text(file, "scenario"), file.string());
}

std::map<std::string, RegionList> load_regions(const std::filesystem::path& file) {
  const std::string name = file.string();
  Reader r{name};
  const toml::table root = parse_toml(read_text(file, "region list"), name);
  std::map<std::string, RegionList> out;
  for (auto&& [key, node] : root) {
    const std::string path(key.str());
    const toml::table* t = node.as_table();
    if (t == nullptr) {
      r.wrong_type(node, path, "a table { description, source, states }");
      continue;
    }
    r.check_keys(*t, path, {"description", "source", "states"});
    RegionList region;
    region.name = path;
    region.description = r.required_string(*t, path, "description", "what the region is");
    region.source = r.string(*t, path, "source").value_or("");
    if (t->get("states") == nullptr) r.missing(*t, path, "states", "a list of COW codes");
    if (const toml::array* arr = r.array(*t, path, "states")) {
      std::set<int> seen;
      for (std::size_t i = 0; i < arr->size(); ++i) {
        const toml::node& n = (*arr)[i];
        const std::string ep = fmt::format("{}.states[{}]", path, i);
        auto v = n.as_integer();
        if (v == nullptr) {
          r.wrong_type(n, ep, "an integer ccode");
          continue;
        }
        const int c = static_cast<int>(v->get());
        if (!seen.insert(c).second) r.fail(n, ep, fmt::format("{} is listed twice", c));
        region.states.push_back(c);
      }
    }
    out.emplace(path, std::move(region));
  }
  throw_if_problems(r);
  return out;
}

std::map<std::string, InstitutionTemplate> load_institution_catalog(const std::filesystem::path& file) {
  const std::string name = file.string();
  Reader r{name};
  const toml::table root = parse_toml(read_text(file, "institution catalogue"), name);
  std::map<std::string, InstitutionTemplate> out;
  for (auto&& [key, node] : root) {
    const std::string path(key.str());
    const toml::table* t = node.as_table();
    if (t == nullptr) {
      r.wrong_type(node, path, "a table { decision_rule, veto_threshold, mandate, capacity, source }");
      continue;
    }
    r.check_keys(*t, path,
                 {"decision_rule", "veto_threshold", "mandate", "capacity", "source", "cow_igo", "later_members"});
    InstitutionTemplate tpl;
    tpl.cow_igo = r.string(*t, path, "cow_igo").value_or("");
    if (const toml::array* later = r.array(*t, path, "later_members")) {
      if (tpl.cow_igo.empty()) {
        r.fail(*later, Reader::join(path, "later_members"),
               "later_members needs cow_igo: they extend the COW IGO membership past its last year");
      }
      std::set<int> seen;
      r.each_table(*later, Reader::join(path, "later_members"), [&](const toml::table& m, const std::string& mp) {
        r.check_keys(m, mp, {"ccode", "joined", "source"});
        LaterMember lm;
        lm.ccode = r.required_int(m, mp, "ccode", "COW code of the state", kPositive).value_or(0);
        lm.joined = r.required_int(m, mp, "joined", "year of accession", kNonNegative).value_or(0);
        lm.source = r.required_string(m, mp, "source", "the public record of the accession");
        if (lm.ccode > 0 && !seen.insert(lm.ccode).second) {
          r.fail(m, mp, fmt::format("{} is listed twice", lm.ccode));
        }
        tpl.later_members.push_back(std::move(lm));
      });
    }
    // Reuse the scenario's institution reader on a copy that has a name and a dummy member.
    Institution in;
    std::vector<Location> mw, aw;
    toml::table copy = *t;
    copy.erase("source");
    copy.erase("cow_igo");
    copy.erase("later_members");
    copy.insert_or_assign("name", path);
    copy.insert_or_assign("members", toml::array{toml::table{{"ccode", 1}, {"joined", 0}}});
    read_institution(r, copy, path, in, mw, aw);
    tpl.name = path;
    tpl.decision_rule = in.decision_rule;
    tpl.veto_threshold = in.veto_threshold;
    tpl.mandate = in.mandate;
    tpl.capacity = in.capacity;
    tpl.source = r.string(*t, path, "source").value_or("");
    out.emplace(path, std::move(tpl));
  }
  throw_if_problems(r);
  return out;
}

std::vector<Flashpoint> load_flashpoint_catalog(const std::filesystem::path& file) {
  const std::string name = file.string();
  Reader r{name};
  const toml::table root = parse_toml(read_text(file, "flashpoint catalogue"), name);
  r.check_keys(root, "", {"flashpoint"});
  std::vector<Flashpoint> out;
  const toml::array* arr = r.array(root, "", "flashpoint");
  if (arr != nullptr) {
    r.each_table(*arr, "flashpoint", [&](const toml::table& t, const std::string& p) {
      std::vector<Location> pw, hw;
      Flashpoint& f = out.emplace_back();
      read_flashpoint(r, t, p, f, pw, hw, /*catalog=*/true);
      std::set<int> parties;
      for (std::size_t i = 0; i < f.parties.size(); ++i) {
        if (!parties.insert(f.parties[i].ccode).second) {
          r.problems.push_back({pw[i], fmt::format("{} is listed twice as a party", f.parties[i].ccode)});
        }
      }
      if (f.parties.size() < 2) r.fail(t, p, "a flashpoint needs at least two parties");
      std::set<int> holders;
      for (std::size_t i = 0; i < f.stakeholders.size(); ++i) {
        const int c = f.stakeholders[i].ccode;
        if (parties.count(c) > 0 || !holders.insert(c).second) {
          r.problems.push_back({hw[i], fmt::format("stakeholder {} is listed twice or is also a party", c)});
        }
      }
    });
  }
  throw_if_problems(r);
  return out;
}

}  // namespace concord
