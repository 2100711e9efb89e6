/* emit.cc -- GIMPLE to C, statement by statement (emit.h).  */

#include "plugin/gcc-compat.h"
#include "bpfgen/emit.h"
#include "lto/feasibility.h"
#include "lto/kernel-calls.h"
#include "lto/landmarks.h"

namespace {

std::string
fmt (const char *format, ...)
{
  char buf[512];
  va_list ap;
  va_start (ap, format);
  vsnprintf (buf, sizeof buf, format, ap);
  va_end (ap);
  return buf;
}

/* The unsigned C type at least 32 bits wide that holds TYPE: arithmetic
   in it wraps like GIMPLE's and never meets C's integer promotions.  */
std::string
wide_unsigned (tree type)
{
  return TYPE_PRECISION (type) > 32 ? "__u64" : "__u32";
}

std::string
unsigned_of (tree type)
{
  unsigned p = POINTER_TYPE_P (type) ? 64 : TYPE_PRECISION (type);
  return p <= 8 ? "__u8" : p <= 16 ? "__u16" : p <= 32 ? "__u32" : "__u64";
}

const char *
binary_op (enum tree_code code)
{
  switch (code)
    {
    case PLUS_EXPR: case POINTER_PLUS_EXPR: return "+";
    case MINUS_EXPR: return "-";
    case MULT_EXPR: return "*";
    case BIT_AND_EXPR: return "&";
    case BIT_IOR_EXPR: return "|";
    case BIT_XOR_EXPR: return "^";
    case LT_EXPR: return "<";
    case LE_EXPR: return "<=";
    case GT_EXPR: return ">";
    case GE_EXPR: return ">=";
    case EQ_EXPR: return "==";
    case NE_EXPR: return "!=";
    default: return NULL;
    }
}

bool
comparison_p (enum tree_code code)
{
  return TREE_CODE_CLASS (code) == tcc_comparison;
}

/* A C-safe identifier from NAME.  */
std::string
c_identifier (const char *name)
{
  std::string s;
  for (const char *p = name; *p; p++)
    s += ISALNUM (*p) ? *p : '_';
  return s;
}

} // anon namespace

/* The function being emitted.  */
struct c_emitter::fn_state
{
  cgraph_node *fn;
  function *fun;
  int level;			/* Chain level, or -1 for a whole function.  */
  std::string body;
  std::set<basic_block> done;
  std::set<edge> phi_edges;
  std::string ret_type;		/* "" for void.  */
  bool bad;			/* An operand could not be expressed.  */
  std::map<class loop *, std::vector<tree>> loop_outputs;
  region_unit *regions;		/* What infer_regions found for it.  */
};

/* Where an address points, as far as the generator can tell: each
   access to a known region calls that region's accessor
   (runtime/xdp-memory.h), which spares the verifier the generic
   accessor's branch for every region, and the states of every pointer
   those branches return, at each access of each loop iteration, which
   it would otherwise follow whenever the address is laundered or
   computed in a loop.

   The values form a lattice: RG_UNDEF (nothing seen yet, or a null
   pointer, which fails in any accessor alike) above the regions and
   RG_INTEGER (a number that is no address, such as an index), above
   RG_UNKNOWN.  Adding an integer to an address keeps its region;
   anything else that mixes them is unknown.  A wrong answer costs
   only speed: the accessor for a region refuses any other address, and
   the request then goes up to userspace.  */
enum
{
  RG_UNKNOWN = 0,
  RG_SCRATCH = REGION_SCRATCH,
  RG_GLOBALS = REGION_GLOBALS,
  RG_RODATA = REGION_RODATA,
  RG_INTEGER,
  RG_UNDEF
};

/* One function as emitted: a whole function (LEVEL -1) or the resume
   function of a chain level.  */
struct c_emitter::region_unit
{
  cgraph_node *fn;
  int level;
  std::map<tree, int> *names;
};

namespace {

int
region_meet (int a, int b)
{
  if (a == RG_UNDEF)
    return b;
  if (b == RG_UNDEF || a == b)
    return a;
  return RG_UNKNOWN;
}

bool
region_p (int r)
{
  return r == RG_SCRATCH || r == RG_GLOBALS || r == RG_RODATA;
}

/* Return true if a value of TYPE cannot hold a program address.  */
bool
narrow_p (tree type)
{
  return !POINTER_TYPE_P (type)
	 && (!INTEGRAL_TYPE_P (type) || TYPE_PRECISION (type) < 64);
}

/* A value of region R converted to TYPE.  */
int
region_convert (int r, tree type)
{
  if (narrow_p (type))
    return RG_INTEGER;
  /* A number turned into a pointer may be any address.  */
  if (POINTER_TYPE_P (type) && r == RG_INTEGER)
    return RG_UNKNOWN;
  return r;
}

int
region_plus (int a, int b)
{
  if (a == RG_UNDEF || b == RG_UNDEF)
    return RG_UNDEF;
  if (a == RG_INTEGER)
    return b;
  if (b == RG_INTEGER)
    return a;
  return RG_UNKNOWN;
}

int
region_minus (int a, int b)
{
  if (a == RG_UNDEF || b == RG_UNDEF)
    return RG_UNDEF;
  if (b == RG_INTEGER)
    return a;
  if (region_p (a) && a == b)
    return RG_INTEGER;
  return RG_UNKNOWN;
}

} // anon namespace

c_emitter::c_emitter (const request_region &region, memory_layout &layout,
		      landmark_translator &hook, unsigned loop_bound)
  : m_region (region), m_layout (layout), m_hook (hook),
    m_loop_bound (loop_bound)
{
}

std::string
c_emitter::c_type (tree type)
{
  if (POINTER_TYPE_P (type))
    return "__u64";
  if (TREE_CODE (type) == BOOLEAN_TYPE)
    return "__u8";
  if (!INTEGRAL_TYPE_P (type))
    return "";
  unsigned p = TYPE_PRECISION (type);
  const char *sign = TYPE_UNSIGNED (type) ? "__u" : "__s";
  if (p == 8 || p == 16 || p == 32 || p == 64)
    return sign + std::to_string (p);
  return "";
}

/* c_type, and 128-bit integers too: GCC folds a 16-byte memcpy into a
   load and a store of one, through an SSA name, and bpf-gcc moves them
   as two words.  Only loads, stores and the names' declarations take
   this type; arithmetic, comparisons, PHIs and calls on it stay
   refused (BPF has no 128-bit operations, and a libcall would not
   link).  */
std::string
c_emitter::c_move_type (tree type)
{
  if (INTEGRAL_TYPE_P (type) && TYPE_PRECISION (type) == 128)
    return TYPE_UNSIGNED (type) ? "unsigned __int128" : "__int128";
  return c_type (type);
}

std::string
c_emitter::fn_name (cgraph_node *fn) const
{
  return "offload_fn_"
	 + c_identifier (IDENTIFIER_POINTER (DECL_ASSEMBLER_NAME (fn->decl)));
}

std::string
c_emitter::resume_name (size_t level) const
{
  return "offload_resume_" + std::to_string (level);
}

std::string
c_emitter::fail_text (const char *why) const
{
  return std::string ("OFFLOAD_FAIL (c, ") + why + ");";
}

bool
c_emitter::refuse (gimple *stmt, const std::string &what_why)
{
  if (!m_refused.count (stmt))
    m_refused[stmt] = what_why;
  return false;
}

std::string
c_emitter::known_expr (tree t)
{
  return generic (NULL, t);
}

