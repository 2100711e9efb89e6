/* analysis.h -- the whole-program analysis, in the order it runs.

   Each step reads the results of the steps before it:
     program   the functions with bodies (lto/program.h)
     sockets   descriptors and services (lto/sockets.h)
     taint     what depends on the request (lto/taint.h)
     loops     event loops (lto/loops.h)
     paths     request paths (lto/paths.h)
     shared    the globals the offloaded paths share (lto/shared-state.h),
	       after generation has judged the paths  */

#ifndef OFFLOAD_ANALYSIS_H
#define OFFLOAD_ANALYSIS_H

#include "lto/program.h"
#include "lto/sockets.h"
#include "lto/taint.h"
#include "lto/loops.h"
#include "lto/paths.h"
#include "lto/shared-state.h"
#include "lto/benefit.h"

struct offload_analysis
{
  program prog;
  socket_facts sockets;
  request_taint taint;
  loop_facts loops;
  path_facts paths;
  /* Filled once the paths are judged (plugin/generate.h).  */
  shared_state_facts shared;
  /* What the benefit model chose for each receive (lto/selection.h).  */
  std::vector<receive_decision> decisions;

  /* Run every step over the program being linked.  */
  void run ();
};

#endif /* OFFLOAD_ANALYSIS_H */
