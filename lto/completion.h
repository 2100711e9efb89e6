/* completion.h -- is a request done once its reply is sent?

   Request order (bpfgen/runtime/xdp-order.h) needs to know when
   userspace has finished a request it was passed: until then the kernel
   passes every later request up too.  The runtime learns it when the
   program comes back to its wait or receive call; but the client, which
   has the reply by then, may already have sent the next request, which
   then goes up as well, and so on.  When nothing between a path's reply
   and its return to the event loop touches the program's state, the
   request is done at the reply, and the runtime may say so there.  */

#ifndef OFFLOAD_COMPLETION_H
#define OFFLOAD_COMPLETION_H

struct request_path;
struct event_loop;

/* The globals the kernel's program reads and writes.  */
struct kernel_state
{
  std::set<tree> read, written;
};

/* Return true if, on path P of event loop LOOP,
   something after the reply may conflict with a later request that
   KERNEL answers: a store to a global it reads or writes, a load of a
   global it writes, memory through a pointer, a call to a function of
   the program, or a call given a pointer to anything but constants.
   Also true when the reply is made where this cannot tell (outside the
   functions from the event loop down to the receive).  Leaving the
   event loop ends the search.  */
bool writes_after_reply_p (const request_path &p, const event_loop &loop,
			   const kernel_state &kernel);

#endif /* OFFLOAD_COMPLETION_H */
