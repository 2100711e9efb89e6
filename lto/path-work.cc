/* path-work.cc -- weigh a path's statements by how often they run.  */

#include "plugin/gcc-compat.h"
#include "lto/path-work.h"
#include "lto/landmarks.h"
#include "sreal.h"

namespace {

/* What LOOP's static analysis says of its rounds: the bound on its
   iterations when one is known (a constant trip count), else 1.  */
double
bounded_rounds (class loop *loop)
{
  if (loop->any_upper_bound
      && wi::fits_uhwi_p (loop->nb_iterations_upper_bound))
    return (double) loop->nb_iterations_upper_bound.to_uhwi () + 1;
  return 1.0;
}

/* Rounds of LOOP per entry: its header's count over that of the edges
   entering it from outside.  When the counts say nothing (none, or a
   profile in which the loop never ran), what its static analysis
   says.  */
double
rounds_per_entry (class loop *loop)
{
  profile_count in = profile_count::zero ();
  edge e;
  edge_iterator ei;
  FOR_EACH_EDGE (e, ei, loop->header->preds)
    if (!block_in_loop_p (loop, e->src))
      in += e->count ();
  if (!loop->header->count.initialized_p () || !in.initialized_p ()
      || !in.nonzero_p ())
    return bounded_rounds (loop);
  bool known = true;
  double r = loop->header->count.to_sreal_scale (in, &known).to_double ();
  return known && r >= 1.0 ? r : bounded_rounds (loop);
}

class estimator
{
public:
  estimator (const request_path &path, unsigned bound)
    : m_path (path), m_bound (bound)
  {
    /* Where each function of the path comes in: loops around these
       blocks are the event loop's, not the handler's.  */
    m_anchor[gimple_bb (path.receive)] = true;
    for (const path_call &c : path.chain)
      m_anchor[gimple_bb (c.call)] = true;
    for (gimple *stmt : path.stmts)
      m_calls_into[callee_with_body (stmt)].push_back (stmt);
    m_calls_into.erase (NULL);
    for (auto &c : m_calls_into)
      {
	basic_block bb;
	FOR_EACH_BB_FN (bb, body_of (c.first))
	  {
	    m_block_fn[bb] = c.first;
	    m_base[bb] = ENTRY_BLOCK_PTR_FOR_FN (body_of (c.first));
	  }
      }
    /* In the receive's function and those leading to it, counts are
       relative to the receive, or to the call down the chain.  */
    base_blocks (path.receive_fn, gimple_bb (path.receive));
    for (const path_call &c : path.chain)
      base_blocks (c.caller, gimple_bb (c.call));
  }

  path_work run ();

private:
  void base_blocks (cgraph_node *fn, basic_block base)
  {
    basic_block bb;
    FOR_EACH_BB_FN (bb, body_of (fn))
      if (!m_base.count (bb))
	m_base[bb] = base;
  }
  double branch_weight (basic_block bb);
  double block_weight (basic_block bb, bool capped);
  double function_weight (cgraph_node *fn, bool capped, unsigned depth);
  cgraph_node *function_of (gimple *stmt);
  double stmt_weight (gimple *stmt, bool capped);

