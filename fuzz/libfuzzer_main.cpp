// libFuzzer entry point for one target, chosen at build time (CONCORD_FUZZ_TARGET).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "fuzz/targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const concord::fuzz::Target* target = [] {
    const auto* t = concord::fuzz::find_target(CONCORD_FUZZ_TARGET);
    if (t == nullptr) {
      std::fprintf(stderr, "no fuzz target %s\n", CONCORD_FUZZ_TARGET);
      std::abort();
    }
    return t;
  }();
  concord::fuzz::run_one(*target, std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
