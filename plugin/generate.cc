/* generate.cc -- the steps of generate.h, in order.  */

#include "plugin/gcc-compat.h"
#include "plugin/generate.h"
#include "plugin/options.h"
#include "lto/analysis.h"
#include "lto/feasibility.h"
#include "lto/region.h"
#include "bpfgen/xdp.h"
#include "bpfgen/sk-skb.h"
#include "bpfgen/compile.h"
#include "bpfgen/embed.h"
#include "bpfgen/register.h"
#include "lto/completion.h"
#include "lto/selection.h"

namespace {

const service *
service_by_id (const socket_facts &sockets, int id)
{
  for (const service &s : sockets.services ())
    if (s.id == id)
      return &s;
  return NULL;
}

const event_loop *
loop_by_id (const loop_facts &loops, int id)
{
  for (const event_loop &e : loops.event_loops ())
    if (e.id == id)
      return &e;
  return NULL;
}

/* The most ends a program counts (runtime/xdp-packet.h): 0 for drops,
   then the replies.  */
const unsigned MAX_ENDS = 16;

/* Number the reply sends of the paths GROUP for the program's stats: 1
   and up in the order of the paths, the last number shared by any
   beyond it; drops are 0.  */
std::map<gimple *, unsigned>
number_ends (const std::vector<request_path *> &group)
{
  std::map<gimple *, unsigned> ends;
  for (request_path *p : group)
    if (p->reply && !p->sends.empty () && !ends.count (p->sends[0]))
      ends[p->sends[0]] = MIN ((unsigned) ends.size () + 1, MAX_ENDS - 1);
  return ends;
}

/* The offloaded paths of GROUP at each end, for the runtime's stats:
   "END:ID,ID;END:ID" (struct split_program in libsplit/split.h).  */
std::string
describe_ends (const std::vector<request_path *> &group,
	       const std::map<gimple *, unsigned> &ends)
{
  std::map<unsigned, std::vector<int>> paths;
  for (request_path *p : group)
    if (p->verdict == "offloaded")
      {
	auto e = p->reply && !p->sends.empty ()
		 ? ends.find (p->sends[0]) : ends.end ();
	paths[e == ends.end () ? 0 : e->second].push_back (p->id);
      }
  std::string s;
  for (auto &e : paths)
    {
      s += (s.empty () ? "" : ";") + std::to_string (e.first) + ":";
      for (size_t i = 0; i < e.second.size (); i++)
	s += (i ? "," : "") + std::to_string (e.second[i]);
    }
  return s;
}

/* Return true if FN may run more than once: it is called from more
   than one place, directly or through its callers, or through a
   pointer, or recursively.  SEEN holds the functions on the way.  */
bool
runs_more_than_once_p (cgraph_node *fn, std::set<cgraph_node *> &seen)
{
  if (!seen.insert (fn).second || fn->address_taken)
    return true;
  unsigned calls = 0;
  for (cgraph_edge *e = fn->callers; e; e = e->next_caller)
    calls++;
  if (calls > 1)
    return true;
  for (cgraph_edge *e = fn->callers; e; e = e->next_caller)
    if (runs_more_than_once_p (e->caller, seen))
      return true;
  return false;
}

/* Why the runtime could not tell SVC's socket among the program's
   UDP sockets, or "".  A program whose port is not known at link time
   starts at the first UDP bind of a port no other program claims
   (libsplit/service.c); with another UDP socket in the program, that
   bind may be the other socket's, and the kernel would answer that
   port with this service's code.  Found by offload.corpus/
   two-services.c: the counter's program answered the echo service.  */
std::string
ambiguous_port (const socket_facts &sockets, const service &svc)
{
  if (svc.port > 0)
    return "";
  unsigned udp = 0;
  for (const service &s : sockets.services ())
    udp += strcmp (s.protocol, "udp") == 0;
  if (udp >= 2)
    return "its port is not known at link time and the program binds "
	   + std::to_string (udp) + " UDP sockets: the runtime could not "
	   "tell which bind is this service's";
  /* One service, but perhaps several sockets: a helper making them,
     called twice through another helper, is one service to
     lto/sockets.cc (offload.corpus/two-threads.c).  */
  std::set<cgraph_node *> seen;
  const fd_origin &o = sockets.origins ()[svc.origin];
  if (!svc.via && o.fn && runs_more_than_once_p (o.fn, seen))
    return "its port is not known at link time and its socket is made "
	   "by code that may run more than once: the runtime could not "
	   "tell which bind is this service's";
  return "";
}

/* Return true if every path of GROUP that replies is done, as far as
   KERNEL's requests can tell, when it replies (lto/completion.h).  */
bool
done_at_reply_p (const std::vector<request_path *> &group,
		 const event_loop &loop, const kernel_state &kernel)
{
  for (request_path *p : group)
    if (writes_after_reply_p (*p, loop, kernel))
      return false;
  return true;
}

/* The program serving REGION: SK_SKB for a STREAM (TCP) service, XDP
   otherwise (bpfgen/sk-skb.h, bpfgen/xdp.h).  */
bool
generate_program (bool stream, const request_region &region,
		  const std::map<gimple *, unsigned> &ends, std::string *source,
		  std::vector<shared_global> *shared,
		  std::map<gimple *, std::string> &refused, std::string *why)
{
  return stream
	 ? generate_sk_skb (region, ends, offload_opts.loop_bound, source,
			    shared, refused, why)
	 : generate_xdp (region, ends, offload_opts.loop_bound, source,
			 shared, refused, why);
}

/* Choose which feasible paths of GROUP to offload (lto/selection.h) and
   record the decision in A.  When some are left out, generate the
   program of REGION again, with them cut, into *SOURCE and *SHARED.
   Return false, with WHY, when that fails.  */
bool
select_and_cut (offload_analysis &a, const std::vector<request_path *> &group,
		bool stream, request_region &region,
		std::vector<shared_global> &shared,
		const std::map<gimple *, unsigned> &ends, std::string *source,
		std::string *why)
{
  std::set<tree> writable;
  for (const shared_global &g : shared)
    writable.insert (g.decl);
  receive_decision decision;
  std::map<gimple *, std::string> cuts
    = select_paths (group, region, writable, offload_opts.mode,
		    offload_opts.loop_bound, a.prog.profile_read (),
		    &decision);
  a.decisions.push_back (decision);
  if (cuts.empty ())
    return true;
  region.refusals.insert (cuts.begin (), cuts.end ());
  std::map<gimple *, std::string> refused = region.refusals;
  source->clear ();
  shared.clear ();
  return generate_program (stream, region, ends, source, &shared, refused,
			   why);
}

} // anon namespace

