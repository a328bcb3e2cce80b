#include "concord/order/order_loader.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <functional>
#include <initializer_list>
#include <limits>
#include <sstream>
#include <tuple>

#include "concord/common/data_dir.hpp"
#include "concord/common/digest.hpp"
#include "concord/common/input_file.hpp"
#include "concord/common/suggest.hpp"
#include "concord/scenario/scenario.hpp"

namespace concord {

namespace {

// The order vocabulary by name; using-declarations (not a using-directive) so that these hide
// the scenario's own DecisionRule and Mandate inside this file.
using order::ActorGroup;
using order::ActorRef;
using order::ActorSet;
using order::ActorValue;
using order::AlignmentRule;
using order::AllianceRule;
using order::CrisisManager;
using order::DecisionRule;
using order::DecisionSpec;
using order::FlashpointRef;
using order::InstitutionDecision;
using order::InstitutionRef;
using order::InstitutionSet;
using order::Mandate;
using order::MandateUpgrade;
using order::Measure;
using order::MeasureKind;
using order::MembershipChange;
using order::QmvWeights;
using order::RegimeConvergence;

std::string quoted_list(const std::vector<std::string_view>& names) {
  std::string out;
  for (const auto& n : names) out += fmt::format("{}'{}'", out.empty() ? "" : ", ", n);
  return out;
}

/// Closest candidate within distance 2 (or a third of the word), if any.
std::string suggestion(std::string_view word, const std::vector<std::string_view>& candidates) {
  const auto best = closest_match(word, candidates);
  return best ? fmt::format(" (did you mean '{}'?)", *best) : std::string();
}

std::string type_name(const toml::node& n) {
  switch (n.type()) {
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a number";
    case toml::node_type::boolean:
      return "a boolean";
    default:
      return "a date or time";
  }
}

/// Walks a parsed order, filling an Order and collecting every problem.
class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}

  [[nodiscard]] Location at(const toml::source_region& src, std::string field) const {
    return Location{file_, static_cast<long>(src.begin.line), static_cast<long>(src.begin.column),
                    std::move(field)};
  }
  [[nodiscard]] Location at(const toml::node& n, std::string field) const {
    return at(n.source(), std::move(field));
  }

  void problem(Location where, std::string message) {
    problems_.push_back(Problem{std::move(where), std::move(message)});
  }
  [[nodiscard]] std::vector<Problem>& problems() { return problems_; }

  static std::string join(const std::string& path, std::string_view key) {
    return path.empty() ? std::string(key) : fmt::format("{}.{}", path, key);
  }

  /// Unknown keys are errors: a typo must not be silently ignored.
  void check_keys(const toml::table& t, const std::string& path,
                  const std::vector<std::string_view>& allowed) {
    for (const auto& [key, node] : t) {
      if (std::find(allowed.begin(), allowed.end(), key.str()) != allowed.end()) continue;
      problem(at(key.source(), join(path, key.str())),
              fmt::format("unknown key '{}'{}; allowed here: {}", key.str(), suggestion(key.str(), allowed),
                          quoted_list(allowed)));
    }
  }

  /// A key that the chosen rule does not read is an error (it would be silently ignored).
  void unused_with(const toml::table& t, const std::string& path, std::string_view key,
                   std::string_view needs) {
    if (const auto* n = t.get(key)) {
      problem(at(*n, join(path, key)),
              fmt::format("'{}' is only used with {}; remove it or change the rule", key, needs));
    }
  }

  const toml::table* table(const toml::table& t, const std::string& path, std::string_view key) {
    const auto* n = t.get(key);
    if (n == nullptr) return nullptr;
    if (const auto* tt = n->as_table()) return tt;
    problem(at(*n, join(path, key)), fmt::format("expected a table, got {}", type_name(*n)));
    return nullptr;
  }

  const toml::array* array(const toml::table& t, const std::string& path, std::string_view key) {
    const auto* n = t.get(key);
    if (n == nullptr) return nullptr;
    if (const auto* a = n->as_array()) return a;
    problem(at(*n, join(path, key)), fmt::format("expected an array, got {}", type_name(*n)));
    return nullptr;
  }

  void string(const toml::table& t, const std::string& path, std::string_view key, std::string& out) {
    const auto* n = t.get(key);
    if (n == nullptr) return;
    if (const auto s = n->value_exact<std::string>()) {
      out = *s;
    } else {
      problem(at(*n, join(path, key)), fmt::format("expected a string, got {}", type_name(*n)));
    }
  }

  void boolean(const toml::table& t, const std::string& path, std::string_view key, bool& out) {
    const auto* n = t.get(key);
    if (n == nullptr) return;
    if (const auto b = n->value_exact<bool>()) {
      out = *b;
    } else {
      problem(at(*n, join(path, key)), fmt::format("expected true or false, got {}", type_name(*n)));
    }
  }

  /// A number (integer or float) in [lo, hi]; `lo_open` excludes lo.
  std::optional<double> number_node(const toml::node& n, const std::string& field, double lo, double hi,
                                    bool lo_open = false) {
    if (!n.is_number()) {
      problem(at(n, field), fmt::format("expected a number, got {}", type_name(n)));
      return std::nullopt;
    }
    const double v = *n.value<double>();
    const bool low = lo_open ? !(v > lo) : !(v >= lo);
    if (low || !(v <= hi) || v != v) {
      const std::string hi_s =
          hi == std::numeric_limits<double>::infinity() ? "inf" : fmt::format("{:g}", hi);
      problem(at(n, field),
              fmt::format("value {:g} is out of range {}{:g}, {}]", v, lo_open ? "(" : "[", lo, hi_s));
      return std::nullopt;
    }
    return v;
  }

