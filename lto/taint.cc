/* taint.cc -- request dependence over the whole program.  */

#include "plugin/gcc-compat.h"
#include "lto/taint.h"
#include "lto/cells.h"
#include "lto/landmarks.h"
#include "lto/sockets.h"

bool
request_taint::add (tree cell, unsigned flags)
{
  if (!cell || !flags)
    return false;
  /* Globals keep state across requests; see taint.h.  */
  if (DECL_P (cell) && TREE_CODE (cell) == VAR_DECL && is_global_var (cell)
      && !(flags & POINTER) && !m_cells.count (cell))
    return false;
  unsigned &f = m_cells[cell];
  unsigned before = f;
  f |= flags;
  return f != before;
}

unsigned
request_taint::flags_of (tree op) const
{
  if (!op)
    return 0;
  if (TREE_CODE (op) == ADDR_EXPR)
    {
      /* The address of request bytes points into the request.  */
      tree inner = TREE_OPERAND (op, 0);
      tree decl = decl_of_address (op);
      unsigned f = 0;
      auto it = m_cells.find (decl ? decl : cell_of_memory (inner));
      if (it != m_cells.end () && (it->second & DATA))
	f |= POINTER;
      return f | (flags_of_load (inner) & DATA ? POINTER : 0);
    }
  tree cell = cell_of_operand (op);
  if (!cell)
    return 0;
  auto it = m_cells.find (cell);
  unsigned f = it == m_cells.end () ? 0 : it->second;
  if (TREE_CODE (op) != SSA_NAME && !DECL_P (op))
    f |= flags_of_load (op);
  return f;
}

/* A load through a pointer into the request, or at an index computed
   from the request, reads request data.  */
unsigned
request_taint::flags_of_load (tree ref) const
{
  unsigned f = 0;
  for (tree t = ref; t && (handled_component_p (t) || TREE_CODE (t) == MEM_REF
			   || TREE_CODE (t) == TARGET_MEM_REF);
       t = TREE_OPERAND (t, 0))
    {
      for (int i = 0; i < TREE_OPERAND_LENGTH (t); i++)
	{
	  tree op = TREE_OPERAND (t, i);
	  if (op && TREE_CODE (op) == SSA_NAME)
	    {
	      auto it = m_cells.find (cell_of_operand (op));
	      if (it != m_cells.end () && it->second)
		f |= DATA;
	    }
	}
    }
  return f;
}

/* PTR (an argument that receives request bytes) points into a receive
   buffer: mark what it points to and, walking back through copies,
   loads and parameters, every place the pointer came from.  */
void
request_taint::mark_buffer (tree ptr, int depth)
{
  if (!ptr || depth > 8)
    return;
  if (TREE_CODE (ptr) == ADDR_EXPR)
    {
      tree decl = decl_of_address (ptr);
      tree cell = decl ? decl : cell_of_memory (TREE_OPERAND (ptr, 0));
      if (cell)
	m_cells[cell] |= DATA;
      return;
    }
  if (TREE_CODE (ptr) != SSA_NAME)
    return;
  if (!add (cell_of_operand (ptr), POINTER) && depth > 0)
    return;
  if (SSA_NAME_IS_DEFAULT_DEF (ptr))
    {
      tree parm = SSA_NAME_VAR (ptr);
      if (!parm || TREE_CODE (parm) != PARM_DECL)
	return;
      cgraph_node *fn = cgraph_node::get (DECL_CONTEXT (parm));
      unsigned index = 0;
      for (tree p = DECL_ARGUMENTS (DECL_CONTEXT (parm)); p != parm;
	   p = DECL_CHAIN (p))
	index++;
      for (cgraph_edge *e = fn ? fn->callers : NULL; e; e = e->next_caller)
	if (e->call_stmt && index < gimple_call_num_args (e->call_stmt))
	  mark_buffer (gimple_call_arg (e->call_stmt, index), depth + 1);
      return;
    }
  gimple *def = SSA_NAME_DEF_STMT (ptr);
  if (gassign *assign = dyn_cast <gassign *> (def))
    {
      tree rhs = gimple_assign_rhs1 (assign);
      if (gimple_assign_load_p (assign))
	add (cell_of_memory (rhs), POINTER);
      else
	mark_buffer (rhs, depth + 1);
    }
  else if (gphi *phi = dyn_cast <gphi *> (def))
    for (unsigned i = 0; i < gimple_phi_num_args (phi); i++)
      mark_buffer (gimple_phi_arg_def (phi, i), depth + 1);
}

void
request_taint::seed (const program &prog, socket_facts &sockets)
{
  for (cgraph_node *fn : prog.functions)
    {
      basic_block bb;
      FOR_EACH_BB_FN (bb, body_of (fn))
	for (gimple_stmt_iterator gsi = gsi_start_bb (bb); !gsi_end_p (gsi);
	     gsi_next (&gsi))
	  {
	    gimple *stmt = gsi_stmt (gsi);
	    /* recvmsg scatters into the iovecs: their bases are buffers.  */
	    if (gassign *assign = dyn_cast <gassign *> (stmt))
	      {
		tree lhs = gimple_assign_lhs (assign);
		if (TREE_CODE (lhs) == COMPONENT_REF
		    && DECL_NAME (TREE_OPERAND (lhs, 1))
		    && !strcmp (decl_name (TREE_OPERAND (lhs, 1)), "iov_base"))
		  mark_buffer (gimple_assign_rhs1 (assign), 0);
		continue;
	      }
	    const landmark *l = landmark_of_call (stmt);
	    if (!l || l->kind != LANDMARK_RECEIVE
		|| !sockets.request_socket_p (sockets.fd_argument (stmt,
								   l->fd_arg)))
	      continue;
	    if (tree lhs = gimple_call_lhs (stmt))
	      add (cell_of_operand (lhs), DATA);
	    if (l->buffer_arg >= 0)
	      mark_buffer (gimple_call_arg (stmt, l->buffer_arg), 0);
	    if (l->address_arg >= 0)
	      mark_buffer (gimple_call_arg (stmt, l->address_arg), 0);
	  }
    }
}