/* The C expression for GENERIC tree T (offsets, known values).  */
std::string
c_emitter::generic (fn_state *st, tree t)
{
  tree type = TREE_TYPE (t);
  std::string ct = c_type (type);
  switch (TREE_CODE (t))
    {
    case INTEGER_CST:
      if (ct.empty ())
	break;
      return fmt ("((%s) 0x%llxULL)", ct.c_str (),
		  (unsigned long long) TREE_INT_CST_LOW (t));
    case SSA_NAME:
      if (st)
	return operand (*st, t);
      break;
    case ADDR_EXPR:
      return address_of (st, TREE_OPERAND (t, 0));
    CASE_CONVERT:
    case NON_LVALUE_EXPR:
      if (ct.empty ())
	break;
      if (TYPE_PRECISION (type) == 1 && !POINTER_TYPE_P (type))
	return "((" + ct + ") (" + generic (st, TREE_OPERAND (t, 0)) + ") & 1)";
      return "((" + ct + ") " + generic (st, TREE_OPERAND (t, 0)) + ")";
    case NEGATE_EXPR:
      if (ct.empty ())
	break;
      return "((" + ct + ") -(" + wide_unsigned (type) + ") "
	     + generic (st, TREE_OPERAND (t, 0)) + ")";
    default:
      if (const char *op = binary_op (TREE_CODE (t)))
	{
	  if (ct.empty () || comparison_p (TREE_CODE (t)))
	    break;
	  std::string w = POINTER_TYPE_P (type) ? "__u64" : wide_unsigned (type);
	  return "((" + ct + ") ((" + w + ") " + generic (st, TREE_OPERAND (t, 0))
		 + " " + op + " (" + w + ") "
		 + generic (st, TREE_OPERAND (t, 1)) + "))";
	}
      if (TREE_CODE (t) == EXACT_DIV_EXPR || TREE_CODE (t) == TRUNC_DIV_EXPR)
	if (TYPE_UNSIGNED (type) && TREE_CODE (TREE_OPERAND (t, 1)) == INTEGER_CST
	    && !integer_zerop (TREE_OPERAND (t, 1)))
	  return "((" + ct + ") offload_udiv (" + generic (st, TREE_OPERAND (t, 0))
		 + ", " + generic (st, TREE_OPERAND (t, 1)) + "))";
      break;
    }
  if (st)
    st->bad = true;
  else
    m_error = std::string ("cannot express ") + get_tree_code_name (TREE_CODE (t));
  return "0";
}

/* The C expression for operand OP (an SSA name, constant or address).  */
std::string
c_emitter::operand (fn_state &st, tree op)
{
  if (TREE_CODE (op) != SSA_NAME)
    {
      if (tree v = transparent_union_value (op))
	return operand (st, v);
      return generic (&st, op);
    }
  if (SSA_NAME_IS_DEFAULT_DEF (op))
    {
      tree var = SSA_NAME_VAR (op);
      if (var && TREE_CODE (var) == PARM_DECL && st.level < 0)
	return fmt ("s%u", SSA_NAME_VERSION (op));
      if (!var || TREE_CODE (var) != PARM_DECL)
	{
	  std::string ct = c_type (TREE_TYPE (op));
	  return "((" + (ct.empty () ? std::string ("__u64") : ct) + ") 0)";
	}
    }
  if (st.level >= 0)
    {
      if (!m_region.defines_p (op) && m_region.connection_value_p (op))
	return "((" + c_type (TREE_TYPE (op)) + ") c->conn_fd)";
      if (!m_region.defines_p (op))
	{
	  if (tree v = m_region.known_value (op))
	    return "((" + c_type (TREE_TYPE (op)) + ") " + generic (&st, v) + ")";
	  st.bad = true;
	  return "0";
	}
    }
  return fmt ("s%u", SSA_NAME_VERSION (op));
}

/* The C expression for the program address of memory reference REF.  */
std::string
c_emitter::address_of (fn_state *st, tree ref)
{
  if (TREE_CODE (ref) == STRING_CST || DECL_P (ref))
    {
      std::string why;
      if (!m_layout.place (ref, &why))
	{
	  if (st)
	    st->bad = true;
	  m_error = "cannot place "
		    + std::string (DECL_P (ref) ? decl_name (ref) : "a string")
		    + ": " + why;
	  return "0";
	}
      return fmt ("0x%llxULL", memory_layout::address (m_layout.find (ref)));
    }
  poly_int64 bitsize, bitpos;
  tree offset;
  machine_mode mode;
  int unsignedp, reversep, volatilep;
  tree base = get_inner_reference (ref, &bitsize, &bitpos, &offset, &mode,
				   &unsignedp, &reversep, &volatilep);
  HOST_WIDE_INT bits;
  if (reversep || !bitpos.is_constant (&bits) || bits % BITS_PER_UNIT)
    {
      if (st)
	st->bad = true;
      return "0";
    }
  std::string addr;
  if (TREE_CODE (base) == MEM_REF)
    {
      tree ptr = TREE_OPERAND (base, 0);
      addr = "(" + (st ? operand (*st, ptr) : generic (NULL, ptr)) + " + "
	     + fmt ("0x%llxULL", (unsigned long long)
		    mem_ref_offset (base).force_shwi ().to_constant ()) + ")";
    }
  else if (DECL_P (base) || TREE_CODE (base) == STRING_CST)
    {
      if (DECL_P (base) && !is_global_var (base) && st
	  && DECL_CONTEXT (base) != st->fn->decl)
	{
	  st->bad = true;
	  return "0";
	}
      addr = address_of (st, base);
    }
  else
    {
      if (st)
	st->bad = true;
      return "0";
    }
  if (offset)
    addr = "(" + addr + " + (__u64) " + generic (st, offset) + ")";
  if (bits)
    addr = "(" + addr + fmt (" + 0x%llxULL)", (unsigned long long) bits / 8);
  return addr;
}

/* Return true if T is a register operand (SSA name or constant).  */
static bool
value_operand_p (tree t)
{
  return TREE_CODE (t) == SSA_NAME || CONSTANT_CLASS_P (t)
	 || TREE_CODE (t) == ADDR_EXPR;
}

/* The region of the value of T in U: T is an operand, or a GENERIC
   expression over constants and addresses (a known value).  It follows
   operand () and generic (): what they emit is what it describes.  */
int
c_emitter::region_of_value (region_unit &u, tree t)
{
  tree type = TREE_TYPE (t);
  if (narrow_p (type))
    return RG_INTEGER;
  switch (TREE_CODE (t))
    {
    case SSA_NAME:
      if (SSA_NAME_IS_DEFAULT_DEF (t))
	{
	  tree var = SSA_NAME_VAR (t);
	  if (var && TREE_CODE (var) == PARM_DECL && u.level < 0)
	    {
	      auto p = m_param_regions.find (var);
	      return p == m_param_regions.end () ? RG_UNDEF : p->second;
	    }
	  if (!var || TREE_CODE (var) != PARM_DECL)
	    return RG_UNDEF;		/* Emitted as 0.  */
	}
      if (u.level >= 0 && !m_region.defines_p (t))
	{
	  tree v = m_region.known_value (t);
	  return v ? region_convert (region_of_value (u, v), type) : RG_UNKNOWN;
	}
      {
	auto n = u.names->find (t);
	return n == u.names->end () ? RG_UNDEF : n->second;
      }
    case INTEGER_CST:
      {
	unsigned long long v = TREE_INT_CST_LOW (t);
	if (!POINTER_TYPE_P (type))
	  return RG_INTEGER;
	if (v == 0)
	  return RG_UNDEF;
	int r = (int) (v >> REGION_SHIFT);
	return region_p (r) ? r : RG_UNKNOWN;
      }
    case ADDR_EXPR:
      {
	tree base = get_base_address (TREE_OPERAND (t, 0));
	if (base && TREE_CODE (base) == MEM_REF)
	  return region_convert (region_of_value (u, TREE_OPERAND (base, 0)),
				 type);
	if (base && (TREE_CODE (base) == STRING_CST || VAR_P (base)
		     || TREE_CODE (base) == PARM_DECL
		     || TREE_CODE (base) == RESULT_DECL))
	  return m_layout.region_for (base);
	return RG_UNKNOWN;
      }
    CASE_CONVERT:
    case NON_LVALUE_EXPR:
      return region_convert (region_of_value (u, TREE_OPERAND (t, 0)), type);
    case POINTER_PLUS_EXPR:
    case PLUS_EXPR:
      return region_convert (region_plus (region_of_value (u, TREE_OPERAND (t, 0)),
					  region_of_value (u, TREE_OPERAND (t, 1))),
			     type);
    case MINUS_EXPR:
      return region_convert (region_minus (region_of_value (u, TREE_OPERAND (t, 0)),
					   region_of_value (u, TREE_OPERAND (t, 1))),
			     type);
    default:
      return RG_UNKNOWN;
    }
}

/* The region of what STMT (a PHI, an assignment or a call) gives its
   SSA result in U, from what is known of its operands.  */