  void number(const toml::table& t, const std::string& path, std::string_view key, double& out, double lo,
              double hi, bool lo_open = false) {
    if (const auto* n = t.get(key)) {
      if (auto v = number_node(*n, join(path, key), lo, hi, lo_open)) out = *v;
    }
  }

  void opt_number(const toml::table& t, const std::string& path, std::string_view key,
                  std::optional<double>& out, double lo, double hi, bool lo_open = false) {
    if (const auto* n = t.get(key)) {
      if (auto v = number_node(*n, join(path, key), lo, hi, lo_open)) out = *v;
    }
  }

  void integer(const toml::table& t, const std::string& path, std::string_view key, int& out, int lo,
               int hi) {
    const auto* n = t.get(key);
    if (n == nullptr) return;
    const auto v = n->value_exact<std::int64_t>();
    if (!v) {
      problem(at(*n, join(path, key)), fmt::format("expected an integer, got {}", type_name(*n)));
    } else if (*v < lo || *v > hi) {
      problem(at(*n, join(path, key)), fmt::format("value {} is out of range [{}, {}]", *v, lo, hi));
    } else {
      out = static_cast<int>(*v);
    }
  }

  template <class E>
  std::optional<E> enum_node(const toml::node& n, const std::string& field) {
    const auto s = n.value_exact<std::string>();
    if (!s) {
      problem(at(n, field), fmt::format("expected a string, one of {}; got {}", quoted_list(enum_names<E>()),
                                        type_name(n)));
      return std::nullopt;
    }
    if (auto v = enum_from_string<E>(*s)) return v;
    problem(at(n, field), fmt::format("unknown value '{}'{}; allowed: {}", *s,
                                      suggestion(*s, enum_names<E>()), quoted_list(enum_names<E>())));
    return std::nullopt;
  }

  template <class E>
  bool enumeration(const toml::table& t, const std::string& path, std::string_view key, E& out) {
    const auto* n = t.get(key);
    if (n == nullptr) return false;
    if (auto v = enum_node<E>(*n, join(path, key))) {
      out = *v;
      return true;
    }
    return false;
  }

