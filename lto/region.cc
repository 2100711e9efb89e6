/* region.cc -- the statements that serve one request, and the rules
   that keep the kernel's copy of the chain functions' locals honest.  */

#include "plugin/gcc-compat.h"
#include "lto/region.h"
#include "lto/landmarks.h"

namespace {

/* Where a chain function's part of the region starts.  */
struct region_start
{
  cgraph_node *fn;
  gimple *after;		/* The receive or the call into the chain.  */
};

/* Set by reads_wait_output.  */
bool
note_wait_read (gimple *, tree base, tree, void *data)
{
  std::pair<const std::set<tree> *, bool> *d
    = (std::pair<const std::set<tree> *, bool> *) data;
  if (base && d->first->count (base))
    d->second = true;
  return false;
}

/* Return true if LOOP contains BB and is not the function's body.  */
bool
real_loop_around_p (class loop *loop, basic_block bb)
{
  return loop && loop_outer (loop) && block_in_loop_p (loop, bb);
}

/* Add the functions with a body that FN calls, transitively, to OUT.  */
void
add_callees (cgraph_node *fn, std::set<cgraph_node *> &out)
{
  basic_block bb;
  FOR_EACH_BB_FN (bb, body_of (fn))
    for (gimple_stmt_iterator gsi = gsi_start_bb (bb); !gsi_end_p (gsi);
	 gsi_next (&gsi))
      if (cgraph_node *callee = callee_with_body (gsi_stmt (gsi)))
	if (out.insert (callee).second)
	  add_callees (callee, out);
}

/* Walk FN's statements from after START.AFTER, adding those the region
   runs to R.  */
void
walk_from (request_region &r, const region_start &start)
{
  function *fun = body_of (start.fn);
  std::vector<std::pair<basic_block, gimple_stmt_iterator>> work;
  gimple_stmt_iterator first = gsi_for_stmt (start.after);
  gsi_next (&first);
  work.push_back (std::make_pair (gimple_bb (start.after), first));
  std::set<basic_block> seen;
  while (!work.empty ())
    {
      basic_block bb = work.back ().first;
      gimple_stmt_iterator gsi = work.back ().second;
      work.pop_back ();
      bool ended = false;
      for (; !gsi_end_p (gsi); gsi_next (&gsi))
	{
	  gimple *stmt = gsi_stmt (gsi);
	  if (is_gimple_debug (stmt))
	    continue;
	  if (r.request_end_p (stmt))
	    {
	      ended = true;
	      break;
	    }
	  r.stmts.insert (stmt);
	  if (cgraph_node *callee = callee_with_body (stmt))
	    if (r.callees.insert (callee).second)
	      add_callees (callee, r.callees);
	  if (gimple_code (stmt) == GIMPLE_RETURN)
	    {
	      ended = true;
	      break;
	    }
	}
      if (ended)
	continue;
      edge e;
      edge_iterator ei;
      FOR_EACH_EDGE (e, ei, bb->succs)
	{
	  basic_block dest = e->dest;
	  if (dest == EXIT_BLOCK_PTR_FOR_FN (fun))
	    continue;
	  /* Leaving the event loop is not serving a request: the kernel
	     passes such requests up.  */
	  if (start.fn == r.loop_fn && !block_in_loop_p (r.loop, dest))
	    continue;
	  /* Going round a loop around the receive (or the call down to
	     it) is the next event: the request is over.  */
	  class loop *l = dest->loop_father;
	  if (l && l->header == dest
	      && real_loop_around_p (l, gimple_bb (start.after))
	      && block_in_loop_p (l, e->src))
	    {
	      r.end_edges.insert (e);
	      continue;
	    }
	  r.entered.insert (dest);
	  if (seen.insert (dest).second)
	    work.push_back (std::make_pair (dest, gsi_start_bb (dest)));
	}
    }
}

/* The function containing the chain's I-th function: 0 is the event
   loop's function, the last is the receive's.  */
cgraph_node *
chain_fn (const request_region &r, size_t i)
{
  return i < r.chain.size () ? r.chain[i].caller : r.receive_fn;
}

/* A printable name for SSA name or declaration T.  */
std::string
value_name (tree t)
{
  if (TREE_CODE (t) == SSA_NAME)
    t = SSA_NAME_VAR (t);
  if (t && DECL_P (t) && DECL_NAME (t))
    return std::string ("'") + IDENTIFIER_POINTER (DECL_NAME (t)) + "'";
  return "a value";
}

void
refuse (request_region &r, gimple *stmt, const std::string &why)
{
  if (stmt && !r.refusals.count (stmt))
    r.refusals[stmt] = why;
}

/* Return true if tree T mentions an SSA name.  */
bool
mentions_ssa_p (tree t)
{
  return walk_tree_without_duplicates (&t, [] (tree *tp, int *, void *) {
	   return TREE_CODE (*tp) == SSA_NAME ? *tp : NULL_TREE;
	 }, NULL) != NULL_TREE;
}

/* Per chain-function local: how the region and the rest use it.  */
struct local_use
{
  std::vector<gimple *> region_loads, region_stores, region_addrs;
  bool outside_ref = false;
  bool outside_other = false;	/* Outside refs other than constant stores.  */
  tree outside_constant = NULL_TREE;
};

struct walk_data
{
  std::map<tree, local_use> *uses;
  bool in_region;
  cgraph_node *fn;
};

bool
chain_local_p (tree base, cgraph_node *fn)
{
  return base && (TREE_CODE (base) == VAR_DECL || TREE_CODE (base) == PARM_DECL)
	 && !is_global_var (base) && DECL_CONTEXT (base) == fn->decl;
}

bool
note_ref (gimple *stmt, tree base, tree, void *data, int kind)
{
  walk_data *d = (walk_data *) data;
  if (!chain_local_p (base, d->fn))
    return false;
  local_use &u = (*d->uses)[base];
  if (d->in_region)
    {
      if (kind == 0)
	u.region_loads.push_back (stmt);
      else if (kind == 1)
	u.region_stores.push_back (stmt);
      else
	u.region_addrs.push_back (stmt);
      return false;
    }
  u.outside_ref = true;
  tree rhs;
  if (kind == 1 && gimple_assign_single_p (stmt)
      && gimple_assign_lhs (stmt) == base
      && CONSTANT_CLASS_P (rhs = gimple_assign_rhs1 (stmt))
      && (!u.outside_constant || operand_equal_p (u.outside_constant, rhs)))
    u.outside_constant = rhs;
  else
    u.outside_other = true;
  return false;
}

bool
note_load (gimple *s, tree b, tree r, void *d) { return note_ref (s, b, r, d, 0); }
bool
note_store (gimple *s, tree b, tree r, void *d) { return note_ref (s, b, r, d, 1); }
bool
note_addr (gimple *s, tree b, tree r, void *d) { return note_ref (s, b, r, d, 2); }

} // anon namespace