std::vector<generated_program>
generate_programs (offload_analysis &a)
{
  std::vector<generated_program> out;
  std::vector<request_path> &paths = a.paths.mutable_paths ();

  /* The paths of each receive share one region and one program.  */
  std::map<gimple *, std::vector<request_path *>> by_receive;
  std::vector<gimple *> receives;
  for (request_path &p : paths)
    {
      if (!by_receive.count (p.receive))
	receives.push_back (p.receive);
      by_receive[p.receive].push_back (&p);
    }

  for (gimple *receive : receives)
    {
      std::vector<request_path *> &group = by_receive[receive];
      request_path &first = *group[0];
      const service *svc = service_by_id (a.sockets, first.service);
      const event_loop *loop = loop_by_id (a.loops, first.event_loop);
      std::map<gimple *, std::string> refused;
      std::string source, why;
      std::vector<shared_global> shared;
      std::map<gimple *, unsigned> ends = number_ends (group);
      kernel_state kernel;
      bool made = false;
      request_region region;
      bool stream = svc && strcmp (svc->protocol, "tcp") == 0;
      if (svc && loop && (stream || strcmp (svc->protocol, "udp") == 0))
	{
	  if (stream)
	    build_stream_region (first, loop->fn, loop->loop, loop->wait_call,
				 region);
	  else
	    build_region (first, loop->fn, loop->loop, loop->wait_call,
			  region);
	  for (request_path *p : group)
	    region.reply_sends.insert (p->sends.begin (), p->sends.end ());
	  /* What the path search did not see is not judged, so the
	     kernel does not run it: at a call nested too deep it passes
	     the request up; a path longer than the search follows
	     (stopped at its receive) leaves no program at all.  */
	  why = ambiguous_port (a.sockets, *svc);
	  for (request_path *p : group)
	    if (p->unseen_at == receive)
	      why = "the analysis did not follow all of path "
		    + std::to_string (p->id);
	    else if (p->unseen_at)
	      region.unjudged[p->unseen_at] = p->unseen_why;
	  refused = region.refusals;
	  globals_touched (region.stmts, &kernel.read, &kernel.written);
	  made = why.empty ()
		 && generate_program (stream, region, ends, &source, &shared,
				      refused, &why);
	}
      for (request_path *p : group)
	{
	  judge_path (*p, a.sockets, refused);
	  if (p->verdict == "offloaded" && !made && !why.empty ())
	    {
	      add_path_reason (*p, receive, "starts requests the generator "
			       "cannot serve: " + why);
	      p->verdict = "infeasible";
	    }
	}
      if (made && !select_and_cut (a, group, stream, region, shared, ends,
				   &source, &why))
	{
	  made = false;
	  for (request_path *p : group)
	    if (p->verdict == "offloaded")
	      {
		add_path_reason (*p, receive, "starts requests the generator "
				 "cannot serve once the paths not worth "
				 "offloading are cut: " + why);
		p->verdict = "infeasible";
	      }
	}
      bool any = false;
      for (request_path *p : group)
	any |= p->verdict == "offloaded";
      if (!any || !made)
	continue;

      std::string stem = std::string (stream ? "offload-sk-skb-" : "offload-xdp-")
			 + std::to_string (first.service);
      std::vector<unsigned char> object;
      if (!compile_bpf (source, offload_opts.save_bpf_dir, stem, &object,
			&why))
	{
	  /* Our bug, not the user's: say so, and link the program as it
	     is.  */
	  warning_at (gimple_location (receive), 0,
		      "offload: the generated BPF program does not compile; "
		      "linking without it: %s", why.c_str ());
	  for (request_path *p : group)
	    if (p->verdict == "offloaded")
	      {
		add_path_reason (*p, receive, "starts requests whose BPF "
				 "program failed: it does not compile");
		p->verdict = "infeasible";
	      }
	  continue;
	}
      generated_program g;
      g.service = first.service;
      g.hook = stream ? "sk_skb" : "xdp";
      for (request_path *p : group)
	if (p->verdict == "offloaded")
	  {
	    p->hook = g.hook;
	    p->hook_reason = stream
	      ? "TCP: a reply from XDP or TC would break the connection's "
		"state, so the message is answered after the kernel's TCP "
		"processing, on the connection's socket"
	      : "UDP: request and reply are one datagram each, answered at "
		"the driver before the network stack";
	  }
      g.symbol = std::string (stream ? "offload_sk_skb_object_"
			      : "offload_xdp_object_")
		 + std::to_string (first.service);
      g.object_size = object.size ();
      for (request_path *p : group)
	if (p->verdict == "offloaded")
	  g.paths.push_back (p->id);
      tree object_decl = embed_object (g.symbol.c_str (), object);
      /* Order matters only when requests can change what later ones
	 read: with no writable globals, they cannot.  */
      unsigned long flags = shared.empty () ? 0 : SPLIT_PROGRAM_ORDERED;
      if (done_at_reply_p (group, *loop, kernel))
	flags |= SPLIT_PROGRAM_DONE_AT_REPLY;
      if (stream)
	flags |= SPLIT_PROGRAM_STREAM;
      register_program (g.symbol.c_str (), object_decl, shared,
			describe_ends (group, ends),
			svc->port > 0 ? svc->port : 0, flags);
      out.push_back (g);
    }
  return out;
}
