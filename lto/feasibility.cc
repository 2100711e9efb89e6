/* feasibility.cc -- the rules of feasibility.h.  */

#include "plugin/gcc-compat.h"
#include "lto/feasibility.h"
#include "lto/kernel-calls.h"
#include "lto/landmarks.h"
#include "lto/sockets.h"

namespace {

bool
float_type_p (tree type)
{
  return type && (FLOAT_TYPE_P (type) || TREE_CODE (type) == COMPLEX_TYPE
		  || TREE_CODE (type) == VECTOR_TYPE);
}

/* Return true if STMT computes with, loads or stores floating point.  */
bool
uses_float_p (gimple *stmt)
{
  for (unsigned i = 0; i < gimple_num_ops (stmt); i++)
    {
      tree op = gimple_op (stmt, i);
      if (op && float_type_p (TREE_TYPE (op)))
	return true;
    }
  /* Internal calls have no function type; their result is an
     operand, seen above.  */
  gcall *call = dyn_cast <gcall *> (stmt);
  if (call && !gimple_call_internal_p (call) && gimple_call_fntype (call))
    return float_type_p (gimple_call_return_type (call));
  return false;
}

/* Return true if the global DECL is defined by the program.  */
bool
defined_global_p (tree decl)
{
  varpool_node *node = varpool_node::get (decl);
  return node && node->definition && !DECL_EXTERNAL (decl);
}

/* Return true if TYPE is or holds a pointer.  */
bool
holds_pointer_p (tree type)
{
  if (POINTER_TYPE_P (type))
    return true;
  if (TREE_CODE (type) == ARRAY_TYPE)
    return holds_pointer_p (TREE_TYPE (type));
  if (RECORD_OR_UNION_TYPE_P (type))
    for (tree f = TYPE_FIELDS (type); f; f = DECL_CHAIN (f))
      if (TREE_CODE (f) == FIELD_DECL && holds_pointer_p (TREE_TYPE (f)))
	return true;
  return false;
}

/* Why the memory reference REF of STMT cannot be used in BPF, or "".  */
std::string
ref_refusal (tree ref)
{
  for (tree t = ref; handled_component_p (t); t = TREE_OPERAND (t, 0))
    if (TREE_CODE (t) == COMPONENT_REF
	&& DECL_BIT_FIELD (TREE_OPERAND (t, 1)))
      return "accesses the bit-field '"
	     + std::string (decl_name (TREE_OPERAND (t, 1)))
	     + "': bit-fields are not translated yet";
  tree base = get_base_address (ref);
  if (!base || TREE_CODE (base) != VAR_DECL || !is_global_var (base))
    return "";
  std::string name = std::string ("'") + decl_name (base) + "'";
  if (DECL_THREAD_LOCAL_P (base))
    return "uses the thread-local " + name
	   + ": BPF has no thread-local storage";
  if (!defined_global_p (base))
    return "uses " + name + ": it lives outside the program";
  if (!TREE_READONLY (base) && holds_pointer_p (TREE_TYPE (ref)))
    return "uses the pointer in " + name
	   + ": host pointers cannot live in a BPF map";
  return "";
}

/* Why the call STMT cannot run in BPF, or "".  */
std::string
call_refusal (gcall *call)
{
  if (gimple_call_internal_p (call))
    return std::string ("uses the internal operation '")
	   + internal_fn_name (gimple_call_internal_fn (call))
	   + "': it is not translated yet";
  tree fndecl = gimple_call_fndecl (call);
  if (!fndecl)
    return "calls through a pointer: the target is not known at link time";
  if (function_with_body (fndecl))
    return "";
  if (const landmark *l = landmark_of_call (call))
    {
      if (l->kind == LANDMARK_RECEIVE || l->kind == LANDMARK_SEND
	  || l->kind == LANDMARK_WAIT)
	return "";
      return std::string ("calls '") + decl_name (fndecl)
	     + "': system calls cannot run in BPF";
    }
  switch (kernel_call_of (fndecl))
    {
    case KCALL_NONE:
      return std::string ("calls '") + decl_name (fndecl) + "': "
	     + kernel_call_refusal (fndecl);
    case KCALL_CLOCK_GETTIME:
      {
	tree clock = gimple_call_arg (call, 0);
	/* CLOCK_MONOTONIC, the one clock BPF reads.  */
	if (!tree_fits_shwi_p (clock) || tree_to_shwi (clock) != 1)
	  return "calls 'clock_gettime' with a clock other than "
		 "CLOCK_MONOTONIC: only that clock has a BPF equivalent";
	return "";
      }
    default:
      return "";
    }
}

} // anon namespace

void
add_path_reason (request_path &path, gimple *where,
		 const std::string &what_why)
{
  std::string reason = reason_at (where, what_why);
  if (std::find (path.reasons.begin (), path.reasons.end (), reason)
      == path.reasons.end ())
    {
      path.reasons.push_back (reason);
      path.reason_locations.push_back (gimple_location (where));
    }
}