int
c_emitter::region_of_stmt (region_unit &u, gimple *stmt)
{
  tree type = TREE_TYPE (gimple_get_lhs (stmt));
  if (narrow_p (type))
    return RG_INTEGER;
  if (gphi *phi = dyn_cast <gphi *> (stmt))
    {
      int r = RG_UNDEF;
      for (unsigned i = 0; i < gimple_phi_num_args (phi); i++)
	r = region_meet (r, region_convert
			 (region_of_value (u, gimple_phi_arg_def (phi, i)), type));
      return r;
    }
  if (gassign *a = dyn_cast <gassign *> (stmt))
    {
      enum tree_code code = gimple_assign_rhs_code (a);
      tree rhs1 = gimple_assign_rhs1 (a);
      if (get_gimple_rhs_class (code) == GIMPLE_SINGLE_RHS)
	{
	  if (value_operand_p (rhs1))
	    return region_convert (region_of_value (u, rhs1), type);
	  /* A load: an address kept in memory may point anywhere.  */
	  return POINTER_TYPE_P (type) ? RG_UNKNOWN : RG_INTEGER;
	}
      int r1 = region_of_value (u, rhs1);
      switch (code)
	{
	CASE_CONVERT:
	case PAREN_EXPR:
	  return region_convert (r1, type);
	case POINTER_PLUS_EXPR:
	case PLUS_EXPR:
	  return region_convert (region_plus (r1, region_of_value
					      (u, gimple_assign_rhs2 (a))),
				 type);
	case MINUS_EXPR:
	  return region_convert (region_minus (r1, region_of_value
					       (u, gimple_assign_rhs2 (a))),
				 type);
	case MIN_EXPR:
	case MAX_EXPR:
	  return region_convert (region_meet (r1, region_of_value
					      (u, gimple_assign_rhs2 (a))),
				 type);
	case COND_EXPR:
	  return region_convert
		   (region_meet (region_of_value (u, gimple_assign_rhs2 (a)),
				 region_of_value (u, gimple_assign_rhs3 (a))),
		    type);
	default:
	  break;
	}
      /* Arithmetic on numbers gives a number; on addresses, anything.  */
      for (unsigned i = 1; i < gimple_num_ops (a); i++)
	{
	  int r = region_of_value (u, gimple_op (a, i));
	  if (r == RG_UNDEF)
	    return RG_UNDEF;
	  if (r != RG_INTEGER)
	    return RG_UNKNOWN;
	}
      return region_convert (RG_INTEGER, type);
    }
  if (gcall *call = dyn_cast <gcall *> (stmt))
    {
      cgraph_node *callee = callee_with_body (call);
      tree fndecl = gimple_call_fndecl (call);
      if (landmark_of_call (call))
	;
      else if (callee && m_region.callees.count (callee))
	{
	  auto r = m_return_regions.find (callee);
	  return region_convert (r == m_return_regions.end () ? RG_UNDEF
				 : r->second, type);
	}
      else if (!callee && fndecl)
	switch (kernel_call_of (fndecl))
	  {
	  case KCALL_MEMCPY:
	  case KCALL_MEMSET:
	  case KCALL_MEMCHR:
	  case KCALL_STRCHR:
	    /* The first argument, or a place in it (or null).  */
	    if (gimple_call_num_args (call) > 0)
	      return region_convert (region_of_value
				     (u, gimple_call_arg (call, 0)), type);
	    break;
	  case KCALL_CTYPE_B:
	  case KCALL_CTYPE_TOUPPER:
	  case KCALL_CTYPE_TOLOWER:
	    return RG_RODATA;
	  default:
	    break;
	  }
    }
  return POINTER_TYPE_P (type) ? RG_UNKNOWN : RG_INTEGER;
}

/* Infer the regions of unit U's SSA names, as far as they go with what
   is known of its parameters and of what its callees return, and merge
   what U passes to its callees and returns into what they know.
   Return true if that changed.  */
bool
c_emitter::infer_unit (region_unit &u)
{
  function *fun = body_of (u.fn);
  gimple *after = NULL;
  if (u.level >= 0)
    after = (size_t) u.level < m_region.chain.size ()
	    ? m_region.chain[u.level].call : m_region.receive;
  auto merge = [] (int &slot, int r) {
    int m = region_meet (slot, r);
    if (m == slot)
      return false;
    slot = m;
    return true;
  };
  /* The resume function starts with the result of the receive or of
     the call down the chain: nothing is known of it.  */
  if (after && gimple_call_lhs (after)
      && TREE_CODE (gimple_call_lhs (after)) == SSA_NAME)
    {
      tree lhs = gimple_call_lhs (after);
      (*u.names)[lhs] = narrow_p (TREE_TYPE (lhs)) ? RG_INTEGER : RG_UNKNOWN;
    }
  bool outside = false, changed;
  int rounds = 0;
  do
    {
      changed = false;
      basic_block bb;
      FOR_EACH_BB_FN (bb, fun)
	{
	  if (after && !m_region.entered.count (bb) && bb != gimple_bb (after))
	    continue;
	  for (gphi_iterator gpi = gsi_start_phis (bb); !gsi_end_p (gpi);
	       gsi_next (&gpi))
	    {
	      tree res = gimple_phi_result (gpi.phi ());
	      if (virtual_operand_p (res))
		continue;
	      auto it = u.names->emplace (res, RG_UNDEF).first;
	      changed |= merge (it->second, region_of_stmt (u, gpi.phi ()));
	    }
	  for (gimple_stmt_iterator gsi = gsi_start_bb (bb); !gsi_end_p (gsi);
	       gsi_next (&gsi))
	    {
	      gimple *stmt = gsi_stmt (gsi);
	      if ((after && !m_region.contains_p (stmt)) || stmt == after)
		continue;
	      tree lhs = gimple_get_lhs (stmt);
	      if (lhs && TREE_CODE (lhs) == SSA_NAME
		  && (is_gimple_assign (stmt) || is_gimple_call (stmt)))
		{
		  auto it = u.names->emplace (lhs, RG_UNDEF).first;
		  changed |= merge (it->second, region_of_stmt (u, stmt));
		}
	      if (gcall *call = dyn_cast <gcall *> (stmt))
		{
		  cgraph_node *callee = callee_with_body (call);
		  if (!callee || !m_region.callees.count (callee))
		    continue;
		  unsigned i = 0;
		  for (tree parm = DECL_ARGUMENTS (callee->decl);
		       parm && i < gimple_call_num_args (call);
		       parm = DECL_CHAIN (parm), i++)
		    {
		      int r = region_convert (region_of_value
					      (u, gimple_call_arg (call, i)),
					      TREE_TYPE (parm));
		      auto it = m_param_regions.emplace (parm, RG_UNDEF).first;
		      outside |= merge (it->second, r);
		    }
		}
	      if (greturn *ret = dyn_cast <greturn *> (stmt))
		{
		  tree value = gimple_return_retval (ret);
		  if (u.level < 0 && value && TREE_CODE (value) != RESULT_DECL)
		    {
		      auto it = m_return_regions.emplace (u.fn, RG_UNDEF).first;
		      outside |= merge (it->second, region_of_value (u, value));
		    }
		}
	    }
	}
    }
  while (changed && ++rounds < 100);
  return outside;
}

/* Find where the addresses of the functions to emit point: the chain
   levels and CALLEES (callers before callees, so that most parameters
   are known before their function is looked at).  A parameter's region
   is the one every call agrees on, a result's the one every return
   does; the rounds go on until nothing changes.  */
void
c_emitter::infer_regions (const std::vector<cgraph_node *> &callees)
{
  std::vector<region_unit> units;
  for (size_t level = 0; level <= m_region.chain.size (); level++)
    {
      cgraph_node *fn = level < m_region.chain.size ()
			? m_region.chain[level].caller : m_region.receive_fn;
      units.push_back ({ fn, (int) level, &m_regions[{ fn, (int) level }] });
    }
  for (cgraph_node *fn : callees)
    units.push_back ({ fn, -1, &m_regions[{ fn, -1 }] });
  for (int round = 0; round < 20; round++)
    {
      bool changed = false;
      for (region_unit &u : units)
	changed |= infer_unit (u);
      if (!changed)
	break;
    }
}

/* The region memory reference REF is in, or RG_UNKNOWN.  */
int
c_emitter::region_of_ref (fn_state &st, tree ref)
{
  if (!st.regions)
    return RG_UNKNOWN;
  tree base = get_base_address (ref);
  int r = RG_UNKNOWN;
  if (base && TREE_CODE (base) == MEM_REF)
    r = region_of_value (*st.regions, TREE_OPERAND (base, 0));
  else if (base && (TREE_CODE (base) == STRING_CST || VAR_P (base)
		    || TREE_CODE (base) == PARM_DECL
		    || TREE_CODE (base) == RESULT_DECL))
    r = m_layout.region_for (base);
  return region_p (r) ? r : RG_UNKNOWN;
}

