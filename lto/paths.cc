/* paths.cc -- enumerate request paths by walking the supergraph.  */

#include "plugin/gcc-compat.h"
#include <deque>
#include <tuple>
#include "lto/paths.h"
#include "lto/landmarks.h"
#include "lto/loops.h"
#include "lto/sockets.h"
#include "lto/taint.h"

namespace {

/* Limits that keep the search bounded on any input; a path that hits
   one is marked truncated.  */
const unsigned MAX_CALL_DEPTH = 16;
const unsigned MAX_PATHS_PER_RECEIVE = 64;
const unsigned MAX_STEPS_PER_PATH = 20000;

/* A call on the way down: the call statement and its function.  */
struct frame
{
  gimple *call;
  cgraph_node *caller;
};
typedef std::vector<frame> call_stack;

/* Where a route resumes: block BB of FN from statement INDEX on, with
   STACK the calls that led into FN.  */
struct position
{
  call_stack stack;
  cgraph_node *fn;
  basic_block bb;
  unsigned index;
  /* Integer SSA names whose value the route fixes: PHI arguments on the
     edges taken and constants returned by callees.  They let a branch on
     a handler's return value follow the value the route produced instead
     of splitting into a path that cannot happen.  */
  std::map<tree, long> known;
};

typedef std::tuple<std::vector<gimple *>, basic_block, unsigned> visit_key;
typedef std::map<tree, long> known_values;

/* One request path under construction: the routes still to follow and
   what its routes have met so far.  */
struct route_class
{
  std::vector<position> work;
  /* The positions visited, each with the values known every time a
     route reached it (explorer::push).  */
  std::map<visit_key, known_values> visited;
  request_path path;
  unsigned steps;
};

/* The index of STMT within its block.  */
unsigned
index_in_block (gimple *stmt)
{
  unsigned i = 0;
  for (gimple_stmt_iterator gsi = gsi_start_bb (gimple_bb (stmt));
       gsi_stmt (gsi) != stmt; gsi_next (&gsi))
    i++;
  return i;
}

void
add_unique (std::vector<gimple *> &v, gimple *stmt)
{
  if (std::find (v.begin (), v.end (), stmt) == v.end ())
    v.push_back (stmt);
}

/* The name a report uses for external callee FNDECL.  */
std::string
external_name (tree fndecl)
{
  const char *name = decl_name (fndecl);
  if (startswith (name, "__builtin_"))
    name += strlen ("__builtin_");
  return name;
}

/* The value of OP at POS, if constant there.  */
bool
known_value (const position &pos, tree op, long *value)
{
  if (op && TREE_CODE (op) == INTEGER_CST && tree_fits_shwi_p (op))
    {
      *value = tree_to_shwi (op);
      return true;
    }
  if (!op || TREE_CODE (op) != SSA_NAME)
    return false;
  auto it = pos.known.find (op);
  if (it == pos.known.end ())
    return false;
  *value = it->second;
  return true;
}

/* Set or forget the known value of NAME at POS.  */
void
set_known (position &pos, tree name, bool known, long value)
{
  if (!name || TREE_CODE (name) != SSA_NAME)
    return;
  if (known)
    pos.known[name] = value;
  else
    pos.known.erase (name);
}

/* The probability of edge E, from the profile or GCC's estimate; an even
   share of BB's successors when neither says.  */
double
edge_probability (edge e)
{
  if (e->probability.initialized_p ())
    return e->probability.to_reg_br_prob_base () / (double) REG_BR_PROB_BASE;
  return 1.0 / MAX (EDGE_COUNT (e->src->succs), 1u);
}

/* Copy the PHI arguments of edge E into the known values of POS.  */
void
take_phi_values (position &pos, edge e)
{
  /* A loop header's PHIs take a new value on every iteration, and a
     route follows a loop once for all of them: a value known on entry
     ("i = 0") would decide the exit test for the first iteration only.
     Before explorer::push knew values, the exit was never followed,
     and the rest of the path, its reply included, was lost
     (offload.corpus/large-function.c: a counted loop before the
     reply); now it would only be followed twice.  */
  class loop *loop = e->dest->loop_father;
  bool header = loop && loop->header == e->dest && loop_outer (loop);
  std::vector<std::pair<tree, std::pair<bool, long>>> values;
  for (gphi_iterator gsi = gsi_start_phis (e->dest); !gsi_end_p (gsi);
       gsi_next (&gsi))
    {
      gphi *phi = gsi.phi ();
      long v = 0;
      bool k = !header
	       && known_value (pos, PHI_ARG_DEF_FROM_EDGE (phi, e), &v);
      values.push_back ({ gimple_phi_result (phi), { k, v } });
    }
  /* PHIs read their arguments in parallel.  */
  for (auto &x : values)
    set_known (pos, x.first, x.second.first, x.second.second);
}

/* OP without the integer conversions that lead to it.  */
tree
strip_ssa_conversions (tree op)
{
  while (op && TREE_CODE (op) == SSA_NAME && !SSA_NAME_IS_DEFAULT_DEF (op))
    {
      gimple *def = SSA_NAME_DEF_STMT (op);
      if (!is_gimple_assign (def)
	  || !CONVERT_EXPR_CODE_P (gimple_assign_rhs_code (def)))
	break;
      op = gimple_assign_rhs1 (def);
    }
  return op;
}

/* 1 or 0 if COND tests the result of a send the way that is true or
   false when the reply goes out, which it always does when the kernel
   serves the request (the send returns its length); -1 otherwise.  So
   a send's error branch is no part of any path.  */
int
send_result_test (gcond *cond)
{
  tree lhs = strip_ssa_conversions (gimple_cond_lhs (cond));
  if (!lhs || TREE_CODE (lhs) != SSA_NAME || SSA_NAME_IS_DEFAULT_DEF (lhs))
    return -1;
  gimple *call = SSA_NAME_DEF_STMT (lhs);
  const landmark *l = landmark_of_call (call);
  if (!l || l->kind != LANDMARK_SEND)
    return -1;
  tree rhs = gimple_cond_rhs (cond);
  enum tree_code code = gimple_cond_code (cond);
  if (TREE_CODE (rhs) == INTEGER_CST && tree_int_cst_sgn (rhs) <= 0)
    {
      bool negative = tree_int_cst_sgn (rhs) < 0;
      switch (code)
	{
	case LT_EXPR: return 0;
	case GE_EXPR: return 1;
	case LE_EXPR: return negative ? 0 : -1;
	case GT_EXPR: return negative ? 1 : -1;
	case EQ_EXPR: return negative ? 0 : -1;
	case NE_EXPR: return negative ? 1 : -1;
	default: return -1;
	}
    }
  if (l->length_arg >= 0
      && operand_equal_p (strip_ssa_conversions (rhs),
			  strip_ssa_conversions (gimple_call_arg
						 (call, l->length_arg))))
    switch (code)
      {
      case EQ_EXPR: case GE_EXPR: case LE_EXPR: return 1;
      case NE_EXPR: case LT_EXPR: case GT_EXPR: return 0;
      default: return -1;
      }
  return -1;
}

/* The one successor edge of BB that a branch on known values takes at
   POS, or NULL when the branch is not decided there.  */
edge
decided_edge (const position &pos, function *fun, basic_block bb)
{
  gimple *last = last_stmt (bb);
  long a, b;
  if (!last)
    return NULL;
  if (gcond *cond = dyn_cast <gcond *> (last))
    {
      int sent = send_result_test (cond);
      if (sent >= 0)
	{
	  edge t, f;
	  extract_true_false_edges_from_block (bb, &t, &f);
	  return sent ? t : f;
	}
      if (!known_value (pos, gimple_cond_lhs (cond), &a)
	  || !known_value (pos, gimple_cond_rhs (cond), &b))
	return NULL;
      bool taken;
      switch (gimple_cond_code (cond))
	{
	case LT_EXPR: taken = a < b; break;
	case LE_EXPR: taken = a <= b; break;
	case GT_EXPR: taken = a > b; break;
	case GE_EXPR: taken = a >= b; break;
	case EQ_EXPR: taken = a == b; break;
	case NE_EXPR: taken = a != b; break;
	default: return NULL;
	}
      edge t, f;
      extract_true_false_edges_from_block (bb, &t, &f);
      return taken ? t : f;
    }
  if (gswitch *sw = dyn_cast <gswitch *> (last))
    {
      if (!known_value (pos, gimple_switch_index (sw), &a))
	return NULL;
      for (unsigned i = 1; i < gimple_switch_num_labels (sw); i++)
	{
	  tree label = gimple_switch_label (sw, i);
	  tree low = CASE_LOW (label);
	  tree high = CASE_HIGH (label) ? CASE_HIGH (label) : low;
	  if (tree_fits_shwi_p (low) && tree_fits_shwi_p (high)
	      && tree_to_shwi (low) <= a && a <= tree_to_shwi (high))
	    return find_edge (bb, label_to_block (fun, CASE_LABEL (label)));
	}
      return find_edge (bb, label_to_block (fun, CASE_LABEL
					     (gimple_switch_label (sw, 0))));
    }
  return NULL;
}

/* Explores the paths of one receive reached from one event loop.  */
class explorer
{
public:
  explorer (socket_facts &sockets, const request_taint &taint,
	    const loop_facts &loops, const event_loop &loop,
	    gimple *receive, cgraph_node *receive_fn, const call_stack &chain)
    : m_sockets (sockets), m_taint (taint), m_loops (loops), m_loop (loop),
      m_receive (receive), m_receive_fn (receive_fn), m_chain (chain)
  {
    const landmark *l = landmark_of_call (receive);
    m_fds = sockets.fd_argument (receive, l->fd_arg);
  }

