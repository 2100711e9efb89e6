/* register.cc -- the descriptor of an embedded program and its
   constructor.  */

#include "plugin/gcc-compat.h"
#include "bpfgen/register.h"

namespace {

/* The version of struct split_program built here.  */
const unsigned long SPLIT_PROGRAM_VERSION = 3;

/* Every field of the runtime's structures is pointer-sized, so they are
   built as arrays of pointers: integers, addresses and strings.  */

tree
pointer_value (unsigned long v)
{
  return build_int_cst (ptr_type_node, v);
}

tree
address_value (tree decl)
{
  return fold_convert (ptr_type_node, build_fold_addr_expr (decl));
}

tree
string_value (const std::string &s)
{
  return fold_convert (ptr_type_node,
		       build_string_literal (s.size () + 1, s.c_str ()));
}

/* A new global NAME: an array of the pointers VALUES.  */
tree
pointer_array (const std::string &name, const std::vector<tree> &values)
{
  tree type = build_array_type_nelts (ptr_type_node, values.size ());
  vec<constructor_elt, va_gc> *elts = NULL;
  for (size_t i = 0; i < values.size (); i++)
    CONSTRUCTOR_APPEND_ELT (elts, size_int (i), values[i]);
  tree init = build_constructor (type, elts);
  TREE_CONSTANT (init) = 1;
  TREE_STATIC (init) = 1;
  tree decl = build_decl (BUILTINS_LOCATION, VAR_DECL,
			  get_identifier (name.c_str ()), type);
  DECL_INITIAL (decl) = init;
  TREE_STATIC (decl) = 1;
  TREE_PUBLIC (decl) = 1;
  TREE_READONLY (decl) = 1;
  TREE_USED (decl) = 1;
  DECL_ARTIFICIAL (decl) = 1;
  DECL_PRESERVE_P (decl) = 1;
  varpool_node *node = varpool_node::get_create (decl);
  node->force_output = 1;
  varpool_node::finalize_decl (decl);
  return decl;
}

/* Make the global DECL fit for sharing with the kernel.  */
void
prepare_shared (tree decl)
{
  /* It starts a page, for the runtime's mapping.  */
  if (DECL_ALIGN_UNIT (decl) < SHARED_PAGE_SIZE)
    {
      SET_DECL_ALIGN (decl, SHARED_PAGE_SIZE * BITS_PER_UNIT);
      DECL_USER_ALIGN (decl) = 1;
    }
  /* Its address reaches the runtime through the descriptor, so it
     escapes: no optimizer may assume that a call leaves it unchanged
     (the kernel answers requests while the program waits in poll), nor
     drop stores to it that the program itself never reads back.  */
  TREE_ADDRESSABLE (decl) = 1;
  DECL_PRESERVE_P (decl) = 1;
  if (varpool_node *node = varpool_node::get (decl))
    node->force_output = 1;
}

} // anon namespace

void
register_program (const char *name, tree object,
		  const std::vector<shared_global> &shared,
		  const std::string &ends,
		  unsigned long port, unsigned long flags)
{
  std::string stem = name;
  std::vector<tree> globals;
  for (const shared_global &g : shared)
    {
      prepare_shared (g.decl);
      globals.push_back (address_value (g.decl));
      globals.push_back (pointer_value (g.size));
      globals.push_back (pointer_value (g.offset));
      tree id = DECL_NAME (g.decl);
      globals.push_back (string_value (id ? IDENTIFIER_POINTER (id) : "?"));
    }
  tree globals_decl = globals.empty () ? NULL_TREE
		      : pointer_array (stem + "_globals", globals);

  tree size = TYPE_SIZE_UNIT (TREE_TYPE (object));
  std::vector<tree> program = {
    pointer_value (SPLIT_PROGRAM_VERSION),
    string_value (name),
    address_value (object),
    pointer_value (tree_to_uhwi (size)),
    pointer_value (shared.size ()),
    globals_decl ? address_value (globals_decl) : pointer_value (0),
    pointer_value (flags),
    pointer_value (port),
    string_value (ends)
  };
  tree desc = pointer_array (stem + "_program", program);

  tree fntype = build_function_type_list (void_type_node, ptr_type_node,
					  NULL_TREE);
  tree fn = build_fn_decl ("split__register", fntype);
  DECL_EXTERNAL (fn) = 1;
  TREE_PUBLIC (fn) = 1;
  /* Weak: linked without libsplit, the program still runs, from
     userspace, as it would have without the plugin.  */
  declare_weak (fn);
  tree call = build_call_expr (fn, 1, address_value (desc));
  tree present = fold_build2 (NE_EXPR, boolean_type_node,
			      build_fold_addr_expr (fn),
			      build_int_cst (build_pointer_type (fntype), 0));
  tree body = build3 (COND_EXPR, void_type_node, present, call,
		      build_empty_stmt (BUILTINS_LOCATION));
  cgraph_build_static_cdtor ('I', body, DEFAULT_INIT_PRIORITY);
}