bool
c_emitter::load (fn_state &st, tree ref, const std::string &dest,
		 std::string &out)
{
  tree type = TREE_TYPE (ref);
  std::string ct = c_move_type (type);
  if (ct.empty () || !tree_fits_uhwi_p (TYPE_SIZE_UNIT (type)))
    return false;
  std::string addr = address_of (&st, ref);
  int r = region_of_ref (st, ref);
  const char *accessor = r == RG_SCRATCH ? "offload_read_scratch"
			 : r == RG_GLOBALS ? "offload_read_globals"
			 : r == RG_RODATA ? "offload_read_rodata" : "offload_read";
  out += std::string ("{ __u8 *p_ = ") + accessor + " (c, " + addr + ", "
	 + std::to_string (tree_to_uhwi (TYPE_SIZE_UNIT (type)))
	 + "); if (!p_) " + fail_text ("OFFLOAD_FB_MEMORY") + " "
	 + dest + " = *(" + ct + " *) p_; }\n";
  return !st.bad;
}

bool
c_emitter::store (fn_state &st, tree ref, const std::string &value,
		  std::string &out)
{
  tree type = TREE_TYPE (ref);
  std::string ct = c_move_type (type);
  if (ct.empty () || !tree_fits_uhwi_p (TYPE_SIZE_UNIT (type)))
    return false;
  std::string addr = address_of (&st, ref);
  int r = region_of_ref (st, ref);
  /* Rodata is never written: its stores keep the generic accessor,
     which refuses them.  */
  const char *accessor = r == RG_SCRATCH ? "offload_write_scratch"
			 : r == RG_GLOBALS ? "offload_write_globals"
			 : "offload_write";
  out += std::string ("{ __u8 *p_ = ") + accessor + " (c, " + addr + ", "
	 + std::to_string (tree_to_uhwi (TYPE_SIZE_UNIT (type)))
	 + "); if (!p_) " + fail_text ("OFFLOAD_FB_MEMORY") + " *(" + ct
	 + " *) p_ = (" + ct + ") (" + value + "); }\n";
  return !st.bad;
}

bool
c_emitter::emit_assign (fn_state &st, gassign *stmt, std::string &out)
{
  tree lhs = gimple_assign_lhs (stmt);
  enum tree_code code = gimple_assign_rhs_code (stmt);
  tree rhs1 = gimple_assign_rhs1 (stmt);
  tree type = TREE_TYPE (lhs);
  bool lhs_reg = TREE_CODE (lhs) == SSA_NAME;
  std::string ct = c_type (type);

  if (gimple_clobber_p (stmt))
    return true;
  if (get_gimple_rhs_class (code) == GIMPLE_SINGLE_RHS
      && !value_operand_p (rhs1))
    {
      /* A load, an aggregate copy, or a block clear.  */
      if (lhs_reg)
	return load (st, rhs1, fmt ("s%u", SSA_NAME_VERSION (lhs)), out);
      tree size = TYPE_SIZE_UNIT (type);
      if (!size || !tree_fits_uhwi_p (size))
	return false;
      std::string n = std::to_string (tree_to_uhwi (size));
      std::string dst = address_of (&st, lhs);
      if (TREE_CODE (rhs1) == CONSTRUCTOR)
	{
	  if (CONSTRUCTOR_NELTS (rhs1) != 0)
	    return false;
	  out += "if (offload_memset (c, " + dst + ", 0, " + n + ")) "
		 + fail_text ("OFFLOAD_FB_MEMORY") + "\n";
	  return !st.bad;
	}
      std::string src = address_of (&st, rhs1);
      out += "if (offload_memmove (c, " + dst + ", " + src + ", " + n + ")) "
	     + fail_text ("OFFLOAD_FB_MEMORY") + "\n";
      return !st.bad;
    }
  if (!lhs_reg)
    {
      if (get_gimple_rhs_class (code) != GIMPLE_SINGLE_RHS)
	return false;
      return store (st, lhs, operand (st, rhs1), out);
    }
  if (ct.empty ())
    return false;
  std::string dest = fmt ("s%u", SSA_NAME_VERSION (lhs));
  std::string a = operand (st, rhs1);
  std::string e;
  std::string w = POINTER_TYPE_P (type) ? "__u64" : wide_unsigned (type);
  switch (get_gimple_rhs_class (code))
    {
    case GIMPLE_SINGLE_RHS:
      e = "(" + ct + ") " + a;
      break;
    case GIMPLE_UNARY_RHS:
      switch (code)
	{
	CASE_CONVERT:
	  {
	    std::string from = c_type (TREE_TYPE (rhs1));
	    if (from.empty ())
	      return false;
	    if (TYPE_PRECISION (type) == 1 && !POINTER_TYPE_P (type))
	      e = "(" + ct + ") (" + a + " & 1)";
	    else
	      e = "(" + ct + ") (" + from + ") " + a;
	    break;
	  }
	case PAREN_EXPR:
	  e = a;
	  break;
	case NEGATE_EXPR:
	  e = "(" + ct + ") -(" + w + ") " + a;
	  break;
	case BIT_NOT_EXPR:
	  e = "(" + ct + ") ~" + a;
	  break;
	case ABS_EXPR:
	case ABSU_EXPR:
	  e = "(" + ct + ") (" + a + " < 0 ? -(" + wide_unsigned (TREE_TYPE (rhs1))
	      + ") " + a + " : (" + wide_unsigned (TREE_TYPE (rhs1)) + ") " + a
	      + ")";
	  break;
	default:
	  return false;
	}
      break;
    case GIMPLE_BINARY_RHS:
      {
	tree rhs2 = gimple_assign_rhs2 (stmt);
	std::string b = operand (st, rhs2);
	std::string at = c_type (TREE_TYPE (rhs1));
	std::string bt = c_type (TREE_TYPE (rhs2));
	if (at.empty () || bt.empty ())
	  return false;
	switch (code)
	  {
	  case PLUS_EXPR: case MINUS_EXPR: case MULT_EXPR:
	  case POINTER_PLUS_EXPR:
	  case BIT_AND_EXPR: case BIT_IOR_EXPR: case BIT_XOR_EXPR:
	    e = "(" + ct + ") ((" + w + ") " + a + " " + binary_op (code)
		+ " (" + w + ") " + b + ")";
	    break;
	  case POINTER_DIFF_EXPR:
	    e = "(" + ct + ") (__s64) (" + a + " - " + b + ")";
	    break;
	  case LT_EXPR: case LE_EXPR: case GT_EXPR: case GE_EXPR:
	  case EQ_EXPR: case NE_EXPR:
	    e = "(" + ct + ") ((" + at + ") " + a + " " + binary_op (code)
		+ " (" + at + ") " + b + ")";
	    break;
	  case MIN_EXPR: case MAX_EXPR:
	    e = "(" + ct + ") ((" + at + ") " + a
		+ (code == MIN_EXPR ? " < " : " > ") + "(" + at + ") " + b
		+ " ? " + a + " : " + b + ")";
	    break;
	  case LSHIFT_EXPR:
	    e = "(" + ct + ") ((" + w + ") " + a + " << (" + b + "))";
	    break;
	  case RSHIFT_EXPR:
	    e = "(" + ct + ") ((" + ct + ") " + a + " >> (" + b + "))";
	    break;
	  case LROTATE_EXPR: case RROTATE_EXPR:
	    {
	      std::string u = unsigned_of (type);
	      std::string prec = std::to_string (TYPE_PRECISION (type));
	      std::string k = "((" + b + ") % " + prec + ")";
	      std::string l = code == LROTATE_EXPR ? "<<" : ">>";
	      std::string r = code == LROTATE_EXPR ? ">>" : "<<";
	      e = "(" + ct + ") (" + u + ") (((" + w + ") (" + u + ") " + a + " "
		  + l + " " + k + ") | ((" + w + ") (" + u + ") " + a + " " + r
		  + " ((" + prec + " - " + k + ") % " + prec + ")))";
	      break;
	    }
	  case TRUNC_DIV_EXPR: case EXACT_DIV_EXPR: case TRUNC_MOD_EXPR:
	    {
	      bool mod = code == TRUNC_MOD_EXPR;
	      out += "if ((" + bt + ") " + b + " == 0) "
		     + fail_text ("OFFLOAD_FB_ARITH") + "\n";
	      /* Through helpers that keep bpf-gcc from trying a signed
		 division (runtime/xdp-libc.h, offload_udiv).  */
	      if (TYPE_UNSIGNED (type))
		e = "(" + ct + ") " + (mod ? "offload_umod" : "offload_udiv")
		    + " ((" + w + ") " + a + ", (" + w + ") " + b + ")";
	      else
		{
		  /* bpf-gcc 12 has no signed division; the runtime divides
		     magnitudes, and refuses what would trap.  */
		  out += "if (offload_sdiv_traps ((__s64) " + a + ", (__s64) " + b
			 + ", " + std::to_string (TYPE_PRECISION (type)) + ")) "
			 + fail_text ("OFFLOAD_FB_ARITH") + "\n";
		  e = "(" + ct + ") " + (mod ? "offload_smod" : "offload_sdiv")
		      + " ((__s64) " + a + ", (__s64) " + b + ")";
		}
	      break;
	    }
	  default:
	    return false;
	  }
	break;
      }
    case GIMPLE_TERNARY_RHS:
      if (code != COND_EXPR)
	return false;
      e = "(" + ct + ") ((" + a + ") ? " + operand (st, gimple_assign_rhs2 (stmt))
	  + " : " + operand (st, gimple_assign_rhs3 (stmt)) + ")";
      break;
    default:
      return false;
    }
  out += dest + " = " + e + ";\n";
  return !st.bad;
}

