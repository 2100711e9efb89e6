/* bind-address.cc -- rebuild the sockaddr a bind call passes.  */

#include "plugin/gcc-compat.h"
#include <arpa/inet.h>
#include "lto/bind-address.h"
#include "lto/cells.h"
#include "lto/constants.h"
#include "lto/program.h"

namespace {

/* The bytes of a sockaddr_in6 (the larger of the two) as far as known.  */
struct sockaddr_image
{
  unsigned char bytes[28];
  bool known[28];

  void set (unsigned offset, unsigned size, unsigned long value)
  {
    /* Stores are in target (little-endian) order.  */
    for (unsigned i = 0; i < size && offset + i < 28; i++)
      {
	bytes[offset + i] = (value >> (8 * i)) & 0xff;
	known[offset + i] = true;
      }
  }
  void set_unknown (unsigned offset, unsigned size)
  {
    for (unsigned i = 0; i < size && offset + i < 28; i++)
      known[offset + i] = false;
  }
  bool known_p (unsigned offset, unsigned size) const
  {
    for (unsigned i = 0; i < size; i++)
      if (offset + i >= 28 || !known[offset + i])
	return false;
    return true;
  }
};

/* The in6addr_any-style globals glibc provides.  */
bool
ipv6_global (tree rhs, unsigned char out[16])
{
  if (TREE_CODE (rhs) != VAR_DECL || !DECL_NAME (rhs))
    return false;
  memset (out, 0, 16);
  const char *name = decl_name (rhs);
  if (!strcmp (name, "in6addr_any"))
    return true;
  if (!strcmp (name, "in6addr_loopback"))
    {
      out[15] = 1;
      return true;
    }
  return false;
}

/* Fold the store ASSIGN into IMAGE if it writes DECL.  */
void
apply_store (gassign *assign, tree decl, gimple *context, sockaddr_image *img)
{
  tree lhs = gimple_assign_lhs (assign);
  poly_int64 pbitpos, pbitsize, pmaxsize;
  bool reverse;
  tree base = get_ref_base_and_extent (lhs, &pbitpos, &pbitsize, &pmaxsize,
				       &reverse);
  HOST_WIDE_INT bitpos, bitsize;
  if (base != decl || !pbitpos.is_constant (&bitpos)
      || !pbitsize.is_constant (&bitsize) || bitpos % 8 || bitsize % 8)
    return;
  unsigned offset = bitpos / 8, size = bitsize / 8;
  tree rhs = gimple_assign_rhs1 (assign);
  long value;
  unsigned char v6[16];
  if (TREE_CODE (rhs) == CONSTRUCTOR && CONSTRUCTOR_NELTS (rhs) == 0)
    {
      /* `addr = (struct sockaddr_in) {}' or an aggregate zeroing.  */
      for (unsigned i = 0; i < size; i++)
	img->set (offset + i, 1, 0);
    }
  else if (size == 16 && ipv6_global (rhs, v6))
    for (unsigned i = 0; i < 16; i++)
      img->set (offset + i, 1, v6[i]);
  else if (size <= 8 && evaluate_constant (rhs, context, &value))
    img->set (offset, size, (unsigned long) value);
  else
    img->set_unknown (offset, size);
}

/* Fold the call STMT (memset, inet_pton, inet_aton) into IMAGE.  */
void
apply_call (gcall *call, tree decl, sockaddr_image *img)
{
  tree fndecl = gimple_call_fndecl (call);
  if (!fndecl || function_with_body (fndecl))
    return;
  const char *name = decl_name (fndecl);
  unsigned nargs = gimple_call_num_args (call);
  long fill, len;
  if ((!strcmp (name, "memset") || !strcmp (name, "__builtin_memset"))
      && nargs == 3 && decl_of_address (gimple_call_arg (call, 0)) == decl
      && evaluate_constant (gimple_call_arg (call, 1), NULL, &fill)
      && evaluate_constant (gimple_call_arg (call, 2), NULL, &len))
    {
      /* The early optimizers trim a memset to the bytes that later
	 stores do not cover: `memset (&addr + 4, 0, 12)'.  */
      unsigned start = 0;
      poly_int64 pbitpos, pbitsize, pmaxsize;
      bool reverse;
      HOST_WIDE_INT bitpos;
      tree ref = TREE_OPERAND (gimple_call_arg (call, 0), 0);
      if (get_ref_base_and_extent (ref, &pbitpos, &pbitsize, &pmaxsize,
				   &reverse) == decl
	  && pbitpos.is_constant (&bitpos))
	start = bitpos / 8;
      for (long i = 0; i < len && start + i < 28; i++)
	img->set (start + i, 1, fill & 0xff);
      return;
    }
  if (!strcmp (name, "inet_pton") && nargs == 3
      && decl_of_address (gimple_call_arg (call, 2)) == decl)
    {
      const char *text = evaluate_string (gimple_call_arg (call, 1));
      long af;
      unsigned char buf[16];
      if (text && evaluate_constant (gimple_call_arg (call, 0), NULL, &af)
	  && inet_pton (af == 10 ? AF_INET6 : AF_INET, text, buf) == 1)
	{
	  unsigned off = af == 10 ? 8 : 4, n = af == 10 ? 16 : 4;
	  for (unsigned i = 0; i < n; i++)
	    img->set (off + i, 1, buf[i]);
	}
      else
	img->set_unknown (4, 20);
    }
}

/* The value of a store `x = inet_addr ("...")' feeding the address.  */
bool
inet_addr_store (gassign *assign, unsigned long *value)
{
  tree rhs = gimple_assign_rhs1 (assign);
  if (TREE_CODE (rhs) != SSA_NAME)
    return false;
  gcall *call = dyn_cast <gcall *> (SSA_NAME_DEF_STMT (rhs));
  if (!call || !gimple_call_fndecl (call)
      || strcmp (decl_name (gimple_call_fndecl (call)), "inet_addr")
      || gimple_call_num_args (call) != 1)
    return false;
  const char *text = evaluate_string (gimple_call_arg (call, 0));
  struct in_addr a;
  if (!text || inet_pton (AF_INET, text, &a) != 1)
    return false;
  *value = a.s_addr;
  return true;
}

/* With _GNU_SOURCE, glibc passes a sockaddr as a transparent union:
   `tmp.__sockaddr__ = &addr; bind (fd, tmp, len)'.  The variable whose
   address FN stores into union variable UNION_VAR, or NULL_TREE.  */
tree
transparent_union_target (function *fn, tree union_var)
{
  basic_block bb;
  FOR_EACH_BB_FN (bb, fn)
    for (gimple_stmt_iterator gsi = gsi_start_bb (bb); !gsi_end_p (gsi);
	 gsi_next (&gsi))
      {
	gassign *assign = dyn_cast <gassign *> (gsi_stmt (gsi));
	if (!assign || !gimple_store_p (assign))
	  continue;
	tree lhs = gimple_assign_lhs (assign);
	if (TREE_CODE (lhs) == COMPONENT_REF
	    && TREE_OPERAND (lhs, 0) == union_var)
	  if (tree decl = decl_of_address (gimple_assign_rhs1 (assign)))
	    return decl;
      }
  return NULL_TREE;
}

} // anon namespace

