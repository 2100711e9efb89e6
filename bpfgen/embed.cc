/* embed.cc -- a new global variable, added at link time.  */

#include "plugin/gcc-compat.h"
#include "bpfgen/embed.h"

tree
embed_object (const char *name, const std::vector<unsigned char> &object)
{
  tree type = build_array_type_nelts (unsigned_char_type_node, object.size ());
  tree decl = build_decl (BUILTINS_LOCATION, VAR_DECL, get_identifier (name),
			  type);
  tree init = build_string (object.size (), (const char *) object.data ());
  TREE_TYPE (init) = type;
  DECL_INITIAL (decl) = init;
  TREE_STATIC (decl) = 1;
  TREE_PUBLIC (decl) = 1;
  TREE_READONLY (decl) = 1;
  TREE_USED (decl) = 1;
  DECL_ARTIFICIAL (decl) = 1;
  /* Kept although nothing in the program refers to it.  */
  DECL_PRESERVE_P (decl) = 1;
  SET_DECL_ALIGN (decl, 64);
  DECL_USER_ALIGN (decl) = 1;
  set_decl_section_name (decl, (std::string (".offload.") + name).c_str ());
  varpool_node *node = varpool_node::get_create (decl);
  node->force_output = 1;
  varpool_node::finalize_decl (decl);
  return decl;
}