bool
c_emitter::emit_kernel_call (fn_state &st, gcall *stmt, std::string &out)
{
  tree fndecl = gimple_call_fndecl (stmt);
  tree lhs = gimple_call_lhs (stmt);
  unsigned nargs = gimple_call_num_args (stmt);
  std::vector<std::string> args;
  for (unsigned i = 0; i < nargs; i++)
    args.push_back ("(__u64) " + operand (st, gimple_call_arg (stmt, i)));
  std::string mem_fail = fail_text ("OFFLOAD_FB_MEMORY");
  std::string result;
  auto need = [&] (unsigned n) { return nargs >= n; };
  switch (kernel_call_of (fndecl))
    {
    case KCALL_MEMCPY:
      if (!need (3))
	return false;
      if (nargs == 4)
	out += "if (" + args[2] + " > " + args[3] + ") "
	       + fail_text ("OFFLOAD_FB_REFUSED") + "\n";
      out += "if (offload_memmove (c, " + args[0] + ", " + args[1] + ", "
	     + args[2] + ")) " + mem_fail + "\n";
      result = args[0];
      break;
    case KCALL_MEMSET:
      if (!need (3))
	return false;
      if (nargs == 4)
	out += "if (" + args[2] + " > " + args[3] + ") "
	       + fail_text ("OFFLOAD_FB_REFUSED") + "\n";
      out += "if (offload_memset (c, " + args[0] + ", (__u8) " + args[1] + ", "
	     + args[2] + ")) " + mem_fail + "\n";
      result = args[0];
      break;
    case KCALL_MEMCMP:
    case KCALL_STRNCMP:
    case KCALL_STRCMP:
      {
	if (!need (2))
	  return false;
	bool str = kernel_call_of (fndecl) != KCALL_MEMCMP;
	std::string n = nargs >= 3 ? args[2] : "OFFLOAD_MAX_COPY";
	out += std::string ("{ __s64 r_; if (offload_") + (str ? "strncmp" : "memcmp")
	       + " (c, " + args[0] + ", " + args[1] + ", " + n + ", &r_)) "
	       + mem_fail + " t_ = r_; }\n";
	result = "t_";
	break;
      }
    case KCALL_MEMCHR:
      if (!need (3))
	return false;
      out += "{ __u64 r_; if (offload_memchr (c, " + args[0] + ", (__u8) "
	     + args[1] + ", " + args[2] + ", &r_)) " + mem_fail + " t_ = r_; }\n";
      result = "t_";
      break;
    case KCALL_STRCHR:
      if (!need (2))
	return false;
      out += "{ __u64 r_; if (offload_strchr (c, " + args[0] + ", (__u8) "
	     + args[1] + ", &r_)) " + mem_fail + " t_ = r_; }\n";
      result = "t_";
      break;
    case KCALL_STRLEN:
    case KCALL_STRNLEN:
      {
	if (!need (1))
	  return false;
	std::string n = nargs >= 2 ? args[1] : "~0ULL";
	out += "{ __u64 r_; if (offload_strnlen (c, " + args[0] + ", " + n
	       + ", &r_)) " + mem_fail + " t_ = r_; }\n";
	result = "t_";
	break;
      }
    case KCALL_BSWAP16:
      result = "offload_bswap16 (" + args[0] + ")";
      break;
    case KCALL_BSWAP32:
      result = "offload_bswap32 (" + args[0] + ")";
      break;
    case KCALL_BSWAP64:
      result = "offload_bswap64 (" + args[0] + ")";
      break;
    case KCALL_ABS:
      result = "((__s64) " + operand (st, gimple_call_arg (stmt, 0)) + " < 0 ? -(__u64) "
	       + args[0] + " : " + args[0] + ")";
      break;
    case KCALL_CTYPE_B:
    case KCALL_CTYPE_TOUPPER:
    case KCALL_CTYPE_TOLOWER:
      {
	kernel_call k = kernel_call_of (fndecl);
	result = fmt ("0x%llxULL", m_layout.ctype_cell
		      (k == KCALL_CTYPE_B ? 0 : k == KCALL_CTYPE_TOUPPER ? 1 : 2));
	break;
      }
    case KCALL_TOUPPER:
    case KCALL_TOLOWER:
      {
	std::string v = "((__s32) " + args[0] + ")";
	result = kernel_call_of (fndecl) == KCALL_TOUPPER
		 ? "(" + v + " >= 'a' && " + v + " <= 'z' ? " + v + " - 32 : " + v + ")"
		 : "(" + v + " >= 'A' && " + v + " <= 'Z' ? " + v + " + 32 : " + v + ")";
	break;
      }
    case KCALL_CLOCK_GETTIME:
      if (!need (2))
	return false;
      out += "if (offload_clock_monotonic (c, " + args[1] + ")) " + mem_fail + "\n";
      result = "0";
      break;
    case KCALL_ABORT:
      out += fail_text ("OFFLOAD_FB_REFUSED") + "\n";
      return true;
    default:
      return false;
    }
  if (lhs)
    {
      std::string ct = c_type (TREE_TYPE (lhs));
      if (ct.empty ())
	return false;
      std::string value = "(" + ct + ") (" + result + ")";
      if (TREE_CODE (lhs) == SSA_NAME)
	out += fmt ("s%u = ", SSA_NAME_VERSION (lhs)) + value + ";\n";
      else if (!store (st, lhs, value, out))
	return false;
    }
  return !st.bad;
}

