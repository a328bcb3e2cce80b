// `concord serve`: the local web app and its JSON API (docs/report.md), served by the library
// through cpp-httplib. The front end is embedded in the binary (report/assets.hpp).
//
// What it does: lists the shipped and the workspace's scenarios and orders, checks a scenario
// or an order with the same loaders as the CLI (located problems), saves orders and scenarios
// into the workspace, launches `run` and `compare` ensembles through the same library calls as
// the CLI (ensemble::prepare_compare, ensemble::execute) with progress as server-sent events
// and cancellation, and serves any results store of the workspace as the report's data.
//
// Safe by default: binds to 127.0.0.1; reads and writes only inside the workspace (names are
// letters, digits, '.', '-', '_'; a path that leaves the workspace is refused with 403);
// bounds the request body (413), runs per order, years, orders and concurrent jobs (422 and
// 429, each with a message naming the limit). A job cancelled or stopped with the server is
// marked `interrupted`; a job killed with the process stays `running`; either continues with
// the command recorded in its store and `--resume`.
//
//   server::ServerOptions o;  o.workspace = "ws";  o.port = 0;
//   server::Server s(o);
//   int port = s.bind();      // 0 picks a free port
//   s.listen();               // until s.stop() (from another thread)
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace concord::server {

struct Limits {
  std::size_t max_body = 8 << 20;     ///< bytes of a request body (413 beyond); the world scenario is 4.4 MB
  std::uint64_t max_runs = 10000;     ///< runs per order of one job
  int max_years = 200;                ///< horizon of one job
  std::size_t max_orders = 32;        ///< orders of one comparison
  int max_jobs = 2;                   ///< jobs running at once (429 beyond)
  int threads_per_job = 1;            ///< worker threads of each job
};

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;                    ///< 0: any free port (bind() returns it)
  std::filesystem::path workspace = "concord-workspace";  ///< created if absent
  Limits limits;
};

class Server {
 public:
  /// Creates the workspace directory if needed. Throws InputError when it cannot, or when the
  /// front end was not built into this concord.
  explicit Server(ServerOptions options);
  ~Server();  ///< stops listening and every job (their stores are left resumable)
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  /// Binds the socket; returns the port. Throws std::runtime_error when the address is taken.
  int bind();
  /// Serves until stop(). bind() must have been called.
  void listen();
  /// Asks every job to stop after its runs in flight, then stops listening. Thread-safe.
  void stop();
  /// The workspace as an absolute, canonical path.
  [[nodiscard]] const std::filesystem::path& workspace() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// True when `name` is a safe file stem: 1 to 80 of letters, digits, '.', '-', '_', starting
/// with a letter or digit, and not containing "..".
[[nodiscard]] bool safe_name(const std::string& name);

/// The file `relative` inside `workspace` when every component is a safe_name and the result
/// (symbolic links resolved) stays inside the workspace; std::nullopt otherwise.
[[nodiscard]] std::optional<std::filesystem::path> inside_workspace(
    const std::filesystem::path& workspace, const std::string& relative);

}  // namespace concord::server
