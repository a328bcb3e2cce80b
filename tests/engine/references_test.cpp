// An order's references to institutions and flashpoints the scenario lacks: a name the project's
// catalogues know is dropped with a located note (a preset written for a fuller region still
// runs); any other name is a misspelling and an error with "did you mean" (a misspelt flashpoint
// once dropped a code of conduct silently, with exit status 0).
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "concord/common/data_dir.hpp"
#include "concord/common/error.hpp"
#include "concord/engine/build.hpp"
#include "concord/order/order_loader.hpp"
#include "concord/scenario/load.hpp"

namespace concord::engine {
namespace {

std::string preset_text(const std::string& name) {
  std::ifstream in(project_dir() / "orders" / (name + ".toml"));
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string replace_once(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

TEST(OrderReferences, MisspeltFlashpointIsALocatedErrorWithASuggestion) {
  const Scenario s = load_scenario(project_dir() / "scenarios" / "asia-pacific-2015.toml");
  const std::string text = replace_once(preset_text("cooperative-security-2"), "flashpoint = \"South China Sea\"",
                                        "flashpoint = \"South Chna Sea\"");
  Order o = parse_order(text, "typo.toml");
  try {
    (void)drop_missing_references(o, s);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    ASSERT_EQ(e.problems().size(), 1U) << e.what();
    EXPECT_EQ(e.problems()[0].where.file, "typo.toml");
    EXPECT_GT(e.problems()[0].where.line, 0);
    EXPECT_NE(e.problems()[0].message.find("did you mean 'South China Sea'"), std::string::npos)
        << e.problems()[0].message;
  }
}

TEST(OrderReferences, UnknownInstitutionIsAnErrorButAKnownAbsentOneIsDropped) {
  const Scenario s = load_scenario(project_dir() / "scenarios" / "asia-pacific-2015.toml");
  const std::string text =
      replace_once(preset_text("cooperative-security-2"), "institutions = [\"ARF\"", "institutions = [\"NATO2\"");
  {
    Order o = parse_order(text, "nato2.toml");
    EXPECT_THROW((void)drop_missing_references(o, s, KnownNames{{"ARF"}, {}}), InputError);
  }
  {
    Order o = parse_order(text, "nato2.toml");
    const auto notes = drop_missing_references(o, s, KnownNames{{"NATO2"}, {}});
    ASSERT_EQ(notes.size(), 1U);
    EXPECT_NE(notes[0].find("nato2.toml:"), std::string::npos) << notes[0];
    EXPECT_NE(notes[0].find("rule dropped"), std::string::npos) << notes[0];
  }
}

TEST(OrderReferences, EveryPresetResolvesOnTheShippedScenarioWithoutErrors) {
  const Scenario s = load_scenario(project_dir() / "scenarios" / "asia-pacific-2015.toml");
  for (const auto& name : preset_names()) {
    Order o = load_preset(name);
    EXPECT_NO_THROW((void)drop_missing_references(o, s)) << name;
  }
}

}  // namespace
}  // namespace concord::engine
