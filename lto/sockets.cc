/* sockets.cc -- trace descriptors and find the program's services.  */

#include "plugin/gcc-compat.h"
#include "lto/sockets.h"
#include "lto/cells.h"
#include "lto/landmarks.h"
#include "lto/bind-address.h"
#include "lto/constants.h"

int
socket_facts::intern (const fd_origin &o)
{
  for (size_t i = 0; i < m_origins.size (); i++)
    {
      const fd_origin &x = m_origins[i];
      if (x.kind == o.kind && x.call == o.call && x.via == o.via
	  && x.constant == o.constant)
	return i;
    }
  m_origins.push_back (o);
  return m_origins.size () - 1;
}

/* The origins OP can hold.  Constants are descriptors only where they
   are used as one (a call argument), so they never enter cells.  */
origin_set
socket_facts::value_of (tree op)
{
  tree cell = cell_of_operand (op);
  if (!cell)
    return origin_set ();
  auto it = m_cells.find (cell);
  return it == m_cells.end () ? origin_set () : it->second;
}

bool
socket_facts::add (tree cell, const origin_set &values)
{
  if (!cell || values.empty ())
    return false;
  origin_set &set = m_cells[cell];
  size_t before = set.size ();
  set.insert (values.begin (), values.end ());
  return set.size () != before;
}

/* A helper that passes `&decl' lets the callee write DECL through a
   pointer, whose accesses land in the cell of the pointed-to type: make
   the two cells one by copying both ways.  */
void
socket_facts::link_address_argument (tree arg)
{
  tree decl = decl_of_address (arg);
  if (!decl)
    return;
  tree type_cell = TYPE_MAIN_VARIANT (TREE_TYPE (decl));
  origin_set a = m_cells[decl], b = m_cells[type_cell];
  add (decl, b);
  add (type_cell, a);
}

/* Sockets created in CALLEE and returned to CALL are told apart per
   call: a helper called twice makes two sockets.  */
origin_set
socket_facts::retag_returned (const origin_set &values, cgraph_node *callee,
			      gimple *call)
{
  origin_set out;
  for (int i : values)
    {
      fd_origin o = m_origins[i];
      if (o.kind == fd_origin::SOCKET && !o.via && o.fn == callee)
	{
	  o.via = call;
	  out.insert (intern (o));
	}
      else
	out.insert (i);
    }
  return out;
}

/* Propagate the descriptors STMT of FN moves.  Return true on change.  */
bool
socket_facts::transfer (cgraph_node *fn, gimple *stmt)
{
  bool changed = false;
  if (gphi *phi = dyn_cast <gphi *> (stmt))
    {
      origin_set in;
      for (unsigned i = 0; i < gimple_phi_num_args (phi); i++)
	{
	  origin_set v = value_of (gimple_phi_arg_def (phi, i));
	  in.insert (v.begin (), v.end ());
	}
      return add (cell_of_operand (gimple_phi_result (phi)), in);
    }

  if (gassign *assign = dyn_cast <gassign *> (stmt))
    {
      enum tree_code code = gimple_assign_rhs_code (assign);
      /* Only copies carry a descriptor; arithmetic makes a number.  */
      if (!gimple_assign_single_p (assign) && !gimple_assign_cast_p (assign)
	  && code != MIN_EXPR && code != MAX_EXPR && code != COND_EXPR)
	return false;
      origin_set in;
      for (unsigned i = 1; i < gimple_num_ops (assign); i++)
	{
	  origin_set v = value_of (gimple_op (assign, i));
	  in.insert (v.begin (), v.end ());
	}
      tree lhs = gimple_assign_lhs (assign);
      return add (cell_of_operand (lhs), in);
    }

  if (greturn *ret = dyn_cast <greturn *> (stmt))
    {
      tree val = gimple_return_retval (ret);
      if (val)
	changed |= add (DECL_RESULT (fn->decl), value_of (val));
      return changed;
    }

  gcall *call = dyn_cast <gcall *> (stmt);
  if (!call)
    return false;
  tree lhs = gimple_call_lhs (call);
  if (const landmark *l = landmark_of_call (call))
    {
      fd_origin o = fd_origin ();
      o.call = call;
      o.fn = fn;
      if (l->kind == LANDMARK_SOCKET)
	o.kind = fd_origin::SOCKET;
      else if (l->kind == LANDMARK_ACCEPT)
	o.kind = fd_origin::ACCEPT;
      else if (l->kind == LANDMARK_OPEN_FD)
	o.kind = fd_origin::OTHER_FD;
      else
	return false;
      int id = intern (o);
      if (l->kind == LANDMARK_ACCEPT)
	{
	  /* The listener set grows while the flow converges.  */
	  origin_set listeners = value_of (gimple_call_arg (call, l->fd_arg));
	  size_t before = m_origins[id].listeners.size ();
	  m_origins[id].listeners.insert (listeners.begin (), listeners.end ());
	  changed |= m_origins[id].listeners.size () != before;
	}
      if (lhs)
	changed |= add (cell_of_operand (lhs), origin_set { id });
      return changed;
    }

  cgraph_node *callee = callee_with_body (call);
  if (!callee)
    return false;
  unsigned i = 0;
  for (tree parm = DECL_ARGUMENTS (callee->decl);
       parm && i < gimple_call_num_args (call); parm = DECL_CHAIN (parm), i++)
    {
      tree arg = gimple_call_arg (call, i);
      changed |= add (parm, value_of (arg));
      link_address_argument (arg);
    }
  if (lhs)
    {
      auto it = m_cells.find (DECL_RESULT (callee->decl));
      if (it != m_cells.end ())
	changed |= add (cell_of_operand (lhs),
			retag_returned (it->second, callee, call));
    }
  return changed;
}

