/* landmarks.h -- the POSIX calls that reveal a server's structure
   (Table 1 of the paper), recognised by their callee.

   A call is a landmark only when its callee has no body in the program:
   the C library's `recv', not a user function that happens to share its
   name.  The fortified variants glibc substitutes under
   _FORTIFY_SOURCE count as the calls they stand for.  */

#ifndef OFFLOAD_LANDMARKS_H
#define OFFLOAD_LANDMARKS_H

enum landmark_kind
{
  LANDMARK_SOCKET,	/* socket: a new service socket.  */
  LANDMARK_BIND,	/* bind: the service address.  */
  LANDMARK_LISTEN,	/* listen: a TCP service.  */
  LANDMARK_ACCEPT,	/* accept, accept4: a TCP connection.  */
  LANDMARK_WAIT,	/* poll, select, epoll_wait ...: the event loop.  */
  LANDMARK_RECEIVE,	/* recv, recvfrom, read, recvmsg: a request.  */
  LANDMARK_SEND,	/* send, sendto, write, sendmsg: a reply.  */
  LANDMARK_OPEN_FD	/* open, epoll_create ...: a descriptor that is
			   not a socket, so I/O on it is not a request.  */
};

/* What the analysis needs to know about one landmark function.  */
struct landmark
{
  const char *name;		/* As the program calls it (`recvfrom').  */
  landmark_kind kind;
  int fd_arg;			/* Argument holding the descriptor, or -1.  */
  int buffer_arg;		/* Data buffer, or -1 (none or via msghdr).  */
  int length_arg;		/* Buffer length, or -1.  */
  int address_arg;		/* sockaddr (peer or bound), or -1.  */
  int msghdr_arg;		/* struct msghdr *, or -1.  */
};

/* The landmark CALL makes, or NULL if CALL is not a landmark.  */
const landmark *landmark_of_call (const gimple *call);

/* Return true if STMT is a call to a landmark of kind KIND.  */
bool landmark_call_p (const gimple *stmt, landmark_kind kind);

#endif /* OFFLOAD_LANDMARKS_H */
