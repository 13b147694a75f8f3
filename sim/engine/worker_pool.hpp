#pragma once
// A fixed pool of threads that runs a batch of independent tasks and returns when all are done: the sites' work
// between two synchronisation points (their calendars, their reports) runs on it, while SimGrid's actors run on
// one thread.
//
// Why not SimGrid's parallel contexts (contexts/nthreads), which issue 7 used: with them every simcall of every
// actor is a scheduling round handed to the worker threads, measured at 56 us a round on this project's 2-core
// machines (0.23 us with one thread), so that a message received costs ~120 us (2 us on one thread). The alert
// pipeline sends typed messages between the sites, the Defender for Endpoint services and Defender for Cloud at
// every synchronisation point; on parallel contexts that alone cost more than the whole simulation of a 1M-machine
// fleet. Here SimGrid runs sequentially and cheaply, and the data-parallel part, which shares nothing between
// tasks, runs on this pool: 1M machines x 365 days took the same wall time as on parallel contexts (80.9 s against
// 81.2 s, bench fleet, 2 threads).
//
// Which thread runs which task does not matter: a task touches only its own data, and the caller merges the
// results in task order afterwards.
#include <atomic>
#include <cstddef>
#include <exception>
#include <functional>
#include <thread>
#include <vector>

namespace fleettwin {

class WorkerPool {
 public:
  // `threads` >= 1: the calling thread plus threads - 1 workers.
  explicit WorkerPool(int threads);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  int threads() const { return static_cast<int>(workers_.size()) + 1; }

  // Runs task(0) ... task(count - 1), on the calling thread and the workers, and returns once all have finished.
  // If tasks throw, the exception of the lowest-numbered failing task is rethrown here (after all have ended).
  void run(size_t count, const std::function<void(size_t)>& task);

 private:
  void work();
  void worker_loop();

  std::vector<std::thread> workers_;
  const std::function<void(size_t)>* task_ = nullptr;
  size_t count_ = 0;
  std::vector<std::exception_ptr> failures_;
  std::atomic<uint64_t> generation_{0};  // bumped to start a batch (and to stop)
  std::atomic<size_t> next_{0};          // next task to take
  std::atomic<size_t> done_{0};          // tasks finished in the current batch
  std::atomic<size_t> idle_{0};          // workers that have left the current batch (none is in an old one)
  std::atomic<bool> stopping_{false};
};

}  // namespace fleettwin
