/* sockets.h -- which descriptor each I/O call uses, and the services.

   A flow-insensitive whole-program data flow over cells (cells.h)
   follows descriptors from the calls that create them (socket, accept,
   open ...) and from integer constants to every receive and send.  A
   socket made by a helper function is told apart per call of the helper
   (`created via'), so a `make_socket (port)' called twice gives two
   services.  */

#ifndef OFFLOAD_SOCKETS_H
#define OFFLOAD_SOCKETS_H

#include "lto/program.h"

/* Where a descriptor can come from.  */
struct fd_origin
{
  enum kind_t { SOCKET, ACCEPT, OTHER_FD, CONSTANT_FD } kind;
  /* The socket/accept/open call, NULL for a constant.  */
  gimple *call;
  /* The function containing CALL.  */
  cgraph_node *fn;
  /* The call of the function that returned it, or NULL.  */
  gimple *via;
  /* The constant, for CONSTANT_FD.  */
  long constant;
  /* For ACCEPT: the origins of the listening socket.  */
  std::set<int> listeners;
};

typedef std::set<int> origin_set;

/* A bound socket the program serves requests on.  */
struct service
{
  int id;
  int origin;			/* Index into socket_facts::origins.  */
  gimple *socket_call;
  gimple *via;			/* Set only when one socket () serves several
				   services.  */
  gimple *bind_call;
  const char *protocol;		/* "udp", "tcp" or "unknown".  */
  const char *family;		/* "ipv4", "ipv6" or "unknown".  */
  std::string address;		/* Empty when not known.  */
  long port;			/* -1 when not known.  */
};

class socket_facts
{
public:
  /* Trace descriptors over PROG and find its services.  */
  void analyse (const program &prog);

  /* The origins of the descriptor in argument ARG of CALL.  */
  origin_set fd_argument (const gimple *call, int arg);

  /* Return true if a receive on ORIGINS can be a request arrival: it may
     be a socket, or nothing is known about it.  */
  bool request_socket_p (const origin_set &origins) const;

  /* Return true if descriptors with origins A and B can be the same.  */
  bool same_socket_p (const origin_set &a, const origin_set &b) const;

  /* The service (its id) a descriptor with ORIGINS belongs to, or 0.  */
  int service_of (const origin_set &origins) const;

  const std::vector<service> &services () const { return m_services; }
  const std::vector<fd_origin> &origins () const { return m_origins; }

private:
  int intern (const fd_origin &o);
  origin_set value_of (tree op);
  void link_address_argument (tree arg);
  origin_set retag_returned (const origin_set &values, cgraph_node *callee,
			     gimple *call);
  void add_service (int origin, function *bind_fn, gimple *bind_call,
		    gimple *context);
  bool compatible_p (int a, int b) const;
  bool add (tree cell, const origin_set &values);
  bool transfer (cgraph_node *fn, gimple *stmt);
  void find_services (const program &prog);

  std::vector<fd_origin> m_origins;
  std::map<tree, origin_set> m_cells;
  std::vector<service> m_services;
};

#endif /* OFFLOAD_SOCKETS_H */