  const request_path &m_path;
  unsigned m_bound;
  std::map<basic_block, bool> m_anchor;
  /* The block each block's count is relative to, per entry of its
     function into the path.  */
  std::map<basic_block, basic_block> m_base;
  /* The path's calls of each function with a body.  */
  std::map<cgraph_node *, std::vector<gimple *>> m_calls_into;
  /* The function of each block of the functions the path calls.  */
  std::map<basic_block, cgraph_node *> m_block_fn;
  std::map<std::pair<cgraph_node *, bool>, double> m_fn_weight;
  path_work m_work;
};

/* How often BB runs per entry of its function: the rounds of the
   handler's loops around it, each at most the bound when CAPPED.  */
double
estimator::block_weight (basic_block bb, bool capped)
{
  double w = 1.0;
  for (class loop *l = bb->loop_father; l && loop_outer (l);
       l = loop_outer (l))
    {
      bool around_receive = false;
      for (auto &a : m_anchor)
	around_receive |= block_in_loop_p (l, a.first);
      if (around_receive)
	break;
      double r = rounds_per_entry (l);
      if (!capped && r > m_work.max_rounds)
	{
	  m_work.max_rounds = r;
	  m_work.max_rounds_location = block_location (l->header);
	}
      w *= capped ? MIN (r, (double) m_bound) : r;
    }
  return w;
}

/* How often FN runs per request: the sum over the path's calls of it
   of their weights; 1 for the receive's function and those leading to
   it (they call nothing on the path), and for recursion, refused
   anyway.  */
double
estimator::function_weight (cgraph_node *fn, bool capped, unsigned depth)
{
  auto calls = m_calls_into.find (fn);
  if (!fn || calls == m_calls_into.end () || depth > 16)
    return 1.0;
  auto memo = m_fn_weight.find ({ fn, capped });
  if (memo != m_fn_weight.end ())
    return memo->second;
  double w = 0;
  for (gimple *call : calls->second)
    w += block_weight (gimple_bb (call), capped)
	 * function_weight (function_of (call), capped, depth + 1);
  w = MAX (w, 1.0);
  m_fn_weight[{ fn, capped }] = w;
  return w;
}

/* The function the path calls that holds STMT, or NULL for the
   receive's function and those leading to it.  */
cgraph_node *
estimator::function_of (gimple *stmt)
{
  auto f = m_block_fn.find (gimple_bb (stmt));
  return f == m_block_fn.end () ? NULL : f->second;
}

/* How often BB runs per request of the path, from the counts: its count
   over its base's, less the branches that split the path from others
   (their probability is the path's frequency); or a large number when
   the counts say nothing.  Unlike block_weight, it takes the arms of a
   branch that does not split paths at their probability: a switch of
   256 cases in a loop runs one case a round, not all.  */
double
estimator::branch_weight (basic_block bb)
{
  auto base = m_base.find (bb);
  if (base == m_base.end () || !bb->count.initialized_p ()
      || !base->second->count.initialized_p ()
      || !base->second->count.nonzero_p ())
    return 1e30;
  bool known = true;
  double r = bb->count.to_sreal_scale (base->second->count,
				       &known).to_double ();
  if (!known)
    return 1e30;
  return r / MAX (m_path.frequency, 1e-3);
}

double
estimator::stmt_weight (gimple *stmt, bool capped)
{
  /* The loops' rounds bound it; the counts make it finer.  */
  return MIN (block_weight (gimple_bb (stmt), capped),
	      branch_weight (gimple_bb (stmt)))
	 * function_weight (function_of (stmt), capped, 0);
}

path_work
estimator::run ()
{
  for (gimple *stmt : m_path.stmts)
    {
      if (!gimple_bb (stmt))
	continue;
      /* The receive and the sends are the request's own cost.  */
      if (is_gimple_call (stmt) && landmark_of_call (stmt))
	continue;
      bool access = gimple_assign_load_p (stmt) || gimple_store_p (stmt);
      bool libcall = is_gimple_call (stmt) && !callee_with_body (stmt)
		     && !gimple_call_internal_p (stmt);
      for (bool capped : { false, true })
	{
	  work_counts &c = capped ? m_work.kernel : m_work.user;
	  double w = stmt_weight (stmt, capped);
	  (libcall ? c.libcalls : access ? c.accesses : c.stmts) += w;
	}
    }
  m_work.over_bound = m_work.max_rounds > m_bound;
  return m_work;
}

} // anon namespace

path_work
estimate_path_work (const request_path &path, unsigned loop_bound)
{
  estimator e (path, loop_bound);
  return e.run ();
}
