/* completion.cc -- what runs between a reply and the next wait.  */

#include "plugin/gcc-compat.h"
#include "lto/program.h"
#include "lto/paths.h"
#include "lto/loops.h"
#include "lto/completion.h"

namespace {

/* Return true if pointer argument ARG can only point to constants.  */
bool
constant_pointer_p (tree arg)
{
  if (TREE_CODE (arg) != ADDR_EXPR)
    return false;
  tree base = get_base_address (TREE_OPERAND (arg, 0));
  return base && (TREE_CODE (base) == STRING_CST
		  || (VAR_P (base) && TREE_READONLY (base)));
}

/* What the kernel's program touches, and what a statement after the
   reply did that conflicts with it.  */
struct conflict_check
{
  const kernel_state *kernel;
  bool conflict;
};

/* A load of BASE conflicts if it may read what the kernel writes.  */
bool
note_load (gimple *, tree base, tree, void *data)
{
  conflict_check *c = (conflict_check *) data;
  if (!base || !DECL_P (base))
    c->conflict = true;
  else if (is_global_var (base) && c->kernel->written.count (base))
    c->conflict = true;
  return false;
}

/* A store to BASE conflicts if the kernel may read or write it.  */
bool
note_store (gimple *, tree base, tree, void *data)
{
  conflict_check *c = (conflict_check *) data;
  if (!base || !DECL_P (base))
    c->conflict = true;
  else if (is_global_var (base)
	   && (c->kernel->read.count (base) || c->kernel->written.count (base)))
    c->conflict = true;
  return false;
}

/* Return true if STMT may touch state in a way a later request answered
   by KERNEL would see or change: a store it reads or writes, a load of
   what it writes, memory through a pointer, a call to a function of the
   program, or a call given a pointer to anything but constants.  The
   locals of the functions on the way back to the event loop are the
   request's own.  */
bool
conflicts_p (gimple *stmt, const kernel_state &kernel)
{
  if (gcall *call = dyn_cast <gcall *> (stmt))
    {
      if (gimple_call_internal_p (call))
	return gimple_vuse (call) != NULL_TREE;
      if (callee_with_body (call))
	return true;
      for (unsigned i = 0; i < gimple_call_num_args (call); i++)
	{
	  tree arg = gimple_call_arg (call, i);
	  if (POINTER_TYPE_P (TREE_TYPE (arg)) && !constant_pointer_p (arg))
	    return true;
	}
      return false;
    }
  if (!gimple_vuse (stmt))
    return false;
  conflict_check c = { &kernel, false };
  walk_stmt_load_store_ops (stmt, &c, note_load, note_store);
  return c.conflict;
}

/* Walk FN forward from statement FROM (excluded) until STOP, STOP2, the
   function's end, or, when LOOP is given, the exit of that loop.  Return true if a statement on the way may write
   touch shared memory; set *RETURNS if the end can be reached.  */
bool
writes_from_p (function *fn, gimple *from, gimple *stop, gimple *stop2,
	       class loop *loop, const kernel_state &kernel, bool *returns)
{
  std::vector<std::pair<basic_block, gimple_stmt_iterator>> work;
  std::set<basic_block> seen;
  gimple_stmt_iterator start = gsi_for_stmt (from);
  gsi_next (&start);
  work.push_back ({ gimple_bb (from), start });
  *returns = false;
  while (!work.empty ())
    {
      basic_block bb = work.back ().first;
      gimple_stmt_iterator gsi = work.back ().second;
      work.pop_back ();
      bool stopped = false;
      for (; !gsi_end_p (gsi); gsi_next (&gsi))
	{
	  gimple *stmt = gsi_stmt (gsi);
	  if (stmt == stop || stmt == stop2)
	    {
	      stopped = true;
	      break;
	    }
	  if (!is_gimple_debug (stmt) && conflicts_p (stmt, kernel))
	    return true;
	}
      if (stopped)
	continue;
      edge e;
      edge_iterator ei;
      FOR_EACH_EDGE (e, ei, bb->succs)
	{
	  if (e->dest == EXIT_BLOCK_PTR_FOR_FN (fn))
	    *returns = true;
	  /* Leaving the event loop ends the service, not the request: what
	     follows (the state printed at exit) runs beside the kernel
	     whatever order is kept.  */
	  else if (loop && !block_in_loop_p (loop, e->dest))
	    continue;
	  else if (seen.insert (e->dest).second)
	    work.push_back ({ e->dest, gsi_start_bb (e->dest) });
	}
    }
  return false;
}

} // anon namespace

bool
writes_after_reply_p (const request_path &p, const event_loop &loop,
		      const kernel_state &kernel)
{
  if (!p.reply || p.sends.empty ())
    return false;
  gimple *send = p.sends[0];
  /* The functions from the event loop down to the receive, innermost
     first, with the call that enters each from its caller.  */
  std::vector<std::pair<cgraph_node *, gimple *>> frames;
  frames.push_back ({ p.receive_fn, NULL });
  for (size_t i = p.chain.size (); i-- > 0;)
    {
      frames.back ().second = p.chain[i].call;
      frames.push_back ({ p.chain[i].caller, NULL });
    }
  /* Find the frame the send is in.  */
  basic_block send_bb = gimple_bb (send);
  size_t level;
  for (level = 0; level < frames.size (); level++)
    {
      function *fn = body_of (frames[level].first);
      if (fn && send_bb && send_bb->index < last_basic_block_for_fn (fn)
	  && BASIC_BLOCK_FOR_FN (fn, send_bb->index) == send_bb)
	break;
    }
  if (level == frames.size ())
    return true;
  gimple *from = send;
  for (; level < frames.size (); level++)
    {
      bool returns;
      function *fn = body_of (frames[level].first);
      /* Back at the wait, or at the receive of a loop without one: the
	 next request.  */
      bool in_loop_fn = frames[level].first == loop.fn;
      if (writes_from_p (fn, from, loop.wait_call, p.receive,
			 in_loop_fn ? loop.loop : NULL, kernel, &returns))
	return true;
      if (!returns)
	return false;
      from = frames[level].second;
      if (!from)
	/* The event loop's function returns: the program ends.  */
	return false;
    }
  return false;
}