bool
c_emitter::emit_call (fn_state &st, gcall *stmt, std::string &out)
{
  tree lhs = gimple_call_lhs (stmt);
  if (const landmark *l = landmark_of_call (stmt))
    {
      if (l->kind == LANDMARK_SEND && m_region.reply_sends.count (stmt)
	  && m_hook.reply_call_p (l->name))
	{
	  /* sendto (fd, buf, len, flags, dest, ...), send (fd, buf, len,
	     flags) or write (fd, buf, len).  */
	  unsigned nargs = gimple_call_num_args (stmt);
	  std::string buf = operand (st, gimple_call_arg (stmt, 1));
	  std::string len = operand (st, gimple_call_arg (stmt, 2));
	  std::string flags = nargs > 3
			      ? operand (st, gimple_call_arg (stmt, 3)) : "0";
	  std::string dest = nargs > 4
			     ? operand (st, gimple_call_arg (stmt, 4)) : "0";
	  std::string c_lhs;
	  std::string tail;
	  if (lhs && TREE_CODE (lhs) == SSA_NAME)
	    c_lhs = fmt ("s%u", SSA_NAME_VERSION (lhs));
	  else if (lhs)
	    return false;
	  return m_hook.emit_send (stmt, buf, len, flags, dest,
				   c_lhs.empty () ? NULL : c_lhs.c_str (), out)
		 && !st.bad;
	}
      return false;
    }
  cgraph_node *callee = callee_with_body (stmt);
  if (!callee)
    return emit_kernel_call (st, stmt, out);
  if (m_recursive_calls.count (stmt))
    {
      m_what = "makes a recursive call: BPF has no recursion";
      return false;
    }
  auto untranslated = m_untranslated.find (callee);
  if (untranslated != m_untranslated.end ())
    {
      m_what = std::string ("calls '") + decl_name (callee->decl) + "': "
	       + untranslated->second;
      return false;
    }
  tree fntype = TREE_TYPE (callee->decl);
  /* BPF calls take five arguments: more go in a struct (emit_function
     unpacks it).  */
  bool packed = list_length (DECL_ARGUMENTS (callee->decl)) > 4;
  std::string args;
  unsigned i = 0;
  for (tree parm = DECL_ARGUMENTS (callee->decl); parm;
       parm = DECL_CHAIN (parm), i++)
    {
      if (i >= gimple_call_num_args (stmt))
	return false;
      std::string pt = c_type (TREE_TYPE (parm));
      if (pt.empty ())
	return false;
      args += (i || !packed ? ", (" : "(") + pt + ") "
	      + operand (st, gimple_call_arg (stmt, i));
    }
  if (i != gimple_call_num_args (stmt))
    return false;
  std::string call = fn_name (callee) + " (c" + (packed ? ", &a_)" : args + ")");
  tree rtype = TREE_TYPE (fntype);
  if (lhs && (c_type (TREE_TYPE (lhs)).empty () || c_type (rtype).empty ()))
    return false;
  out += "{ ";
  if (packed)
    out += "struct " + fn_name (callee) + "_args a_ = { " + args + " }; ";
  out += (lhs ? "t_ = (__u64) " : "") + call + "; }\n";
  out += "if (c->fail) goto offload_out;\n";
  if (lhs)
    {
      std::string value = "(" + c_type (TREE_TYPE (lhs)) + ") ("
			  + c_type (rtype) + ") t_";
      if (TREE_CODE (lhs) == SSA_NAME)
	out += fmt ("s%u = ", SSA_NAME_VERSION (lhs)) + value + ";\n";
      else if (!store (st, lhs, value, out))
	return false;
    }
  return !st.bad;
}

bool
c_emitter::emit_return (fn_state &st, greturn *stmt, std::string &out)
{
  tree value = gimple_return_retval (stmt);
  if (st.level == 0)
    {
      /* Returning from the event loop's function leaves the loop.  */
      out += fail_text ("OFFLOAD_FB_LEAVE") + "\n";
      return true;
    }
  if (st.level > 0)
    {
      out += "return " + (value ? "(__u64) " + operand (st, value)
			  : std::string ("0")) + ";\n";
      return !st.bad;
    }
  if (st.ret_type.empty ())
    {
      out += "return;\n";
      return true;
    }
  if (!value || TREE_CODE (value) == RESULT_DECL)
    {
      if (value && !is_gimple_reg (value))
	return false;
      out += "return 0;\n";
      return true;
    }
  out += "return (" + st.ret_type + ") " + operand (st, value) + ";\n";
  return !st.bad;
}

void
c_emitter::emit_stmt (fn_state &st, gimple *stmt)
{
  if (is_gimple_debug (stmt) || gimple_code (stmt) == GIMPLE_LABEL
      || gimple_code (stmt) == GIMPLE_NOP
      || gimple_code (stmt) == GIMPLE_PREDICT)
    return;
  if (gimple_code (stmt) == GIMPLE_COND || gimple_code (stmt) == GIMPLE_SWITCH)
    return;			/* Emitted with the block's jumps.  */
  std::string where = "/* " + location_string (gimple_location (stmt)) + " */ ";

  if (st.level >= 0 && m_region.round_only.count (stmt))
    return;
  /* The end of the request in a chain function.  */
  if (st.level >= 0 && m_region.request_end_p (stmt))
    {
      st.body += where + "c->finished = 1; goto offload_out;\n";
      return;
    }
  /* Other receives and sends: the path's own reasons say why they
     cannot run in the kernel (lto/feasibility.h).  */
  if (const landmark *l = landmark_of_call (stmt))
    if ((l->kind == LANDMARK_RECEIVE || l->kind == LANDMARK_SEND
	 || l->kind == LANDMARK_WAIT)
	&& !(l->kind == LANDMARK_SEND && m_region.reply_sends.count (stmt)
	     && m_hook.reply_call_p (l->name)))
      {
	st.body += where + fail_text ("OFFLOAD_FB_REFUSED") + "\n";
	return;
      }
  auto r = m_region.refusals.find (stmt);
  std::string why = st.level >= 0 && r != m_region.refusals.end ()
		    ? r->second : stmt_refusal (stmt);
  if (why.empty () && m_region.unjudged.count (stmt))
    why = m_region.unjudged.at (stmt);
  if (!why.empty ())
    {
      st.body += where + fail_text ("OFFLOAD_FB_REFUSED") + "\n";
      return;
    }
  std::string out;
  bool ok;
  st.bad = false;
  m_error.clear ();
  m_what.clear ();
  switch (gimple_code (stmt))
    {
    case GIMPLE_ASSIGN:
      ok = emit_assign (st, as_a <gassign *> (stmt), out);
      break;
    case GIMPLE_CALL:
      ok = emit_call (st, as_a <gcall *> (stmt), out);
      break;
    case GIMPLE_RETURN:
      ok = emit_return (st, as_a <greturn *> (stmt), out);
      break;
    default:
      ok = false;
      break;
    }
  if (!ok || st.bad)
    {
      std::string what = m_error.empty ()
			 ? std::string ("'") + gimple_code_name[gimple_code (stmt)]
			   + "' statement: the code generator does not "
			   "translate it yet"
			 : "uses memory the generator cannot place: " + m_error;
      if (is_gimple_assign (stmt))
	what = std::string ("computes '")
	       + get_tree_code_name (gimple_assign_rhs_code (stmt))
	       + "': the code generator does not translate it yet";
      if (!m_error.empty ())
	what = "uses memory the generator cannot place: " + m_error;
      if (!m_what.empty ())
	what = m_what;
      refuse (stmt, what);
      st.body += where + fail_text ("OFFLOAD_FB_REFUSED") + "\n";
      return;
    }
  st.body += where + out;
}

/* Return true if an exit test of LOOP compares two variables.  */
static bool
data_bounded_p (function *fun, class loop *loop)
{
  basic_block bb;
  FOR_EACH_BB_FN (bb, fun)
    {
      if (!block_in_loop_p (loop, bb))
	continue;
      gcond *cond = safe_dyn_cast <gcond *> (last_stmt (bb));
      if (!cond)
	continue;
      bool exits = false;
      edge e;
      edge_iterator ei;
      FOR_EACH_EDGE (e, ei, bb->succs)
	exits |= !block_in_loop_p (loop, e->dest);
      if (exits && TREE_CODE (gimple_cond_lhs (cond)) == SSA_NAME
	  && TREE_CODE (gimple_cond_rhs (cond)) == SSA_NAME)
	return true;
    }
  return false;
}

/* The SSA names defined in LOOP and used after it.  */
const std::vector<tree> &
c_emitter::loop_outputs (fn_state &st, class loop *loop)
{
  auto it = st.loop_outputs.find (loop);
  if (it != st.loop_outputs.end ())
    return it->second;
  std::vector<tree> &out = st.loop_outputs[loop];
  auto used_after = [&] (tree name) {
    imm_use_iterator ui;
    use_operand_p use;
    FOR_EACH_IMM_USE_FAST (use, ui, name)
      {
	gimple *user = USE_STMT (use);
	if (is_gimple_debug (user))
	  continue;
	/* A PHI outside the loop takes the value on an exit edge.  */
	basic_block ub = gimple_bb (user);
	if (ub && !block_in_loop_p (loop, ub))
	  return true;
      }
    return false;
  };
  basic_block bb;
  FOR_EACH_BB_FN (bb, st.fun)
    {
      if (!block_in_loop_p (loop, bb))
	continue;
      for (gphi_iterator gpi = gsi_start_phis (bb); !gsi_end_p (gpi);
	   gsi_next (&gpi))
	{
	  tree res = gimple_phi_result (gpi.phi ());
	  if (!virtual_operand_p (res) && used_after (res))
	    out.push_back (res);
	}
      for (gimple_stmt_iterator gsi = gsi_start_bb (bb); !gsi_end_p (gsi);
	   gsi_next (&gsi))
	{
	  tree lhs = gimple_get_lhs (gsi_stmt (gsi));
	  if (lhs && TREE_CODE (lhs) == SSA_NAME && used_after (lhs))
	    out.push_back (lhs);
	}
    }
  return out;
}

