/* feasibility.h -- which request paths can run in the kernel as BPF.

   A statement can run in BPF unless it is inline assembly, uses floating
   point, calls a function without a body that has no kernel-side
   equivalent (lto/kernel-calls.h), calls through a pointer, uses an
   object that lives outside the program, or reads or writes a pointer
   held in global state (a BPF map cannot hold host pointers).  A path
   runs in BPF when every statement it runs can, no rule of its request
   region (lto/region.h) or of the code generator refuses one, it
   receives with recvfrom/recv/read and replies with sendto, does no I/O
   on another socket, receives once, is not recursive, and is UDP.

   Each refusal is one reason string: what, where, and why, as in
   "calls 'fopen' (mixed.c:81): file I/O cannot run in BPF".  */

#ifndef OFFLOAD_FEASIBILITY_H
#define OFFLOAD_FEASIBILITY_H

#include "lto/paths.h"

class socket_facts;

/* Why STMT cannot run in BPF (without location), or "" if it can.  */
std::string stmt_refusal (gimple *stmt);

/* "WHAT (file.c:LINE): WHY" for STMT.  */
std::string reason_at (gimple *stmt, const std::string &what_why);

/* Add the reason "WHAT (file:line): WHY" for WHERE to PATH, once.  */
void add_path_reason (request_path &path, gimple *where,
		      const std::string &what_why);

/* Size in bytes of FN's locals kept in memory.  */
unsigned long frame_size (cgraph_node *fn);

/* The most bytes of locals one function may keep in memory.  */
const unsigned long MAX_FRAME_BYTES = 4096;

/* Set the verdict and reasons of PATH, given the refusals REFUSED of
   its region and of the code generator (statement to "what: why").  */
void judge_path (request_path &path, const socket_facts &sockets,
		 const std::map<gimple *, std::string> &refused);

#endif /* OFFLOAD_FEASIBILITY_H */
