// "Did you mean" suggestions for misspelt keys and names in user input.
#pragma once

#include <cstddef>
#include <string_view>

namespace concord {

/// Levenshtein edit distance between a and b (insertions, deletions, substitutions cost 1).
/// O(|a| |b|) time, O(|b|) memory. For error messages only, never in a hot loop.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The largest edit distance at which `word` is taken as a misspelling of a candidate:
/// 2, or a third of the word's length if that is more.
inline std::size_t suggestion_radius(std::string_view word) {
  return word.size() / 3 > 2 ? word.size() / 3 : 2;
}

}  // namespace concord
