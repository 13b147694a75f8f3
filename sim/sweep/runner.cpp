#include "sim/sweep/runner.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>


namespace fleettwin::sweep {
namespace fs = std::filesystem;

namespace {

std::string host_name() {
  char b[256] = {};
  if (::gethostname(b, sizeof b - 1) != 0) return "?";
  return b;
}

// The last non-empty line of the run's log: the error it ended with.
std::string last_message(const std::string& log) {
  std::ifstream in(log);
  std::string line, last;
  while (std::getline(in, line))
    if (line.find_first_not_of(" \t\r") != std::string::npos) last = line;
  return last.size() > 2000 ? last.substr(0, 2000) + "..." : last;
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

std::vector<size_t> pending_runs(const SweepDir& dir, bool retry_failed) {
  const Manifest& m = dir.manifest();
  std::vector<size_t> todo;
  for (size_t i = 0; i < m.runs.size(); ++i)
    if (dir.needs_run(i, retry_failed)) todo.push_back(i);
  std::stable_sort(todo.begin(), todo.end(),
                   [&](size_t a, size_t b) { return m.size[m.runs[a].point] > m.size[m.runs[b].point]; });
  return todo;
}

long start_run(const SweepDir& dir, size_t index) {
  const Manifest& m = dir.manifest();
  const ManifestRun& r = m.runs.at(index);
  std::vector<std::string> args = {executable_path(), "run", m.base_path, "-o", dir.run_file(index),
                                   "--seed", std::to_string(r.seed), "--quiet", "--threads", "1"};
  for (const auto& s : m.sets.at(r.point)) {
    args.push_back("--set");
    args.push_back(s);
  }
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  const std::string log = dir.log_file(index);
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) throw SweepDirError(std::string("cannot start a run: fork: ") + std::strerror(errno));
  if (pid == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(127);  // the parent died before the line above
    const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    const int null = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (fd < 0 || null < 0) ::_exit(126);
    ::dup2(null, 0);
    ::dup2(fd, 1);
    ::dup2(fd, 2);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  RunStatus s;
  s.state = RunState::Running;
  s.host = host_name();
  s.pid = pid;
  dir.write_status(index, s);
  return pid;
}

bool finish_run(const SweepDir& dir, size_t index, int wait_status, double seconds) {
  RunStatus s;
  s.host = host_name();
  s.seconds = seconds;
  std::error_code ec;
  if (WIFSIGNALED(wait_status)) {
    const int sig = WTERMSIG(wait_status);
    if (sig == SIGKILL || sig == SIGTERM || sig == SIGINT || sig == SIGHUP) {
      s.state = RunState::Missing;  // interrupted from outside: redone by the next pass
      s.error = std::string("interrupted by signal ") + std::to_string(sig) + " (" + strsignal(sig) + ")";
    } else {
      s.state = RunState::Failed;
      s.exit_code = 128 + sig;
      s.error = std::string("crashed: signal ") + std::to_string(sig) + " (" + strsignal(sig) + "); " +
                last_message(dir.log_file(index));
    }
  } else if (WEXITSTATUS(wait_status) == 0 && fs::exists(dir.run_file(index), ec)) {
    s.state = RunState::Done;
  } else {
    s.state = RunState::Failed;
    s.exit_code = WEXITSTATUS(wait_status);
    s.error = last_message(dir.log_file(index));
    if (s.error.empty()) s.error = "exit status " + std::to_string(s.exit_code) + " and no message";
  }
  dir.write_status(index, s);
  return s.state == RunState::Done;
}

bool execute_run(const SweepDir& dir, size_t index) {
  const auto t0 = std::chrono::steady_clock::now();
  const pid_t pid = static_cast<pid_t>(start_run(dir, index));
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) throw SweepDirError(std::string("waitpid: ") + std::strerror(errno));
  return finish_run(dir, index, status, seconds_since(t0));
}

Tally tally(const SweepDir& dir, const std::vector<size_t>& attempted) {
  Tally t;
  t.total = dir.manifest().runs.size();
  std::vector<bool> now(t.total, false);
  for (const size_t i : attempted) now[i] = true;
  for (size_t i = 0; i < t.total; ++i) {
    const RunStatus s = dir.status(i);
    if (s.state == RunState::Done && !dir.needs_run(i, false)) {
      ++t.done;
      t.ran += now[i];
    } else if (s.state == RunState::Failed) {
      ++(now[i] ? t.failed : t.skipped);
    }
  }
  return t;
}

std::string tally_line(const SweepDir& dir, const Tally& t) {
  std::string line = "sweep " + dir.path() + ": total " + std::to_string(t.total) + ", done " + std::to_string(t.done) +
                     " (" + std::to_string(t.ran) + " run now), failed " + std::to_string(t.failed) + ", skipped " +
                     std::to_string(t.skipped);
  const size_t missing = t.total - t.done - t.failed - t.skipped;
  if (missing) line += ", interrupted " + std::to_string(missing);
  if (t.skipped) line += " (failed before: --retry-failed runs them again)";
  return line;
}

Tally run_local(const SweepDir& dir, size_t jobs, bool retry_failed, bool quiet) {
  const std::vector<size_t> todo = pending_runs(dir, retry_failed);
  jobs = std::max<size_t>(1, jobs);
  std::map<pid_t, std::pair<size_t, std::chrono::steady_clock::time_point>> running;
  size_t next = 0, finished = 0;
  while (next < todo.size() || !running.empty()) {
    while (running.size() < jobs && next < todo.size()) {
      const size_t index = todo[next++];
      running[static_cast<pid_t>(start_run(dir, index))] = {index, std::chrono::steady_clock::now()};
    }
    int status = 0;
    const pid_t pid = ::waitpid(-1, &status, 0);
    if (pid < 0) {
      if (errno == EINTR) continue;
      throw SweepDirError(std::string("waitpid: ") + std::strerror(errno));
    }
    const auto it = running.find(pid);
    if (it == running.end()) continue;
    const auto [index, t0] = it->second;
    running.erase(it);
    const double s = seconds_since(t0);
    const bool done = finish_run(dir, index, status, s);
    ++finished;
    if (!quiet) {
      std::cerr << "[" << finished << "/" << todo.size() << "] " << dir.manifest().runs[index].name << " "
                << (done ? "done" : "failed") << " in " << s << " s";
      if (!done) std::cerr << ": " << dir.status(index).error;
      std::cerr << "\n";
    }
  }
  return tally(dir, todo);
}

int launcher_world_size() {
  for (const char* v : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_SIZE"})
    if (const char* s = std::getenv(v)) return std::max(1, std::atoi(s));
  return 1;
}


}  // namespace fleettwin::sweep