bool
request_region::request_end_p (gimple *stmt) const
{
  if (stmt == receive || landmark_call_p (stmt, LANDMARK_WAIT))
    return true;
  for (const path_call &c : chain)
    if (c.call == stmt)
      return true;
  if (wait_outputs.empty () || is_gimple_debug (stmt))
    return false;
  std::pair<const std::set<tree> *, bool> d (&wait_outputs, false);
  walk_stmt_load_store_ops (stmt, &d, note_wait_read, NULL);
  return d.second;
}

tree
transparent_union_value (tree decl)
{
  if (TREE_CODE (decl) != VAR_DECL || TREE_CODE (TREE_TYPE (decl)) != UNION_TYPE
      || !DECL_CONTEXT (decl)
      || TREE_CODE (DECL_CONTEXT (decl)) != FUNCTION_DECL)
    return NULL_TREE;
  cgraph_node *fn = function_with_body (DECL_CONTEXT (decl));
  if (!fn)
    return NULL_TREE;
  tree value = NULL_TREE;
  basic_block bb;
  FOR_EACH_BB_FN (bb, body_of (fn))
    for (gimple_stmt_iterator gsi = gsi_start_bb (bb); !gsi_end_p (gsi);
	 gsi_next (&gsi))
      {
	gimple *stmt = gsi_stmt (gsi);
	if (!gimple_assign_single_p (stmt) || gimple_clobber_p (stmt)
	    || get_base_address (gimple_assign_lhs (stmt)) != decl)
	  continue;
	tree lhs = gimple_assign_lhs (stmt);
	if (value || TREE_CODE (lhs) != COMPONENT_REF
	    || !POINTER_TYPE_P (TREE_TYPE (lhs)))
	  return NULL_TREE;
	value = gimple_assign_rhs1 (stmt);
      }
  return value;
}

