/* cells.cc -- map GIMPLE operands to the abstract cells of cells.h.  */

#include "plugin/gcc-compat.h"
#include "lto/cells.h"

/* Strip the array indexing, unions views and conversions that do not
   change which field a reference names.  */
static tree
strip_array_refs (tree ref)
{
  while (TREE_CODE (ref) == ARRAY_REF
	 || TREE_CODE (ref) == ARRAY_RANGE_REF
	 || TREE_CODE (ref) == VIEW_CONVERT_EXPR
	 || TREE_CODE (ref) == REALPART_EXPR
	 || TREE_CODE (ref) == IMAGPART_EXPR
	 || TREE_CODE (ref) == BIT_FIELD_REF)
    ref = TREE_OPERAND (ref, 0);
  return ref;
}

tree
cell_of_memory (tree ref)
{
  ref = strip_array_refs (ref);
  switch (TREE_CODE (ref))
    {
    case COMPONENT_REF:
      return TREE_OPERAND (ref, 1);
    case VAR_DECL:
    case PARM_DECL:
    case RESULT_DECL:
      return ref;
    case MEM_REF:
    case TARGET_MEM_REF:
      {
	tree base = TREE_OPERAND (ref, 0);
	if (TREE_CODE (base) == ADDR_EXPR)
	  {
	    tree decl = get_base_address (TREE_OPERAND (base, 0));
	    if (decl && DECL_P (decl))
	      return decl;
	  }
	return TYPE_MAIN_VARIANT (TREE_TYPE (ref));
      }
    default:
      return NULL_TREE;
    }
}

tree
cell_of_operand (tree op)
{
  if (!op)
    return NULL_TREE;
  if (TREE_CODE (op) == SSA_NAME)
    {
      tree var = SSA_NAME_VAR (op);
      if (SSA_NAME_IS_DEFAULT_DEF (op) && var && TREE_CODE (var) == PARM_DECL)
	return var;
      return op;
    }
  if (CONSTANT_CLASS_P (op) || TREE_CODE (op) == ADDR_EXPR)
    return NULL_TREE;
  return cell_of_memory (op);
}

tree
decl_of_address (tree addr)
{
  if (!addr || TREE_CODE (addr) != ADDR_EXPR)
    return NULL_TREE;
  tree base = get_base_address (TREE_OPERAND (addr, 0));
  if (base && TREE_CODE (base) == MEM_REF
      && TREE_CODE (TREE_OPERAND (base, 0)) == ADDR_EXPR)
    base = get_base_address (TREE_OPERAND (TREE_OPERAND (base, 0), 0));
  return base && DECL_P (base) ? base : NULL_TREE;
}
