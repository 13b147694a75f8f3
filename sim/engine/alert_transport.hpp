#pragma once
// The alert pipeline over the SimGrid platform (ARCHITECTURE.md §2, issue 8 item 4): a sensor's detection leaves its
// site as a typed message on the platform, reaches the Defender for Endpoint service actor of its tenant's geo
// (`mde-EU`, ...) and goes on to Defender for Cloud's ingestion actor, which hands it to the SOC desk.
//
//   site actor    after the control plane has run a window, sends the location's detections due in it at their
//                 detection times, one message per (instant, geo); a transfer over an uplink that is down fails
//                 at once (NetworkFailureException) and the batch stays cached at the site until the next
//                 synchronisation point at which the link is back
//   mde-<geo>     stamps the arrival in MDE (sent + latency.to_mde) and holds what it receives for Defender for
//                 Cloud, handing it over in one message at every multiple of forward_interval() (the time between
//                 the two stamps, 9 min by default; at once when it is 0): a batch reaches Defender for Cloud
//                 within that interval (plus well under a second of transfers) of leaving its site, so at the
//                 latest a fraction of a second after its in_dfc (when to_mde is 0), before the next whole second,
//                 the earliest point at which the desk can need it
//   defender-for-cloud:alerts  stamps the arrival in Defender for Cloud (sent + latency.to_defender_for_cloud)
//                 and hands the alerts to the desk (FleetDriver::arrive)
//
// What the platform decides is checked against what the site expected. The site computes from the outage plan
// (the same intervals as the uplinks' SimGrid profiles) when each detection will leave, because automated
// investigation starts from it while the window is being run; a batch that leaves at another instant than its
// alerts expect is a contradiction between the platform and the plan, and ends the run with an error.
//
// Why a transfer never fails in flight: detections and outage boundaries are whole seconds, and the longest route
// (on-premises uplink, backbone, service link) takes about 0.53 s under SimGrid's default network model (the
// latencies of platform.hpp times LV08's factor 13.01), so a batch that leaves while its link is up arrives before
// the link can go down. A failure in flight is reported as an error rather than silently resent.
//
// Message sizes are chosen (nothing published): a 64-byte header and 64 bytes a detection.
#include <simgrid/s4u.hpp>

#include <cstdint>
#include <memory>
#include <vector>

#include "sim/engine/fleet_driver.hpp"
#include "sim/engine/platform.hpp"
#include "sim/engine/sync_point.hpp"

namespace fleettwin {

struct AlertBatch {
  int64_t leaves = 0;  // when the site first tried to send it
  uint16_t origin = 0;  // the location whose site sent it
  uint8_t geo = 0;
  std::vector<AlertRecord> alerts;
};

class AlertTransport {
 public:
  // The service actors that a run's platform needs: one per tenant geo, and Defender for Cloud's ingestion.
  static size_t service_actor_count(const Platform& platform);
  // How often an MDE service hands its alerts to Defender for Cloud: to_defender_for_cloud - to_mde. One message
  // a site batch on this hop cost about 5 µs a batch, 4 s of a million-machine year.
  static int64_t forward_interval(const AlertLatency& latency);

  AlertTransport(const Scenario& scenario, const Platform& platform, FleetDriver& driver, SyncPoint& sync);
  AlertTransport(const AlertTransport&) = delete;
  AlertTransport& operator=(const AlertTransport&) = delete;

  // Creates the service actors (daemons: they wait for messages for ever and end with the run).
  void start();
  // Site actor of `location`, at the start of a window (the control plane has run it to `until`): its cached
  // batches try to leave again, then its detections due before `until` leave, each at its time. Batches of one
  // instant leave together (to several geos, and the cached ones with the first), so that none waits for another.
  void send_window(size_t location, int64_t until);
  // Site actor of `location`, at a synchronisation point: every batch it sent over its uplink while the link was
  // up has reached its MDE service (a transfer takes well under a second, and detections leave before the point).
  // Throws if one has not: it was lost in flight, which the platform's latencies should make impossible.
  void check_delivered(size_t location) const;

  uint64_t batches_sent() const { return batches_sent_; }
  uint64_t transfers_refused() const { return transfers_refused_; }

 private:
  AlertBatch* acquire();
  void release(AlertBatch* b);
  // Sends the batches, all leaving now (`now`, whole seconds), to their geos' services; those that could not leave
  // go to the location's cache. Over an uplink that is up the transfers are detached: the site does not wait for
  // each to end (an uplink changes state only at synchronisation points, so none can be refused before the next
  // one), and check_delivered() counts them in at that point. Over a downed uplink each transfer is waited for,
  // which fails at once, and the batch stays.
  void send_now(size_t location, int64_t now, std::vector<AlertBatch*>& batches);
  static double message_bytes(const AlertBatch& b) { return 64.0 * static_cast<double>(b.alerts.size() + 1); }

  const Scenario& sc_;
  const Platform& platform_;
  FleetDriver& driver_;
  SyncPoint& sync_;
  // Per location: its site actor's batches and transfers. Site actors take turns while one of them sleeps or
  // waits, so nothing of one may be shared with another.
  struct Outbound {
    std::vector<AlertBatch*> cached;  // in the order they first tried to leave
    std::vector<AlertBatch*> leaving, again;
    std::vector<simgrid::s4u::CommPtr> comms;
  };
  std::vector<Outbound> outbound_;
  std::vector<uint64_t> detached_;  // per location: batches sent over an up link without waiting
  std::vector<uint64_t> received_;  // per location: batches its MDE services received
  std::vector<std::unique_ptr<AlertBatch>> store_;  // every batch ever made; in flight at the end they stay here
  std::vector<AlertBatch*> free_;
  std::vector<simgrid::s4u::Mailbox*> mde_mailbox_;  // by geo
  uint64_t batches_sent_ = 0, transfers_refused_ = 0;
};

}  // namespace fleettwin
