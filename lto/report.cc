/* report.cc -- write the analysis as JSON.  */

#include "plugin/gcc-compat.h"
#include "plugin/json-writer.h"
#include "lto/analysis.h"
#include "lto/landmarks.h"
#include "lto/report.h"
#include "plugin/generate.h"
#include "plugin/options.h"
#include "lto/costs.h"

namespace {

/* The name of the function STMT calls.  */
const char *
callee_name (gimple *stmt)
{
  tree fndecl = gimple_call_fndecl (stmt);
  return fndecl ? decl_name (fndecl) : "<indirect>";
}

/* {"call": NAME, "location": "file:line"} for call STMT.  */
void
write_call (json_writer &w, const char *key, gimple *stmt)
{
  w.begin_object (key, true);
  w.string ("call", callee_name (stmt));
  w.string ("location", location_string (gimple_location (stmt)).c_str ());
  w.end_object ();
}

/* The kernel hook that serves the requests of service S (Table 2 of the
   paper), and why.  */
const char *
service_hook (const service &s)
{
  return strcmp (s.protocol, "tcp") == 0 ? "sk_skb" : "xdp";
}

const char *
service_hook_reason (const service &s)
{
  if (strcmp (s.protocol, "tcp") == 0)
    return "TCP: a reply from XDP or TC would bypass the connection's "
	   "state, so requests are answered after TCP processing, at "
	   "SK_SKB";
  return "UDP: a datagram holds a whole request and its reply needs no "
	 "connection state, so the earliest hook, XDP, answers it before "
	 "the stack runs";
}

void
write_services (json_writer &w, const offload_analysis &a)
{
  w.begin_array ("services");
  for (const service &s : a.sockets.services ())
    {
      w.begin_object (NULL, true);
      w.integer ("id", s.id);
      w.string ("socket",
		location_string (gimple_location (s.socket_call)).c_str ());
      if (s.via)
	w.string ("created_via",
		  location_string (gimple_location (s.via)).c_str ());
      else
	w.null ("created_via");
      w.string ("protocol", s.protocol);
      w.string ("family", s.family);
      w.string ("address", s.address.empty () ? NULL : s.address.c_str ());
      if (s.port >= 0)
	w.integer ("port", s.port);
      else
	w.null ("port");
      w.string ("bind", location_string (gimple_location (s.bind_call)).c_str ());
      w.string ("hook", service_hook (s));
      w.string ("hook_reason", service_hook_reason (s));
      w.end_object ();
    }
  w.end_array ();
}

void
write_loops (json_writer &w, const offload_analysis &a)
{
  w.begin_array ("event_loops");
  for (const event_loop &e : a.loops.event_loops ())
    {
      w.begin_object (NULL, true);
      w.integer ("id", e.id);
      w.string ("function", decl_name (e.fn->decl));
      w.string ("location", location_string (e.location).c_str ());
      write_call (w, "wait_call", e.wait_call);
      w.end_object ();
    }
  w.end_array ();

  w.begin_array ("blocking_loops");
  for (const blocking_loop &b : a.loops.blocking_loops ())
    {
      w.begin_object (NULL, true);
      w.string ("function", decl_name (b.fn->decl));
      w.string ("location", location_string (b.location).c_str ());
      write_call (w, "receive", b.receive);
      w.end_object ();
    }
  w.end_array ();
}

void
write_strings (json_writer &w, const char *key,
	       const std::set<std::string> &strings)
{
  w.begin_array (key, true);
  for (const std::string &s : strings)
    w.string (NULL, s.c_str ());
  w.end_array ();
}

void
write_calls (json_writer &w, const char *key,
	     const std::vector<gimple *> &calls)
{
  w.begin_array (key, true);
  for (gimple *stmt : calls)
    write_call (w, NULL, stmt);
  w.end_array ();
}

/* The benefit model's estimate of path ID, or NULL.  */
const path_estimate *
estimate_of (const offload_analysis &a, int id)
{
  for (const receive_decision &d : a.decisions)
    for (const path_estimate &e : d.estimates)
      if (e.path == id)
	return &e;
  return NULL;
}

/* The numbers behind path P's benefit.  */
void
write_estimate (json_writer &w, const path_estimate *e)
{
  if (!e)
    {
      w.null ("benefit");
      w.null ("estimate");
      return;
    }
  w.number ("benefit", e->benefit_ns);
  w.begin_object ("estimate", true);
  w.number ("user_ns", e->user_ns);
  w.number ("kernel_ns", e->kernel_ns);
  w.number ("pass_ns", e->pass_ns);
  w.number ("statements", e->work.user.stmts);
  w.number ("memory_accesses", e->work.user.accesses);
  w.number ("library_calls", e->work.user.libcalls);
  w.number ("loop_rounds", e->work.max_rounds);
  w.boolean ("over_loop_bound", e->work.over_bound);
  w.end_object ();
}

void
write_path (json_writer &w, const offload_analysis &a, const request_path &p)
{
  w.begin_object ();
  w.integer ("id", p.id);
  w.integer ("event_loop", p.event_loop);
  if (p.service)
    w.integer ("service", p.service);
  else
    w.null ("service");
  write_call (w, "receive", p.receive);
  w.string ("end", p.reply ? "reply" : "drop");
  write_calls (w, "sends", p.sends);
  write_calls (w, "io_ops", p.io_ops);
  write_strings (w, "functions", p.functions);
  write_strings (w, "external_calls", p.externals);
  w.boolean ("truncated", p.truncated);
  w.number ("frequency", p.frequency);
  write_estimate (w, estimate_of (a, p.id));
  w.string ("verdict", p.verdict.empty () ? "not-analysed"
		       : p.verdict.c_str ());
  if (!p.hook.empty ())
    {
      w.string ("hook", p.hook.c_str ());
      w.string ("hook_reason", p.hook_reason.c_str ());
    }
  w.begin_array ("reasons", true);
  for (const std::string &r : p.reasons)
    w.string (NULL, r.c_str ());
  w.end_array ();
  w.end_object ();
}

/* What keeping a global consistent costs a kernel request that touches
   it, in ns (lto/benefit.h counts the same).  */
double
sync_kind_cost (sync_kind kind, const cost_model &c)
{
  switch (kind)
    {
    case SYNC_ORDERED_READ:
      return c.order_ns;
    case SYNC_SERIAL_COMMIT:
      return c.order_ns + c.sync_commit_ns;
    default:
      return 0;
    }
}

/* One side's use of a shared global.  */
void
write_use (json_writer &w, const char *key, const global_use &u,
	   bool user_side)
{
  w.begin_object (key, true);
  w.string ("access", u.read && u.write ? "read-write"
		      : u.write ? "write" : u.read ? "read" : "none");
  w.begin_array ("paths", true);
  for (int id : u.paths)
    w.integer (NULL, id);
  w.end_array ();
  if (user_side)
    w.boolean ("outside_requests", u.outside);
  w.number ("per_request", u.per_request);
  w.end_object ();
}

void
write_shared_state (json_writer &w, const shared_state_facts &shared)
{
  w.string ("profile", shared.measured () ? "measured" : "estimated");
  w.begin_array ("shared_state");
  for (const shared_global_use &s : shared.globals ())
    {
      w.begin_object ();
      w.string ("name", decl_name (s.decl));
      w.string ("location",
		location_string (DECL_SOURCE_LOCATION (s.decl)).c_str ());
      tree size = DECL_SIZE_UNIT (s.decl);
      if (size && tree_fits_uhwi_p (size))
	w.integer ("size", tree_to_uhwi (size));
      else
	w.null ("size");
      write_use (w, "kernel", s.kernel, false);
      write_use (w, "user", s.user, true);
      w.string ("sync", sync_kind_name (s.sync));
      w.string ("sync_reason", sync_kind_reason (s.sync));
      w.number ("sync_cost_ns", sync_kind_cost (s.sync, offload_costs));
      w.end_object ();
    }
  w.end_array ();
}

/* What the benefit model chose, receive by receive, and with what.  */
void
write_decisions (json_writer &w, const offload_analysis &a)
{
  w.string ("mode", offload_mode_name (offload_opts.mode));
  w.string ("costs", offload_costs.source.c_str ());
  w.integer ("loop_bound", offload_opts.loop_bound);
  w.begin_array ("decisions");
  for (const receive_decision &d : a.decisions)
    {
      w.begin_object (NULL, true);
      w.integer ("service", d.service);
      write_call (w, "receive", d.receive);
      w.begin_array ("offloaded", true);
      for (int id : d.selected)
	w.integer (NULL, id);
      w.end_array ();
      w.number ("gain_ns", d.gain_ns);
      w.number ("gain_all_feasible_ns", d.gain_all_ns);
      w.number ("held_share", d.held_share);
      w.end_object ();
    }
  w.end_array ();
}

} // anon namespace

static void
write_programs (json_writer &w, const std::vector<generated_program> &programs)
{
  w.begin_array ("programs");
  for (const generated_program &g : programs)
    {
      w.begin_object (NULL, true);
      w.string ("hook", g.hook.c_str ());
      w.integer ("service", g.service);
      w.string ("symbol", g.symbol.c_str ());
      w.integer ("object_size", g.object_size);
      w.begin_array ("paths", true);
      for (int id : g.paths)
	w.integer (NULL, id);
      w.end_array ();
      w.end_object ();
    }
  w.end_array ();
}

void
write_report (const offload_analysis &a,
	      const std::vector<generated_program> &programs, FILE *out)
{
  json_writer w (out);
  w.begin_object ();
  w.integer ("version", REPORT_VERSION);
  write_services (w, a);
  write_loops (w, a);
  w.begin_array ("paths");
  for (const request_path &p : a.paths.paths ())
    write_path (w, a, p);
  w.end_array ();
  write_programs (w, programs);
  write_decisions (w, a);
  write_shared_state (w, a.shared);
  w.end_object ();
  w.finish ();
}
