#include "sim/cli/isolate.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>

namespace fleettwin {

int run_isolated(const std::function<int()>& reader, const std::string& file, int crash_status) {
  std::cout.flush();
  std::fflush(nullptr);
  const pid_t pid = fork();
  if (pid < 0) return reader();  // cannot fork: read in this process
  if (pid == 0) {
    // A crash inside the HDF5 library must end the child by its signal, for the parent to report: not through a
    // sanitizer's handler, which would exit with an ordinary status.
    for (const int sig : {SIGSEGV, SIGBUS, SIGFPE, SIGILL}) std::signal(sig, SIG_DFL);
    int status = 1;
    try {
      status = reader();
    } catch (...) {
      status = 1;
    }
    std::cout.flush();
    std::cerr.flush();
    std::fflush(nullptr);
    _exit(status);
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) return crash_status;
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  const int sig = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
  if (sig == SIGPIPE) return 128 + SIGPIPE;
  if (sig == SIGINT || sig == SIGTERM) {
    std::signal(sig, SIG_DFL);
    std::raise(sig);
  }
  // The signal's short name (SIGSEGV), not strsignal's text: "Segmentation fault" in a message reads as a crash
  // of fleettwin itself, which this is not (the child that read the file died, the command reports it).
  const char* name = sig ? sigabbrev_np(sig) : nullptr;
  std::cerr << "error: " << file << ": damaged beyond reading: the HDF5 library crashed on it ("
            << (name ? "SIG" + std::string(name) : "unknown signal") << ")\n";
  return crash_status;
}

}  // namespace fleettwin
