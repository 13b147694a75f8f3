#include "sim/cli/simgrid_options.hpp"

#include <fcntl.h>
#include <simgrid/engine.h>
#include <simgrid/s4u.hpp>
#include <sys/wait.h>
#include <unistd.h>
#include <xbt/log.h>

#include <cstring>

namespace sg4 = simgrid::s4u;

namespace fleettwin {
namespace {

bool is_simgrid_option(const char* a) { return std::strncmp(a, "--cfg=", 6) == 0 || std::strncmp(a, "--log=", 6) == 0; }

// The child: an engine with the options, two hosts, a link and a message between two actors.
[[noreturn]] void probe(const std::vector<std::string>& options) {
  std::vector<std::string> args = {"fleettwin"};
  args.insert(args.end(), options.begin(), options.end());
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  int argc = static_cast<int>(args.size());
  sg_config_continue_after_help();
  sg4::Engine engine(&argc, argv.data());
  auto* zone = sg4::create_full_zone("probe");
  auto* a = zone->create_host("a", 1e9)->seal();
  auto* b = zone->create_host("b", 1e9)->seal();
  auto* link = zone->create_link("l", 1e9)->set_latency(1e-3)->seal();
  zone->add_route(a->get_netpoint(), b->get_netpoint(), nullptr, nullptr, {sg4::LinkInRoute(link)}, true);
  zone->seal();
  sg4::Actor::create("sender", a, [] {
    static int value = 1;
    sg4::Mailbox::by_name("m")->put(&value, 100);
    sg4::this_actor::sleep_for(1);
  });
  sg4::Actor::create("receiver", b, [] { sg4::Mailbox::by_name("m")->get<int>(); });
  engine.run();
  std::fflush(nullptr);
  _exit(0);
}

// SimGrid's complaint in what the child wrote: the first CRITICAL line, without its prefix.
std::string complaint(const std::string& err) {
  size_t at = err.find("CRITICAL]");
  if (at == std::string::npos) return err.empty() ? "the engine did not start" : err.substr(0, err.find('\n'));
  std::string line = err.substr(at + 10, err.find('\n', at) - at - 10);
  const std::string uncaught = "Uncaught exception ";
  if (line.rfind(uncaught, 0) == 0) {
    line = line.substr(uncaught.size());
    if (const size_t colon = line.find(": "); colon != std::string::npos) line = line.substr(colon + 2);
  }
  return line;
}

// Runs the probe with these options; SimGrid's complaint if it fails.
std::optional<std::string> try_options(const std::vector<std::string>& options) {
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) return std::nullopt;  // cannot check: let the engine decide
  std::fflush(nullptr);
  const pid_t pid = fork();
  if (pid < 0) {
    close(pipe_fds[0]);
    close(pipe_fds[1]);
    return std::nullopt;
  }
  if (pid == 0) {
    dup2(pipe_fds[1], STDERR_FILENO);
    const int null = ::open("/dev/null", O_WRONLY);
    if (null >= 0) dup2(null, STDOUT_FILENO);
    close(pipe_fds[0]);
    try {
      probe(options);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "[0] [root/CRITICAL] %s\n", e.what());
      _exit(3);
    }
  }
  close(pipe_fds[1]);
  std::string err;
  char buf[4096];
  for (ssize_t n; (n = read(pipe_fds[0], buf, sizeof buf)) > 0;)
    if (err.size() < (1u << 20)) err.append(buf, static_cast<size_t>(n));
  close(pipe_fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return std::nullopt;
  return complaint(err);
}

std::optional<int> stack_size_kib(const std::vector<std::string>& options) {
  std::optional<int> kib;
  for (const auto& o : options) {
    const std::string key = "--cfg=contexts/stack-size:";
    if (o.rfind(key, 0) != 0) continue;
    try {
      size_t used = 0;
      kib = std::stoi(o.substr(key.size()), &used);
      if (used != o.size() - key.size()) kib = -1;
    } catch (const std::exception&) {
      kib = -1;
    }
  }
  return kib;
}

}  // namespace

void split_simgrid_options(int argc, char** argv, std::vector<char*>& simgrid, std::vector<char*>& rest) {
  simgrid = {argv[0]};
  rest = {argv[0]};
  for (int i = 1; i < argc; ++i) (is_simgrid_option(argv[i]) ? simgrid : rest).push_back(argv[i]);
}

bool sets_simgrid_key(const std::vector<std::string>& options, const std::string& key) {
  for (const auto& o : options)
    if (o.rfind("--cfg=" + key + ":", 0) == 0) return true;
  return false;
}

std::optional<std::string> check_simgrid_options(const std::vector<std::string>& options) {
  if (options.empty()) return std::nullopt;
  for (const auto& o : options)
    if (o.rfind("--cfg=contexts/nthreads:", 0) == 0 && o != "--cfg=contexts/nthreads:1")
      return o + ": fleettwin runs SimGrid's actors on one thread (on parallel contexts every message costs a hand-off "
                 "between threads); the machines' work runs on --threads N worker threads";
  if (auto kib = stack_size_kib(options); kib && *kib < kMinStackKiB)
    return "--cfg=contexts/stack-size: at least " + std::to_string(kMinStackKiB) +
           " (KiB) is needed: the actors write HDF5 files and drain calendars";
  if (!try_options(options)) return std::nullopt;
  // Which option is at fault: try them one by one.
  for (const auto& o : options)
    if (auto why = try_options({o})) return o + ": SimGrid: " + *why;
  return "these SimGrid options do not work together: SimGrid: " + *try_options(options);
}

}  // namespace fleettwin
