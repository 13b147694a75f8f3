#include "sim/engine/alert_transport.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace sg4 = simgrid::s4u;

namespace fleettwin {

namespace {
constexpr const char* kIngestion = "defender-for-cloud:alerts";

std::string when(int64_t t) { return std::to_string(t) + " s"; }
}  // namespace

int64_t AlertTransport::forward_interval(const AlertLatency& latency) {
  return latency.to_defender_for_cloud - latency.to_mde;
}

size_t AlertTransport::service_actor_count(const Platform& platform) {
  size_t n = 1;  // Defender for Cloud's ingestion
  for (const auto* h : platform.mde_by_geo) n += h != nullptr;
  return n;
}

AlertTransport::AlertTransport(const Scenario& sc, const Platform& platform, FleetDriver& driver, SyncPoint& sync)
    : sc_(sc), platform_(platform), driver_(driver), sync_(sync), outbound_(sc.locations.size()),
      detached_(sc.locations.size(), 0), received_(sc.locations.size(), 0),
      mde_mailbox_(platform.mde_by_geo.size(), nullptr) {
  for (size_t g = 0; g < platform.mde_by_geo.size(); ++g)
    if (platform.mde_by_geo[g]) mde_mailbox_[g] = sg4::Mailbox::by_name(mde_service_name(static_cast<Geo>(g)));
}

AlertBatch* AlertTransport::acquire() {
  if (free_.empty()) {
    store_.push_back(std::make_unique<AlertBatch>());
    return store_.back().get();
  }
  AlertBatch* b = free_.back();
  free_.pop_back();
  return b;
}

void AlertTransport::release(AlertBatch* b) {
  b->alerts.clear();
  free_.push_back(b);
}

void AlertTransport::start() {
  size_t slot = 0;
  sg4::Mailbox* ingestion = sg4::Mailbox::by_name(kIngestion);
  for (size_t g = 0; g < platform_.mde_by_geo.size(); ++g) {
    if (!platform_.mde_by_geo[g]) continue;
    sg4::Mailbox* in = mde_mailbox_[g];
    const size_t index = sync_.daemon_index(slot++);
    auto actor = sg4::Actor::create(mde_service_name(static_cast<Geo>(g)), platform_.mde_by_geo[g], [this, in, ingestion, index] {
      try {
        const AlertLatency& latency = sc_.alerts.latency;
        const int64_t every = forward_interval(latency);
        AlertBatch* received = nullptr;
        std::vector<sg4::CommPtr> pending{in->get_async<AlertBatch>(&received)};
        AlertBatch* held = nullptr;  // received, not yet handed to Defender for Cloud
        double due = 0;
        for (;;) {
          const double timeout = held ? std::max(0.0, due - sg4::Engine::get_clock()) : -1.0;
          ssize_t k = -1;
          try {
            k = sg4::Comm::wait_any_for(pending, timeout);
          } catch (const simgrid::NetworkFailureException&) {
            pending[0] = in->get_async<AlertBatch>(&received);  // a site's transfer failed on its downed uplink:
            continue;                                          // the site keeps the batch
          }
          if (k < 0) {  // the time to hand what it holds to Defender for Cloud
            ingestion->put_init(held, message_bytes(*held))->detach();
            held = nullptr;
            continue;
          }
          AlertBatch* b = received;
          pending[0] = in->get_async<AlertBatch>(&received);
          ++received_[b->origin];
          for (AlertRecord& a : b->alerts) stamp_in_mde(a, latency);
          if (every == 0) {
            ingestion->put_init(b, message_bytes(*b))->detach();
          } else if (!held) {
            held = b;
            due = static_cast<double>((static_cast<int64_t>(sg4::Engine::get_clock()) / every + 1) * every);
          } else {
            held->alerts.insert(held->alerts.end(), b->alerts.begin(), b->alerts.end());
            release(b);
          }
        }
      } catch (const std::exception&) {
        sync_.fail(index, std::current_exception());
      }
    });
    actor->daemonize();
    in->set_receiver(actor);  // transfers proceed without waiting for a matching get (SIMGRID-NOTES pitfall 4)
  }
  const size_t index = sync_.daemon_index(slot);
  auto actor = sg4::Actor::create(kIngestion, platform_.defender_for_cloud, [this, ingestion, index] {
    try {
      for (;;) {
        AlertBatch* b = ingestion->get<AlertBatch>();
        for (AlertRecord& a : b->alerts) stamp_in_dfc(a, sc_.alerts.latency);
        driver_.arrive(b->alerts);
        release(b);
      }
    } catch (const std::exception&) {
      sync_.fail(index, std::current_exception());
    }
  });
  actor->daemonize();
  ingestion->set_receiver(actor);
}

void AlertTransport::send_window(size_t location, int64_t until) {
  std::vector<AlertRecord>& out = driver_.outgoing(location);
  Outbound& o = outbound_[location];
  const auto window_start = static_cast<int64_t>(sg4::Engine::get_clock());
  bool retried = o.cached.empty();
  const auto retry_alone = [&] {  // the cache leaves by itself, at least a second before the next batch
    o.again.swap(o.cached);
    send_now(location, window_start, o.again);
    retried = true;
  };
  size_t i = 0;
  while (i < out.size() && out[i].detected < until) {
    const int64_t t = out[i].detected;
    if (t < window_start)
      throw std::logic_error("alert pipeline: a detection at " + when(t) + " reached its site actor after its time");
    if (!retried && t > window_start) retry_alone();
    o.leaving.clear();
    if (!retried) o.leaving.swap(o.cached);  // the cache leaves with the window's first batches
    retried = true;
    while (i < out.size() && out[i].detected == t) {
      AlertBatch* b = acquire();
      b->leaves = t;
      b->origin = static_cast<uint16_t>(location);
      b->geo = out[i].geo;
      for (const uint8_t g = out[i].geo; i < out.size() && out[i].detected == t && out[i].geo == g; ++i)
        b->alerts.push_back(out[i]);
      o.leaving.push_back(b);
    }
    sg4::this_actor::sleep_until(static_cast<double>(t));
    send_now(location, t, o.leaving);
  }
  out.erase(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(i));
  if (!retried) retry_alone();
}

void AlertTransport::send_now(size_t location, int64_t now, std::vector<AlertBatch*>& batches) {
  if (batches.empty()) return;
  if (sg4::Engine::get_clock() != static_cast<double>(now))
    throw std::logic_error("alert pipeline: batches due at " + when(now) + " left late");
  if (platform_.uplinks[location]->is_on()) {
    for (AlertBatch* b : batches) {
      sg4::Mailbox* mb = mde_mailbox_[b->geo];
      if (!mb) throw std::logic_error("alert pipeline: an alert for a geo without an MDE service");
      for (const AlertRecord& a : b->alerts)  // the platform lets it leave now: the site must have expected that
        if (a.sent != now)
          throw std::logic_error("alert pipeline: a detection of machine " + std::to_string(a.machine) + " at " +
                                 sc_.locations[location].name + " expected to leave at " + when(a.sent) +
                                 " left at " + when(now) + " (detected " + when(a.detected) + ")");
      mb->put_init(b, message_bytes(*b))->detach();
      ++detached_[location];
      ++batches_sent_;
    }
    batches.clear();
    return;
  }
  auto& comms = outbound_[location].comms;
  comms.clear();
  for (AlertBatch* b : batches) {
    sg4::Mailbox* mb = mde_mailbox_[b->geo];
    if (!mb) throw std::logic_error("alert pipeline: an alert for a geo without an MDE service");
    comms.push_back(mb->put_async(b, message_bytes(*b)));
  }
  for (size_t k = 0; k < batches.size(); ++k) {
    AlertBatch* b = batches[k];
    bool left = true;
    try {
      comms[k]->wait();
    } catch (const simgrid::NetworkFailureException&) {
      if (sg4::Engine::get_clock() != static_cast<double>(now))
        throw std::logic_error("alert pipeline: a batch that left " + sc_.locations[location].name + " at " + when(now) +
                               " was lost in flight");
      left = false;
    }
    // The platform's verdict against the site's expectation (alert_transport.hpp).
    for (const AlertRecord& a : b->alerts)
      if (left ? a.sent != now : a.sent <= now)
        throw std::logic_error("alert pipeline: a detection of machine " + std::to_string(a.machine) + " at " +
                               sc_.locations[location].name + " expected to leave at " + when(a.sent) + " " +
                               (left ? "left" : "could not leave") + " at " + when(now) + " (detected " + when(a.detected) + ", step " + when(a.step) + ", source " + std::to_string(a.source) + ")");
    if (left) {
      ++batches_sent_;
    } else {
      ++transfers_refused_;
      outbound_[location].cached.push_back(b);
    }
  }
  batches.clear();
}

void AlertTransport::check_delivered(size_t location) const {
  if (received_[location] != detached_[location])
    throw std::logic_error("alert pipeline: " + std::to_string(detached_[location] - received_[location]) +
                           " batch(es) that left " + sc_.locations[location].name +
                           " over an up uplink had not reached Defender for Endpoint by " +
                           when(static_cast<int64_t>(sg4::Engine::get_clock())) + ": lost in flight");
}

}  // namespace fleettwin
