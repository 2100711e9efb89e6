/* loops.h -- event loops, and blocking receive loops.

   An event loop (section 3.1 of the paper) is a loop that waits for
   events with poll, select or epoll (directly or in a function it calls)
   and reaches a request receive.  When loops are nested, the innermost
   loop around the wait is the event loop.  A loop that receives requests
   without ever waiting is a blocking receive loop: reported, but not an
   event loop, so no request path starts from it.  */

#ifndef OFFLOAD_LOOPS_H
#define OFFLOAD_LOOPS_H

#include "lto/program.h"

class socket_facts;

struct event_loop
{
  int id;
  cgraph_node *fn;		/* The function containing the loop.  */
  class loop *loop;
  location_t location;		/* The loop's header.  */
  gimple *wait_call;		/* The poll/select/epoll call.  */
};

struct blocking_loop
{
  cgraph_node *fn;
  location_t location;
  gimple *receive;
};

class loop_facts
{
public:
  void analyse (const program &prog, socket_facts &sockets);

  /* Return true if STMT receives a request (as far as sockets show).  */
  bool request_receive_p (gimple *stmt) const;

  /* The first event-wait landmark FN calls, directly or not, or NULL.  */
  gimple *wait_reached (cgraph_node *fn) const;

  /* Return true if FN reaches a request receive, directly or not.  */
  bool receive_reached_p (cgraph_node *fn) const;

  const std::vector<event_loop> &event_loops () const { return m_event_loops; }
  const std::vector<blocking_loop> &blocking_loops () const
  { return m_blocking_loops; }

private:
  void summarise (const program &prog);
  gimple *stmt_wait (gimple *stmt) const;
  bool stmt_receive_p (gimple *stmt) const;
  bool loop_receives_p (cgraph_node *fn, class loop *loop) const;
  void find_event_loops (const program &prog);
  void find_blocking_loops (const program &prog);

  std::set<gimple *> m_request_receives;
  std::map<cgraph_node *, gimple *> m_wait;
  std::set<cgraph_node *> m_receives;
  std::vector<event_loop> m_event_loops;
  std::vector<blocking_loop> m_blocking_loops;
};

#endif /* OFFLOAD_LOOPS_H */
