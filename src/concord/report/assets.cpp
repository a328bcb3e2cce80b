#include "concord/report/assets.hpp"

namespace concord::report {

const Asset* find_asset(std::string_view name) {
  for (const auto& a : embedded_assets()) {
    if (a.name == name) return &a;
  }
  return nullptr;
}

bool frontend_built() { return find_asset("report.js") != nullptr; }

const char* frontend_missing_message() {
  return "this concord was built without its front end (the report's charts and the web app): "
         "node and npm were not found, or web/node_modules is missing. Run "
         "scripts/install-deps.sh (it installs node, npm and chromium and runs `npm ci` in "
         "web/), then `cmake --preset release` and rebuild";
}

}  // namespace concord::report
