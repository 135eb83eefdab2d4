// The one translation unit that holds Catch2's main(); test files only include catch.hpp.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
