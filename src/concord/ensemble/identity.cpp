#include "concord/ensemble/identity.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "concord/common/data_dir.hpp"
#include "concord/common/digest.hpp"

namespace concord::ensemble {

PlanIdentity& PlanIdentity::set(const std::string& part, std::string value) {
  parts[part] = std::move(value);
  return *this;
}

std::string PlanIdentity::digest() const {
  Digest d;
  d.field("concord plan identity", std::uint64_t{1});
  for (const auto& [k, v] : parts) d.field(k, v);
  return d.hex();
}

std::string PlanIdentity::json() const { return nlohmann::json(parts).dump(); }

std::optional<PlanIdentity> PlanIdentity::from_spec_json(const std::string& spec_json) {
  const auto j = nlohmann::json::parse(spec_json, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("identity") || !j["identity"].is_object()) return std::nullopt;
  PlanIdentity id;
  for (const auto& [k, v] : j["identity"].items()) {
    if (v.is_string()) id.parts[k] = v.get<std::string>();
  }
  return id;
}

std::vector<std::string> PlanIdentity::differences(const PlanIdentity& stored) const {
  std::vector<std::string> out;
  const auto show = [](const std::string& part, const std::string& v) {
    // digests are long: their first 12 digits are enough to tell them apart
    const bool digest = v.size() == 64 && std::all_of(v.begin(), v.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; });
    (void)part;
    return digest ? v.substr(0, 12) + "..." : "'" + v + "'";
  };
  for (const auto& [k, v] : parts) {
    const auto it = stored.parts.find(k);
    if (it == stored.parts.end()) {
      out.push_back(fmt::format("{}: not in the stored ensemble, now {}", k, show(k, v)));
    } else if (it->second != v) {
      out.push_back(fmt::format("{}: stored {}, now {}", k, show(k, it->second), show(k, v)));
    }
  }
  for (const auto& [k, v] : stored.parts) {
    if (parts.count(k) == 0) out.push_back(fmt::format("{}: stored {}, not in this plan", k, show(k, v)));
  }
  return out;
}

void add_project_data(PlanIdentity& identity) {
  const auto dir = project_dir() / "data";
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    if (e.is_regular_file()) files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& f : files) identity.set("data/" + f.filename().string(), file_digest(f));
}

store::EnsembleInfo describe(const Plan& plan, const std::string& kind, int years, const std::string& spec_json,
                             PlanIdentity identity) {
  identity.set("plan keys", plan_digest(plan));
  identity.set("years", std::to_string(years));
  store::EnsembleInfo info = describe(plan, kind, years, spec_json);
  info.plan_digest = identity.digest();
  auto j = nlohmann::json::parse(spec_json, nullptr, false);
  if (j.is_discarded() || !j.is_object()) j = nlohmann::json::object({{"spec", spec_json}});
  j["identity"] = identity.parts;
  info.spec_json = j.dump();
  return info;
}

}  // namespace concord::ensemble