  /// A state: a string is a COW stateabb, an integer a COW ccode.
  std::optional<ActorRef> actor_node(const toml::node& n, const std::string& field) {
    ActorRef ref;
    ref.where = at(n, field);
    if (const auto s = n.value_exact<std::string>()) {
      const bool ok = !s->empty() && s->size() <= 4 && std::all_of(s->begin(), s->end(), [](char c) {
        return std::isupper(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c));
      });
      if (!ok) {
        problem(
            ref.where,
            fmt::format("'{}' is not a COW state abbreviation (2 to 4 capital letters, e.g. \"USA\")", *s));
        return std::nullopt;
      }
      ref.stateabb = *s;
      return ref;
    }
    if (const auto i = n.value_exact<std::int64_t>()) {
      if (*i < 1 || *i > 999) {
        problem(ref.where, fmt::format("ccode {} is out of range [1, 999]", *i));
        return std::nullopt;
      }
      ref.ccode = static_cast<int>(*i);
      return ref;
    }
    problem(ref.where,
            fmt::format("expected a state: a stateabb string (\"USA\") or a ccode integer (2), got {}",
                        type_name(n)));
    return std::nullopt;
  }

  void opt_actor(const toml::table& t, const std::string& path, std::string_view key,
                 std::optional<ActorRef>& out) {
    if (const auto* n = t.get(key)) out = actor_node(*n, join(path, key));
  }

  std::vector<ActorRef> actor_list(const toml::table& t, const std::string& path, std::string_view key) {
    std::vector<ActorRef> out;
    const auto* n = t.get(key);
    if (n == nullptr) return out;
    const std::string field = join(path, key);
    if (const auto* a = n->as_array()) {
      for (std::size_t i = 0; i < a->size(); ++i) {
        const std::string f = fmt::format("{}[{}]", field, i);
        if (auto r = actor_node(*a->get(i), f)) {
          const bool dup = std::any_of(out.begin(), out.end(), [&](const ActorRef& o) {
            return o.stateabb == r->stateabb && o.ccode == r->ccode;
          });
          if (dup)
            problem(r->where, fmt::format("{} is listed twice", r->label()));
          else
            out.push_back(*r);
        }
      }
    } else if (auto r = actor_node(*n, field)) {
      out.push_back(*r);
    }
    return out;
  }

  /// { USA = 0.5, 740 = 0.7 }: keys are stateabbs, or ccodes written as digits.
  std::vector<ActorValue> actor_values(const toml::table& t, const std::string& path, std::string_view key,
                                       double lo, double hi) {
    std::vector<ActorValue> out;
    const auto* tt = table(t, path, key);
    if (tt == nullptr) return out;
    for (const auto& [k, n] : *tt) {
      const std::string field = join(join(path, key), k.str());
      ActorValue av;
      av.state.where = at(k.source(), field);
      const std::string_view s = k.str();
      if (!s.empty() && std::all_of(s.begin(), s.end(),
                                    [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
        av.state.ccode = std::stoi(std::string(s));
      } else if (!s.empty() && s.size() <= 4 && std::all_of(s.begin(), s.end(), [](char c) {
                   return std::isupper(static_cast<unsigned char>(c)) ||
                          std::isdigit(static_cast<unsigned char>(c));
                 })) {
        av.state.stateabb = std::string(s);
      } else {
        problem(av.state.where,
                fmt::format("key '{}' is not a state: use a stateabb (USA) or a ccode (2)", s));
        continue;
      }
      if (auto v = number_node(n, field, lo, hi)) {
        av.value = *v;
        out.push_back(av);
      }
    }
    return out;
  }

  InstitutionRef institution_node(const toml::node& n, const std::string& field, bool& ok) {
    InstitutionRef ref;
    ref.where = at(n, field);
    ok = false;
    if (const auto s = n.value_exact<std::string>(); s && !s->empty()) {
      ref.name = *s;
      ok = true;
    } else {
      problem(ref.where,
              fmt::format("expected an institution name (a string such as \"EAS\"), got {}", type_name(n)));
    }
    return ref;
  }

  std::vector<InstitutionRef> institution_list(const toml::table& t, const std::string& path,
                                               std::string_view key) {
    std::vector<InstitutionRef> out;
    const auto* n = t.get(key);
    if (n == nullptr) return out;
    const std::string field = join(path, key);
    bool ok = false;
    if (const auto* a = n->as_array()) {
      for (std::size_t i = 0; i < a->size(); ++i) {
        auto r = institution_node(*a->get(i), fmt::format("{}[{}]", field, i), ok);
        if (ok) out.push_back(r);
      }
    } else {
      auto r = institution_node(*n, field, ok);
      if (ok) out.push_back(r);
    }
    return out;
  }

  /// "all" | "great-powers" | "small-states" | { members_of = "ASEAN" } | ["SIN", "MAL", 850]
  std::optional<ActorSet> actor_set_node(const toml::node& n, const std::string& field) {
    ActorSet set;
    set.where = at(n, field);
    static const std::vector<std::string_view> kGroups{"all", "great-powers", "small-states"};
    if (const auto s = n.value_exact<std::string>()) {
      const auto g = enum_from_string<ActorGroup>(*s);
      if (!g || *g == ActorGroup::members_of || *g == ActorGroup::listed) {
        problem(set.where,
                fmt::format("unknown group '{}'{}; expected one of {}, a table {{ members_of = \"ASEAN\" }}, "
                            "or an array of states",
                            *s, suggestion(*s, kGroups), quoted_list(kGroups)));
        return std::nullopt;
      }
      set.group = *g;
      return set;
    }
    if (const auto* t = n.as_table()) {
      check_keys(*t, field, {"members_of"});
      const auto* m = t->get("members_of");
      if (m == nullptr) {
        problem(set.where, "expected { members_of = \"<institution>\" }");
        return std::nullopt;
      }
      bool ok = false;
      set.institution = institution_node(*m, join(field, "members_of"), ok);
      if (!ok) return std::nullopt;
      set.group = ActorGroup::members_of;
      return set;
    }
    if (n.as_array() != nullptr) {
      set.group = ActorGroup::listed;
      const auto* a = n.as_array();
      for (std::size_t i = 0; i < a->size(); ++i) {
        if (auto r = actor_node(*a->get(i), fmt::format("{}[{}]", field, i))) set.states.push_back(*r);
      }
      if (set.states.empty() && a->empty()) {
        problem(set.where, "an empty list of states selects nobody");
        return std::nullopt;
      }
      return set;
    }
    problem(set.where, fmt::format("expected a group of states (\"all\", \"great-powers\", \"small-states\", "
                                   "{{ members_of = \"ASEAN\" }} or an array of states), got {}",
                                   type_name(n)));
    return std::nullopt;
  }

  void actor_set(const toml::table& t, const std::string& path, std::string_view key, ActorSet& out) {
    if (const auto* n = t.get(key)) {
      if (auto s = actor_set_node(*n, join(path, key))) out = *s;
    }
  }

 private:
  std::string file_;
  std::vector<Problem> problems_;
};

void read_alignment(Reader& r, const toml::table& t, Order& o) {
  const std::string p = "alignment";
  auto& a = o.alignment;
  a.where = r.at(t, p);
  r.check_keys(t, p,
               {"rule", "applies_to", "others", "target", "balancer", "coalition_cap", "across_rivalry", "weights"});
  r.enumeration(t, p, "rule", a.rule);
  r.enumeration(t, p, "others", a.others);
  r.actor_set(t, p, "applies_to", a.applies_to);
  r.opt_actor(t, p, "target", a.target);
  r.opt_actor(t, p, "balancer", a.balancer);
  r.number(t, p, "coalition_cap", a.coalition_cap, 0.0, 1.0, true);
  r.boolean(t, p, "across_rivalry", a.across_rivalry);
  if (const auto* w = r.table(t, p, "weights")) {
    const std::string wp = "alignment.weights";
    r.check_keys(*w, wp, {"power", "proximity", "offensive", "intent"});
    const double inf = std::numeric_limits<double>::infinity();
    r.number(*w, wp, "power", a.weights.power, 0.0, inf);
    r.number(*w, wp, "proximity", a.weights.proximity, 0.0, inf);
    r.number(*w, wp, "offensive", a.weights.offensive, 0.0, inf);
    r.number(*w, wp, "intent", a.weights.intent, 0.0, inf);
  }
  // applies_to only matters when the two rules differ, and others only when someone is outside
  if (a.rule == a.others) r.unused_with(t, p, "applies_to", "a 'rule' different from 'others'");
  if (a.applies_to.group == ActorGroup::all)
    r.unused_with(t, p, "others", "an 'applies_to' that leaves some states out (it is \"all\")");
  const auto uses = [&](AlignmentRule rule) {
    return a.rule == rule || (a.others == rule && a.applies_to.group != ActorGroup::all);
  };
  if (!uses(AlignmentRule::bandwagon)) r.unused_with(t, p, "target", "rule 'bandwagon'");
  if (!uses(AlignmentRule::balanced_disparity))
    r.unused_with(t, p, "coalition_cap", "rule 'balanced-disparity'");
  // hedging spreads ties evenly over every great power ("without choosing"): only the balance
  // rule ranks threats, so only it reads Walt's weights
  if (!uses(AlignmentRule::balance)) r.unused_with(t, p, "weights", "rule 'balance'");
}

void read_alliances(Reader& r, const toml::table& t, Order& o) {
  const std::string p = "alliances";
  auto& a = o.alliances;
  a.where = r.at(t, p);
  r.check_keys(t, p, {"rule", "reliability", "phase_out_years", "phase_out_ties_with", "bloc_leader"});
  r.enumeration(t, p, "rule", a.rule);
  a.reliability = r.actor_values(t, p, "reliability", 0.0, 1.0);
  r.integer(t, p, "phase_out_years", a.phase_out_years, 1, 200);
  a.phase_out_ties_with = r.actor_list(t, p, "phase_out_ties_with");
  r.opt_actor(t, p, "bloc_leader", a.bloc_leader);
  if (a.rule == AllianceRule::phase_out) {
    if (t.get("phase_out_years") == nullptr) {
      r.problem(r.at(t, p),
                "rule 'phase-out' needs 'phase_out_years' (years until the ties reach level 0, >= 1)");
    }
  } else {
    r.unused_with(t, p, "phase_out_years", "rule 'phase-out'");
    r.unused_with(t, p, "phase_out_ties_with", "rule 'phase-out'");
  }
  if (a.rule != AllianceRule::hegemon_bloc) r.unused_with(t, p, "bloc_leader", "rule 'hegemon-bloc'");
}

void read_crisis(Reader& r, const toml::table& t, Order& o) {
  const std::string p = "crisis";
  auto& c = o.crisis;
  c.where = r.at(t, p);
  r.check_keys(t, p, {"manager", "institutions", "regime_threshold", "impose_on_others"});
  r.enumeration(t, p, "manager", c.manager);
  c.institutions = r.institution_list(t, p, "institutions");
  r.number(t, p, "regime_threshold", c.regime_threshold, 0.0, 1.0);
  r.boolean(t, p, "impose_on_others", c.impose_on_others);
  if (c.manager != CrisisManager::community) r.unused_with(t, p, "regime_threshold", "manager 'community'");
  if (c.manager != CrisisManager::institutions && c.manager != CrisisManager::community) {
    r.unused_with(t, p, "institutions", "managers 'institutions' and 'community'");
  }
  if (c.manager != CrisisManager::hegemon && c.manager != CrisisManager::concert) {
    r.unused_with(t, p, "impose_on_others", "managers 'hegemon' and 'concert'");
  }
}

void read_decision_spec(Reader& r, const toml::table& t, const std::string& p, DecisionSpec& d,
                        bool allow_institutions) {
  std::vector<std::string_view> keys{"rule",    "veto_threshold", "quota",
                                     "weights", "listed_weights", "directorate"};
  if (allow_institutions) keys.emplace_back("institutions");
  d.where = r.at(t, p);
  r.check_keys(t, p, keys);
  r.enumeration(t, p, "rule", d.rule);
  r.number(t, p, "veto_threshold", d.veto_threshold, 0.0, 1.0);
  r.number(t, p, "quota", d.quota, 0.0, 1.0, true);
  r.enumeration(t, p, "weights", d.weights);
  d.listed_weights = r.actor_values(t, p, "listed_weights", 0.0, std::numeric_limits<double>::infinity());
  d.directorate = r.actor_list(t, p, "directorate");
  if (d.rule != DecisionRule::minority_veto) r.unused_with(t, p, "veto_threshold", "rule 'minority-veto'");
  if (d.rule != DecisionRule::qmv) {
    r.unused_with(t, p, "quota", "rule 'qmv'");
    r.unused_with(t, p, "weights", "rule 'qmv'");
  }
  if (d.rule != DecisionRule::qmv || d.weights != QmvWeights::listed) {
    r.unused_with(t, p, "listed_weights", "rule 'qmv' with weights = 'listed'");
  } else if (d.listed_weights.empty() && t.get("listed_weights") == nullptr) {
    r.problem(r.at(t, p), "weights = 'listed' needs 'listed_weights' ({ USA = 1.0, CHN = 1.0, ... })");
  }
  if (d.rule != DecisionRule::directorate) r.unused_with(t, p, "directorate", "rule 'directorate'");
}

void read_decision(Reader& r, const toml::table& t, Order& o) {
  read_decision_spec(r, t, "decision", o.decision_default, true);
  if (const auto* inst = r.table(t, "decision", "institutions")) {
    for (const auto& [k, n] : *inst) {
      const std::string p = fmt::format("decision.institutions.{}", k.str());
      const auto* tt = n.as_table();
      if (tt == nullptr) {
        r.problem(r.at(n, p),
                  fmt::format("expected a table of the institution's decision rule, got {}", type_name(n)));
        continue;
      }
      InstitutionDecision d;
      d.institution.name = std::string(k.str());
      d.institution.where = r.at(k.source(), p);
      read_decision_spec(r, *tt, p, d.spec, false);
      if (tt->get("rule") == nullptr) r.problem(r.at(*tt, p), "an institution's decision rule needs 'rule'");
      o.decision_by_institution.push_back(std::move(d));
    }
  }
}

void read_restraint(Reader& r, const toml::table& t, Order& o) {
  const std::string p = "restraint";
  o.restraint.where = r.at(t, p);
  r.check_keys(t, p, {"toward_great_powers", "toward_small_states"});
  r.number(t, p, "toward_great_powers", o.restraint.toward_great_powers, 0.0, 1.0);
  r.number(t, p, "toward_small_states", o.restraint.toward_small_states, 0.0, 1.0);
}

void read_spheres(Reader& r, const toml::node& n, Order& o) {
  if (const auto s = n.value_exact<std::string>()) {
    static const std::vector<std::string_view> kWords{"no", "partly", "yes"};
    if (*s == "no")
      o.spheres = 0.0;
    else if (*s == "partly")
      o.spheres = 0.5;
    else if (*s == "yes")
      o.spheres = 1.0;
    else
      r.problem(r.at(n, "spheres"),
                fmt::format("unknown value '{}'{}; allowed: 'no', 'partly', 'yes' or a number in [0, 1]", *s,
                            suggestion(*s, kWords)));
    return;
  }
  if (!n.is_number()) {
    r.problem(r.at(n, "spheres"),
              fmt::format("expected 'no', 'partly', 'yes' or a number in [0, 1], got {}", type_name(n)));
    return;
  }
  if (auto v = r.number_node(n, "spheres", 0.0, 1.0)) o.spheres = *v;
}

template <class Fn>
void each_table(Reader& r, const toml::table& root, std::string_view key, Fn&& fn) {
  const auto* a = r.array(root, "", key);
  if (a == nullptr) return;
  for (std::size_t i = 0; i < a->size(); ++i) {
    const std::string p = fmt::format("{}[{}]", key, i);
    if (const auto* t = a->get(i)->as_table())
      fn(*t, p);
    else
      r.problem(r.at(*a->get(i), p),
                fmt::format("expected a table ([[{}]]), got {}", key, type_name(*a->get(i))));
  }
}

void read_mandates(Reader& r, const toml::table& root, Order& o) {
  each_table(r, root, "mandates", [&](const toml::table& t, const std::string& p) {
    MandateUpgrade m;
    m.where = r.at(t, p);
    r.check_keys(t, p, {"institution", "add", "capacity"});
    bool ok = false;
    if (const auto* n = t.get("institution")) {
      if (n->value_exact<std::string>() == std::optional<std::string>("all"))
        m.all_institutions = true;
      else
        m.institution = r.institution_node(*n, Reader::join(p, "institution"), ok);
    } else {
      r.problem(m.where, "a mandate upgrade needs 'institution' (a name, or \"all\")");
    }
    if (const auto* a = r.array(t, p, "add")) {
      for (std::size_t i = 0; i < a->size(); ++i) {
        if (auto v = r.enum_node<Mandate>(*a->get(i), fmt::format("{}.add[{}]", p, i))) m.add.push_back(*v);
      }
    }
    r.opt_number(t, p, "capacity", m.capacity, 0.0, 1.0);
    if (t.get("add") == nullptr && t.get("capacity") == nullptr) {
      r.problem(m.where, "a mandate upgrade needs 'add' (mandates to add) or 'capacity'");
    }
    o.mandates.push_back(std::move(m));
  });
}

void read_membership(Reader& r, const toml::table& root, Order& o) {
  each_table(r, root, "membership", [&](const toml::table& t, const std::string& p) {
    MembershipChange m;
    m.where = r.at(t, p);
    r.check_keys(t, p, {"institutions", "include", "exclude"});
    if (const auto* n = t.get("institutions")) {
      m.institutions.where = r.at(*n, Reader::join(p, "institutions"));
      if (n->value_exact<std::string>() == std::optional<std::string>("all"))
        m.institutions.all = true;
      else
        m.institutions.names = r.institution_list(t, p, "institutions");
    } else {
      r.problem(m.where, "a membership change needs 'institutions' (\"all\" or a list of names)");
    }
    if (const auto* n = t.get("include")) m.include = r.actor_set_node(*n, Reader::join(p, "include"));
    m.exclude = r.actor_list(t, p, "exclude");
    if (t.get("include") == nullptr && t.get("exclude") == nullptr) {
      r.problem(m.where, "a membership change needs 'include' or 'exclude'");
    }
    o.membership.push_back(std::move(m));
  });
}

void read_measures(Reader& r, const toml::table& root, Order& o) {
  each_table(r, root, "measures", [&](const toml::table& t, const std::string& p) {
    Measure m;
    m.where = r.at(t, p);
    r.check_keys(t, p, {"kind", "flashpoint", "parties", "strength", "burden_cap"});
    const bool has_kind = r.enumeration(t, p, "kind", m.kind);
    if (t.get("kind") == nullptr)
      r.problem(m.where,
                fmt::format("a measure needs 'kind', one of {}", quoted_list(enum_names<MeasureKind>())));
    if (const auto* n = t.get("flashpoint")) {
      FlashpointRef f;
      f.where = r.at(*n, Reader::join(p, "flashpoint"));
      if (const auto s = n->value_exact<std::string>(); s && !s->empty()) {
        f.name = *s;
        m.flashpoint = f;
      } else {
        r.problem(f.where,
                  fmt::format("expected a flashpoint name (a string such as \"South China Sea\"), got {}",
                              type_name(*n)));
      }
    }
    r.actor_set(t, p, "parties", m.parties);
    r.number(t, p, "strength", m.strength, 0.0, 1.0);
    r.opt_number(t, p, "burden_cap", m.burden_cap, 0.0, 1.0, true);
    if (has_kind) {
      if (m.kind == MeasureKind::code_of_conduct && t.get("flashpoint") == nullptr) {
        r.problem(m.where, "a code-of-conduct needs 'flashpoint'");
      }
      if (m.kind == MeasureKind::arms_control_cap && t.get("burden_cap") == nullptr) {
        r.problem(m.where, "an arms-control-cap needs 'burden_cap' (maximum defense burden M/Y, e.g. 0.03)");
      }
      if (m.kind != MeasureKind::arms_control_cap)
        r.unused_with(t, p, "burden_cap", "kind 'arms-control-cap'");
      // the engine binds flashpoints by their parties only for these two kinds; the others
      // (reassurance, trust building, arms-control caps, joint exercises) act region-wide
      if (m.kind != MeasureKind::confidence_building && m.kind != MeasureKind::code_of_conduct &&
          m.parties.group != ActorGroup::all) {
        if (const auto* n = t.get("parties")) {
          r.problem(r.at(*n, Reader::join(p, "parties")),
                    fmt::format("a {} measure binds every state: 'parties' must be \"all\" (only "
                                "confidence-building and code-of-conduct measures bind chosen parties)",
                                to_string(m.kind)));
        }
      }
    }
    o.measures.push_back(std::move(m));
  });
}

void read_regime(Reader& r, const toml::table& t, Order& o) {
  const std::string p = "regime_convergence";
  RegimeConvergence c;
  c.where = r.at(t, p);
  r.check_keys(t, p, {"target", "rate", "applies_to"});
  r.number(t, p, "target", c.target, 0.0, 1.0);
  r.number(t, p, "rate", c.rate, 0.0, 1.0);
  r.actor_set(t, p, "applies_to", c.applies_to);
  // the engine moves every state's regime toward the target (a region-wide precondition)
  if (c.applies_to.group != ActorGroup::all) {
    if (const auto* n = t.get("applies_to")) {
      r.problem(r.at(*n, Reader::join(p, "applies_to")),
                "regime convergence applies to every state: 'applies_to' must be \"all\" (or left out)");
    }
  }
  if (t.get("rate") == nullptr)
    r.problem(c.where, "regime_convergence needs 'rate' (share of the gap closed per year)");
  o.regime_convergence = c;
}

/// Rules that need a value the file must give.
void check_requirements(Reader& r, const toml::table& root, Order& o) {
  const Location top{o.source_file, 0, 0, ""};
  const auto where_of = [&](const Location& l) { return l.line > 0 ? l : top; };
  const bool has_hegemon = o.hegemon.has_value();
  if (o.crisis.manager == CrisisManager::hegemon && !has_hegemon) {
    r.problem(where_of(o.crisis.where),
              "crisis.manager = 'hegemon' needs a top-level 'hegemon' (e.g. hegemon = \"USA\")");
  }
  if (o.alliances.rule == AllianceRule::hegemon_bloc && !has_hegemon && !o.alliances.bloc_leader) {
    r.problem(where_of(o.alliances.where),
              "alliances.rule = 'hegemon-bloc' needs 'bloc_leader' or a top-level 'hegemon'");
  }
  if (o.crisis.manager == CrisisManager::concert && o.directorate.size() < 2) {
    r.problem(where_of(o.crisis.where),
              "crisis.manager = 'concert' needs a top-level 'directorate' of at least two great powers");
  }
  const auto check_rule = [&](const DecisionSpec& d, const std::string& what) {
    if (d.rule == DecisionRule::hegemon && !has_hegemon) {
      r.problem(where_of(d.where), fmt::format("{} rule 'hegemon' needs a top-level 'hegemon'", what));
    }
    if (d.rule == DecisionRule::directorate && d.directorate.empty() && o.directorate.empty()) {
      r.problem(where_of(d.where),
                fmt::format("{} rule 'directorate' needs 'directorate' there or at the top level", what));
    }
  };
  check_rule(o.decision_default, "decision");
  for (const auto& d : o.decision_by_institution)
    check_rule(d.spec, fmt::format("decision.institutions.{}", d.institution.name));
  // across_rivalry lifts a limit on rules that raise ties; with none of them it would do nothing
  if (const auto* t = root.get_as<toml::table>("alignment")) {
    if (const auto* n = t->get("across_rivalry")) {
      const auto& a = o.alignment;
      const auto raises = [](AlignmentRule rule) { return rule != AlignmentRule::fixed && rule != AlignmentRule::hedge; };
      const bool outside = a.applies_to.group != ActorGroup::all;
      if (!raises(a.rule) && !(outside && raises(a.others)) && !a.balancer &&
          o.alliances.rule != AllianceRule::hegemon_bloc) {
        r.problem(r.at(*n, "alignment.across_rivalry"),
                  "'across_rivalry' is only used when a rule raises ties (alignment rule 'balance', "
                  "'balanced-disparity' or 'bandwagon', a 'balancer', or alliances rule 'hegemon-bloc'); "
                  "remove it or change the rule");
      }
    }
  }
}

Order read_order(const toml::table& root, const std::string& source_name, std::vector<Problem>& problems) {
  Reader r(source_name);
  Order o;
  o.source_file = source_name;
  o.name = std::filesystem::path(source_name).stem().string();
  r.check_keys(
      root, "",
      {"name", "title", "proposed_by", "hegemon", "directorate", "spheres", "institution_effect",
       "agenda_setters", "interdependence_weight", "trade_integration_growth", "alignment", "alliances",
       "crisis", "decision", "restraint", "mandates", "membership", "measures", "regime_convergence"});
  r.string(root, "", "name", o.name);
  if (const auto* n = root.get("name"); n != nullptr && o.name.empty()) {
    r.problem(r.at(*n, "name"), "the order's name must not be empty");
  }
  r.string(root, "", "title", o.title);
  r.string(root, "", "proposed_by", o.proposed_by);
  r.opt_actor(root, "", "hegemon", o.hegemon);
  o.directorate = r.actor_list(root, "", "directorate");
  if (const auto* n = root.get("spheres")) read_spheres(r, *n, o);
  r.number(root, "", "institution_effect", o.institution_effect, 0.0, 1.0);
  if (const auto* n = root.get("agenda_setters")) o.agenda_setters = r.actor_set_node(*n, "agenda_setters");
  r.number(root, "", "interdependence_weight", o.interdependence_weight, 0.0,
           std::numeric_limits<double>::infinity());
  r.number(root, "", "trade_integration_growth", o.trade_integration_growth, 0.0, 1.0);
  if (const auto* t = r.table(root, "", "alignment")) read_alignment(r, *t, o);
  if (const auto* t = r.table(root, "", "alliances")) read_alliances(r, *t, o);
  if (const auto* t = r.table(root, "", "crisis")) read_crisis(r, *t, o);
  if (const auto* t = r.table(root, "", "decision")) read_decision(r, *t, o);
  if (const auto* t = r.table(root, "", "restraint")) read_restraint(r, *t, o);
  read_mandates(r, root, o);
  read_membership(r, root, o);
  read_measures(r, root, o);
  if (const auto* t = r.table(root, "", "regime_convergence")) read_regime(r, *t, o);
  check_requirements(r, root, o);
  problems = std::move(r.problems());
  return o;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

/// Name key for institutions and flashpoints: lower case, with '-' and '_' read as spaces.
std::string name_key(std::string_view s) {
  std::string out = lower(s);
  for (auto& c : out) {
    if (c == '-' || c == '_') c = ' ';
  }
  return out;
}

}  // namespace

Order parse_order(std::string_view toml_text, const std::string& source_name) {
  toml::table root;
  try {
    root = toml::parse(toml_text, source_name);
  } catch (const toml::parse_error& e) {
    const auto& b = e.source().begin;
    throw InputError(Location{source_name, static_cast<long>(b.line), static_cast<long>(b.column), ""},
                     fmt::format("TOML syntax error: {}", e.description()));
  }
  std::vector<Problem> problems;
  Order o = read_order(root, source_name, problems);
  o.digest = content_digest(toml_text);
  if (!problems.empty()) {
    std::stable_sort(problems.begin(), problems.end(), [](const Problem& a, const Problem& b) {
      return std::tie(a.where.line, a.where.column) < std::tie(b.where.line, b.where.column);
    });
    throw InputError(std::move(problems));
  }
  return o;
}

Order load_order(const std::filesystem::path& path) {
  return parse_order(read_input_file(path, "an order file (TOML, docs/orders.md)"), path.string());
}

std::filesystem::path presets_dir() { return project_dir() / "orders"; }

std::vector<std::string> preset_names(const std::filesystem::path& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.is_regular_file() && entry.path().extension() == ".toml")
      out.push_back(entry.path().stem().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

Order load_preset(std::string_view name, const std::filesystem::path& dir) {
  const auto path = dir / (std::string(name) + ".toml");
  if (!std::filesystem::is_regular_file(path)) {
    const auto names = preset_names(dir);
    std::vector<std::string_view> views(names.begin(), names.end());
    throw InputError(Location{std::string(name), 0, 0, ""},
                     fmt::format("no order preset named '{}'{} in {}; presets: {}", name,
                                 suggestion(name, views), dir.string(), quoted_list(views)));
  }
  return load_order(path);
}

Order load_order_arg(std::string_view name_or_file, const std::filesystem::path& dir) {
  const std::filesystem::path p{std::string(name_or_file)};
  const bool looks_like_file = p.extension() == ".toml" || name_or_file.find('/') != std::string_view::npos;
  if (looks_like_file || std::filesystem::is_regular_file(p)) return load_order(p);
  return load_preset(name_or_file, dir);
}

Order resolve_order(const Order& order, const ScenarioNames& names, std::vector<Problem>* absent) {
  Order o = order;
  std::vector<Problem> problems;
  // Institutions and flashpoints a scenario lacks: errors, or (with `absent`) dropped and noted.
  std::vector<Problem> missing_found;
  std::vector<Problem>& missing = absent != nullptr ? missing_found : problems;
  const std::string dropped = absent != nullptr ? "; the rule that names it is dropped" : "";

  const auto resolve_actor = [&](ActorRef& a) {
    if (!a.stateabb.empty()) {
      const auto it = std::find(names.stateabb.begin(), names.stateabb.end(), a.stateabb);
      if (it != names.stateabb.end()) {
        a.index = static_cast<int>(it - names.stateabb.begin());
        return;
      }
      std::vector<std::string_view> known(names.stateabb.begin(), names.stateabb.end());
      problems.push_back({a.where, fmt::format("state '{}' is not an actor of scenario {}{}", a.stateabb,
                                               names.source, suggestion(a.stateabb, known))});
    } else {
      const auto it = std::find(names.ccode.begin(), names.ccode.end(), a.ccode);
      if (it != names.ccode.end()) {
        a.index = static_cast<int>(it - names.ccode.begin());
        return;
      }
      problems.push_back(
          {a.where, fmt::format("ccode {} is not an actor of scenario {}", a.ccode, names.source)});
    }
  };
  const auto resolve_institution = [&](InstitutionRef& i) {
    for (std::size_t j = 0; j < names.institutions.size(); ++j) {
      if (name_key(names.institutions[j]) == name_key(i.name)) {
        i.index = static_cast<int>(j);
        return true;
      }
    }
    std::vector<std::string_view> known(names.institutions.begin(), names.institutions.end());
    missing.push_back({i.where, fmt::format("institution '{}' is not in scenario {}; its institutions: {}{}",
                                            i.name, names.source, quoted_list(known), dropped)});
    return false;
  };
  const auto resolve_flashpoint = [&](FlashpointRef& f) {
    for (std::size_t j = 0; j < names.flashpoints.size(); ++j) {
      if (name_key(names.flashpoints[j]) == name_key(f.name)) {
        f.index = static_cast<int>(j);
        return true;
      }
    }
    std::vector<std::string_view> known(names.flashpoints.begin(), names.flashpoints.end());
    missing.push_back({f.where, fmt::format("flashpoint '{}' is not in scenario {}; its flashpoints: {}{}",
                                            f.name, names.source, quoted_list(known), dropped)});
    return false;
  };
  // A set of the members of an absent institution selects nobody.
  const auto resolve_set = [&](ActorSet& s) {
    if (s.group == ActorGroup::members_of && !resolve_institution(s.institution)) {
      s.group = ActorGroup::listed;
      s.states.clear();
    }
    for (auto& a : s.states) resolve_actor(a);
  };
  const auto unresolved = [](const auto& ref) { return ref.index < 0; };

  resolve_set(o.alignment.applies_to);
  if (o.alignment.target) resolve_actor(*o.alignment.target);
  if (o.alignment.balancer) resolve_actor(*o.alignment.balancer);
  for (auto& r : o.alliances.reliability) resolve_actor(r.state);
  for (auto& a : o.alliances.phase_out_ties_with) resolve_actor(a);
  if (o.alliances.bloc_leader) resolve_actor(*o.alliances.bloc_leader);
  for (auto& i : o.crisis.institutions) resolve_institution(i);
  std::erase_if(o.crisis.institutions, unresolved);
  const auto resolve_decision = [&](DecisionSpec& d) {
    for (auto& w : d.listed_weights) resolve_actor(w.state);
    for (auto& a : d.directorate) resolve_actor(a);
  };
  resolve_decision(o.decision_default);
  for (auto& d : o.decision_by_institution) {
    resolve_institution(d.institution);
    resolve_decision(d.spec);
  }
  std::erase_if(o.decision_by_institution,
                [](const InstitutionDecision& d) { return d.institution.index < 0; });
  if (o.hegemon) resolve_actor(*o.hegemon);
  for (auto& a : o.directorate) resolve_actor(a);
  if (o.agenda_setters) {
    if (o.agenda_setters->group == ActorGroup::members_of &&
        !resolve_institution(o.agenda_setters->institution)) {
      o.agenda_setters.reset();  // nobody to convene: any member tables proposals
    } else {
      resolve_set(*o.agenda_setters);
    }
  }
  for (auto& m : o.mandates) {
    if (!m.all_institutions) resolve_institution(m.institution);
  }
  std::erase_if(o.mandates,
                [](const MandateUpgrade& m) { return !m.all_institutions && m.institution.index < 0; });
  for (auto& m : o.membership) {
    for (auto& i : m.institutions.names) resolve_institution(i);
    std::erase_if(m.institutions.names, unresolved);
    if (m.include) resolve_set(*m.include);
    for (auto& a : m.exclude) resolve_actor(a);
  }
  std::erase_if(o.membership, [](const MembershipChange& m) {
    return !m.institutions.all && m.institutions.names.empty();
  });
  for (auto& m : o.measures) {
    if (m.flashpoint) resolve_flashpoint(*m.flashpoint);
    resolve_set(m.parties);
  }
  std::erase_if(o.measures, [](const Measure& m) { return m.flashpoint && m.flashpoint->index < 0; });
  if (o.regime_convergence) resolve_set(o.regime_convergence->applies_to);

  const auto in_file_order = [](std::vector<Problem>& v) {
    std::stable_sort(v.begin(), v.end(), [](const Problem& a, const Problem& b) {
      return std::tie(a.where.line, a.where.column) < std::tie(b.where.line, b.where.column);
    });
  };
  if (!problems.empty()) {
    in_file_order(problems);
    throw InputError(std::move(problems));
  }
  if (absent != nullptr) {
    in_file_order(missing_found);
    absent->insert(absent->end(), missing_found.begin(), missing_found.end());
  }
  o.resolved = true;
  return o;
}

namespace {
/// The names a scenario defines, in its actor, institution and flashpoint order.
ScenarioNames names_in(const Scenario& s) {
  ScenarioNames n;
  n.source = s.file.empty() ? s.meta.name : s.file;
  for (const auto& a : s.actors) {
    n.stateabb.push_back(a.stateabb);
    n.ccode.push_back(a.ccode);
  }
  for (const auto& i : s.institutions) n.institutions.push_back(i.name);
  for (const auto& f : s.flashpoints) n.flashpoints.push_back(f.name);
  return n;
}
}  // namespace

Order resolve_order(const Order& order, const Scenario& scenario, std::vector<Problem>* absent) {
  return resolve_order(order, names_in(scenario), absent);
}

concord::Mandate to_scenario_mandate(order::Mandate m) {
  const auto v = parse_mandate(to_string(m));
  // Both enums list the mandates of MODEL.md section 1 under the same spellings; a test checks it.
  return v.value_or(concord::Mandate::dialogue);
}

}  // namespace concord
