/* program.cc -- load and enumerate the program's functions.  */

#include "plugin/gcc-compat.h"
#include "lto/program.h"

cgraph_node *
function_with_body (tree fndecl)
{
  if (!fndecl || TREE_CODE (fndecl) != FUNCTION_DECL)
    return NULL;
  cgraph_node *node = cgraph_node::get (fndecl);
  if (!node)
    return NULL;
  /* Follow aliases to the function that has the body.  */
  node = node->ultimate_alias_target ();
  if (!node || !node->definition || node->thunk || !node->has_gimple_body_p ())
    return NULL;
  return node;
}

cgraph_node *
callee_with_body (const gimple *stmt)
{
  if (!is_gimple_call (stmt))
    return NULL;
  return function_with_body (gimple_call_fndecl (stmt));
}

function *
body_of (cgraph_node *node)
{
  return DECL_STRUCT_FUNCTION (node->decl);
}

const char *
decl_name (tree decl)
{
  if (DECL_NAME (decl))
    return IDENTIFIER_POINTER (DECL_NAME (decl));
  return "<anonymous>";
}

std::string
location_string (location_t loc)
{
  if (loc == UNKNOWN_LOCATION)
    return "unknown";
  expanded_location xloc = expand_location (loc);
  if (!xloc.file)
    return "unknown";
  char line[32];
  snprintf (line, sizeof line, ":%d", xloc.line);
  return std::string (lbasename (xloc.file)) + line;
}

bool
block_in_loop_p (class loop *loop, basic_block bb)
{
  class loop *inner = bb->loop_father;
  return inner && (inner == loop || flow_loop_nested_p (loop, inner));
}

bool
location_less (location_t a, location_t b)
{
  expanded_location xa = expand_location (a), xb = expand_location (b);
  const char *fa = xa.file ? lbasename (xa.file) : "";
  const char *fb = xb.file ? lbasename (xb.file) : "";
  if (int c = strcmp (fa, fb))
    return c < 0;
  if (xa.line != xb.line)
    return xa.line < xb.line;
  return xa.column < xb.column;
}

location_t
block_location (basic_block bb)
{
  for (gimple_stmt_iterator gsi = gsi_start_bb (bb); !gsi_end_p (gsi);
       gsi_next (&gsi))
    if (gimple_location (gsi_stmt (gsi)) != UNKNOWN_LOCATION)
      return gimple_location (gsi_stmt (gsi));
  return UNKNOWN_LOCATION;
}

/* Order functions by name, then by where they are defined.  */
static bool
function_less (cgraph_node *a, cgraph_node *b)
{
  int c = strcmp (decl_name (a->decl), decl_name (b->decl));
  if (c != 0)
    return c < 0;
  return location_less (DECL_SOURCE_LOCATION (a->decl),
			DECL_SOURCE_LOCATION (b->decl));
}

void
program::load ()
{
  cgraph_node *node;
  FOR_EACH_DEFINED_FUNCTION (node)
    {
      /* Clones and inline copies repeat a body we already see.  */
      if (node->alias || node->thunk || node->inlined_to || node->clone_of)
	continue;
      if (!node->has_gimple_body_p ())
	continue;
      if (!node->get_untransformed_body ())
	continue;
      function *fun = body_of (node);
      if (!fun || !fun->cfg)
	continue;
      /* Loop queries need the loop tree; LTO streams it with the body,
	 but build it where it is missing.  */
      if (!loops_for_fn (fun))
	{
	  push_cfun (fun);
	  calculate_dominance_info (CDI_DOMINATORS);
	  loop_optimizer_init (AVOID_CFG_MODIFICATIONS);
	  pop_cfun ();
	}
      functions.push_back (node);
    }
  std::stable_sort (functions.begin (), functions.end (), function_less);
}

bool
program::profile_read () const
{
  for (cgraph_node *node : functions)
    if (function *fn = body_of (node))
      if (profile_status_for_fn (fn) == PROFILE_READ)
	return true;
  return false;
}
