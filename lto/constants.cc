/* constants.cc -- evaluate integer operands at link time.  */

#include "plugin/gcc-compat.h"
#include "lto/constants.h"
#include "lto/program.h"

static bool evaluate (tree op, gimple *context, int depth, unsigned long *v);

/* Truncate V to the precision and signedness of TYPE.  */
static unsigned long
truncate_to (tree type, unsigned long v)
{
  unsigned prec = TYPE_PRECISION (type);
  if (prec >= 64)
    return v;
  v &= (1UL << prec) - 1;
  if (!TYPE_UNSIGNED (type) && (v >> (prec - 1)) & 1)
    v |= ~0UL << prec;
  return v;
}

static unsigned long
byte_swap (unsigned long v, unsigned bytes)
{
  unsigned long out = 0;
  for (unsigned i = 0; i < bytes; i++)
    out |= ((v >> (8 * i)) & 0xff) << (8 * (bytes - 1 - i));
  return out;
}

/* The value parameter PARM of function FN receives at CALL.  */
static bool
evaluate_argument (tree parm, gimple *call, int depth, unsigned long *v)
{
  cgraph_node *fn = cgraph_node::get (DECL_CONTEXT (parm));
  if (!fn || callee_with_body (call) != fn->ultimate_alias_target ())
    return false;
  unsigned i = 0;
  for (tree p = DECL_ARGUMENTS (DECL_CONTEXT (parm)); p; p = DECL_CHAIN (p), i++)
    if (p == parm)
      return i < gimple_call_num_args (call)
	     && evaluate (gimple_call_arg (call, i), NULL, depth + 1, v);
  return false;
}

/* The value of parameter PARM: from CONTEXT, or agreed by all callers.  */
static bool
evaluate_parameter (tree parm, gimple *context, int depth, unsigned long *v)
{
  if (context)
    return evaluate_argument (parm, context, depth, v);
  cgraph_node *fn = cgraph_node::get (DECL_CONTEXT (parm));
  if (!fn)
    return false;
  bool seen = false;
  for (cgraph_edge *e = fn->callers; e; e = e->next_caller)
    {
      unsigned long x;
      if (!e->call_stmt || !evaluate_argument (parm, e->call_stmt, depth, &x))
	return false;
      if (seen && x != *v)
	return false;
      *v = x;
      seen = true;
    }
  return seen;
}

static bool
evaluate_assign (gassign *assign, gimple *context, int depth, unsigned long *v)
{
  tree type = TREE_TYPE (gimple_assign_lhs (assign));
  enum tree_code code = gimple_assign_rhs_code (assign);
  unsigned long a, b;
  if (!evaluate (gimple_assign_rhs1 (assign), context, depth + 1, &a))
    return false;
  if (get_gimple_rhs_class (code) != GIMPLE_BINARY_RHS)
    {
      if (code == SSA_NAME || CONVERT_EXPR_CODE_P (code)
	  || code == INTEGER_CST)
	{
	  *v = truncate_to (type, a);
	  return true;
	}
      if (code == BIT_NOT_EXPR)
	{
	  *v = truncate_to (type, ~a);
	  return true;
	}
      return false;
    }
  if (!evaluate (gimple_assign_rhs2 (assign), context, depth + 1, &b))
    return false;
  unsigned prec = TYPE_PRECISION (type);
  unsigned long mask = prec >= 64 ? ~0UL : (1UL << prec) - 1;
  switch (code)
    {
    case PLUS_EXPR: *v = a + b; break;
    case MINUS_EXPR: *v = a - b; break;
    case MULT_EXPR: *v = a * b; break;
    case BIT_IOR_EXPR: *v = a | b; break;
    case BIT_AND_EXPR: *v = a & b; break;
    case BIT_XOR_EXPR: *v = a ^ b; break;
    case LSHIFT_EXPR: *v = b < 64 ? a << b : 0; break;
    case RSHIFT_EXPR: *v = b < 64 ? (a & mask) >> b : 0; break;
    case LROTATE_EXPR:
    case RROTATE_EXPR:
      {
	/* htons of a variable becomes a rotate by 8 of a 16-bit value.  */
	unsigned long r = code == LROTATE_EXPR ? b % prec : (prec - b % prec) % prec;
	a &= mask;
	*v = r ? ((a << r) | (a >> (prec - r))) : a;
	break;
      }
    default:
      return false;
    }
  *v = truncate_to (type, *v);
  return true;
}

static bool
evaluate_call (gcall *call, gimple *context, int depth, unsigned long *v)
{
  tree fndecl = gimple_call_fndecl (call);
  tree lhs = gimple_call_lhs (call);
  if (!fndecl || !lhs || gimple_call_num_args (call) != 1)
    return false;
  const char *name = decl_name (fndecl);
  unsigned long a;
  if (!evaluate (gimple_call_arg (call, 0), context, depth + 1, &a))
    return false;
  if (!strcmp (name, "__builtin_bswap16") || !strcmp (name, "htons")
      || !strcmp (name, "ntohs"))
    *v = byte_swap (a, 2);
  else if (!strcmp (name, "__builtin_bswap32") || !strcmp (name, "htonl")
	   || !strcmp (name, "ntohl"))
    *v = byte_swap (a, 4);
  else
    return false;
  *v = truncate_to (TREE_TYPE (lhs), *v);
  return true;
}

static bool
evaluate (tree op, gimple *context, int depth, unsigned long *v)
{
  if (!op || depth > 16)
    return false;
  if (TREE_CODE (op) == INTEGER_CST)
    {
      if (!tree_fits_shwi_p (op) && !tree_fits_uhwi_p (op))
	return false;
      *v = tree_fits_shwi_p (op) ? (unsigned long) tree_to_shwi (op)
				 : (unsigned long) tree_to_uhwi (op);
      return true;
    }
  if (TREE_CODE (op) != SSA_NAME)
    return false;
  if (SSA_NAME_IS_DEFAULT_DEF (op))
    {
      tree var = SSA_NAME_VAR (op);
      return var && TREE_CODE (var) == PARM_DECL
	     && evaluate_parameter (var, context, depth, v);
    }
  gimple *def = SSA_NAME_DEF_STMT (op);
  if (gassign *assign = dyn_cast <gassign *> (def))
    return evaluate_assign (assign, context, depth, v);
  if (gcall *call = dyn_cast <gcall *> (def))
    return evaluate_call (call, context, depth, v);
  if (gphi *phi = dyn_cast <gphi *> (def))
    {
      for (unsigned i = 0; i < gimple_phi_num_args (phi); i++)
	{
	  unsigned long x;
	  if (!evaluate (gimple_phi_arg_def (phi, i), context, depth + 1, &x))
	    return false;
	  if (i > 0 && x != *v)
	    return false;
	  *v = x;
	}
      return gimple_phi_num_args (phi) > 0;
    }
  return false;
}

bool
evaluate_constant (tree op, gimple *context, long *value)
{
  unsigned long v;
  if (!evaluate (op, context, 0, &v))
    return false;
  *value = (long) v;
  return true;
}

const char *
evaluate_string (tree op)
{
  if (!op || TREE_CODE (op) != ADDR_EXPR)
    return NULL;
  tree s = TREE_OPERAND (op, 0);
  if (TREE_CODE (s) == ARRAY_REF)
    s = TREE_OPERAND (s, 0);
  if (TREE_CODE (s) == MEM_REF)
    s = TREE_OPERAND (TREE_OPERAND (s, 0), 0);
  if (TREE_CODE (s) != STRING_CST)
    return NULL;
  return TREE_STRING_POINTER (s);
}