/* The C that takes edge E.  */
void
c_emitter::emit_jump (fn_state &st, edge e)
{
  basic_block dest = e->dest;
  if (dest == EXIT_BLOCK_PTR_FOR_FN (st.fun))
    {
      st.body += "  " + fail_text ("OFFLOAD_FB_REFUSED") + "\n";
      return;
    }
  if (st.level == 0 && !block_in_loop_p (m_region.loop, dest))
    {
      st.body += "  " + fail_text ("OFFLOAD_FB_LEAVE") + "\n";
      return;
    }
  if (st.level >= 0 && m_region.end_edges.count (e))
    {
      st.body += "  c->finished = 1; goto offload_out;\n";
      return;
    }
  if (st.level >= 0 && !m_region.entered.count (dest))
    {
      st.body += "  " + fail_text ("OFFLOAD_FB_LEAVE") + "\n";
      return;
    }
  /* Values leaving a loop are laundered (runtime/xdp-memory.h): the
     verifier then sees every exit of the loop alike and checks the rest
     of the program once, not once per iteration count.  */
  for (class loop *x = e->src->loop_father; x && loop_outer (x);
       x = loop_outer (x))
    {
      if (block_in_loop_p (x, dest))
	break;
      /* The counter too: left with its last count, it would tell the
	 exits apart just the same.  */
      st.body += fmt ("  lc%d = 0;\n", x->num);
      for (tree name : loop_outputs (st, x))
	{
	  std::string ct = c_type (TREE_TYPE (name));
	  if (!ct.empty ())
	    st.body += fmt ("  s%u = (", SSA_NAME_VERSION (name)) + ct
		       + fmt (") offload_launder (c, (__u64) s%u);\n",
			      SSA_NAME_VERSION (name));
	}
    }
  class loop *l = dest->loop_father;
  if (l && loop_outer (l) && l->header == dest && !block_in_loop_p (l, e->src))
    st.body += fmt ("  lc%d = 0;\n", l->num);
  bool phis = false;
  for (gphi_iterator gpi = gsi_start_phis (dest); !gsi_end_p (gpi);
       gsi_next (&gpi))
    phis |= !virtual_operand_p (gimple_phi_result (gpi.phi ()));
  if (phis)
    {
      st.phi_edges.insert (e);
      st.body += fmt ("  goto e_%d_%d;\n", e->src->index, dest->index);
    }
  else
    st.body += fmt ("  goto bb_%d;\n", dest->index);
}

/* PHI copies, for every edge that needs them: parallel, through
   temporaries.  */
void
c_emitter::emit_edges (fn_state &st)
{
  for (edge e : st.phi_edges)
    {
      std::string tmp, set;
      st.bad = false;
      int k = 0;
      class loop *l = e->dest->loop_father;
      bool header = l && loop_outer (l) && l->header == e->dest;
      /* A loop whose exit tests compare with values from the request
	 (`i < len') gets its counters laundered too: exact counters
	 would teach the verifier the exact LEN at each exit, and it
	 would check the rest of the program once per length.  Loops
	 with constant bounds keep exact counters and end early in the
	 verifier.  */
      for (gphi_iterator gpi = gsi_start_phis (e->dest); !gsi_end_p (gpi);
	   gsi_next (&gpi), k++)
	{
	  gphi *phi = gpi.phi ();
	  tree res = gimple_phi_result (phi);
	  if (virtual_operand_p (res))
	    continue;
	  std::string ct = c_type (TREE_TYPE (res));
	  if (ct.empty ())
	    st.bad = true;
	  tree arg = PHI_ARG_DEF_FROM_EDGE (phi, e);
	  tmp += fmt ("  __u64 x%d = (__u64) ", k) + operand (st, arg) + ";\n";
	  /* Values merging from several routes are laundered (as loop
	     outputs are): otherwise the verifier would follow every
	     combination of constants the routes set, one after the
	     other.  Loop heads keep exact values, so that loops with a
	     constant trip count end early in the verifier too.  */
	  if (header && !data_bounded_p (st.fun, l))
	    set += fmt ("  s%u = (", SSA_NAME_VERSION (res)) + ct
		   + fmt (") x%d;\n", k);
	  else
	    set += fmt ("  s%u = (", SSA_NAME_VERSION (res)) + ct
		   + fmt (") offload_launder (c, x%d);\n", k);
	}
      st.body += fmt ("e_%d_%d: {\n", e->src->index, e->dest->index);
      if (st.bad)
	st.body += "  " + fail_text ("OFFLOAD_FB_REFUSED") + "\n";
      else
	st.body += tmp + set + fmt ("  goto bb_%d;\n", e->dest->index);
      st.body += "}\n";
    }
}

void
c_emitter::emit_block (fn_state &st, basic_block bb, gimple_stmt_iterator gsi)
{
  class loop *l = bb->loop_father;
  /* The header runs once more than the body when it holds the exit
     test: a loop of M_LOOP_BOUND rounds passes it M_LOOP_BOUND + 1
     times.  */
  if (gsi_stmt (gsi) == gsi_stmt (gsi_start_bb (bb)) || gsi_end_p (gsi))
    if (l && loop_outer (l) && l->header == bb)
      st.body += fmt ("  if (++lc%d > %u) ", l->num, m_loop_bound + 1)
		 + fail_text ("OFFLOAD_FB_LOOP") + "\n";
  gimple *last = NULL;
  for (; !gsi_end_p (gsi); gsi_next (&gsi))
    {
      gimple *stmt = gsi_stmt (gsi);
      if (st.level >= 0 && !m_region.contains_p (stmt)
	  && !is_gimple_debug (stmt) && gimple_code (stmt) != GIMPLE_LABEL
	  && gimple_code (stmt) != GIMPLE_NOP)
	{
	  /* The request ends at this statement, or leaves what the
	     region covers.  */
	  if (m_region.request_end_p (stmt))
	    st.body += "  c->finished = 1; goto offload_out;\n";
	  else
	    st.body += "  " + fail_text ("OFFLOAD_FB_LEAVE") + "\n";
	  return;
	}
      emit_stmt (st, stmt);
      last = stmt;
    }
  if (last && gimple_code (last) == GIMPLE_RETURN)
    return;
  if (gcond *cond = safe_dyn_cast <gcond *> (last))
    {
      edge t, f;
      extract_true_false_edges_from_block (bb, &t, &f);
      tree a = gimple_cond_lhs (cond), b = gimple_cond_rhs (cond);
      std::string at = c_type (TREE_TYPE (a));
      const char *op = binary_op (gimple_cond_code (cond));
      st.bad = false;
      std::string test = "(" + at + ") " + operand (st, a) + " "
			 + (op ? op : "?") + " (" + at + ") " + operand (st, b);
      if (at.empty () || !op || st.bad)
	{
	  refuse (cond, "branches on a value the code generator does not "
		  "translate yet");
	  st.body += "  " + fail_text ("OFFLOAD_FB_REFUSED") + "\n";
	  return;
	}
      st.body += "  if (" + test + ") {\n";
      emit_jump (st, t);
      st.body += "  } else {\n";
      emit_jump (st, f);
      st.body += "  }\n";
      return;
    }
  if (gswitch *sw = safe_dyn_cast <gswitch *> (last))
    {
      tree index = gimple_switch_index (sw);
      std::string it = c_type (TREE_TYPE (index));
      st.bad = false;
      std::string idx = operand (st, index);
      if (it.empty () || st.bad)
	{
	  refuse (sw, "switches on a value the code generator does not "
		  "translate yet");
	  st.body += "  " + fail_text ("OFFLOAD_FB_REFUSED") + "\n";
	  return;
	}
      st.body += "  switch ((" + it + ") " + idx + ") {\n";
      for (unsigned i = 0; i < gimple_switch_num_labels (sw); i++)
	{
	  tree label = gimple_switch_label (sw, i);
	  basic_block dest = label_to_block (st.fun, CASE_LABEL (label));
	  edge e = find_edge (bb, dest);
	  if (!CASE_LOW (label))
	    st.body += "  default:\n";
	  else if (CASE_HIGH (label))
	    st.body += "  case " + generic (&st, CASE_LOW (label)) + " ... "
		       + generic (&st, CASE_HIGH (label)) + ":\n";
	  else
	    st.body += "  case " + generic (&st, CASE_LOW (label)) + ":\n";
	  emit_jump (st, e);
	}
      st.body += "  }\n";
      return;
    }
  if (last && is_gimple_call (last) && gimple_call_noreturn_p (last))
    {
      st.body += "  " + fail_text ("OFFLOAD_FB_REFUSED") + "\n";
      return;
    }
  if (EDGE_COUNT (bb->succs) != 1)
    {
      st.body += "  " + fail_text ("OFFLOAD_FB_REFUSED") + "\n";
      return;
    }
  emit_jump (st, single_succ_edge (bb));
}

