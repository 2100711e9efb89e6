/* benefit.cc -- the cost model of benefit.h.  */

#include "plugin/gcc-compat.h"
#include "lto/benefit.h"
#include "lto/costs.h"

namespace {

/* BPF instructions for work W.  */
double
bpf_insns (const work_counts &w, const cost_model &c)
{
  return w.stmts * c.bpf_insns_per_stmt + w.accesses * c.bpf_insns_per_access
	 + w.libcalls * c.bpf_insns_per_libcall;
}

/* N rounded for a reason text: "1,234".  */
std::string
ns_text (double n)
{
  long v = (long) (n < 0 ? n - 0.5 : n + 0.5);
  std::string digits = std::to_string (v < 0 ? -v : v), out;
  for (size_t i = 0; i < digits.size (); i++)
    {
      if (i && (digits.size () - i) % 3 == 0)
	out += ",";
      out += digits[i];
    }
  return (v < 0 ? "-" : "") + out;
}

} // anon namespace

path_estimate
estimate_path (const request_path &path, const cost_model &c,
	       unsigned loop_bound, bool ordered, bool writes_shared,
	       unsigned shared_globals)
{
  path_estimate e;
  e.path = path.id;
  e.frequency = path.frequency;
  e.work = estimate_path_work (path, loop_bound);
  const work_counts &u = e.work.user;
  e.user_ns = c.user_request_ns + (u.stmts + u.accesses) * c.user_stmt_ns
	      + u.libcalls * c.user_ns_per_libcall;
  double order = ordered ? c.order_ns : 0;
  e.pass_ns = c.xdp_run_ns + c.bpf_insns_prologue * c.bpf_insn_ns + order;
  e.kernel_ns = c.xdp_run_ns
		+ (c.bpf_insns_prologue + bpf_insns (e.work.kernel, c))
		  * c.bpf_insn_ns
		+ shared_globals * c.map_access_ns + order
		+ (writes_shared ? c.sync_commit_ns : 0);
  /* Given up, the request costs its kernel work on top of userspace.  */
  e.benefit_ns = e.work.over_bound ? -e.kernel_ns : e.user_ns - e.kernel_ns;
  return e;
}

double
held_share (const std::vector<path_estimate> &estimates,
	    const std::set<int> &selected, bool ordered, double in_flight)
{
  if (!ordered || in_flight <= 1 || selected.empty ())
    return 0;
  /* The requests that go up by themselves: on paths left out, or over
     the loop bound.  */
  double up = 0;
  for (const path_estimate &e : estimates)
    if (!selected.count (e.path) || e.work.over_bound)
      up += e.frequency;
  up = MIN (MAX (up, 0.0), 1.0);
  /* (1 - UP) to the power IN_FLIGHT - 1: each request before this one
     stayed in the kernel.  */
  double all_stayed = 1;
  for (int i = 1; i < (int) MIN (in_flight, 4096.0); i++)
    all_stayed *= 1 - up;
  return 1 - all_stayed;
}

double
receive_gain (const std::vector<path_estimate> &estimates,
	      const std::set<int> &selected, double held)
{
  if (selected.empty ())
    return 0;
  double gain = 0;
  for (const path_estimate &e : estimates)
    gain += e.frequency * (selected.count (e.path)
			   ? (1 - held) * e.benefit_ns - held * e.pass_ns
			   : -e.pass_ns);
  return gain;
}

std::string
not_beneficial_reason (const path_estimate &e, unsigned loop_bound,
		       bool measured)
{
  char rounds[32];
  snprintf (rounds, sizeof rounds, "%.1f", e.work.max_rounds);
  if (e.work.over_bound)
    return "is not worth offloading: its loop ("
	   + location_string (e.work.max_rounds_location)
	   + ") runs " + rounds + " rounds per entry ("
	   + (measured ? "measured" : "estimated") + "), over the loop bound "
	   + std::to_string (loop_bound) + ": its requests would go up after "
	   + ns_text (e.kernel_ns) + " ns in the kernel";
  return "is not worth offloading: it would cost " + ns_text (e.kernel_ns)
	 + " ns per request in the kernel against " + ns_text (e.user_ns) + " ns in userspace, a "
	 "saving of " + ns_text (e.benefit_ns) + " ns, no more than the "
	 + ns_text (e.pass_ns) + " ns of passing its requests up";
}
