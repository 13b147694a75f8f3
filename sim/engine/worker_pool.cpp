#include "sim/engine/worker_pool.hpp"

namespace fleettwin {

namespace {
// A worker spins this many times for the next batch before sleeping on a futex: batches come every few
// milliseconds, and waking a sleeping thread costs tens of microseconds. Short enough not to starve other
// processes when the processors are shared.
constexpr int kSpins = 20000;
}  // namespace

WorkerPool::WorkerPool(int threads) {
  for (int i = 1; i < threads; ++i) workers_.emplace_back([this] { worker_loop(); });
}

WorkerPool::~WorkerPool() {
  stopping_.store(true, std::memory_order_release);
  generation_.fetch_add(1, std::memory_order_acq_rel);
  generation_.notify_all();
  for (auto& w : workers_) w.join();
}

void WorkerPool::run(size_t count, const std::function<void(size_t)>& task) {
  if (count == 0) return;
  failures_.assign(count, nullptr);
  task_ = &task;
  count_ = count;
  next_.store(0, std::memory_order_relaxed);
  done_.store(0, std::memory_order_relaxed);
  idle_.store(0, std::memory_order_relaxed);
  if (!workers_.empty()) {
    generation_.fetch_add(1, std::memory_order_acq_rel);  // publishes the batch to the workers
    generation_.notify_all();
  }
  work();
  for (size_t d; (d = done_.load(std::memory_order_acquire)) < count;) done_.wait(d, std::memory_order_acquire);
  // Every worker must have left this batch before the next one resets the counters it reads.
  for (size_t d; (d = idle_.load(std::memory_order_acquire)) < workers_.size();) idle_.wait(d, std::memory_order_acquire);
  task_ = nullptr;
  for (auto& f : failures_)
    if (f) std::rethrow_exception(f);
}

void WorkerPool::work() {
  for (;;) {
    const size_t i = next_.fetch_add(1, std::memory_order_relaxed);
    if (i >= count_) return;
    try {
      (*task_)(i);
    } catch (...) {
      failures_[i] = std::current_exception();
    }
    if (done_.fetch_add(1, std::memory_order_acq_rel) + 1 == count_) done_.notify_all();
  }
}

void WorkerPool::worker_loop() {
  uint64_t seen = 0;
  for (;;) {
    uint64_t g = generation_.load(std::memory_order_acquire);
    for (int spin = 0; g == seen && spin < kSpins; ++spin) g = generation_.load(std::memory_order_acquire);
    while (g == seen) {
      generation_.wait(seen, std::memory_order_acquire);
      g = generation_.load(std::memory_order_acquire);
    }
    seen = g;
    if (stopping_.load(std::memory_order_acquire)) return;
    work();
    idle_.fetch_add(1, std::memory_order_acq_rel);
    idle_.notify_all();
  }
}

}  // namespace fleettwin