bool
request_region::defines_p (tree name) const
{
  if (SSA_NAME_IS_DEFAULT_DEF (name))
    return false;
  gimple *def = SSA_NAME_DEF_STMT (name);
  if (gimple_code (def) == GIMPLE_PHI)
    return entered.count (gimple_bb (def)) != 0;
  if (def == receive)
    return true;
  for (const path_call &c : chain)
    if (c.call == def)
      return true;
  return contains_p (def);
}

tree
request_region::known_value (tree name) const
{
  if (TREE_CODE (name) != SSA_NAME)
    {
      if (CONSTANT_CLASS_P (name))
	return name;
      if (TREE_CODE (name) == ADDR_EXPR && !mentions_ssa_p (name))
	return name;
      if (TREE_CODE (name) == ADDR_EXPR)
	{
	  /* &PTR->FIELD with PTR known: the known address plus the
	     field's offset.  */
	  poly_int64 bitsize, bitpos;
	  tree offset;
	  machine_mode mode;
	  int unsignedp, reversep, volatilep;
	  tree base = get_inner_reference (TREE_OPERAND (name, 0), &bitsize,
					   &bitpos, &offset, &mode, &unsignedp,
					   &reversep, &volatilep);
	  HOST_WIDE_INT bits;
	  if (offset || TREE_CODE (base) != MEM_REF
	      || !bitpos.is_constant (&bits) || bits % BITS_PER_UNIT)
	    return NULL_TREE;
	  tree ptr = known_value (TREE_OPERAND (base, 0));
	  if (!ptr)
	    return NULL_TREE;
	  return fold_build_pointer_plus_hwi
	    (ptr, mem_ref_offset (base).force_shwi ().to_constant ()
	     + bits / BITS_PER_UNIT);
	}
      if (tree v = transparent_union_value (name))
	return known_value (v);
      return NULL_TREE;
    }
  if (SSA_NAME_IS_DEFAULT_DEF (name))
    {
      tree parm = SSA_NAME_VAR (name);
      if (!parm || TREE_CODE (parm) != PARM_DECL)
	return NULL_TREE;
      /* A parameter of a chain function below the event loop's takes
	 the argument of the call into it.  */
      for (size_t i = 0; i < chain.size (); i++)
	{
	  cgraph_node *callee = chain_fn (*this, i + 1);
	  if (DECL_CONTEXT (parm) != callee->decl)
	    continue;
	  gcall *call = as_a <gcall *> (chain[i].call);
	  unsigned index = 0;
	  for (tree p = DECL_ARGUMENTS (callee->decl); p; p = DECL_CHAIN (p))
	    {
	      if (p == parm)
		return index < gimple_call_num_args (call)
		       ? known_value (gimple_call_arg (call, index)) : NULL_TREE;
	      index++;
	    }
	}
      return NULL_TREE;
    }
  gimple *def = SSA_NAME_DEF_STMT (name);
  if (gphi *phi = dyn_cast <gphi *> (def))
    {
      tree value = NULL_TREE;
      for (unsigned i = 0; i < gimple_phi_num_args (phi); i++)
	{
	  tree arg = gimple_phi_arg_def (phi, i);
	  if (arg == name)
	    continue;
	  if (value && !operand_equal_p (value, arg))
	    return NULL_TREE;
	  value = arg;
	}
      return value && value != name ? known_value (value) : NULL_TREE;
    }
  if (!is_gimple_assign (def))
    return NULL_TREE;
  tree type = TREE_TYPE (name);
  enum tree_code code = gimple_assign_rhs_code (def);
  switch (get_gimple_rhs_class (code))
    {
    case GIMPLE_SINGLE_RHS:
      return known_value (gimple_assign_rhs1 (def));
    case GIMPLE_UNARY_RHS:
      if (CONVERT_EXPR_CODE_P (code))
	if (tree v = known_value (gimple_assign_rhs1 (def)))
	  return fold_convert (type, v);
      return NULL_TREE;
    case GIMPLE_BINARY_RHS:
      switch (code)
	{
	case PLUS_EXPR: case MINUS_EXPR: case MULT_EXPR:
	case POINTER_PLUS_EXPR: case BIT_AND_EXPR: case BIT_IOR_EXPR:
	case BIT_XOR_EXPR: case LSHIFT_EXPR: case RSHIFT_EXPR:
	  {
	    tree a = known_value (gimple_assign_rhs1 (def));
	    tree b = a ? known_value (gimple_assign_rhs2 (def)) : NULL_TREE;
	    return b ? fold_build2 (code, type, a, b) : NULL_TREE;
	  }
	default:
	  return NULL_TREE;
	}
    default:
      return NULL_TREE;
    }
}