void
socket_facts::analyse (const program &prog)
{
  /* Flow-insensitive: sweep every statement until nothing changes.  The
     sets only grow and are bounded by the number of origins.  */
  for (int round = 0; round < 100; round++)
    {
      bool changed = false;
      for (cgraph_node *fn : prog.functions)
	{
	  basic_block bb;
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
  find_services (prog);
}

origin_set
socket_facts::fd_argument (const gimple *call, int arg)
{
  if (arg < 0 || (unsigned) arg >= gimple_call_num_args (call))
    return origin_set ();
  tree op = gimple_call_arg (call, arg);
  long constant;
  if (TREE_CODE (op) == INTEGER_CST && evaluate_constant (op, NULL, &constant))
    {
      fd_origin o = fd_origin ();
      o.kind = fd_origin::CONSTANT_FD;
      o.constant = constant;
      return origin_set { intern (o) };
    }
  return value_of (op);
}

bool
socket_facts::request_socket_p (const origin_set &origins) const
{
  if (origins.empty ())
    return true;
  for (int i : origins)
    if (m_origins[i].kind == fd_origin::SOCKET
	|| m_origins[i].kind == fd_origin::ACCEPT)
      return true;
  return false;
}

/* Return true if origins A and B can name one descriptor: the same
   creating call, where a socket seen inside its helper (no `via') is
   each of the sockets the helper's callers get.  */
bool
socket_facts::compatible_p (int a, int b) const
{
  const fd_origin &x = m_origins[a], &y = m_origins[b];
  if (x.kind != y.kind)
    return false;
  if (x.kind == fd_origin::CONSTANT_FD)
    return x.constant == y.constant;
  return x.call == y.call && (!x.via || !y.via || x.via == y.via);
}

bool
socket_facts::same_socket_p (const origin_set &a, const origin_set &b) const
{
  /* Nothing known about one side: it may be the same socket.  */
  if (a.empty () || b.empty ())
    return true;
  for (int i : a)
    for (int j : b)
      if (compatible_p (i, j))
	return true;
  return false;
}

int
socket_facts::service_of (const origin_set &origins) const
{
  for (const service &s : m_services)
    for (int i : origins)
      {
	if (compatible_p (i, s.origin))
	  return s.id;
	if (m_origins[i].kind == fd_origin::ACCEPT)
	  for (int l : m_origins[i].listeners)
	    if (compatible_p (l, s.origin))
	      return s.id;
      }
  return 0;
}

/* Record the service of socket ORIGIN bound by BIND_CALL of BIND_FN; values that
   come from parameters are read at the call CONTEXT when there is one.  */
void
socket_facts::add_service (int origin, function *bind_fn, gimple *bind_call,
			   gimple *context)
{
  for (const service &s : m_services)
    if (s.origin == origin)
      return;
  const fd_origin &o = m_origins[origin];
  service s = service ();
  s.origin = origin;
  s.socket_call = o.call;
  s.via = NULL;
  s.bind_call = bind_call;

  long type = -1, family = -1;
  if (gimple_call_num_args (o.call) >= 2)
    {
      evaluate_constant (gimple_call_arg (o.call, 0), context, &family);
      evaluate_constant (gimple_call_arg (o.call, 1), context, &type);
    }
  /* SOCK_NONBLOCK and SOCK_CLOEXEC share the type argument.  */
  switch (type < 0 ? -1 : type & 0xf)
    {
    case 1: s.protocol = "tcp"; break;
    case 2: s.protocol = "udp"; break;
    default: s.protocol = "unknown"; break;
    }
  s.family = family == 2 ? "ipv4" : family == 10 ? "ipv6" : "unknown";

  bound_address addr = bound_address_of (bind_fn, bind_call, context);
  s.port = addr.port;
  s.address = addr.address;
  if (!strcmp (s.family, "unknown") && addr.family)
    s.family = addr.family;
  m_services.push_back (s);
}

void
socket_facts::find_services (const program &prog)
{
  for (cgraph_node *fn : prog.functions)
    {
      basic_block bb;
      FOR_EACH_BB_FN (bb, body_of (fn))
	for (gimple_stmt_iterator gsi = gsi_start_bb (bb); !gsi_end_p (gsi);
	     gsi_next (&gsi))
	  {
	    gimple *stmt = gsi_stmt (gsi);
	    if (!landmark_call_p (stmt, LANDMARK_BIND))
	      continue;
	    for (int i : fd_argument (stmt, 0))
	      {
		if (m_origins[i].kind != fd_origin::SOCKET)
		  continue;
		if (m_origins[i].via)
		  {
		    add_service (i, body_of (fn), stmt, NULL);
		    continue;
		  }
		/* Bound inside the helper: one service per call of it.  */
		std::vector<int> derived;
		for (size_t j = 0; j < m_origins.size (); j++)
		  if (m_origins[j].call == m_origins[i].call && m_origins[j].via)
		    derived.push_back (j);
		if (derived.empty ())
		  add_service (i, body_of (fn), stmt, NULL);
		for (int d : derived)
		  add_service (d, body_of (fn), stmt, m_origins[d].via);
	      }
	  }
    }

  /* Protocol from listen when the socket type was not a constant.  */
  for (cgraph_node *fn : prog.functions)
    {
      basic_block bb;
      FOR_EACH_BB_FN (bb, body_of (fn))
	for (gimple_stmt_iterator gsi = gsi_start_bb (bb); !gsi_end_p (gsi);
	     gsi_next (&gsi))
	  if (landmark_call_p (gsi_stmt (gsi), LANDMARK_LISTEN))
	    for (int i : fd_argument (gsi_stmt (gsi), 0))
	      for (service &s : m_services)
		if (compatible_p (i, s.origin) && !strcmp (s.protocol, "unknown"))
		  s.protocol = "tcp";
    }

  /* Deterministic ids: by bind location, then by creating call.  */
  std::stable_sort (m_services.begin (), m_services.end (),
		    [this] (const service &a, const service &b) {
		      location_t la = gimple_location (a.bind_call);
		      location_t lb = gimple_location (b.bind_call);
		      if (location_less (la, lb) || location_less (lb, la))
			return location_less (la, lb);
		      gimple *va = m_origins[a.origin].via;
		      gimple *vb = m_origins[b.origin].via;
		      return location_less (va ? gimple_location (va) : 0,
					    vb ? gimple_location (vb) : 0);
		    });
  /* Name the helper's call only when it tells services apart.  */
  for (service &s : m_services)
    {
      int same_call = 0;
      for (const service &t : m_services)
	same_call += t.socket_call == s.socket_call;
      s.via = same_call > 1 ? m_origins[s.origin].via : NULL;
    }
  int id = 1;
  for (service &s : m_services)
    s.id = id++;
}
