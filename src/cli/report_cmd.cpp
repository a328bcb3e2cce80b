// `concord report` (a self-contained HTML report of a results store, and its charts as SVG and
// PNG) and `concord serve` (the local web app): thin faces over src/concord/report and
// src/concord/server. See docs/report.md.
#include <fmt/format.h>
#include <pthread.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <thread>

#include "cli/commands.hpp"
#include "concord/common/error.hpp"
#include "concord/report/assets.hpp"
#include "concord/report/report.hpp"
#include "concord/server/server.hpp"

namespace concord::cli {

namespace {

struct ReportArgs {
  std::string store;
  std::string out = "report.html";
  std::int64_t ensemble = 0;
  std::int64_t run = -1;
  std::string figures;
  bool list = false;
};

void run_report(const ReportArgs& a) {
  if (a.list) {
    const auto ensembles = report::list_ensembles(a.store);
    fmt::print("{:>8}  {:<11}  {:<11}  {:>13}  {:>5}  {}\n", "ensemble", "kind", "status", "runs", "years", "orders");
    for (const auto& e : ensembles) {
      std::string orders;
      const auto spec = e.value("spec", nlohmann::json::object());
      if (spec.contains("orders") && spec["orders"].is_array()) {
        for (const auto& o : spec["orders"]) orders += (orders.empty() ? "" : ",") + o.get<std::string>();
      }
      fmt::print("{:>8}  {:<11}  {:<11}  {:>13}  {:>5}  {}\n", e.value("ensemble_id", 0), e.value("kind", ""),
                 e.value("status", ""),
                 fmt::format("{}/{}", e.value("committed_runs", 0), e.value("planned_runs", 0)),
                 e.value("years", 0), orders);
    }
    return;
  }
  if (!report::frontend_built()) throw InputError(Location{"concord report", 0, 0, ""}, report::frontend_missing_message());
  report::CollectOptions o;
  if (a.ensemble > 0) o.ensemble = a.ensemble;
  if (a.run >= 0) o.run = static_cast<std::uint64_t>(a.run);
  const auto data = report::collect(a.store, o);
  report::write_html(data, a.out);
  fmt::print("report: {} ({} of {}", a.out, data["ensemble"].is_object() ? fmt::format("ensemble {}", data["ensemble"].value("ensemble_id", 0)) : std::string("backtest"), a.store);
  fmt::print(")\n");
  for (const auto& n : data["notes"]) fmt::print(stderr, "note: {}\n", n.get<std::string>());
  if (!a.figures.empty()) {
    const auto files = report::export_figures(a.out, a.figures);
    fmt::print("figures: {} files (SVG and PNG of each chart) in {}\n", files.size(), a.figures);
  }
}

struct ServeArgs {
  server::ServerOptions options;
  std::string workspace = "concord-workspace";
};

void run_serve(ServeArgs a) {
  a.options.workspace = a.workspace;
  // SIGINT/SIGTERM are taken by one thread that stops the server (jobs finish the runs in
  // flight and are marked interrupted); every other thread, httplib's included, blocks them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  server::Server srv(a.options);
  const int port = srv.bind();
  const std::string& host = a.options.host;
  if (host != "127.0.0.1" && host != "localhost" && host != "::1") {
    fmt::print(stderr, "warning: listening on {}, not on the loopback address: whoever reaches "
                       "this address can read the workspace and start jobs\n", host);
  }
  fmt::print("concord serve: open http://{}:{}/ in a browser (workspace {}); Ctrl-C stops\n",
             host.find(':') != std::string::npos ? "[" + host + "]" : host, port, srv.workspace().string());
  std::fflush(stdout);
  std::atomic<bool> signalled{false};
  std::thread waiter([&] {
    int sig = 0;
    sigwait(&signals, &sig);
    signalled = true;
    srv.stop();
  });
  srv.listen();
  if (!signalled) pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  fmt::print(stderr, "concord serve: stopped\n");
}

}  // namespace

void register_report_commands(CLI::App& app) {
  auto ra = std::make_shared<ReportArgs>();
  auto* rep = app.add_subcommand("report", "Write a self-contained HTML report (charts and data inlined; opens offline) of a results store");
  rep->add_option("STORE", ra->store, "Results store (SQLite) written by compare/run --out or validate backtest --out")->required();
  rep->add_option("-o,--out", ra->out, "HTML file to write")->capture_default_str();
  rep->add_option("--ensemble", ra->ensemble, "Ensemble to report (default: the latest compare, else the latest)")->check(CLI::PositiveNumber);
  rep->add_option("--run", ra->run, "Run whose events the timelines show first")->check(CLI::NonNegativeNumber);
  rep->add_option("--figures", ra->figures, "Also write every chart as SVG and PNG into this folder (renders in headless Chromium)");
  rep->add_flag("--list", ra->list, "List the store's ensembles and exit");
  rep->callback([ra] { run_report(*ra); });

  auto sa = std::make_shared<ServeArgs>();
  auto* srv = app.add_subcommand("serve", "Serve the local web app: scenarios, orders, runs with live progress, results as charts");
  auto& o = sa->options;
  srv->add_option("--host", o.host, "Address to listen on (the loopback address by default: only this machine)")->capture_default_str();
  srv->add_option("--port", o.port, "Port (0: any free port, printed at start)")->capture_default_str()->check(CLI::Range(0, 65535));
  srv->add_option("--workspace", sa->workspace, "Folder of the user's scenarios, orders and results (created if absent); nothing outside it is served or written")->capture_default_str();
  srv->add_option("--max-runs", o.limits.max_runs, "Largest runs per order of a job")->capture_default_str()->check(CLI::PositiveNumber);
  srv->add_option("--max-years", o.limits.max_years, "Largest horizon of a job")->capture_default_str()->check(CLI::Range(1, 1000));
  srv->add_option("--max-jobs", o.limits.max_jobs, "Jobs running at once")->capture_default_str()->check(CLI::Range(1, 64));
  srv->add_option("--max-body", o.limits.max_body, "Largest request body in bytes")->capture_default_str()->check(CLI::Range(1024, 1 << 30));
  srv->add_option("--threads-per-job", o.limits.threads_per_job, "Worker threads of each job")->capture_default_str()->check(CLI::Range(1, 256));
  srv->callback([sa] { run_serve(*sa); });
}

}  // namespace concord::cli
