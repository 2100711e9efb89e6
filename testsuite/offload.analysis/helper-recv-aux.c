/* The receive helper of helper-recv.c, in a translation unit of its own:
   it reads one datagram and remembers where it came from.  */

#include <sys/socket.h>
#include <sys/types.h>

#include "helper-recv.h"

ssize_t
receive_request (int fd, struct request *req)
{
  req->peer_len = sizeof req->peer;
  ssize_t n = recvfrom (fd, req->data, sizeof req->data, 0,
			(struct sockaddr *) &req->peer, &req->peer_len);
  if (n >= 0)
    req->len = (size_t) n;
  return n;
}
