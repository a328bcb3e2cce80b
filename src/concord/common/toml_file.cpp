#include "concord/common/toml_file.hpp"

#include "concord/common/input_file.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "concord/common/suggest.hpp"

namespace concord {

toml::table parse_toml_file(const std::filesystem::path& file) {
  check_input_file(file, "a TOML file");
  try {
    return toml::parse_file(file.string());
  } catch (const toml::parse_error& e) {
    const auto& b = e.source().begin;
    throw InputError(Location{file.string(), static_cast<long>(b.line), static_cast<long>(b.column), ""},
                     std::string(e.description()));
  }
}

Location toml_location(const std::filesystem::path& file, const toml::node* node, std::string field) {
  if (node == nullptr) return Location{file.string(), 0, 0, std::move(field)};
  const auto& src = node->source();
  return Location{file.string(), static_cast<long>(src.begin.line), static_cast<long>(src.begin.column),
                  std::move(field)};
}

void check_toml_keys(const std::filesystem::path& file, const toml::table& table, const std::string& prefix,
                     std::initializer_list<std::string_view> allowed, std::vector<Problem>& problems) {
  for (const auto& [key, node] : table) {
    const std::string_view k = key.str();
    if (std::find(allowed.begin(), allowed.end(), k) != allowed.end()) continue;
    std::string list;
    for (const auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
    std::string msg = fmt::format("unknown key '{}'", k);
    if (const auto best = closest_match(k, allowed)) msg += fmt::format(" (did you mean '{}'?)", *best);
    msg += fmt::format("; expected one of: {}", list);
    problems.push_back(
        {toml_location(file, &node, prefix.empty() ? std::string(k) : prefix + "." + std::string(k)), std::move(msg)});
  }
}

}  // namespace concord
