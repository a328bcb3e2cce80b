# The front end (web/): the report's charts and the local web app, bundled by vite with vega
# and vega-lite from web/node_modules (installed by `npm ci` in scripts/install-deps.sh; no
# network at build or run time), then embedded in the library by cmake/embed.cpp.
# Without node or web/node_modules the build still succeeds: `concord report` and `concord
# serve` then say how to get the front end, and the browser tests skip with a message.
# Also: the build's git commit (cmake/build_info.cmake), recorded in every compare store.

set(CONCORD_GENERATED_DIR ${CMAKE_BINARY_DIR}/generated)
file(MAKE_DIRECTORY ${CONCORD_GENERATED_DIR})

# --- build commit, refreshed at every build
set(_build_info ${CONCORD_GENERATED_DIR}/build_info.cpp)
execute_process(COMMAND ${CMAKE_COMMAND} -DSRC=${PROJECT_SOURCE_DIR} -DOUT=${_build_info}
                        -P ${PROJECT_SOURCE_DIR}/cmake/build_info.cmake)
add_custom_target(concord_build_info
  COMMAND ${CMAKE_COMMAND} -DSRC=${PROJECT_SOURCE_DIR} -DOUT=${_build_info}
          -P ${PROJECT_SOURCE_DIR}/cmake/build_info.cmake
  BYPRODUCTS ${_build_info}
  COMMENT "Recording the git commit of this build")
target_sources(concord_lib PRIVATE ${_build_info})
add_dependencies(concord_lib concord_build_info)

# --- front end
find_program(CONCORD_NODE node)
set(CONCORD_WEB_DIR ${PROJECT_SOURCE_DIR}/web)
if(CONCORD_NODE AND EXISTS ${CONCORD_WEB_DIR}/node_modules/vite/package.json
   AND EXISTS ${CONCORD_WEB_DIR}/node_modules/vega-lite/package.json)
  set(CONCORD_FRONTEND ON)
else()
  set(CONCORD_FRONTEND OFF)
  message(WARNING "concord: node or web/node_modules not found: building without the report's "
                  "charts and the web app (run scripts/install-deps.sh, then reconfigure)")
endif()

add_executable(concord_embed ${PROJECT_SOURCE_DIR}/cmake/embed.cpp)
set(_assets_cpp ${CONCORD_GENERATED_DIR}/web_assets.cpp)
if(CONCORD_FRONTEND)
  set(_dist ${CMAKE_BINARY_DIR}/web)
  file(GLOB_RECURSE _web_sources CONFIGURE_DEPENDS ${CONCORD_WEB_DIR}/src/*)
  set(_bundles ${_dist}/report.js ${_dist}/app.js)
  add_custom_command(
    OUTPUT ${_bundles}
    COMMAND ${CONCORD_NODE} ${CONCORD_WEB_DIR}/build.mjs ${_dist}
    DEPENDS ${_web_sources} ${CONCORD_WEB_DIR}/build.mjs ${CONCORD_WEB_DIR}/package-lock.json
    WORKING_DIRECTORY ${CONCORD_WEB_DIR}
    COMMENT "Bundling the front end with vite (web/ -> ${_dist})"
    VERBATIM)
  add_custom_command(
    OUTPUT ${_assets_cpp}
    COMMAND concord_embed ${_assets_cpp} report.js=${_dist}/report.js app.js=${_dist}/app.js
            index.html=${CONCORD_WEB_DIR}/index.html
    DEPENDS concord_embed ${_bundles} ${CONCORD_WEB_DIR}/index.html
    COMMENT "Embedding the front end"
    VERBATIM)
else()
  add_custom_command(OUTPUT ${_assets_cpp} COMMAND concord_embed ${_assets_cpp}
                     DEPENDS concord_embed VERBATIM)
endif()
target_sources(concord_lib PRIVATE ${_assets_cpp})

# --- cpp-httplib (Debian's libcpp-httplib-dev), for `concord serve`
find_package(PkgConfig REQUIRED)
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
target_link_libraries(concord_lib PUBLIC PkgConfig::HTTPLIB)

# --- browser tests (web/tests/browser.mjs): playwright-core driving Debian's chromium against
# `concord serve` and a generated report. Skipped (exit 77, shown as "Skipped") when node,
# playwright-core or chromium is absent.
find_program(CONCORD_CHROMIUM_BINARY NAMES chromium chromium-browser google-chrome)
if(NOT CONCORD_FRONTEND OR NOT CONCORD_CHROMIUM_BINARY
   OR NOT EXISTS ${CONCORD_WEB_DIR}/node_modules/playwright-core/package.json)
  message(WARNING "concord: the browser tests (web.browser) will be skipped: node, "
                  "web/node_modules/playwright-core or chromium is missing (scripts/install-deps.sh "
                  "installs them)")
endif()
add_test(NAME web.browser
  COMMAND ${CMAKE_COMMAND} -E env
          CONCORD_BINARY=$<TARGET_FILE:concord>
          CONCORD_ARTEFACTS=${CMAKE_BINARY_DIR}/test-artefacts/browser
          CONCORD_NODE=${CONCORD_NODE}
          sh ${CONCORD_WEB_DIR}/tests/run-browser-tests.sh)
set_tests_properties(web.browser PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 300)
