/* paths.h -- request paths: from a receive to the reply or the drop.

   A request path starts at a request receive reached from an event loop
   and follows control flow through calls (into other translation units
   and library code alike) until the next event-wait call, the same
   receive again, or the exit of the event loop.  The routes are split
   into distinct paths at branches that decide on the request (taint.h)
   and are not inside a loop of the handler; other branches keep their
   routes in one path.  A path that sends on the request's socket ends in
   a reply, one that does not, in a drop.  */

#ifndef OFFLOAD_PATHS_H
#define OFFLOAD_PATHS_H

#include "lto/program.h"

class socket_facts;
class request_taint;
class loop_facts;
struct event_loop;

/* A call on the way from the event loop's function down to the
   receive: the call statement and the function making it.  */
struct path_call
{
  gimple *call;
  cgraph_node *caller;
};

struct request_path
{
  int id;
  int event_loop;		/* Id of the event loop.  */
  int service;			/* Id of the service, 0 if unknown.  */
  gimple *receive;
  cgraph_node *receive_fn;	/* The function making the receive.  */
  /* The calls from the event loop's function down to RECEIVE_FN; empty
     when the loop's function receives itself.  */
  std::vector<path_call> chain;
  bool reply;
  std::vector<gimple *> sends;	/* Sorted by location.  */
  std::vector<gimple *> io_ops;	/* Sorted by location.  */
  /* Later receives on the request's socket: the same arrival.  */
  std::vector<gimple *> more_receives;
  std::set<std::string> functions;
  std::set<std::string> externals;
  /* The path hit a limit (depth, size or split count) of the search.  */
  bool truncated;
  /* Where the search stopped following the path before its end (a call
     nested deeper than it follows, or the step limit), and why, as
     "what: why"; NULL when it saw every statement.  Feasibility cannot
     judge statements nobody looked at.  */
  gimple *unseen_at;
  std::string unseen_why;
  /* Every statement the path's routes run, in any function; feasibility
     (lto/feasibility.h) judges the path by them.  */
  std::set<gimple *> stmts;
  /* Calls on the path that would re-enter a function already running.  */
  std::vector<gimple *> recursive_calls;
  /* The share of the receive's requests that take this path: the
     product of the probabilities of the edges it takes at the branches
     that split it from the other paths (measured with -fprofile-use,
     GCC's estimates otherwise).  */
  double frequency = 1.0;
  /* Filled by feasibility and benefit: "offloaded", "infeasible" ...  */
  std::string verdict;
  /* For an offloaded path: the kernel hook that serves it ("xdp",
     "sk_skb") and why that one (plugin/generate.cc).  */
  std::string hook;
  std::string hook_reason;
  std::vector<std::string> reasons;
  /* Where each reason's construct is, for notes.  */
  std::vector<location_t> reason_locations;
};

class path_facts
{
public:
  void analyse (const program &prog, socket_facts &sockets,
		const request_taint &taint, const loop_facts &loops);

  const std::vector<request_path> &paths () const { return m_paths; }
  /* For the steps after the analysis that judge the paths.  */
  std::vector<request_path> &mutable_paths () { return m_paths; }

private:
  std::vector<request_path> m_paths;
};

#endif /* OFFLOAD_PATHS_H */
