/* Shared between helper-recv.c and helper-recv-aux.c.  */

#ifndef HELPER_RECV_H
#define HELPER_RECV_H

#include <netinet/in.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/types.h>

struct request
{
  unsigned char data[256];
  size_t len;
  struct sockaddr_in peer;
  socklen_t peer_len;
};

ssize_t receive_request (int fd, struct request *req);

#endif