bool
request_taint::transfer_call (gcall *call)
{
  bool changed = false;
  tree lhs = gimple_call_lhs (call);
  if (landmark_of_call (call))
    return false;
  if (cgraph_node *callee = callee_with_body (call))
    {
      unsigned i = 0;
      for (tree parm = DECL_ARGUMENTS (callee->decl);
	   parm && i < gimple_call_num_args (call); parm = DECL_CHAIN (parm), i++)
	changed |= add (parm, flags_of (gimple_call_arg (call, i)));
      if (lhs)
	{
	  auto it = m_cells.find (DECL_RESULT (callee->decl));
	  if (it != m_cells.end ())
	    changed |= add (cell_of_operand (lhs), it->second);
	}
      return changed;
    }
  /* A library call given request data returns request data (strchr a
     pointer into it) and writes request data through its pointers
     (memcpy, sscanf).  */
  unsigned in = 0;
  for (unsigned i = 0; i < gimple_call_num_args (call); i++)
    in |= flags_of (gimple_call_arg (call, i));
  if (!in)
    return false;
  if (lhs)
    changed |= add (cell_of_operand (lhs),
		    POINTER_TYPE_P (TREE_TYPE (lhs)) && (in & POINTER)
		    ? POINTER | DATA : DATA);
  for (unsigned i = 0; i < gimple_call_num_args (call); i++)
    {
      tree arg = gimple_call_arg (call, i);
      if (tree decl = decl_of_address (arg))
	changed |= add (decl, DATA);
      else if (TREE_CODE (arg) == SSA_NAME && POINTER_TYPE_P (TREE_TYPE (arg))
	       && !(flags_of (arg) & POINTER))
	changed |= add (TYPE_MAIN_VARIANT (TREE_TYPE (TREE_TYPE (arg))), DATA);
    }
  return changed;
}

bool
request_taint::transfer (cgraph_node *fn, gimple *stmt)
{
  if (gphi *phi = dyn_cast <gphi *> (stmt))
    {
      unsigned in = 0;
      bool differ = false;
      for (unsigned i = 0; i < gimple_phi_num_args (phi); i++)
	{
	  in |= flags_of (gimple_phi_arg_def (phi, i));
	  differ |= !operand_equal_p (gimple_phi_arg_def (phi, i),
				      gimple_phi_arg_def (phi, 0), 0);
	}
      /* Implicit flow: a value that differs by the route taken, in a
	 function that branches on the request, depends on the request
	 (`return 0' on one command, `return len' on another).  */
      if (differ && m_deciding.count (fn))
	in |= DATA;
      return add (cell_of_operand (gimple_phi_result (phi)), in);
    }
  if (gassign *assign = dyn_cast <gassign *> (stmt))
    {
      unsigned in = 0;
      for (unsigned i = 1; i < gimple_num_ops (assign); i++)
	in |= flags_of (gimple_op (assign, i));
      tree lhs = gimple_assign_lhs (assign);
      /* Only pointers point into the request; anything computed from
	 such a pointer (a length, an offset) is request data.  */
      if ((in & POINTER) && !POINTER_TYPE_P (TREE_TYPE (lhs)))
	in = (in & ~POINTER) | DATA;
      tree cell = gimple_store_p (assign) ? cell_of_memory (lhs)
					  : cell_of_operand (lhs);
      return add (cell, in);
    }
  if (greturn *ret = dyn_cast <greturn *> (stmt))
    return add (DECL_RESULT (fn->decl), flags_of (gimple_return_retval (ret)));
  if (gcall *call = dyn_cast <gcall *> (stmt))
    return transfer_call (call);
  return false;
}

void
request_taint::analyse (const program &prog, socket_facts &sockets)
{
  seed (prog, sockets);
  for (int round = 0; round < 100; round++)
    {
      bool changed = false;
      for (cgraph_node *fn : prog.functions)
	{
	  basic_block bb;
	  FOR_EACH_BB_FN (bb, body_of (fn))
	    if (!m_deciding.count (fn) && request_branch_p (last_stmt (bb)))
	      {
		m_deciding.insert (fn);
		changed = true;
	      }
	  FOR_EACH_BB_FN (bb, body_of (fn))
	    {
	      for (gphi_iterator gsi = gsi_start_phis (bb); !gsi_end_p (gsi);
		   gsi_next (&gsi))
		changed |= transfer (fn, gsi.phi ());
	      for (gimple_stmt_iterator gsi = gsi_start_bb (bb);
		   !gsi_end_p (gsi); gsi_next (&gsi))
		changed |= transfer (fn, gsi_stmt (gsi));
	    }
	}
      if (!changed)
	break;
    }
}

bool
request_taint::request_branch_p (const gimple *stmt) const
{
  if (!stmt)
    return false;
  if (const gcond *cond = dyn_cast <const gcond *> (stmt))
    return flags_of (gimple_cond_lhs (cond)) || flags_of (gimple_cond_rhs (cond));
  if (const gswitch *sw = dyn_cast <const gswitch *> (stmt))
    return flags_of (gimple_switch_index (sw)) != 0;
  return false;
}
