// TAMIS_CHECK: the third error tier. A failed check is a bug in tamis, never bad input: it
// prints the condition (and both values for the _EQ/_LT forms) with file and line, then aborts.
#ifndef TAMIS_PIPELINE_CHECK_H_
#define TAMIS_PIPELINE_CHECK_H_

#include <cstdlib>
#include <iostream>

#define TAMIS_CHECK(cond)                                                                         \
  do {                                                                                            \
    if (!(cond)) {                                                                                \
      std::cerr << "tamis: bug: check failed at " << __FILE__ << ":" << __LINE__ << ": " << #cond \
                << std::endl;                                                                     \
      std::abort();                                                                               \
    }                                                                                             \
  } while (0)

#define TAMIS_CHECK_OP_(a, b, op)                                                                \
  do {                                                                                           \
    const auto& tamis_a_ = (a);                                                                  \
    const auto& tamis_b_ = (b);                                                                  \
    if (!(tamis_a_ op tamis_b_)) {                                                               \
      std::cerr << "tamis: bug: check failed at " << __FILE__ << ":" << __LINE__ << ": "         \
                << #a " " #op " " #b " (" << tamis_a_ << " vs " << tamis_b_ << ")" << std::endl; \
      std::abort();                                                                              \
    }                                                                                            \
  } while (0)

#define TAMIS_CHECK_EQ(a, b) TAMIS_CHECK_OP_(a, b, ==)
#define TAMIS_CHECK_LT(a, b) TAMIS_CHECK_OP_(a, b, <)
#define TAMIS_CHECK_LE(a, b) TAMIS_CHECK_OP_(a, b, <=)

#endif  // TAMIS_PIPELINE_CHECK_H_
