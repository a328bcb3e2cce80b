// Fuzz targets: one entry point per family of user inputs, shared by the libFuzzer binaries
// (fuzz/libfuzzer_main.cpp, built with clang and -DCONCORD_FUZZ=ON) and by the corpus replay
// test that the README's test command runs (fuzz/replay_main.cpp, built with the normal compiler).
//
// A target feeds the bytes to the same code a user's file reaches. It must return normally or
// throw concord::InputError (a located message for the user); any other exception, a crash,
// a sanitizer report or a hang is a defect. Targets that need a file write the bytes to a
// scratch file first (the readers take paths, as the commands do).
#pragma once

#include <string_view>
#include <vector>

namespace concord::fuzz {

struct Target {
  const char* name;
  const char* what;
  void (*run)(std::string_view data);
};

/// Every target, in a fixed order.
const std::vector<Target>& targets();
/// The target called `name`, or null.
const Target* find_target(std::string_view name);
/// Runs `target` on `data`; swallows InputError (the expected way to refuse an input) and lets
/// everything else through.
void run_one(const Target& target, std::string_view data);

}  // namespace concord::fuzz
