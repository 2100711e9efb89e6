/* taint.h -- which values depend on the request.

   Request paths are split where the program branches on the request:
   on bytes read from a receive buffer, on a receive's length or on the
   peer's address.  This is a flow-insensitive whole-program taint over
   cells (cells.h) with two facts per cell: DATA (the value depends on
   the request) and POINTER (the value points into a receive buffer, so
   what it loads is DATA).  Request data stored into a global variable
   does not taint it: a later request reading it branches on the
   program's state, not on its own bytes.  A value merged from routes
   that differ (a PHI of different values) in a function that branches
   on the request is request data too: the implicit flow that makes a
   handler's `return 0' on one command and `return len' on another
   decide whether the caller replies.  */

#ifndef OFFLOAD_TAINT_H
#define OFFLOAD_TAINT_H

#include "lto/program.h"

class socket_facts;

class request_taint
{
public:
  enum { DATA = 1, POINTER = 2 };

  /* Seed from every request receive of PROG (as SOCKETS sees them) and
     propagate to a fixed point.  */
  void analyse (const program &prog, socket_facts &sockets);

  /* Return true if branch STMT (a GIMPLE_COND or GIMPLE_SWITCH)
     decides on the request.  */
  bool request_branch_p (const gimple *stmt) const;

private:
  unsigned flags_of (tree op) const;
  unsigned flags_of_load (tree ref) const;
  bool add (tree cell, unsigned flags);
  void mark_buffer (tree ptr, int depth);
  void seed (const program &prog, socket_facts &sockets);
  bool transfer (cgraph_node *fn, gimple *stmt);
  bool transfer_call (gcall *call);

  std::map<tree, unsigned> m_cells;
  /* Functions that branch on the request.  */
  std::set<cgraph_node *> m_deciding;
};

#endif /* OFFLOAD_TAINT_H */
