/* notes.cc -- notes at source locations, checked by the test suite
   with dg-message.  The wording is documented in doc/offload.texi.  */

#include "plugin/gcc-compat.h"
#include "plugin/notes.h"
#include "lto/analysis.h"

static const char *
callee_name (gimple *stmt)
{
  tree fndecl = gimple_call_fndecl (stmt);
  return fndecl ? decl_name (fndecl) : "<indirect>";
}

void
emit_verbose_notes (const offload_analysis &a)
{
  for (const event_loop &e : a.loops.event_loops ())
    inform (gimple_location (e.wait_call), "event loop waits here (%qs)",
	    callee_name (e.wait_call));
  for (const blocking_loop &b : a.loops.blocking_loops ())
    inform (gimple_location (b.receive),
	    "blocking receive loop without poll, select or epoll: "
	    "not an event loop");
  for (const request_path &p : a.paths.paths ())
    {
      inform (gimple_location (p.receive), "request path %d begins here (%qs)",
	      p.id, callee_name (p.receive));
      for (gimple *send : p.sends)
	inform (gimple_location (send), "reply of request path %d (%qs)",
		p.id, callee_name (send));
      for (gimple *op : p.io_ops)
	inform (gimple_location (op),
		"I/O operation on another socket on request path %d (%qs)",
		p.id, callee_name (op));
      if (p.verdict == "offloaded")
	inform (gimple_location (p.receive),
		"request path %d offloaded to %s", p.id,
		p.hook == "sk_skb" ? "SK_SKB" : "XDP");
      for (size_t i = 0; i < p.reasons.size (); i++)
	inform (i < p.reason_locations.size () ? p.reason_locations[i]
		: gimple_location (p.receive),
		"request path %d stays in userspace: %s", p.id,
		p.reasons[i].c_str ());
    }
}

void
note_nothing_to_offload (const offload_analysis &a)
{
  location_t loc = UNKNOWN_LOCATION;
  for (cgraph_node *fn : a.prog.functions)
    if (MAIN_NAME_P (DECL_NAME (fn->decl)))
      loc = DECL_SOURCE_LOCATION (fn->decl);
  inform (loc, "nothing to offload: no event loop found");
}
