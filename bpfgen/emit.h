/* emit.h -- GIMPLE to C for bpf-gcc, statement by statement.

   The generated C mirrors GIMPLE: SSA names become locals, blocks become
   labels, PHI nodes become copies on the edges, every memory reference
   becomes a checked access at a program address (runtime/xdp-memory.h).
   A statement that cannot run in the kernel becomes a fallback: the
   request goes up to userspace untouched.  Loops get an iteration bound
   with a fallback past it.

   Functions the request region calls are emitted whole.  The functions
   of the region's chain are emitted as resume functions: from the
   statement after the receive (or after the call into the next chain
   function) to the end of the request or their return.  The hook
   (bpfgen/xdp.cc) supplies what the landmark calls mean.  */

#ifndef OFFLOAD_BPFGEN_EMIT_H
#define OFFLOAD_BPFGEN_EMIT_H

#include "lto/region.h"
#include "bpfgen/layout.h"

/* What the hook does for a landmark call.  */
class landmark_translator
{
public:
  virtual ~landmark_translator () {}
  /* Append to OUT the C for the send STMT (the reply); C_LHS is the C
     lvalue for its result, or NULL.  Return false if it cannot.  */
  virtual bool emit_send (gcall *stmt, const std::string &buf,
			  const std::string &len, const std::string &flags,
			  const std::string &dest, const char *c_lhs,
			  std::string &out) = 0;
  /* Return true if a reply send through the call NAME is the hook's to
     translate (emit_send); the others pass the request up.  */
  virtual bool reply_call_p (const char *name)
  { return strcmp (name, "sendto") == 0; }
};

class c_emitter
{
public:
  c_emitter (const request_region &region, memory_layout &layout,
	     landmark_translator &hook, unsigned loop_bound);

  /* Emit every function the region needs; the C goes to the text
     returned by functions ().  Return false if the region cannot be
     emitted at all (WHY says why).  */
  bool emit_all (std::string *why);

  const std::string &functions () const { return m_out; }
  /* Declarations, to put before the functions.  */
  const std::string &prototypes () const { return m_protos; }

  /* The C expression for the value the known GENERIC tree T has.  */
  std::string known_expr (tree t);

  /* The C name of the resume function of chain level I (0 is the event
     loop's function).  */
  std::string resume_name (size_t level) const;

  /* Statements the generator could not translate, with the reason.  */
  const std::map<gimple *, std::string> &refused () const
  { return m_refused; }

  /* The C type for TYPE ("__u32" ...), or "" if there is none.  */
  static std::string c_type (tree type);
  static std::string c_move_type (tree type);

private:
  struct fn_state;
  bool emit_function (cgraph_node *fn, int level);
  void emit_block (fn_state &st, basic_block bb, gimple_stmt_iterator from);
  void emit_stmt (fn_state &st, gimple *stmt);
  void emit_jump (fn_state &st, edge e);
  const std::vector<tree> &loop_outputs (fn_state &st, class loop *loop);
  void emit_edges (fn_state &st);
  bool emit_assign (fn_state &st, gassign *stmt, std::string &out);
  bool emit_call (fn_state &st, gcall *stmt, std::string &out);
  bool emit_kernel_call (fn_state &st, gcall *stmt, std::string &out);
  bool emit_return (fn_state &st, greturn *stmt, std::string &out);
  std::string operand (fn_state &st, tree op);
  std::string address_of (fn_state *st, tree ref);
  std::string generic (fn_state *st, tree t);
  bool load (fn_state &st, tree ref, const std::string &dest,
	     std::string &out);
  bool store (fn_state &st, tree ref, const std::string &value,
	      std::string &out);
  /* Where addresses point (emit.cc).  */
  struct region_unit;
  void infer_regions (const std::vector<cgraph_node *> &callees);
  bool infer_unit (region_unit &u);
  int region_of_value (region_unit &u, tree t);
  int region_of_stmt (region_unit &u, gimple *stmt);
  int region_of_ref (fn_state &st, tree ref);
  std::string fail_text (const char *why) const;
  bool refuse (gimple *stmt, const std::string &what_why);
  std::string fn_name (cgraph_node *fn) const;

  const request_region &m_region;
  memory_layout &m_layout;
  landmark_translator &m_hook;
  unsigned m_loop_bound;
  std::string m_out, m_protos;
  std::map<gimple *, std::string> m_refused;
  std::string m_error;
  /* A complete "what: why" for the statement being emitted, when a
     helper knows better than the generic words.  */
  std::string m_what;
  /* Functions emit_function could not translate, with why.  */
  std::map<cgraph_node *, std::string> m_untranslated;
  std::set<gimple *> m_recursive_calls;
  /* What infer_regions found: for each function and chain level (-1
     for a whole function), the region of each SSA name; and for the
     parameters and results of whole functions, the region every call
     agrees on.  */
  std::map<std::pair<cgraph_node *, int>, std::map<tree, int>> m_regions;
  std::map<tree, int> m_param_regions;
  std::map<cgraph_node *, int> m_return_regions;
};

#endif /* OFFLOAD_BPFGEN_EMIT_H */
