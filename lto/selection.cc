/* selection.cc -- choose the paths to offload (selection.h).  */

#include "plugin/gcc-compat.h"
#include "lto/selection.h"
#include "lto/costs.h"
#include "lto/shared-state.h"
#include "lto/feasibility.h"

namespace {

/* The statements of REGION only path P runs among the paths SELECTED of
   GROUP.  */
std::vector<gimple *>
own_statements (const request_path &p, const std::vector<request_path *> &group,
		const std::set<int> &selected, const request_region &region)
{
  std::vector<gimple *> own;
  for (gimple *stmt : p.stmts)
    {
      if (!region.contains_p (stmt) || region.request_end_p (stmt))
	continue;
      bool shared = false;
      for (const request_path *q : group)
	shared |= selected.count (q->id) && q->stmts.count (stmt);
      if (!shared)
	own.push_back (stmt);
    }
  return own;
}

/* Leave feasible path P out with verdict VERDICT and REASON.  */
void
leave_out (request_path &p, const char *verdict, const std::string &reason)
{
  p.verdict = verdict;
  p.reasons.clear ();
  p.reason_locations.clear ();
  add_path_reason (p, p.receive, reason);
}

} // anon namespace

std::map<gimple *, std::string>
select_paths (const std::vector<request_path *> &group,
	      const request_region &region, const std::set<tree> &shared,
	      offload_mode mode, unsigned loop_bound, bool measured,
	      receive_decision *decision)
{
  std::map<gimple *, std::string> cuts;
  decision->service = group[0]->service;
  decision->receive = group[0]->receive;
  std::set<int> feasible, selected;
  for (request_path *p : group)
    {
      std::set<tree> read, written;
      globals_touched (p->stmts, &read, &written);
      unsigned touched = 0;
      bool writes = false;
      for (tree g : shared)
	{
	  touched += read.count (g) || written.count (g);
	  writes |= written.count (g) != 0;
	}
      decision->estimates.push_back (estimate_path (*p, offload_costs,
						    loop_bound,
						    !shared.empty (), writes,
						    touched));
      if (p->verdict == "offloaded")
	feasible.insert (p->id);
    }
  bool ordered = !shared.empty ();
  double in_flight = offload_costs.in_flight;
  auto gain_of = [&] (const std::set<int> &paths) {
    return receive_gain (decision->estimates, paths,
			 held_share (decision->estimates, paths, ordered,
				     in_flight));
  };
  decision->gain_all_ns = gain_of (feasible);

  std::map<int, const path_estimate *> estimate_of;
  for (const path_estimate &e : decision->estimates)
    estimate_of[e.path] = &e;

  if (mode == OFFLOAD_MODE_ALL)
    selected = feasible;
  else if (mode == OFFLOAD_MODE_AUTO)
    {
      for (int id : feasible)
	if (estimate_of[id]->benefit_ns > -estimate_of[id]->pass_ns)
	  selected.insert (id);
      /* A path that cannot be cut stays; keeping it may leave another
	 with nothing of its own, so repeat until nothing changes.  */
      for (bool changed = true; changed && !selected.empty (); )
	{
	  changed = false;
	  for (request_path *p : group)
	    if (feasible.count (p->id) && !selected.count (p->id)
		&& own_statements (*p, group, selected, region).empty ())
	      {
		selected.insert (p->id);
		changed = true;
	      }
	}
      if (gain_of (selected) <= 0)
	selected.clear ();
    }
  decision->gain_ns = gain_of (selected);
  decision->held_share = held_share (decision->estimates, selected, ordered,
				     in_flight);
  decision->selected.assign (selected.begin (), selected.end ());

  char loss[64], held[160] = "";
  snprintf (loss, sizeof loss, "%.0f", -decision->gain_all_ns);
  double held_all = held_share (decision->estimates, feasible, ordered,
				in_flight);
  if (held_all > 0)
    snprintf (held, sizeof held, " (with %.0f requests in flight, %.0f%% "
	      "of the requests on offloaded paths would go up behind "
	      "earlier ones)", in_flight, 100 * held_all);
  for (request_path *p : group)
    {
      if (!feasible.count (p->id) || selected.count (p->id))
	continue;
      const path_estimate &e = *estimate_of[p->id];
      if (mode == OFFLOAD_MODE_NONE)
	{
	  leave_out (*p, "feasible", "is not emitted: "
		     "-fplugin-arg-offload-mode=none analyses and reports "
		     "only");
	  continue;
	}
      if (!selected.empty ())
	for (gimple *stmt : own_statements (*p, group, selected, region))
	  cuts[stmt] = "passes up the requests of a path not worth "
		       "offloading";
      if (!selected.empty () || e.benefit_ns <= -e.pass_ns)
	leave_out (*p, "not-beneficial",
		   not_beneficial_reason (e, loop_bound, measured));
      else
	leave_out (*p, "not-beneficial",
		   std::string ("is not worth offloading: offloading the "
				"receive's feasible paths would cost its "
				"requests ")
		   + loss + " ns more each on average" + held + ": the "
		   "paths that stay in userspace pay for the program more "
		   "than these save");
    }
  return cuts;
}
