/* shared-state.cc -- who touches the fast path's globals, and how often.  */

#include "plugin/gcc-compat.h"
#include "lto/analysis.h"
#include "lto/shared-state.h"
#include "sreal.h"

namespace {

/* The globals a statement reads and writes; taking an address counts as
   both, since the pointer may be used either way (the accesses through
   it are not followed: they are attributed to where it is taken).  */
struct stmt_globals
{
  std::set<tree> read, written;
};

tree
global_base (tree base)
{
  return base && VAR_P (base) && is_global_var (base) ? base : NULL_TREE;
}

bool
note_load (gimple *, tree base, tree, void *data)
{
  if (tree g = global_base (base))
    ((stmt_globals *) data)->read.insert (g);
  return false;
}

bool
note_store (gimple *, tree base, tree, void *data)
{
  if (tree g = global_base (base))
    ((stmt_globals *) data)->written.insert (g);
  return false;
}

bool
note_address (gimple *, tree op, tree, void *data)
{
  /* OP is what the address is taken of, table[i] for &table[i].  */
  if (tree g = global_base (get_base_address (op)))
    {
      ((stmt_globals *) data)->read.insert (g);
      if (!TREE_READONLY (g))
	((stmt_globals *) data)->written.insert (g);
    }
  return false;
}

stmt_globals
globals_of (gimple *stmt)
{
  stmt_globals g;
  walk_stmt_load_store_addr_ops (stmt, &g, note_load, note_store,
				 note_address);
  return g;
}

/* How often BB of FN (NODE's body) runs per request of path P: its count
   over that of the path's block of FN in the same function (the
   receive, or the call down the chain), or of FN's entry for a function
   the path calls.  Measured or estimated counts; 1 when they say
   nothing.  */
double
request_frequency (const request_path &p, cgraph_node *node, function *fn,
		   basic_block bb)
{
  basic_block base = ENTRY_BLOCK_PTR_FOR_FN (fn);
  for (const path_call &c : p.chain)
    if (c.caller == node)
      base = gimple_bb (c.call);
  if (node == p.receive_fn)
    base = gimple_bb (p.receive);
  profile_count in = base->count;
  if (!bb->count.initialized_p () || !in.initialized_p () || !in.nonzero_p ())
    return 1.0;
  bool known = true;
  double f = bb->count.to_sreal_scale (in, &known).to_double ();
  return known ? f : 1.0;
}

/* One side's use of the globals, gathered statement by statement.  */
struct side_uses
{
  std::map<tree, global_use> uses;
  /* Accesses per request, for each global and path.  */
  std::map<tree, std::map<int, double>> counts;

  void add (const stmt_globals &g, int path, double freq)
  {
    for (tree decl : g.read)
      {
	uses[decl].read = true;
	count (decl, path, freq);
      }
    for (tree decl : g.written)
      {
	uses[decl].write = true;
	count (decl, path, freq);
      }
  }

  void count (tree decl, int path, double freq)
  {
    if (path)
      {
	uses[decl].paths.insert (path);
	counts[decl][path] += freq;
      }
    else
      uses[decl].outside = true;
  }

  /* The mean over the paths of the accesses per request.  */
  void average ()
  {
    for (auto &c : counts)
      {
	double sum = 0;
	for (auto &pc : c.second)
	  sum += pc.second;
	uses[c.first].per_request = sum / c.second.size ();
      }
  }
};

} // anon namespace

void
shared_state_facts::analyse (const offload_analysis &a)
{
  side_uses kernel, user;
  const std::vector<request_path> &paths = a.paths.paths ();

  for (cgraph_node *node : a.prog.functions)
    {
      function *fn = body_of (node);
      if (!fn)
	continue;
      if (profile_status_for_fn (fn) == PROFILE_READ)
	m_measured = true;
      basic_block bb;
      FOR_EACH_BB_FN (bb, fn)
	for (gimple_stmt_iterator gsi = gsi_start_bb (bb); !gsi_end_p (gsi);
	     gsi_next (&gsi))
	  {
	    gimple *stmt = gsi_stmt (gsi);
	    if (is_gimple_debug (stmt))
	      continue;
	    stmt_globals g = globals_of (stmt);
	    if (g.read.empty () && g.written.empty ())
	      continue;
	    bool on_path = false;
	    for (const request_path &p : paths)
	      if (p.stmts.count (stmt))
		{
		  on_path = true;
		  /* An offloaded path also runs in userspace, when it
		     falls back; that is counted with its kernel side.  */
		  (p.verdict == "offloaded" ? kernel : user)
		    .add (g, p.id, request_frequency (p, node, fn, bb));
		}
	    if (!on_path)
	      user.add (g, 0, 0);
	  }
    }
  kernel.average ();
  user.average ();

  for (auto &k : kernel.uses)
    {
      shared_global_use s;
      s.decl = k.first;
      s.kernel = k.second;
      auto u = user.uses.find (k.first);
      if (u != user.uses.end ())
	s.user = u->second;
      s.sync = s.kernel.write ? SYNC_SERIAL_COMMIT
	       : s.user.write ? SYNC_ORDERED_READ : SYNC_NONE;
      m_globals.push_back (s);
    }
  std::sort (m_globals.begin (), m_globals.end (),
	     [] (const shared_global_use &x, const shared_global_use &y)
	     {
	       return location_less (DECL_SOURCE_LOCATION (x.decl),
				     DECL_SOURCE_LOCATION (y.decl));
	     });
}

void
globals_touched (const std::set<gimple *> &stmts, std::set<tree> *read,
		 std::set<tree> *written)
{
  for (gimple *stmt : stmts)
    {
      stmt_globals g = globals_of (stmt);
      read->insert (g.read.begin (), g.read.end ());
      written->insert (g.written.begin (), g.written.end ());
    }
}

const char *
sync_kind_name (sync_kind kind)
{
  switch (kind)
    {
    case SYNC_NONE:
      return "none";
    case SYNC_ORDERED_READ:
      return "ordered-versioned-read";
    case SYNC_SERIAL_COMMIT:
      return "serialized-commit";
    }
  return "none";
}

const char *
sync_kind_reason (sync_kind kind)
{
  switch (kind)
    {
    case SYNC_NONE:
      return "neither side writes it";
    case SYNC_ORDERED_READ:
      return "userspace writes what the kernel reads: requests keep their "
	     "order, and a read during a commit goes up";
    case SYNC_SERIAL_COMMIT:
      return "the kernel writes it: one request commits at a time, after "
	     "every earlier request passed up is done";
    }
  return "";
}