bool
c_emitter::emit_function (cgraph_node *fn, int level)
{
  fn_state st;
  st.fn = fn;
  st.fun = body_of (fn);
  st.level = level;
  st.bad = false;
  region_unit regions = { fn, level, &m_regions[{ fn, level }] };
  st.regions = &regions;
  tree rtype = TREE_TYPE (TREE_TYPE (fn->decl));
  st.ret_type = VOID_TYPE_P (rtype) ? "" : c_type (rtype);
  if (level < 0 && !VOID_TYPE_P (rtype) && st.ret_type.empty ())
    return false;
  if (level < 0 && frame_size (fn) > MAX_FRAME_BYTES)
    {
      m_untranslated[fn] = "its locals take "
			   + std::to_string (frame_size (fn))
			   + " bytes, more than the "
			   + std::to_string (MAX_FRAME_BYTES)
			   + " a function may keep in the kernel";
      return false;
    }

  std::string head, unpack;
  if (level >= 0)
    head = "static __attribute__ ((noinline)) __u64\n" + resume_name (level)
	   + " (struct offload_ctx *c, __u64 ret)";
  else
    {
      bool packed = list_length (DECL_ARGUMENTS (fn->decl)) > 4;
      std::string params, fields;
      int i = 0;
      for (tree parm = DECL_ARGUMENTS (fn->decl); parm;
	   parm = DECL_CHAIN (parm), i++)
	{
	  std::string pt = c_type (TREE_TYPE (parm));
	  if (pt.empty ())
	    return false;
	  tree def = ssa_default_def (st.fun, parm);
	  std::string name = def ? fmt ("s%u", SSA_NAME_VERSION (def))
			     : fmt ("unused%d", i);
	  params += ", " + pt + " " + name;
	  fields += "  " + pt + " " + fmt ("p%d;\n", i);
	  if (packed)
	    unpack += "  " + pt + " " + name + fmt (" = a_->p%d;\n", i);
	}
      if (packed)
	{
	  m_protos += "struct " + fn_name (fn) + "_args\n{\n" + fields + "};\n";
	  params = ", const struct " + fn_name (fn) + "_args *a_";
	}
      head = "static __attribute__ ((always_inline)) inline "
	     + (st.ret_type.empty () ? std::string ("void") : st.ret_type) + "\n"
	     + fn_name (fn) + " (struct offload_ctx *c" + params + ")";
    }
  m_protos += head + ";\n";

  /* Locals: every SSA name that is not a parameter's own value.  */
  std::string decls = unpack + "  __u64 t_ = 0;\n";
  unsigned i;
  tree name;
  FOR_EACH_SSA_NAME (i, name, st.fun)
    {
      if (virtual_operand_p (name))
	continue;
      if (SSA_NAME_IS_DEFAULT_DEF (name) && SSA_NAME_VAR (name)
	  && TREE_CODE (SSA_NAME_VAR (name)) == PARM_DECL && level < 0)
	continue;
      std::string ct = c_move_type (TREE_TYPE (name));
      decls += "  " + (ct.empty () ? std::string ("__u64") : ct)
	       + fmt (" s%u = 0;\n", SSA_NAME_VERSION (name));
    }
  if (loops_for_fn (st.fun))
    for (auto loop : loops_list (st.fun, 0))
      if (loop_outer (loop))
	decls += fmt ("  __u32 lc%d = 0;\n", loop->num);

  std::string entry;
  if (level < 0)
    {
      /* Parameters kept in memory start in their frame slots.  */
      for (tree parm = DECL_ARGUMENTS (fn->decl); parm; parm = DECL_CHAIN (parm))
	if (!is_gimple_reg (parm))
	  {
	    tree def = ssa_default_def (st.fun, parm);
	    if (!def || !store (st, parm, fmt ("s%u", SSA_NAME_VERSION (def)),
				entry))
	      return false;
	  }
      entry += fmt ("  goto bb_%d;\n",
		    single_succ (ENTRY_BLOCK_PTR_FOR_FN (st.fun))->index);
    }
  else
    {
      /* Resume after the receive or the call into the next level.  */
      gimple *after = (size_t) level < m_region.chain.size ()
		      ? m_region.chain[level].call : m_region.receive;
      tree lhs = gimple_call_lhs (after);
      if (lhs)
	{
	  std::string ct = c_type (TREE_TYPE (lhs));
	  if (ct.empty ())
	    return false;
	  std::string value = "(" + ct + ") ret";
	  if (TREE_CODE (lhs) == SSA_NAME)
	    entry += fmt ("  s%u = ", SSA_NAME_VERSION (lhs)) + value + ";\n";
	  else if (!store (st, lhs, value, entry))
	    return false;
	}
      /* Locals the kernel sets to their one outside value.  */
      for (auto &cl : m_region.constant_locals)
	if (DECL_CONTEXT (cl.first) == fn->decl)
	  if (!store (st, cl.first, generic (&st, cl.second), entry))
	    return false;
      gimple_stmt_iterator gsi = gsi_for_stmt (after);
      gsi_next (&gsi);
      std::string saved = st.body;
      st.body.clear ();
      emit_block (st, gimple_bb (after), gsi);
      entry += st.body;
      st.body = saved;
    }

  basic_block bb;
  FOR_EACH_BB_FN (bb, st.fun)
    {
      if (level >= 0 && !m_region.entered.count (bb))
	continue;
      st.body += fmt ("bb_%d: ;\n", bb->index);
      emit_block (st, bb, gsi_start_bb (bb));
    }
  emit_edges (st);
  std::string fail_ret = level >= 0 ? "0"
			 : st.ret_type.empty () ? "" : "(" + st.ret_type + ") 0";
  m_out += "/* " + std::string (decl_name (fn->decl)) + " ("
	   + location_string (DECL_SOURCE_LOCATION (fn->decl)) + ")"
	   + (level >= 0 ? ", from the request on" : "") + " */\n"
	   + head + "\n{\n" + decls + entry + st.body
	   + "offload_out:\n  return " + fail_ret + ";\n}\n\n";
  return true;
}

bool
c_emitter::emit_all (std::string *why)
{
  /* Callees first, so that C sees each function before its callers;
     the callee graph has no cycles (recursion is refused).  */
  std::vector<cgraph_node *> order;
  std::set<cgraph_node *> placed, active;
  std::function<void (cgraph_node *)> visit = [&] (cgraph_node *fn) {
    if (!placed.insert (fn).second)
      return;
    active.insert (fn);
    basic_block bb;
    FOR_EACH_BB_FN (bb, body_of (fn))
      for (gimple_stmt_iterator gsi = gsi_start_bb (bb); !gsi_end_p (gsi);
	   gsi_next (&gsi))
	if (cgraph_node *callee = callee_with_body (gsi_stmt (gsi)))
	  {
	    if (active.count (callee))
	      m_recursive_calls.insert (gsi_stmt (gsi));
	    else if (m_region.callees.count (callee))
	      visit (callee);
	  }
    active.erase (fn);
    order.push_back (fn);
  };
  for (cgraph_node *fn : m_region.callees)
    visit (fn);
  infer_regions (std::vector<cgraph_node *> (order.rbegin (), order.rend ()));
  for (cgraph_node *fn : order)
    if (!emit_function (fn, -1) && !m_untranslated.count (fn))
      /* Calls to it fall back.  */
      m_untranslated[fn] = "the code generator cannot translate it "
			   "(a parameter or result type it does not handle)";
  for (size_t level = m_region.chain.size () + 1; level-- > 0;)
    {
      cgraph_node *fn = level < m_region.chain.size ()
			? m_region.chain[level].caller : m_region.receive_fn;
      if (!emit_function (fn, (int) level))
	{
	  *why = std::string ("the code generator cannot translate '")
		 + decl_name (fn->decl) + "'";
	  return false;
	}
    }
  return true;
}
