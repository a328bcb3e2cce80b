// The built front end (web/: the report's charts and the web app, bundled by vite with vega
// and vega-lite), embedded in the concord binary at build time by cmake/web.cmake. Nothing is
// fetched at run time.
#pragma once

#include <string_view>
#include <vector>

namespace concord::report {

/// One embedded file, served by the web app under "/<name>".
struct Asset {
  std::string_view name;          ///< "report.js", "app.js", "index.html"
  std::string_view content_type;  ///< "text/javascript; charset=utf-8", ...
  std::string_view bytes;
};

/// Every embedded file (empty in a build without the front end).
[[nodiscard]] const std::vector<Asset>& embedded_assets();

/// The file called `name`, or nullptr.
[[nodiscard]] const Asset* find_asset(std::string_view name);

/// False when this concord was built without node/npm (web/node_modules absent): `report` and
/// `serve` then explain how to build the front end.
[[nodiscard]] bool frontend_built();

/// The message given when the front end is missing.
[[nodiscard]] const char* frontend_missing_message();

}  // namespace concord::report
