/* shared-state.h -- the globals the kernel's fast path shares with the
   program.

   For each global an offloaded path touches: who reads and who writes it
   on each side (the kernel: the offloaded paths; userspace: the whole
   program, which also runs the offloaded paths when they fall back), the
   paths involved, how often a request touches it, and what keeping the
   two sides consistent takes.  Frequencies come from the blocks' counts:
   measured when the program was built with -fprofile-use, GCC's static
   estimates otherwise.  */

#ifndef OFFLOAD_SHARED_STATE_H
#define OFFLOAD_SHARED_STATE_H

struct offload_analysis;

/* What one side does with a global.  */
struct global_use
{
  bool read = false;
  bool write = false;
  std::set<int> paths;		/* Ids of the request paths.  */
  bool outside = false;		/* Userspace code on no request path.  */
  /* Accesses per request of the paths that touch it, their mean.  */
  double per_request = 0;
};

/* How the two sides keep a global consistent.  */
enum sync_kind
{
  SYNC_NONE,			/* Neither side writes it.  */
  SYNC_ORDERED_READ,		/* Userspace writes, the kernel reads.  */
  SYNC_SERIAL_COMMIT		/* The kernel writes.  */
};

struct shared_global_use
{
  tree decl;
  global_use kernel, user;
  sync_kind sync;
};

class shared_state_facts
{
public:
  /* Find the globals of the offloaded paths of ANALYSIS (judged).  */
  void analyse (const offload_analysis &analysis);

  const std::vector<shared_global_use> &globals () const
  { return m_globals; }
  /* True if the counts were measured (-fprofile-use).  */
  bool measured () const { return m_measured; }

private:
  std::vector<shared_global_use> m_globals;
  bool m_measured = false;
};

/* The globals STMTS read and write (taking an address counts as both),
   added to READ and WRITTEN.  */
void globals_touched (const std::set<gimple *> &stmts, std::set<tree> *read,
		      std::set<tree> *written);

/* The name of KIND in the report, and why it is needed.  */
const char *sync_kind_name (sync_kind kind);
const char *sync_kind_reason (sync_kind kind);

#endif /* OFFLOAD_SHARED_STATE_H */
