/* loops.cc -- find event loops and blocking receive loops.  */

#include "plugin/gcc-compat.h"
#include "lto/loops.h"
#include "lto/landmarks.h"
#include "lto/sockets.h"

bool
loop_facts::request_receive_p (gimple *stmt) const
{
  return m_request_receives.count (stmt) != 0;
}

gimple *
loop_facts::wait_reached (cgraph_node *fn) const
{
  auto it = m_wait.find (fn);
  return it == m_wait.end () ? NULL : it->second;
}

bool
loop_facts::receive_reached_p (cgraph_node *fn) const
{
  return m_receives.count (fn) != 0;
}

/* The wait landmark STMT is or leads to, or NULL.  */
gimple *
loop_facts::stmt_wait (gimple *stmt) const
{
  if (landmark_call_p (stmt, LANDMARK_WAIT))
    return stmt;
  if (cgraph_node *callee = callee_with_body (stmt))
    return wait_reached (callee);
  return NULL;
}

bool
loop_facts::stmt_receive_p (gimple *stmt) const
{
  if (request_receive_p (stmt))
    return true;
  cgraph_node *callee = callee_with_body (stmt);
  return callee && receive_reached_p (callee);
}

/* Which functions reach a wait or a request receive, through any chain
   of calls: iterate to a fixed point over the call graph.  */
void
loop_facts::summarise (const program &prog)
{
  for (bool changed = true; changed;)
    {
      changed = false;
      for (cgraph_node *fn : prog.functions)
	{
	  basic_block bb;
	  FOR_EACH_BB_FN (bb, body_of (fn))
	    for (gimple_stmt_iterator gsi = gsi_start_bb (bb); !gsi_end_p (gsi);
		 gsi_next (&gsi))
	      {
		gimple *stmt = gsi_stmt (gsi);
		if (!is_gimple_call (stmt))
		  continue;
		gimple *wait = stmt_wait (stmt);
		if (wait && !m_wait.count (fn))
		  {
		    m_wait[fn] = wait;
		    changed = true;
		  }
		if (stmt_receive_p (stmt) && !m_receives.count (fn))
		  {
		    m_receives.insert (fn);
		    changed = true;
		  }
	      }
	}
    }
}

bool
loop_facts::loop_receives_p (cgraph_node *fn, class loop *loop) const
{
  basic_block bb;
  FOR_EACH_BB_FN (bb, body_of (fn))
    if (block_in_loop_p (loop, bb))
      for (gimple_stmt_iterator gsi = gsi_start_bb (bb); !gsi_end_p (gsi);
	   gsi_next (&gsi))
	if (stmt_receive_p (gsi_stmt (gsi)))
	  return true;
  return false;
}

/* A source loop with several back edges (`continue', or an `if' at the
   end of the body) reaches us as two nested loops: GCC gives the outer
   one an empty forwarder block as header.  Return the loop LOOP belongs
   to in the source.  */
static class loop *
source_loop (class loop *loop)
{
  for (class loop *outer = loop_outer (loop); outer && loop_outer (outer);
       outer = loop_outer (loop))
    {
      basic_block header = outer->header;
      if (!gsi_end_p (gsi_start_nondebug_after_labels_bb (header))
	  || !single_succ_p (header) || single_succ (header) != loop->header)
	break;
      loop = outer;
    }
  return loop;
}

