/* region.h -- what the kernel runs for one request: the request region.

   A request arriving at RECEIVE is served by the statements that run
   after the receive until the event loop waits again, receives again, or
   is left.  When the receive sits in a function the event loop's
   function calls (the CHAIN), the region continues in each caller after
   the call.  Functions the region calls run whole.

   The kernel runs the region on its own copy of the chain functions'
   locals, so the region must not depend on, or change, what those
   functions keep across requests: SSA values computed before the
   request are usable only when known at link time (constants, addresses
   of objects, arguments that are such), and locals that live across
   requests may be neither written nor read (except those the receive
   itself fills, and constant initial values, which the kernel sets up
   itself).  Statements breaking these rules are refused here, with the
   reason.  */

#ifndef OFFLOAD_REGION_H
#define OFFLOAD_REGION_H

#include "lto/paths.h"

struct request_region
{
  gimple *receive;
  cgraph_node *receive_fn;
  std::vector<path_call> chain;
  cgraph_node *loop_fn;
  class loop *loop;
  int service;

  /* Statements of the chain functions that serve the request.  */
  std::set<gimple *> stmts;
  /* Blocks of the chain functions entered from their first statement.  */
  std::set<basic_block> entered;
  /* Functions with a body the region calls, directly or not.  */
  std::set<cgraph_node *> callees;
  /* Statements the region may not run in the kernel, with the reason
     ("changes 'count', a local of 'main' that outlives the request").  */
  std::map<gimple *, std::string> refusals;
  /* Calls, in any function the region runs, where the path search
     stopped (lto/paths.h, unseen_at): the kernel passes the request up
     there, as the report says it cannot judge what lies beyond.  */
  std::map<gimple *, std::string> unjudged;
  /* Locals of chain functions read by the region whose only value from
     outside the region is one constant: the kernel sets them to it.  */
  std::map<tree, tree> constant_locals;
  /* Locals the receive fills (buffer, peer address and its length).  */
  std::set<tree> receive_outputs;
  /* Sends on the request's socket: the replies.  */
  std::set<gimple *> reply_sends;
  /* Edges that end the request: back to the head of a loop around the
     receive (the next event of a round, or the next round).  */
  std::set<edge> end_edges;
  /* Objects the event loop's wait call fills (pollfd arrays, fd_sets,
     epoll events): reading one looks at the next event, so it ends the
     request.  */
  std::set<tree> wait_outputs;
  /* Statements that only step a loop over the round's events (i++ of
     `for (i = 0; i < n; i++)' around the receive): the request skips
     them, as it skips the rest of the round.  */
  std::set<gimple *> round_only;

  /* TCP: the descriptor the receive reads from, an accepted
     connection's, which the kernel learns per connection at run time
     (bpfgen/runtime/sk-conn.h); NULL_TREE for UDP.  */
  tree connection_fd = NULL_TREE;

  /* Return true if NAME, computed before the request, is the
     connection's descriptor (CONNECTION_FD or a copy of it).  */
  bool connection_value_p (tree name) const;

  /* Return true if reaching STMT ends the request: the event loop waits
     or receives again, or looks at the next event.  */
  bool request_end_p (gimple *stmt) const;

  /* Return true if the region runs STMT of a chain function.  */
  bool contains_p (gimple *stmt) const { return stmts.count (stmt) != 0; }

  /* The value SSA name NAME, defined outside the region, has for every
     request, as a GENERIC expression over constants and addresses; or
     NULL_TREE when it is not known at link time.  */
  tree known_value (tree name) const;

  /* Return true if the region defines SSA name NAME of a chain
     function: by a statement it runs, a PHI of a block it enters, or as
     the result of the receive or of a call down the chain.  */
  bool defines_p (tree name) const;
};

/* The region of the requests PATH receives, found from PATH's receive
   and chain in the event loop LOOP of LOOP_FN that waits in WAIT_CALL.  */
void build_region (const request_path &path, cgraph_node *loop_fn,
		   class loop *loop, gimple *wait_call, request_region &out);

/* The same for a TCP path: the region may use the connection's
   descriptor, which the kernel knows for each connection.  */
void build_stream_region (const request_path &path, cgraph_node *loop_fn,
			  class loop *loop, gimple *wait_call,
			  request_region &out);

/* The value a transparent-union argument DECL (glibc's __SOCKADDR_ARG
   under _GNU_SOURCE) carries: the one value stored into it, or
   NULL_TREE.  */
tree transparent_union_value (tree decl);

#endif /* OFFLOAD_REGION_H */
