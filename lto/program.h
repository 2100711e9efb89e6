/* program.h -- the whole program as the link-time analysis sees it.

   At LTO time every function compiled with -flto is present, whether it
   came from the application's objects or from members of static
   archives; functions from objects without LTO data have no body and
   are seen only as callees.  */

#ifndef OFFLOAD_PROGRAM_H
#define OFFLOAD_PROGRAM_H

/* Every function with a body, loaded, sorted by name and location so
   that every walk over the program is deterministic.  */
struct program
{
  std::vector<cgraph_node *> functions;

  /* Load the bodies of all functions (they are not read in WPA until
     asked for) and fill FUNCTIONS.  */
  void load ();

  /* Return true if some function's counts were read from a profile
     (-fprofile-use): measured, not GCC's estimates.  */
  bool profile_read () const;
};

/* The node of FNDECL if the program has a body for it, else NULL.  */
cgraph_node *function_with_body (tree fndecl);

/* The function with a body STMT calls directly, or NULL.  */
cgraph_node *callee_with_body (const gimple *stmt);

/* The body of NODE.  */
function *body_of (cgraph_node *node);

/* The source-level name of DECL.  */
const char *decl_name (tree decl);

/* "file.c:LINE" for LOC (base name of the file), or "unknown".  */
std::string location_string (location_t loc);

/* Return true if BB is inside LOOP.  GCC's flow_bb_inside_loop_p
   reads cfun, which IPA passes do not set.  */
bool block_in_loop_p (class loop *loop, basic_block bb);

/* Order locations by file name, line and column, for sorted output.  */
bool location_less (location_t a, location_t b);

/* The location of STMT, or of the first statement with one in BB.  */
location_t block_location (basic_block bb);

#endif /* OFFLOAD_PROGRAM_H */