bool
request_region::connection_value_p (tree name) const
{
  if (!connection_fd || !name)
    return false;
  if (operand_equal_p (name, connection_fd))
    return true;
  if (TREE_CODE (name) != SSA_NAME || SSA_NAME_IS_DEFAULT_DEF (name))
    return false;
  gimple *def = SSA_NAME_DEF_STMT (name);
  if (!is_gimple_assign (def) || contains_p (def))
    return false;
  enum tree_code code = gimple_assign_rhs_code (def);
  if (code == SSA_NAME || CONVERT_EXPR_CODE_P (code))
    return connection_value_p (gimple_assign_rhs1 (def));
  return false;
}

namespace {

bool
region_def_p (const request_region &r, tree name)
{
  return r.defines_p (name);
}

/* The last statement the region runs in BB, or NULL.  */
gimple *
last_region_stmt (const request_region &r, basic_block bb)
{
  gimple *last = NULL;
  for (gimple_stmt_iterator gsi = gsi_start_bb (bb); !gsi_end_p (gsi);
       gsi_next (&gsi))
    if (r.contains_p (gsi_stmt (gsi)))
      last = gsi_stmt (gsi);
  return last;
}

/* Return true if PHI, at the head of a loop inside the event loop's
   round (such as the loop over epoll's events), starts from constants
   every time the loop is entered: its value does not outlive the round,
   so the request may skip its update.  */
bool
restarts_each_round_p (const request_region &r, gphi *phi)
{
  basic_block head = gimple_bb (phi);
  class loop *l = head->loop_father;
  if (!l || l->header != head || l == r.loop)
    return false;
  for (unsigned i = 0; i < gimple_phi_num_args (phi); i++)
    if (!block_in_loop_p (l, gimple_phi_arg_edge (phi, i)->src)
	&& TREE_CODE (gimple_phi_arg_def (phi, i)) != INTEGER_CST)
      return false;
  return true;
}

/* Return true if the value of NAME, defined by the region, is used by
   statements the region does not run.  */
bool
escapes_p (const request_region &r, tree name)
{
  imm_use_iterator it;
  use_operand_p use;
  FOR_EACH_IMM_USE_FAST (use, it, name)
    {
      gimple *user = USE_STMT (use);
      if (is_gimple_debug (user))
	continue;
      if (gphi *phi = dyn_cast <gphi *> (user))
	{
	  edge e = gimple_phi_arg_edge (phi, PHI_ARG_INDEX_FROM_USE (use));
	  if (r.end_edges.count (e))
	    {
	      if (!restarts_each_round_p (r, phi))
		return true;
	      continue;
	    }
	  if (!r.entered.count (gimple_bb (user)))
	    return true;
	  continue;
	}
      if (!r.contains_p (user))
	return true;
    }
  return false;
}

/* Return true if every use of NAME is an argument, on an edge that ends
   the request, of a PHI that restarts each round.  */
bool
round_only_p (const request_region &r, tree name)
{
  imm_use_iterator it;
  use_operand_p use;
  bool any = false;
  FOR_EACH_IMM_USE_FAST (use, it, name)
    {
      gimple *user = USE_STMT (use);
      if (is_gimple_debug (user))
	continue;
      gphi *phi = dyn_cast <gphi *> (user);
      if (!phi || !r.end_edges.count (gimple_phi_arg_edge
				      (phi, PHI_ARG_INDEX_FROM_USE (use)))
	  || !restarts_each_round_p (r, phi))
	return false;
      any = true;
    }
  return any;
}

/* Fill R.round_only for chain function FN.  */
void
find_round_only (request_region &r, cgraph_node *fn)
{
  basic_block bb;
  FOR_EACH_BB_FN (bb, body_of (fn))
    for (gimple_stmt_iterator gsi = gsi_start_bb (bb); !gsi_end_p (gsi);
	 gsi_next (&gsi))
      {
	gimple *stmt = gsi_stmt (gsi);
	tree lhs = is_gimple_assign (stmt) ? gimple_assign_lhs (stmt) : NULL;
	if (r.contains_p (stmt) && lhs && TREE_CODE (lhs) == SSA_NAME
	    && round_only_p (r, lhs))
	  r.round_only.insert (stmt);
      }
}

/* Refuse region definitions the chain functions keep across requests.  */
void
check_escapes (request_region &r, cgraph_node *fn)
{
  std::string owner = std::string ("'") + decl_name (fn->decl) + "'";
  basic_block bb;
  FOR_EACH_BB_FN (bb, body_of (fn))
    {
      for (gimple_stmt_iterator gsi = gsi_start_bb (bb); !gsi_end_p (gsi);
	   gsi_next (&gsi))
	{
	  gimple *stmt = gsi_stmt (gsi);
	  if (!r.contains_p (stmt) || r.round_only.count (stmt))
	    continue;
	  tree lhs = gimple_get_lhs (stmt);
	  if (lhs && TREE_CODE (lhs) == SSA_NAME && escapes_p (r, lhs))
	    refuse (r, stmt, "changes " + value_name (lhs) + ", which "
			     + owner + " keeps across requests");
	}
      if (!r.entered.count (bb))
	continue;
      for (gphi_iterator gpi = gsi_start_phis (bb); !gsi_end_p (gpi);
	   gsi_next (&gpi))
	{
	  gphi *phi = gpi.phi ();
	  tree res = gimple_phi_result (phi);
	  if (virtual_operand_p (res) || !escapes_p (r, res))
	    continue;
	  for (unsigned i = 0; i < gimple_phi_num_args (phi); i++)
	    {
	      tree arg = gimple_phi_arg_def (phi, i);
	      basic_block src = gimple_phi_arg_edge (phi, i)->src;
	      gimple *last = last_region_stmt (r, src);
	      /* A value from before the request leaves the local as it
		 was: no change on that route.  */
	      if (arg == res || (!last && !r.entered.count (src))
		  || (TREE_CODE (arg) == SSA_NAME && !region_def_p (r, arg)))
		continue;
	      gimple *at = TREE_CODE (arg) == SSA_NAME && region_def_p (r, arg)
			   && !SSA_NAME_IS_DEFAULT_DEF (arg)
			   && r.contains_p (SSA_NAME_DEF_STMT (arg))
			   ? SSA_NAME_DEF_STMT (arg) : last;
	      refuse (r, at, "changes " + value_name (res) + ", which "
			     + owner + " keeps across requests");
	    }
	}
    }
}

/* Refuse uses of values computed before the request that are not known
   at link time.  Descriptors passed to the receive and send calls are
   exempt: the socket analysis has proved which socket they are.  */
void
check_live_ins (request_region &r, cgraph_node *fn)
{
  basic_block bb;
  FOR_EACH_BB_FN (bb, body_of (fn))
    for (gimple_stmt_iterator gsi = gsi_start_bb (bb); !gsi_end_p (gsi);
	 gsi_next (&gsi))
      {
	gimple *stmt = gsi_stmt (gsi);
	if (!r.contains_p (stmt) || r.round_only.count (stmt))
	  continue;
	const landmark *l = landmark_of_call (stmt);
	ssa_op_iter it;
	tree use;
	FOR_EACH_SSA_TREE_OPERAND (use, stmt, it, SSA_OP_USE)
	  {
	    if (l && l->fd_arg >= 0 && gimple_call_arg (stmt, l->fd_arg) == use)
	      continue;
	    if (region_def_p (r, use) || r.known_value (use)
		|| r.connection_value_p (use))
	      continue;
	    refuse (r, stmt, "uses " + value_name (use)
			     + ", computed before the request arrived");
	  }
      }
}

/* Apply the rules on the chain functions' locals (region.h).  */
void
check_locals (request_region &r, cgraph_node *fn)
{
  std::map<tree, local_use> uses;
  walk_data d = { &uses, false, fn };
  basic_block bb;
  FOR_EACH_BB_FN (bb, body_of (fn))
    for (gimple_stmt_iterator gsi = gsi_start_bb (bb); !gsi_end_p (gsi);
	 gsi_next (&gsi))
      {
	gimple *stmt = gsi_stmt (gsi);
	if (is_gimple_debug (stmt) || gimple_clobber_p (stmt))
	  continue;
	/* The receive fills its outputs for every request.  */
	if (stmt == r.receive)
	  continue;
	d.in_region = r.contains_p (stmt);
	walk_stmt_load_store_addr_ops (stmt, &d, note_load, note_store,
				       note_addr);
      }
  std::string owner = std::string ("'") + decl_name (fn->decl) + "'";
  for (auto &entry : uses)
    {
      tree decl = entry.first;
      local_use &u = entry.second;
      if (!u.outside_ref || r.receive_outputs.count (decl))
	continue;
      std::string what = value_name (decl) + ", a local of " + owner;
      for (gimple *s : u.region_stores)
	refuse (r, s, "changes " + what + " that outlives the request");
      for (gimple *s : u.region_addrs)
	refuse (r, s, "passes on the address of " + what
		      + " that outlives the request");
      if (u.region_loads.empty ())
	continue;
      if (!u.outside_other && u.outside_constant && u.region_stores.empty ())
	r.constant_locals[decl] = u.outside_constant;
      else
	for (gimple *s : u.region_loads)
	  refuse (r, s, "reads " + what + " set outside the request path");
    }
}

/* Record the locals whose addresses the receive's arguments are.  */
void
find_receive_outputs (request_region &r)
{
  gcall *call = as_a <gcall *> (r.receive);
  for (unsigned i = 0; i < gimple_call_num_args (call); i++)
    {
      tree arg = r.known_value (gimple_call_arg (call, i));
      while (arg && TREE_CODE (arg) == POINTER_PLUS_EXPR)
	arg = TREE_OPERAND (arg, 0);
      if (!arg)
	continue;
      STRIP_NOPS (arg);
      if (TREE_CODE (arg) != ADDR_EXPR)
	continue;
      tree base = get_base_address (TREE_OPERAND (arg, 0));
      if (base && DECL_P (base) && !is_global_var (base))
	r.receive_outputs.insert (base);
    }
}

} // anon namespace

