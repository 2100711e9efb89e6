/* cells.h -- abstract places where values live, for flow-insensitive
   whole-program data flow.

   The analyses that trace sockets (lto/sockets.cc) and request data
   (lto/taint.cc) do not need a precise points-to analysis: they ask
   "can this value have come from that socket () call?" over the whole
   program.  A cell is a tree that stands for a set of run-time places:

   - an SSA name stands for itself (the default definition of a parameter
     stands for the PARM_DECL, so callers can flow into it);
   - a variable (global, static or local) stands for all its bytes;
   - a field of a structure stands for that field in every instance, so
     `fds[i].fd' and `ev.data.fd' are found wherever the struct goes;
   - an access through a pointer with no better base stands for every
     object of the accessed type (its TYPE_MAIN_VARIANT);
   - a function's DECL_RESULT stands for its return value.  */

#ifndef OFFLOAD_CELLS_H
#define OFFLOAD_CELLS_H

/* The cell read or written by the memory reference REF, or NULL_TREE
   when REF is not a memory reference.  */
tree cell_of_memory (tree ref);

/* The cell holding the value of operand OP (an SSA name, a declaration
   or a memory reference), or NULL_TREE for constants.  */
tree cell_of_operand (tree op);

/* The declaration whose bytes the address ADDR points into, when ADDR is
   `&decl', `&decl[i]' or `&decl.field'; otherwise NULL_TREE.  */
tree decl_of_address (tree addr);

#endif /* OFFLOAD_CELLS_H */
