#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>

#include "concord/common/atomic_file.hpp"
#include "concord/scenario/load.hpp"

namespace concord {
namespace {

/// Shortest decimal that reads back to the same double, always as a TOML float.
std::string num(double v) {
  std::string s = fmt::format("{}", v);
  if (s.find_first_of(".eEn") == std::string::npos) s += ".0";
  return s;
}

std::string toml_string(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
          out += fmt::format("\\u{:04X}", static_cast<unsigned>(static_cast<unsigned char>(c)));
        } else {
          out += c;
        }
    }
  }
  out += '"';
  return out;
}

std::string key(std::string_view k) {
  const bool bare = !k.empty() && std::all_of(k.begin(), k.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
  return bare ? std::string(k) : toml_string(k);
}

std::string provenance(const Provenance& p) {
  if (!p.estimated && p.note.empty()) {
    return toml_string(p.year > 0 ? fmt::format("{}@{}", p.dataset, p.year) : p.dataset);
  }
  std::string out = fmt::format("{{ dataset = {}", toml_string(p.dataset));
  if (p.year > 0) out += fmt::format(", year = {}", p.year);
  if (p.estimated) out += ", estimated = true";
  if (!p.note.empty()) out += fmt::format(", note = {}", toml_string(p.note));
  return out + " }";
}

std::string provenance_inline(const ProvenanceMap& m) {
  std::string out = "{ ";
  bool first = true;
  for (const auto& [figure, p] : m) {
    if (!first) out += ", ";
    first = false;
    out += fmt::format("{} = {}", key(figure), provenance(p));
  }
  return out + " }";
}

void opt(std::string& out, std::string_view k, double v) {
  if (!std::isnan(v)) out += fmt::format("{} = {}\n", k, num(v));
}

void write_actor(std::string& out, const Actor& a) {
  out += "\n[[actor]]\n";
  out += fmt::format("ccode = {}\nstateabb = {}\nname = {}\n", a.ccode, toml_string(a.stateabb),
                     toml_string(a.name));
  opt(out, "gdp", a.gdp);
  opt(out, "population", a.population);
  opt(out, "military_expenditure", a.military_expenditure);
  opt(out, "regime", a.regime);
  out += fmt::format("great_power = {}\nrisk = {}\nsatisfaction = {}\n", a.great_power, num(a.risk),
                     num(a.satisfaction));
  if (a.nuclear) out += "nuclear = true\n";
  const std::pair<const char*, double> nmc[] = {{"milex", a.nmc.milex}, {"milper", a.nmc.milper},
                                                {"irst", a.nmc.irst},   {"pec", a.nmc.pec},
                                                {"tpop", a.nmc.tpop},   {"upop", a.nmc.upop}};
  std::string parts;
  for (const auto& [k, v] : nmc) {
    if (std::isnan(v)) continue;
    if (!parts.empty()) parts += ", ";
    parts += fmt::format("{} = {}", k, num(v));
  }
  if (!parts.empty()) out += fmt::format("nmc = {{ {} }}\n", parts);
  if (!std::isnan(a.capital_lat) && !std::isnan(a.capital_lon)) {
    out += fmt::format("capital = {{ lat = {}, lon = {} }}\n", num(a.capital_lat), num(a.capital_lon));
  }
  if (!a.provenance.empty()) out += fmt::format("provenance = {}\n", provenance_inline(a.provenance));
}

void write_dyad(std::string& out, const Dyad& d) {
  const bool swap = d.a > d.b;
  out += fmt::format("\n[[dyad]]\na = {}\nb = {}\n", swap ? d.b : d.a, swap ? d.a : d.b);
  if (d.alliance != 0) out += fmt::format("alliance = {}\n", d.alliance);
  const double ab = swap ? d.trade_ba : d.trade_ab;
  const double ba = swap ? d.trade_ab : d.trade_ba;
  if (ab != 0.0) out += fmt::format("trade_ab = {}\n", num(ab));
  if (ba != 0.0) out += fmt::format("trade_ba = {}\n", num(ba));
  if (d.trade_estimated) out += "trade_estimated = true\n";
  opt(out, "distance_km", d.distance_km);
  if (d.contiguity != Contiguity::none) {
    out += fmt::format("contiguity = {}\n", static_cast<int>(d.contiguity));
  }
  if (d.rivalry) out += "rivalry = true\n";
  if (d.peace_years >= 0) out += fmt::format("peace_years = {}\n", d.peace_years);
  if (d.igo_shared != 0) out += fmt::format("igo_shared = {}\n", d.igo_shared);
  if (d.igo_security_shared != 0) out += fmt::format("igo_security_shared = {}\n", d.igo_security_shared);
  opt(out, "trust", d.trust);
  if (!d.provenance.empty()) out += fmt::format("provenance = {}\n", provenance_inline(d.provenance));
}

void write_members(std::string& out, std::string_view k, const std::vector<Membership>& ms) {
  out += fmt::format("{} = [\n", k);
  for (const Membership& m : ms) {
    out += fmt::format("  {{ ccode = {}, joined = {} }},\n", m.ccode, m.joined);
  }
  out += "]\n";
}

void write_institution(std::string& out, const Institution& in) {
  out += fmt::format("\n[[institution]]\nname = {}\n", toml_string(in.name));
  out += fmt::format("decision_rule = {}\nveto_threshold = {}\ncapacity = {}\n",
                     toml_string(to_string(in.decision_rule)), num(in.veto_threshold), num(in.capacity));
  std::string mandates;
  for (int i = 0; i < kMandateCount; ++i) {
    const auto m = static_cast<Mandate>(i);
    if (!in.mandate.has(m)) continue;
    if (!mandates.empty()) mandates += ", ";
    mandates += toml_string(to_string(m));
  }
  out += fmt::format("mandate = [{}]\n", mandates);
  write_members(out, "members", in.members);
  if (!in.accessions.empty()) write_members(out, "accessions", in.accessions);
  if (!in.provenance.empty()) out += fmt::format("provenance = {}\n", provenance_inline(in.provenance));
}

void write_flashpoint(std::string& out, const Flashpoint& f) {
  out += fmt::format("\n[[flashpoint]]\nname = {}\nstatus_quo = {}\nincident_rate = {}\n",
                     toml_string(f.name), num(f.status_quo), num(f.incident_rate));
  if (!f.scale.empty()) out += fmt::format("scale = {}\n", toml_string(f.scale));
  if (!f.revision.empty()) out += fmt::format("revision = {}\n", toml_string(f.revision));
  if (!f.source.empty()) out += fmt::format("source = {}\n", toml_string(f.source));
  if (f.fit) {
    out += fmt::format(
        "fit = {{ window_start = {}, window_end = {}, onsets = {}, lower = {}, upper = {}, "
        "method = {} }}\n",
        f.fit->window_start, f.fit->window_end, f.fit->onsets, num(f.fit->lower), num(f.fit->upper),
        toml_string(f.fit->method));
  }
  out += "parties = [\n";
  for (const FlashpointParty& p : f.parties) {
    out += fmt::format("  {{ ccode = {}, position = {}, salience = {}", p.ccode, num(p.position),
                       num(p.salience));
    if (!p.source.empty()) out += fmt::format(", source = {}", toml_string(p.source));
    out += " },\n";
  }
  out += "]\n";
  if (!f.stakeholders.empty()) {
    out += "stakeholders = [\n";
    for (const Stakeholder& h : f.stakeholders) {
      out += fmt::format("  {{ ccode = {}", h.ccode);
      if (!std::isnan(h.position)) out += fmt::format(", position = {}", num(h.position));
      out += fmt::format(", salience = {}", num(h.salience));
      if (!h.interest.empty()) out += fmt::format(", interest = {}", toml_string(h.interest));
      if (!h.source.empty()) out += fmt::format(", source = {}", toml_string(h.source));
      out += " },\n";
    }
    out += "]\n";
  }
}

void write_growth(std::string& out, const GrowthPath& g) {
  out += fmt::format("\n[[growth]]\nccode = {}\n", g.ccode);
  if (!g.source.empty()) out += fmt::format("source = {}\n", toml_string(g.source));
  out += "steps = [\n";
  for (const GrowthStep& st : g.steps) {
    out += fmt::format("  {{ from_year = {}", st.from_year);
    if (!std::isnan(st.gdp)) out += fmt::format(", gdp = {}", num(st.gdp));
    if (!std::isnan(st.population)) out += fmt::format(", population = {}", num(st.population));
    out += " },\n";
  }
  out += "]\n";
}

std::string dotted(std::string_view name) {
  std::string out;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = name.find('.', start);
    if (!out.empty()) out += '.';
    out += key(name.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return out;
}

}  // namespace

std::string write_scenario(const Scenario& s) {
  std::string out;
  out += "# concord scenario (format: docs/scenario.md)\n\n[meta]\n";
  out += fmt::format("name = {}\n", toml_string(s.meta.name));
  if (!s.meta.description.empty()) out += fmt::format("description = {}\n", toml_string(s.meta.description));
  out += fmt::format("start_year = {}\nhorizon = {}\n", s.meta.start_year, s.meta.horizon);
  if (!s.meta.region.empty()) out += fmt::format("region = {}\n", toml_string(s.meta.region));
  out += fmt::format("default_trust = {}\n", num(s.meta.default_trust));
  if (s.meta.great_powers.kind == GreatPowerRule::Kind::cinc_share) {
    out += fmt::format("great_powers = \"cinc-share\"\ngreat_power_share = {}\n", num(s.meta.great_powers.threshold));
    if (s.meta.great_powers.evolve) out += "great_powers_evolve = true\n";
  } else if (s.meta.great_powers.kind == GreatPowerRule::Kind::nuclear) {
    out += "great_powers = \"nuclear\"\n";
  }
  for (const auto& [id, src] : s.meta.sources) {
    out += fmt::format("\n[meta.sources.{}]\ntitle = {}\n", key(id), toml_string(src.title));
    if (!src.version.empty()) out += fmt::format("version = {}\n", toml_string(src.version));
    if (!src.file.empty()) out += fmt::format("file = {}\n", toml_string(src.file));
    if (!src.citation.empty()) out += fmt::format("citation = {}\n", toml_string(src.citation));
  }
  std::string last_kind;
  for (const auto& [name, p] : s.meta.provenance) {
    const auto dot = name.find('.');
    const std::string kind = name.substr(0, dot);
    if (kind != last_kind) {
      out += fmt::format("\n[meta.provenance.{}]\n", key(kind));
      last_kind = kind;
    }
    out += fmt::format("{} = {}\n", key(name.substr(dot + 1)), provenance(p));
  }
  for (const Actor& a : s.actors) write_actor(out, a);
  for (const Institution& in : s.institutions) write_institution(out, in);
  for (const Flashpoint& f : s.flashpoints) write_flashpoint(out, f);
  for (const GrowthPath& g : s.growth) write_growth(out, g);
  for (const Dyad& d : s.dyads) write_dyad(out, d);
  if (!s.parameters.empty()) {
    out += "\n[parameters]\n";
    for (const ParameterOverride& p : s.parameters) {
      out += fmt::format("{} = {}\n", dotted(p.name), num(p.value));
    }
  }
  return out;
}

void save_scenario(const Scenario& s, const std::filesystem::path& file) {
  write_file_atomic(file, write_scenario(s));
}

}  // namespace concord
