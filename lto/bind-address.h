/* bind-address.h -- the address a `bind' call gives its socket.

   Servers fill a local `struct sockaddr_in' or `sockaddr_in6' field by
   field (or zero it and set the port) and pass its address to bind.  We
   rebuild the structure's bytes from the constant stores into it in the
   function that calls bind, then read the family, port and address.  */

#ifndef OFFLOAD_BIND_ADDRESS_H
#define OFFLOAD_BIND_ADDRESS_H

struct bound_address
{
  long port;			/* -1 when not known.  */
  std::string address;		/* Empty when not known.  */
  const char *family;		/* "ipv4", "ipv6" or NULL when not known.  */
};

/* The address BIND_CALL in function FN binds; parameters are read at
   call CONTEXT.  */
bound_address bound_address_of (function *fn, gimple *bind_call,
				gimple *context);

#endif /* OFFLOAD_BIND_ADDRESS_H */
