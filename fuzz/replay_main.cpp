// Replays a fuzz corpus through the same entry point as the libFuzzer binaries, with the normal
// compiler: `fuzz_replay TARGET DIR...` runs every file under each DIR and fails (exit 1) on the
// first input that ends in anything but success or a concord::InputError. Run by ctest for
// every target's corpus in fuzz/corpus/TARGET (the README's test command).
#include <algorithm>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "fuzz/targets.hpp"

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: fuzz_replay TARGET DIR...\ntargets:");
    for (const auto& t : concord::fuzz::targets()) std::fprintf(stderr, " %s", t.name);
    std::fprintf(stderr, "\n");
    return 2;
  }
  const auto* target = concord::fuzz::find_target(argv[1]);
  if (target == nullptr) {
    std::fprintf(stderr, "fuzz_replay: no target '%s'\n", argv[1]);
    return 2;
  }
  std::vector<std::filesystem::path> files;
  for (int i = 2; i < argc; ++i) {
    std::error_code ec;
    if (std::filesystem::is_regular_file(argv[i], ec)) {
      files.emplace_back(argv[i]);
      continue;
    }
    for (const auto& e : std::filesystem::recursive_directory_iterator(argv[i], ec)) {
      if (e.is_regular_file()) files.push_back(e.path());
    }
    if (ec) {
      std::fprintf(stderr, "fuzz_replay: cannot read %s: %s\n", argv[i], ec.message().c_str());
      return 2;
    }
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) {
    std::fprintf(stderr, "fuzz_replay: no corpus files for %s\n", argv[1]);
    return 1;
  }
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    const std::string data = ss.str();
    try {
      concord::fuzz::run_one(*target, data);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "FAIL %s: %s: %s\n", target->name, f.string().c_str(), e.what());
      return 1;
    } catch (...) {
      std::fprintf(stderr, "FAIL %s: %s: unknown exception\n", target->name, f.string().c_str());
      return 1;
    }
  }
  std::printf("%s: %zu corpus inputs replayed\n", target->name, files.size());
  return 0;
}