bound_address
bound_address_of (function *fn, gimple *bind_call, gimple *context)
{
  bound_address result = { -1, std::string (), NULL };
  tree arg = gimple_call_arg (bind_call, 1);
  tree decl = decl_of_address (arg);
  if (!decl && TREE_CODE (arg) == VAR_DECL
      && TREE_CODE (TREE_TYPE (arg)) == UNION_TYPE)
    decl = transparent_union_target (fn, arg);
  if (!decl)
    return result;

  sockaddr_image img;
  memset (&img, 0, sizeof img);
  /* The stores of the function before the bind, in block order: a
     server that reuses one sockaddr for two binds changes the port in
     between.  */
  basic_block bb;
  bool reached = false;
  FOR_EACH_BB_FN (bb, fn)
    for (gimple_stmt_iterator gsi = gsi_start_bb (bb);
	 !gsi_end_p (gsi) && !reached; gsi_next (&gsi))
      {
	gimple *stmt = gsi_stmt (gsi);
	reached = stmt == bind_call;
	if (gimple_clobber_p (stmt))
	  continue;
	if (gassign *assign = dyn_cast <gassign *> (stmt))
	  {
	    if (!gimple_store_p (assign))
	      continue;
	    unsigned long in_addr;
	    if (inet_addr_store (assign, &in_addr)
		&& get_base_address (gimple_assign_lhs (assign)) == decl)
	      img.set (4, 4, in_addr);
	    else
	      apply_store (assign, decl, context, &img);
	  }
	else if (gcall *call = dyn_cast <gcall *> (stmt))
	  apply_call (call, decl, &img);
      }

  long family = -1;
  if (img.known_p (0, 2))
    family = img.bytes[0] | (img.bytes[1] << 8);
  if (family == AF_INET6)
    result.family = "ipv6";
  else if (family == AF_INET)
    result.family = "ipv4";
  if (img.known_p (2, 2))
    result.port = (img.bytes[2] << 8) | img.bytes[3];

  char text[INET6_ADDRSTRLEN];
  if (family == AF_INET6 && img.known_p (8, 16)
      && inet_ntop (AF_INET6, img.bytes + 8, text, sizeof text))
    result.address = text;
  else if (family != AF_INET6 && img.known_p (4, 4)
	   && inet_ntop (AF_INET, img.bytes + 4, text, sizeof text))
    result.address = text;
  return result;
}