void
build_stream_region (const request_path &path, cgraph_node *loop_fn,
		     class loop *loop, gimple *wait_call, request_region &r)
{
  const landmark *l = landmark_of_call (path.receive);
  if (l && l->fd_arg >= 0)
    r.connection_fd = gimple_call_arg (path.receive, l->fd_arg);
  build_region (path, loop_fn, loop, wait_call, r);
}

void
build_region (const request_path &path, cgraph_node *loop_fn,
	      class loop *loop, gimple *wait_call, request_region &r)
{
  r.receive = path.receive;
  r.receive_fn = path.receive_fn;
  r.chain = path.chain;
  r.loop_fn = loop_fn;
  r.loop = loop;
  r.service = path.service;
  r.reply_sends.insert (path.sends.begin (), path.sends.end ());
  /* The wait call's outputs: the objects its pointer arguments point
     to, when the wait call is in the event loop's function.  */
  if (wait_call && gimple_bb (wait_call)
      && DECL_STRUCT_FUNCTION (loop_fn->decl)
      && body_of (loop_fn)->cfg)
    for (unsigned i = 0; i < gimple_call_num_args (wait_call); i++)
      {
	tree arg = gimple_call_arg (wait_call, i);
	if (TREE_CODE (arg) == SSA_NAME)
	  arg = r.known_value (arg);
	while (arg && TREE_CODE (arg) == POINTER_PLUS_EXPR)
	  arg = TREE_OPERAND (arg, 0);
	if (arg)
	  STRIP_NOPS (arg);
	if (arg && TREE_CODE (arg) == ADDR_EXPR)
	  if (tree base = get_base_address (TREE_OPERAND (arg, 0)))
	    if (DECL_P (base))
	      r.wait_outputs.insert (base);
      }
  walk_from (r, region_start { r.receive_fn, r.receive });
  for (const path_call &c : r.chain)
    walk_from (r, region_start { c.caller, c.call });
  find_receive_outputs (r);
  for (size_t i = 0; i <= r.chain.size (); i++)
    {
      cgraph_node *fn = chain_fn (r, i);
      find_round_only (r, fn);
      check_escapes (r, fn);
      check_live_ins (r, fn);
      check_locals (r, fn);
    }
}
