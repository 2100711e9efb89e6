/* benefit.h -- whether offloading a path pays, and which paths to offload.

   For a path the kernel can run, the model compares what a request costs
   in userspace (the request's own cost: the wait, receive and send calls
   and the stack's delivery, plus its work) with what it costs in the
   kernel (running the XDP program, its work in BPF instructions, map
   lookups for shared globals, order and commit bookkeeping).  A path
   whose loop runs more rounds than the loop bound would go up after its
   kernel work, which is then pure cost.  A path not offloaded still pays
   for the program to look at its packets and pass them up.  The
   constants come from lto/costs.h; frequencies from lto/paths.h.

   Selection (mode auto): offload a feasible path when it saves more
   than passing it up costs, provided the program can pass its requests
   up at a statement of its own; then keep the program only if the
   service gains on average over all its paths.  */

#ifndef OFFLOAD_BENEFIT_H
#define OFFLOAD_BENEFIT_H

#include "lto/path-work.h"

struct cost_model;

/* The model's view of one path.  */
struct path_estimate
{
  int path;
  double frequency;
  path_work work;
  double user_ns;		/* A request served in userspace.  */
  double kernel_ns;		/* Served in the kernel, or given up.  */
  double pass_ns;		/* Looked at by the program and passed up.  */
  /* ns saved per request of the path when offloaded: USER_NS - KERNEL_NS,
     or -KERNEL_NS when it would go up anyway.  */
  double benefit_ns;
};

/* The decision for the paths of one receive.  */
struct receive_decision
{
  int service;
  gimple *receive;
  std::vector<path_estimate> estimates;	/* All the receive's paths.  */
  std::vector<int> selected;		/* Ids offloaded.  */
  /* ns saved per request of the receive, over all its paths, with the
     selection made and with every feasible path offloaded.  */
  double gain_ns = 0;
  double gain_all_ns = 0;
  /* The share of the offloaded paths' requests expected to go up behind
     an earlier request passed up (order), with the selection made.  */
  double held_share = 0;
};

/* Estimate PATH with COSTS, its loops bounded by LOOP_BOUND.  READS_ORDERED
   says the program keeps order (it shares writable globals); WRITES_SHARED
   that the path writes shared globals; SHARED_GLOBALS how many distinct
   writable globals it touches.  */
path_estimate estimate_path (const request_path &path, const cost_model &costs,
			     unsigned loop_bound, bool ordered,
			     bool writes_shared, unsigned shared_globals);

/* The share of a receive's offloaded requests that go up behind an
   earlier request passed up, when the paths SELECTED of ESTIMATES are
   offloaded and the program keeps order (ORDERED): with IN_FLIGHT
   requests in flight, the chance that one of the IN_FLIGHT - 1 before
   it went up.  */
double held_share (const std::vector<path_estimate> &estimates,
		   const std::set<int> &selected, bool ordered,
		   double in_flight);

/* The expected gain per request of the receive whose paths are ESTIMATES
   when the paths SELECTED are offloaded (no program when empty), HELD of
   their requests going up behind earlier ones.  */
double receive_gain (const std::vector<path_estimate> &estimates,
		     const std::set<int> &selected, double held = 0);

/* Why the model leaves out path estimate E (numbers included), for the
   report; MEASURED says the counts come from a profile.  */
std::string not_beneficial_reason (const path_estimate &e, unsigned loop_bound,
				   bool measured);

#endif /* OFFLOAD_BENEFIT_H */
