/* path-work.h -- how much work one request of a path does.

   Counted from the path's statements, each weighted by how often it runs
   per request: the product of the average rounds of the loops around it
   that the handler runs (loops around the receive itself, such as the
   event loop, do not count), times, in a function the path calls, the
   weight of the call.  A loop's rounds per entry are its header's count
   over the count of the edges entering it: measured with -fprofile-use,
   GCC's estimates otherwise.  Within that bound, a statement counts as
   often as its block's count says, over the count where the path enters
   its function and the path's own frequency: the arms of a branch that
   does not split paths count at their probability.  */

#ifndef OFFLOAD_PATH_WORK_H
#define OFFLOAD_PATH_WORK_H

#include "lto/paths.h"

/* Statements one request runs, by the kind of cost they have.  */
struct work_counts
{
  double stmts = 0;		/* Without memory access.  */
  double accesses = 0;		/* Loads and stores.  */
  double libcalls = 0;		/* Calls of functions without a body.  */
};

struct path_work
{
  /* What userspace runs: every loop its average rounds.  */
  work_counts user;
  /* What the kernel runs before it answers or gives up: no loop more
     than LOOP_BOUND rounds.  */
  work_counts kernel;
  /* The loop with the most rounds per entry, and that number; 0 with no
     loop.  */
  double max_rounds = 0;
  location_t max_rounds_location = UNKNOWN_LOCATION;
  /* Its rounds exceed LOOP_BOUND: the kernel gives the request up.  */
  bool over_bound = false;
};

/* The work of a request of PATH, whose loops may run LOOP_BOUND rounds
   in the kernel.  */
path_work estimate_path_work (const request_path &path, unsigned loop_bound);

#endif /* OFFLOAD_PATH_WORK_H */