std::string
reason_at (gimple *stmt, const std::string &what_why)
{
  /* "what: why" becomes "what (file:line): why".  */
  std::string loc = location_string (gimple_location (stmt));
  size_t colon = what_why.find (": ");
  if (colon == std::string::npos)
    return what_why + " (" + loc + ")";
  return what_why.substr (0, colon) + " (" + loc + ")"
	 + what_why.substr (colon);
}

std::string
stmt_refusal (gimple *stmt)
{
  switch (gimple_code (stmt))
    {
    case GIMPLE_ASM:
      return "uses inline assembly: it cannot run in BPF";
    case GIMPLE_GOTO:
      return "jumps to a computed label: not translated";
    default:
      break;
    }
  if (uses_float_p (stmt))
    return "uses floating point: BPF has no floating point";
  if (gcall *call = dyn_cast <gcall *> (stmt))
    {
      std::string why = call_refusal (call);
      if (!why.empty ())
	return why;
    }
  if (is_gimple_assign (stmt) || is_gimple_call (stmt))
    for (unsigned i = 0; i < gimple_num_ops (stmt); i++)
      {
	tree op = gimple_op (stmt, i);
	if (op && TREE_CODE (op) == ADDR_EXPR)
	  op = TREE_OPERAND (op, 0);
	if (!op || !(REFERENCE_CLASS_P (op) || DECL_P (op)))
	  continue;
	std::string why = ref_refusal (op);
	if (!why.empty ())
	  return why;
      }
  return "";
}

unsigned long
frame_size (cgraph_node *fn)
{
  unsigned long bytes = 0;
  unsigned i;
  tree var;
  FOR_EACH_LOCAL_DECL (body_of (fn), i, var)
    if (TREE_CODE (var) == VAR_DECL && !is_global_var (var)
	&& !is_gimple_reg (var) && DECL_SIZE_UNIT (var)
	&& tree_fits_uhwi_p (DECL_SIZE_UNIT (var)))
      bytes += ROUND_UP (tree_to_uhwi (DECL_SIZE_UNIT (var)), 8);
  return bytes;
}

void
judge_path (request_path &path, const socket_facts &sockets,
	    const std::map<gimple *, std::string> &refused)
{
  path.reasons.clear ();
  path.reason_locations.clear ();
  const service *svc = NULL;
  for (const service &s : sockets.services ())
    if (s.id == path.service)
      svc = &s;
  if (!svc)
    add_path_reason (path, path.receive, "receives on a socket of no "
				 "known service: the kernel cannot tell its "
				 "packets");
  else if (strcmp (svc->protocol, "udp") != 0
	   && strcmp (svc->protocol, "tcp") != 0)
    add_path_reason (path, path.receive,
				 std::string ("receives on a ")
				 + svc->protocol + " socket: only UDP and "
				 "TCP are offloaded");
  bool stream = svc && strcmp (svc->protocol, "tcp") == 0;
  const landmark *l = landmark_of_call (path.receive);
  if (l && l->msghdr_arg >= 0)
    add_path_reason (path, path.receive, std::string ("receives with '")
				 + l->name + "': message headers are not "
				 "translated yet");
  for (gimple *op : path.io_ops)
    add_path_reason (path, op, "does I/O on another socket: only the "
				 "reply to the request can be sent from BPF");
  for (gimple *again : path.more_receives)
    add_path_reason (path, again, stream
		     ? "receives again on the connection: the kernel cannot "
		       "frame such messages; it sees one chunk at a time, "
		       "and frames it only through the program's own "
		       "parsing of one read into its per-connection buffers"
		     : "receives again on the request's socket: a request "
		       "must arrive in one datagram");
  for (gimple *send : path.sends)
    {
      const landmark *s = landmark_of_call (send);
      if (s && !stream && strcmp (s->name, "sendto") != 0)
	add_path_reason (path, send, std::string ("replies with '")
				     + s->name + "': only sendto replies "
				     "are generated so far");
      else if (s && stream && strcmp (s->name, "send") != 0
	       && strcmp (s->name, "write") != 0)
	add_path_reason (path, send, std::string ("replies with '")
				     + s->name + "': only send and write "
				     "replies are generated on TCP so far");
    }
  /* Found by offload.corpus/deep-calls.c: a chain of 40 calls was
     offloaded as a drop, its reply never seen.  */
  if (path.unseen_at)
    add_path_reason (path, path.unseen_at, path.unseen_why);
  for (gimple *call : path.recursive_calls)
    add_path_reason (path, call, "makes a recursive call: BPF has no "
				 "recursion");
  std::vector<gimple *> stmts (path.stmts.begin (), path.stmts.end ());
  std::stable_sort (stmts.begin (), stmts.end (), [] (gimple *a, gimple *b) {
    return location_less (gimple_location (a), gimple_location (b));
  });
  for (gimple *stmt : stmts)
    {
      auto r = refused.find (stmt);
      std::string why = r != refused.end () ? r->second : stmt_refusal (stmt);
      if (!why.empty ())
	add_path_reason (path, stmt, why);
    }
  path.verdict = path.reasons.empty () ? "offloaded" : "infeasible";
}
