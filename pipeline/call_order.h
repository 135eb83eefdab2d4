// CallOrder: the Start → Process* → Finish contract of stage.h as a state machine, so the
// graph can check that it keeps it (under TAMIS_DEV_CHECKS) and a test can pin the rule.
//
// Thread rule: Advance(kStart) and Advance(kFinish) are called from one thread with no
// Process in flight; Advance(kProcess) may be called from many threads at once (it only
// reads the state).
#ifndef TAMIS_PIPELINE_CALL_ORDER_H_
#define TAMIS_PIPELINE_CALL_ORDER_H_

#include <atomic>

#include "pipeline/check.h"

namespace tamis {

class CallOrder {
 public:
  enum class Call { kStart, kProcess, kFinish };

  // Records `call`; false when the contract forbids it here (the state is then unchanged).
  bool Advance(Call call) {
    State state = state_.load(std::memory_order_acquire);
    switch (call) {
      case Call::kStart:
        if (state != State::kNew) return false;
        state_.store(State::kStarted, std::memory_order_release);
        return true;
      case Call::kProcess: return state == State::kStarted;
      case Call::kFinish:
        if (state != State::kStarted) return false;
        state_.store(State::kFinished, std::memory_order_release);
        return true;
    }
    return false;
  }

 private:
  enum class State { kNew, kStarted, kFinished };
  std::atomic<State> state_{State::kNew};
};

// Checks one call against `order` in builds with TAMIS_DEV_CHECKS; nothing otherwise.
#ifdef TAMIS_DEV_CHECKS
#define TAMIS_DEV_CHECK_CALL(order, call) TAMIS_CHECK((order).Advance(call))
#else
#define TAMIS_DEV_CHECK_CALL(order, call) \
  do {                                    \
  } while (0)
#endif

}  // namespace tamis

#endif  // TAMIS_PIPELINE_CALL_ORDER_H_