void
loop_facts::find_event_loops (const program &prog)
{
  for (cgraph_node *fn : prog.functions)
    {
      basic_block bb;
      FOR_EACH_BB_FN (bb, body_of (fn))
	for (gimple_stmt_iterator gsi = gsi_start_bb (bb); !gsi_end_p (gsi);
	     gsi_next (&gsi))
	  {
	    gimple *wait = stmt_wait (gsi_stmt (gsi));
	    if (!wait)
	      continue;
	    /* The innermost loop around the wait that also receives.  */
	    class loop *loop = bb->loop_father;
	    while (loop && loop_outer (loop) && !loop_receives_p (fn, loop))
	      loop = loop_outer (loop);
	    if (!loop || !loop_outer (loop))
	      continue;
	    loop = source_loop (loop);
	    bool known = false;
	    for (const event_loop &e : m_event_loops)
	      known |= e.fn == fn && e.loop == loop;
	    if (known)
	      continue;
	    event_loop e;
	    e.id = 0;
	    e.fn = fn;
	    e.loop = loop;
	    e.wait_call = wait;
	    e.location = block_location (loop->header);
	    if (e.location == UNKNOWN_LOCATION)
	      e.location = gimple_location (gsi_stmt (gsi));
	    m_event_loops.push_back (e);
	  }
    }
  std::stable_sort (m_event_loops.begin (), m_event_loops.end (),
		    [] (const event_loop &a, const event_loop &b) {
		      return location_less (a.location, b.location);
		    });
  int id = 1;
  for (event_loop &e : m_event_loops)
    e.id = id++;
}

void
loop_facts::find_blocking_loops (const program &prog)
{
  /* Functions an event loop calls, directly or not: their receives
     belong to that event loop.  */
  std::set<cgraph_node *> served;
  std::vector<cgraph_node *> work;
  for (const event_loop &e : m_event_loops)
    {
      basic_block bb;
      FOR_EACH_BB_FN (bb, body_of (e.fn))
	if (block_in_loop_p (e.loop, bb))
	  for (gimple_stmt_iterator gsi = gsi_start_bb (bb); !gsi_end_p (gsi);
	       gsi_next (&gsi))
	    if (cgraph_node *callee = callee_with_body (gsi_stmt (gsi)))
	      work.push_back (callee);
    }
  while (!work.empty ())
    {
      cgraph_node *fn = work.back ();
      work.pop_back ();
      if (!served.insert (fn).second)
	continue;
      basic_block bb;
      FOR_EACH_BB_FN (bb, body_of (fn))
	for (gimple_stmt_iterator gsi = gsi_start_bb (bb); !gsi_end_p (gsi);
	     gsi_next (&gsi))
	  if (cgraph_node *callee = callee_with_body (gsi_stmt (gsi)))
	    work.push_back (callee);
    }

  for (cgraph_node *fn : prog.functions)
    {
      if (served.count (fn))
	continue;
      basic_block bb;
      FOR_EACH_BB_FN (bb, body_of (fn))
	for (gimple_stmt_iterator gsi = gsi_start_bb (bb); !gsi_end_p (gsi);
	     gsi_next (&gsi))
	  {
	    gimple *stmt = gsi_stmt (gsi);
	    if (!request_receive_p (stmt) || !loop_outer (bb->loop_father))
	      continue;
	    bool in_event_loop = false;
	    for (const event_loop &e : m_event_loops)
	      in_event_loop |= e.fn == fn && block_in_loop_p (e.loop, bb);
	    if (in_event_loop)
	      continue;
	    blocking_loop b;
	    b.fn = fn;
	    b.receive = stmt;
	    b.location = block_location (bb->loop_father->header);
	    if (b.location == UNKNOWN_LOCATION)
	      b.location = gimple_location (stmt);
	    m_blocking_loops.push_back (b);
	  }
    }
  std::stable_sort (m_blocking_loops.begin (), m_blocking_loops.end (),
		    [] (const blocking_loop &a, const blocking_loop &b) {
		      return location_less (gimple_location (a.receive),
					    gimple_location (b.receive));
		    });
}

void
loop_facts::analyse (const program &prog, socket_facts &sockets)
{
  for (cgraph_node *fn : prog.functions)
    {
      basic_block bb;
      FOR_EACH_BB_FN (bb, body_of (fn))
	for (gimple_stmt_iterator gsi = gsi_start_bb (bb); !gsi_end_p (gsi);
	     gsi_next (&gsi))
	  {
	    gimple *stmt = gsi_stmt (gsi);
	    const landmark *l = landmark_of_call (stmt);
	    if (l && l->kind == LANDMARK_RECEIVE
		&& sockets.request_socket_p (sockets.fd_argument (stmt,
								  l->fd_arg)))
	      m_request_receives.insert (stmt);
	  }
    }
  summarise (prog);
  find_event_loops (prog);
  find_blocking_loops (prog);
}
