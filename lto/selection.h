/* selection.h -- which feasible paths of a receive go into the kernel.

   mode=all offloads every feasible path, mode=none none (the report still
   says which could go), mode=auto those lto/benefit.h says pay.  A path
   left out is cut from the program at the statements only it runs in the
   receive's region: there the program passes the request up.  A path
   with no such statement (it parts from the others inside a function
   they share) cannot be cut, and stays with the others.  */

#ifndef OFFLOAD_SELECTION_H
#define OFFLOAD_SELECTION_H

#include "lto/benefit.h"
#include "lto/region.h"
#include "plugin/options.h"

/* Estimate every path of GROUP (judged: verdict "offloaded" when
   feasible), whose program shares the writable globals SHARED, and
   choose under MODE.  Fill *DECISION; give the feasible paths left out
   the verdict "not-beneficial" (or "feasible" under mode none) with the
   model's numbers as reasons; return the statements of REGION to cut,
   with why, for the generator (empty when every feasible path stays or
   none does).  */
std::map<gimple *, std::string>
select_paths (const std::vector<request_path *> &group,
	      const request_region &region, const std::set<tree> &shared,
	      offload_mode mode, unsigned loop_bound, bool measured,
	      receive_decision *decision);

#endif /* OFFLOAD_SELECTION_H */