  void run (std::vector<request_path> &out);

private:
  void push (route_class &rc, const position &pos);
  void step (route_class &rc, const position &pos);
  void follow_edges (route_class &rc, const position &pos);
  void note_landmark (route_class &rc, gimple *stmt, const landmark *l);
  bool handler_level_p (const position &pos) const;
  bool another_service_receive_p (gimple *stmt, const landmark *l);

  socket_facts &m_sockets;
  const request_taint &m_taint;
  const loop_facts &m_loops;
  const event_loop &m_loop;
  gimple *m_receive;
  cgraph_node *m_receive_fn;
  call_stack m_chain;
  origin_set m_fds;
  /* A deque: forking appends while a class is being explored, and a
     deque keeps references to its elements valid.  */
  std::deque<route_class> m_classes;
};

void
explorer::push (route_class &rc, const position &pos)
{
  std::vector<gimple *> calls;
  for (const frame &f : pos.stack)
    calls.push_back (f.call);
  /* A route reaching a visited position with other known values may
     take another edge at a branch they decide: follow it again,
     knowing only what every route there agreed on.  What is known only
     shrinks, so each position is followed again at most as many times
     as values were known there first.  (Dropping such a route lost
     kv-cache.c's hit and set paths.)  */
  visit_key key (calls, pos.bb, pos.index);
  auto seen = rc.visited.find (key);
  if (seen == rc.visited.end ())
    {
      rc.visited[key] = pos.known;
      rc.work.push_back (pos);
      return;
    }
  known_values common;
  for (const auto &kv : seen->second)
    {
      auto it = pos.known.find (kv.first);
      if (it != pos.known.end () && it->second == kv.second)
	common.insert (kv);
    }
  if (common.size () == seen->second.size ())
    return;
  seen->second = common;
  position again = pos;
  again.known = common;
  rc.work.push_back (again);
}

/* Record what landmark call STMT does for the path of RC.  */
void
explorer::note_landmark (route_class &rc, gimple *stmt, const landmark *l)
{
  if (l->kind != LANDMARK_RECEIVE && l->kind != LANDMARK_SEND)
    return;
  origin_set fds = m_sockets.fd_argument (stmt, l->fd_arg);
  bool same = m_sockets.request_socket_p (fds)
	      && m_sockets.same_socket_p (fds, m_fds);
  if (l->kind == LANDMARK_SEND && same)
    add_unique (rc.path.sends, stmt);
  /* More receives on the request's socket are the same arrival.  */
  else if (same)
    add_unique (rc.path.more_receives, stmt);
  else
    add_unique (rc.path.io_ops, stmt);
}

/* Return true if STMT, a call of landmark L, receives a request of a
   service other than this path's.  */
bool
explorer::another_service_receive_p (gimple *stmt, const landmark *l)
{
  if (l->kind != LANDMARK_RECEIVE || !m_loops.request_receive_p (stmt))
    return false;
  int other = m_sockets.service_of (m_sockets.fd_argument (stmt, l->fd_arg));
  return other != 0 && other != m_sockets.service_of (m_fds);
}

/* Return true if a branch at POS may split paths: it is not inside a
   loop the handler runs after the receive.  Loops around the receive
   itself (the event loop, a drain loop) do not count.  */
bool
explorer::handler_level_p (const position &pos) const
{
  class loop *loop = pos.bb->loop_father;
  if (!loop_outer (loop))
    return true;
  size_t depth = pos.stack.size ();
  if (depth > m_chain.size ())
    return false;
  for (size_t i = 0; i < depth; i++)
    if (pos.stack[i].call != m_chain[i].call)
      return false;
  gimple *anchor = depth < m_chain.size () ? m_chain[depth].call : m_receive;
  return block_in_loop_p (loop, gimple_bb (anchor));
}

void
explorer::follow_edges (route_class &rc, const position &pos)
{
  std::vector<position> next;
  /* The probability of reaching each of NEXT from POS.  */
  std::vector<double> chance;
  function *fun = body_of (pos.fn);
  edge decided = decided_edge (pos, fun, pos.bb);
  edge e;
  edge_iterator ei;
  FOR_EACH_EDGE (e, ei, pos.bb->succs)
    {
      basic_block dest = e->dest;
      if (decided && e != decided)
	continue;
      bool known = false;
      for (const position &p : next)
	known |= p.bb == dest && p.fn == pos.fn && p.index == 0;
      if (known)
	continue;
      if (dest == EXIT_BLOCK_PTR_FOR_FN (fun))
	{
	  /* Back to the caller, after the call.  Returning from the event
	     loop's function leaves the event loop: the route ends.  */
	  if (pos.stack.empty ())
	    continue;
	  const frame &f = pos.stack.back ();
	  position ret;
	  ret.stack.assign (pos.stack.begin (), pos.stack.end () - 1);
	  ret.fn = f.caller;
	  ret.bb = gimple_bb (f.call);
	  ret.index = index_in_block (f.call) + 1;
	  ret.known = pos.known;
	  long v = 0;
	  greturn *r = safe_dyn_cast <greturn *> (last_stmt (pos.bb));
	  bool k = r && known_value (pos, gimple_return_retval (r), &v);
	  set_known (ret, gimple_call_lhs (f.call), k, v);
	  next.push_back (ret);
	  chance.push_back (1.0);
	  continue;
	}
      if (pos.stack.empty () && pos.fn == m_loop.fn
	  && !block_in_loop_p (m_loop.loop, dest))
	continue;
      position p;
      p.stack = pos.stack;
      p.fn = pos.fn;
      p.bb = dest;
      p.index = 0;
      p.known = pos.known;
      take_phi_values (p, e);
      next.push_back (p);
      chance.push_back (edge_probability (e));
    }

  gimple *last = last_stmt (pos.bb);
  bool split = next.size () > 1 && last && !decided
	       && m_taint.request_branch_p (last) && handler_level_p (pos);
  /* Each outcome of a split gets the path as it was before the branch.  */
  route_class before = split ? rc : route_class ();
  for (size_t i = 0; i < next.size (); i++)
    {
      if (i > 0 && split && m_classes.size () < MAX_PATHS_PER_RECEIVE)
	{
	  m_classes.push_back (before);
	  m_classes.back ().path.frequency *= chance[i];
	  push (m_classes.back (), next[i]);
	  continue;
	}
      if (i > 0 && split)
	{
	  /* Past the limit, the outcome stays in this path, and so does
	     its share of the requests.  */
	  rc.path.truncated = true;
	  rc.path.frequency = MIN (1.0, rc.path.frequency
					+ before.path.frequency * chance[i]);
	}
      else if (split)
	rc.path.frequency *= chance[i];
      push (rc, next[i]);
    }
}

/* Follow the statements of POS until the route ends, enters a callee or
   leaves the block.  */
void
explorer::step (route_class &rc, const position &pos)
{
  if (++rc.steps > MAX_STEPS_PER_PATH)
    {
      rc.path.truncated = true;
      if (!rc.path.unseen_at)
	{
	  rc.path.unseen_at = m_receive;
	  rc.path.unseen_why = "starts a path longer than the "
			       + std::to_string (MAX_STEPS_PER_PATH)
			       + " blocks the analysis follows: the rest "
			       "is not judged";
	}
      rc.work.clear ();
      return;
    }
  rc.path.functions.insert (decl_name (pos.fn->decl));
  gimple_stmt_iterator gsi = gsi_start_bb (pos.bb);
  for (unsigned i = 0; i < pos.index && !gsi_end_p (gsi); i++)
    gsi_next (&gsi);
  for (; !gsi_end_p (gsi); gsi_next (&gsi))
    {
      gimple *stmt = gsi_stmt (gsi);
      if (is_gimple_debug (stmt))
	continue;
      rc.path.stmts.insert (stmt);
      if (!is_gimple_call (stmt))
	continue;
      if (const landmark *l = landmark_of_call (stmt))
	{
	  /* The next wait, or this receive again: the next request.  */
	  if (l->kind == LANDMARK_WAIT || stmt == m_receive)
	    return;
	  /* Another service's request arriving in the same round of the
	     event loop starts a path of its own.  */
	  if (another_service_receive_p (stmt, l))
	    return;
	  note_landmark (rc, stmt, l);
	  continue;
	}
      if (cgraph_node *callee = callee_with_body (stmt))
	{
	  bool recursive = callee == pos.fn;
	  for (const frame &f : pos.stack)
	    recursive |= f.caller == callee;
	  if (recursive || pos.stack.size () >= MAX_CALL_DEPTH)
	    {
	      /* Seen as one opaque step; feasibility refuses it later.  */
	      rc.path.functions.insert (decl_name (callee->decl));
	      rc.path.truncated |= !recursive;
	      if (!recursive && !rc.path.unseen_at)
		{
		  rc.path.unseen_at = stmt;
		  rc.path.unseen_why = std::string ("calls '")
				       + decl_name (callee->decl)
				       + "' deeper than the "
				       + std::to_string (MAX_CALL_DEPTH)
				       + " nested calls the analysis follows: "
				       "it is not judged";
		}
	      if (recursive)
		add_unique (rc.path.recursive_calls, stmt);
	      continue;
	    }
	  position in;
	  in.stack = pos.stack;
	  in.stack.push_back (frame { stmt, pos.fn });
	  in.fn = callee;
	  in.bb = single_succ (ENTRY_BLOCK_PTR_FOR_FN (body_of (callee)));
	  in.index = 0;
	  in.known = pos.known;
	  push (rc, in);
	  return;
	}
      if (tree fndecl = gimple_call_fndecl (stmt))
	rc.path.externals.insert (external_name (fndecl));
      if (gimple_call_noreturn_p (stmt))
	return;
    }
  follow_edges (rc, pos);
}

void
explorer::run (std::vector<request_path> &out)
{
  route_class first;
  first.steps = 0;
  first.path = request_path ();
  first.path.event_loop = m_loop.id;
  first.path.service = m_sockets.service_of (m_fds);
  first.path.receive = m_receive;
  first.path.receive_fn = m_receive_fn;
  for (const frame &f : m_chain)
    first.path.chain.push_back (path_call { f.call, f.caller });
  /* The route goes back up through the functions that led down to the
     receive.  */
  for (const frame &f : m_chain)
    first.path.functions.insert (decl_name (f.caller->decl));
  position start;
  start.stack = m_chain;
  start.fn = m_receive_fn;
  start.bb = gimple_bb (m_receive);
  start.index = index_in_block (m_receive) + 1;
  push (first, start);
  m_classes.push_back (first);

  for (size_t i = 0; i < m_classes.size (); i++)
    {
      route_class &rc = m_classes[i];
      while (!rc.work.empty ())
	{
	  position pos = rc.work.back ();
	  rc.work.pop_back ();
	  step (rc, pos);
	}
      request_path path = rc.path;
      path.reply = !path.sends.empty ();
      auto by_location = [] (gimple *a, gimple *b) {
	return location_less (gimple_location (a), gimple_location (b));
      };
      std::stable_sort (path.sends.begin (), path.sends.end (), by_location);
      std::stable_sort (path.io_ops.begin (), path.io_ops.end (), by_location);
      out.push_back (path);
    }
}

/* A receive reached from an event loop, and the calls leading to it.  */
struct path_start
{
  gimple *receive;
  cgraph_node *fn;
  call_stack chain;
};

/* Collect in OUT the request receives FN reaches (only inside LOOP when
   LOOP is given), with the calls on the way in STACK.  */
void
find_starts (const loop_facts &loops, cgraph_node *fn, class loop *loop,
	     call_stack &stack, std::vector<path_start> &out)
{
  basic_block bb;
  FOR_EACH_BB_FN (bb, body_of (fn))
    {
      if (loop && !block_in_loop_p (loop, bb))
	continue;
      for (gimple_stmt_iterator gsi = gsi_start_bb (bb); !gsi_end_p (gsi);
	   gsi_next (&gsi))
	{
	  gimple *stmt = gsi_stmt (gsi);
	  if (loops.request_receive_p (stmt))
	    {
	      out.push_back (path_start { stmt, fn, stack });
	      continue;
	    }
	  cgraph_node *callee = callee_with_body (stmt);
	  if (!callee || !loops.receive_reached_p (callee)
	      || stack.size () >= MAX_CALL_DEPTH || callee == fn)
	    continue;
	  bool on_stack = false;
	  for (const frame &f : stack)
	    on_stack |= f.caller == callee;
	  if (on_stack)
	    continue;
	  stack.push_back (frame { stmt, fn });
	  find_starts (loops, callee, NULL, stack, out);
	  stack.pop_back ();
	}
    }
}

} // anon namespace

void
path_facts::analyse (const program &, socket_facts &sockets,
		     const request_taint &taint, const loop_facts &loops)
{
  for (const event_loop &loop : loops.event_loops ())
    {
      std::vector<path_start> starts;
      call_stack stack;
      find_starts (loops, loop.fn, loop.loop, stack, starts);
      std::stable_sort (starts.begin (), starts.end (),
			[] (const path_start &a, const path_start &b) {
			  return location_less (gimple_location (a.receive),
						gimple_location (b.receive));
			});
      /* A receive that continues an earlier receive's arrival (a header,
	 then the body) starts no path of its own.  */
      std::set<gimple *> grouped;
      for (const path_start &s : starts)
	{
	  if (grouped.count (s.receive))
	    continue;
	  size_t first = m_paths.size ();
	  explorer x (sockets, taint, loops, loop, s.receive, s.fn, s.chain);
	  x.run (m_paths);
	  for (size_t i = first; i < m_paths.size (); i++)
	    grouped.insert (m_paths[i].more_receives.begin (),
			    m_paths[i].more_receives.end ());
	}
    }
  int id = 1;
  for (request_path &p : m_paths)
    p.id = id++;
}
