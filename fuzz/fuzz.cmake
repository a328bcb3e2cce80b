# Fuzz targets (fuzz/README.md). Always: `fuzz_replay`, built with the normal compiler, and one
# ctest test per target that replays its corpus (fuzz/corpus/<target>) through the same entry
# point as the fuzzers. With -DCONCORD_FUZZ=ON and clang (the `fuzz` preset): one libFuzzer
# binary per target, fuzz_<target>, with AddressSanitizer and UndefinedBehaviorSanitizer.
set(CONCORD_FUZZ_TARGETS scenario order sweep data_csv bargain voting_power decide measure)
set(CONCORD_FUZZ_SOURCES ${PROJECT_SOURCE_DIR}/fuzz/targets.cpp ${PROJECT_SOURCE_DIR}/src/cli/measure_cmd.cpp)

add_executable(fuzz_replay ${PROJECT_SOURCE_DIR}/fuzz/replay_main.cpp ${CONCORD_FUZZ_SOURCES})
target_include_directories(fuzz_replay PRIVATE ${PROJECT_SOURCE_DIR})
target_compile_options(fuzz_replay PRIVATE ${CONCORD_WARNINGS})
target_link_libraries(fuzz_replay PRIVATE concord_lib)
foreach(t ${CONCORD_FUZZ_TARGETS})
  add_test(NAME fuzz.replay.${t}
           COMMAND fuzz_replay ${t} ${PROJECT_SOURCE_DIR}/fuzz/corpus/${t})
  set_tests_properties(fuzz.replay.${t} PROPERTIES TIMEOUT 120)
endforeach()

if(CONCORD_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "CONCORD_FUZZ needs clang (libFuzzer): use the `fuzz` preset")
  endif()
  foreach(t ${CONCORD_FUZZ_TARGETS})
    add_executable(fuzz_${t} ${PROJECT_SOURCE_DIR}/fuzz/libfuzzer_main.cpp ${CONCORD_FUZZ_SOURCES})
    target_include_directories(fuzz_${t} PRIVATE ${PROJECT_SOURCE_DIR})
    target_compile_definitions(fuzz_${t} PRIVATE CONCORD_FUZZ_TARGET="${t}")
    target_link_libraries(fuzz_${t} PRIVATE concord_lib)
    target_link_options(fuzz_${t} PRIVATE -fsanitize=fuzzer)
  endforeach()
endif()
